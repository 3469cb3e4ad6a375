/// Training: enrollment, check-ins, supportive services, completion or withdrawal, credentials.
extension Simulation {
    static let dataSteward = "staff:data-steward-01"

    mutating func enroll(_ person: Int, in index: Int, on day: Int) {
        let spec = programs[index].spec
        people[person].serial += 1
        let serial = people[person].serial
        people[person].stage = .enrolled
        people[person].program = index
        people[person].enrollDay = day
        programs[index].ledgerActive += 1
        let minute = localMinute(day, from: 8, to: 10)
        let line = enrollmentLine(person, program: index, day: day, minute: minute)
        var earliestEnd = day + 2
        if rng.chance(0.004), let wrong = wrongProgram(for: person, instead: index) {
            // The provider's clerk picks the wrong program; a data steward voids it the next week and appends
            // the enrollment the participant really had, with its true date.
            let wrongLine = enrollmentLine(person, program: wrong, day: day, minute: minute)
            let wrongId = "enr-\(people[person].number)-\(people[person].counter)"
            let batch = emit(wrongLine, day: day, minute: minute)
            programs[wrong].ledgerActive += 1
            let voidDay = firstDay(ofWeek: batch + 1) + rng.int(in: 0...3)
            corrections.append(
                Correction(
                    person: person, targetEventId: wrongId, reason: "enrolled in the wrong program", reappend: line,
                    freesSeatIn: wrong))
            schedule(.correction(corrections.count - 1), on: voidDay)
            earliestEnd = voidDay + 7
        } else {
            emit(line, day: day, minute: minute)
        }
        // Incumbent workers keep their job; others often quit a low-wage job to train.
        if !spec.trainsIncumbents, let current = people[person].spells.lastIndex(where: { $0.end > day }),
            people[person].spells[current].start <= day, rng.chance(0.5)
        {
            people[person].spells[current].end = day
        }
        if spec.individualTuition {
            assignFund(person, program: index)
            chargeTuition(person, program: index, on: day)
        } else {
            people[person].fund = -1
        }
        if spec.isOnTheJob { hire(person, program: index, on: day) }
        planTraining(person, program: index, serial: serial, day: day, earliestEnd: earliestEnd)
    }

    /// The `participant.enrolled` line (takes the next event id).
    mutating func enrollmentLine(_ person: Int, program: Int, day: Int, minute: Int) -> [UInt8] {
        var line = EventLineWriter(
            type: "participant.enrolled", eventId: people[person].nextEventId("enr"), day: day, minuteOfDay: minute,
            localTime: true, actor: programs[program].spec.providerActor)
        line.string("participantId", people[person].id)
        line.string("programId", programs[program].id)
        return line.finish()
    }

    /// Another program of the same provider (else sector) with a seat free in the ledger, if any.
    func wrongProgram(for person: Int, instead index: Int) -> Int? {
        let spec = programs[index].spec
        var fallback: Int?
        for (other, state) in programs.enumerated() where other != index && state.launched && !state.closed {
            guard state.ledgerActive < state.capacityThisWeek, canEnroll(person, in: other),
                people[person].lastEndedProgram != other
            else { continue }
            if state.spec.provider == spec.provider { return other }
            if fallback == nil && sameText(state.spec.sector, spec.sector) { fallback = other }
        }
        return fallback
    }

    /// Decides how the training ends and schedules check-ins, supportive services and the ending.
    mutating func planTraining(_ person: Int, program index: Int, serial: Int, day: Int, earliestEnd: Int) {
        let spec = programs[index].spec
        let flags = people[person].flags
        var completion = 0.775
        if flags.contains(.reentry) { completion -= 0.06 }
        if flags.contains(.opportunityYouth) { completion -= 0.07 }
        if flags.contains(.homeless) { completion -= 0.1 }
        if flags.contains(.singleParent) { completion -= 0.03 }
        if spec.trainsIncumbents || spec.isOnTheJob { completion += 0.08 }
        if spec.weeks >= 30 { completion -= 0.07 } else if spec.weeks <= 6 { completion += 0.04 }
        let completes = rng.chance(completion)
        let lastDay = day + spec.weeks * 7 - 3
        var end: Int
        if completes {
            end = max(lastDay, earliestEnd)
        } else {
            let u = rng.unit()
            end = day + 2 + Int(Double(spec.weeks * 7 - 6) * u * u)
            end = max(end, earliestEnd)
        }
        people[person].completes = completes
        people[person].plannedEndDay = end
        schedule(.endTraining(person, serial: serial), on: end)
        // Case managers check in about every two to three weeks during training.
        var checkIn = day + rng.int(in: 10...18)
        while checkIn < end - 3 {
            if rng.chance(0.85) { schedule(.checkIn(person, serial: serial), on: checkIn) }
            checkIn += rng.int(in: 14...21)
        }
        planSupport(person, serial: serial, spec: spec, from: day, to: end)
        planSkillGains(person, program: index, serial: serial, from: day, to: end)
    }

    /// About half of all participants get supportive services: transportation most, then childcare,
    /// fees and other support, work supplies; housing help for some who are homeless. $200-1,500 each.
    mutating func planSupport(_ person: Int, serial: Int, spec: ProgramSpec, from start: Int, to end: Int) {
        let flags = people[person].flags
        var probability = 0.47
        if flags.contains(.lowIncome) { probability += 0.17 }
        if flags.contains(.singleParent) { probability += 0.2 }
        if flags.contains(.homeless) || flags.contains(.reentry) { probability += 0.1 }
        if spec.trainsIncumbents { probability = 0.12 }
        guard rng.chance(probability) else { return }
        let months = max(1, (end - start) / 30)
        var any = false
        if rng.chance(0.72) {
            any = true
            for month in 0..<min(months, 10) where month == 0 || rng.chance(0.8) {
                scheduleSupport(person, serial, .transportation, 20_000...60_000, on: start + month * 30 + rng.int(in: 0...6))
            }
        }
        if rng.chance(flags.contains(.singleParent) ? 0.75 : 0.12) {
            any = true
            for month in 0..<min(months, 10) where month == 0 || rng.chance(0.85) {
                scheduleSupport(person, serial, .childcare, 50_000...150_000, on: start + month * 30 + rng.int(in: 0...6))
            }
        }
        if rng.chance(0.3) {
            any = true
            scheduleSupport(person, serial, .otherSupportive, 20_000...45_000, on: max(start + 1, end - rng.int(in: 3...20)))
        }
        if rng.chance(0.22) {
            any = true
            scheduleSupport(person, serial, .workSupplies, 20_000...70_000, on: start + rng.int(in: 0...5))
        }
        if flags.contains(.homeless) && rng.chance(0.5) {
            any = true
            scheduleSupport(person, serial, .housing, 80_000...150_000, on: start + rng.int(in: 0...10))
        }
        if !any { scheduleSupport(person, serial, .transportation, 20_000...40_000, on: start + rng.int(in: 0...6)) }
    }

    private mutating func scheduleSupport(
        _ person: Int, _ serial: Int, _ kind: SupportKind, _ cents: ClosedRange<Int>, on day: Int
    ) {
        guard day < people[person].plannedEndDay || day == people[person].enrollDay else { return }
        let amount = rng.int(in: (cents.lowerBound / 500)...(cents.upperBound / 500)) * 500
        schedule(.supportive(person, serial: serial, kind: kind, amount: amount), on: day)
    }

    mutating func grantSupport(_ person: Int, serial: Int, kind: SupportKind, amount: Int, on day: Int) {
        guard people[person].serial == serial else { return }
        let manager = people[person].caseManager
        let actor = manager >= 0 ? caseManagers[manager].actor : "staff:intake-team"
        let fund = supportFund(person)
        if let fund { funds[fund].spent += amount }
        func line(_ sim: inout Simulation) -> [UInt8] {
            var line = EventLineWriter(
                type: "participant.service_granted", eventId: sim.people[person].nextEventId("svc"), day: day,
                minuteOfDay: sim.localMinute(day), localTime: true, actor: actor)
            line.string("participantId", sim.people[person].id)
            line.code("service", kind.code)
            line.integer("amountCents", amount)
            if let fund { line.string("fundId", sim.funds[fund].spec.id) }
            return line.finish()
        }
        let late = lateness(0.1, maximum: 3)
        let batch = emit(line(&self), day: day, minute: 0, lateWeeks: late, sortKey: day * 1440 + 900)
        if rng.chance(0.008) {
            // Keyed twice; the duplicate is voided a few weeks later.
            let duplicateId = "svc-\(people[person].number)-\(people[person].counter + 1)"
            emit(line(&self), day: day, minute: 0, lateWeeks: late, sortKey: day * 1440 + 901)
            corrections.append(
                Correction(
                    person: person, targetEventId: duplicateId, reason: "duplicate entry of a supportive service",
                    reappend: nil, freesSeatIn: -1))
            schedule(.correction(corrections.count - 1), on: firstDay(ofWeek: batch + rng.int(in: 1...4)) + rng.int(in: 0...4))
        }
    }

    /// A case-management contact (participation-causing) during training or while waitlisted.
    mutating func checkIn(_ person: Int, serial: Int, on day: Int) {
        guard people[person].serial == serial else { return }
        let stage = people[person].stage
        guard stage == .enrolled || stage == .waitlisted else { return }
        participationService(person, code: "case_management", on: day, lateWeeks: lateness(0.05, maximum: 2))
        if stage == .waitlisted && rng.chance(0.5) {
            schedule(.checkIn(person, serial: serial), on: day + rng.int(in: 20...40))
        }
    }

    mutating func endTraining(_ person: Int, serial: Int, on day: Int) {
        guard people[person].serial == serial, people[person].stage == .enrolled else { return }
        let index = people[person].program
        let spec = programs[index].spec
        let completes = people[person].completes
        var reason = ""
        if !completes {
            reason = ReferenceTables.withdrawalReasons[rng.pick(weights: ReferenceTables.withdrawalReasons.map(\.weight))].reason
        }
        var line = EventLineWriter(
            type: completes ? "participant.training_completed" : "participant.training_withdrawn",
            eventId: people[person].nextEventId(completes ? "done" : "wd"), day: day,
            minuteOfDay: localMinute(day, from: 12, to: 17), localTime: true, actor: spec.providerActor)
        line.string("participantId", people[person].id)
        line.string("programId", programs[index].id)
        if !completes { line.string("reason", reason) }
        let late = completes ? lateness(0.2, maximum: 4) : lateness(0.3, maximum: 6)
        let batch = emit(line.finish(), day: day, minute: 0, lateWeeks: late)
        if batch < weekCount { seatsFreedByBatch[batch].append(index) }
        people[person].lastEndedProgram = index
        people[person].lastEndBatch = batch
        people[person].lastParticipationDay = max(people[person].lastParticipationDay, day)
        people[person].stage = .searching
        people[person].program = -1
        afterTraining(person, program: index, completed: completes, withdrawalReason: reason, on: day)
    }

    /// Credentials, exclusions, job search and placement after the training ends.
    mutating func afterTraining(_ person: Int, program index: Int, completed: Bool, withdrawalReason: String, on day: Int) {
        let spec = programs[index].spec
        let serial = people[person].serial
        let employed = people[person].isEmployed(on: day)
        var hireDay = Int.max
        if completed {
            if spec.isOnTheJob { retainAfterOnTheJob(person, on: day) }
            if sameText(spec.trainingType, "apprenticeship") {
                // Year one of the apprenticeship done: an interim milestone, not the apprenticeship certificate.
                emitSkillGain(person, program: index, gain: .trainingMilestone, on: day)
            }
            if rng.chance(spec.credentialShare) {
                schedule(.credential(person, program: index, main: true), on: day + rng.int(in: 0...45))
            } else if rng.chance(0.75) {
                schedule(.credential(person, program: index, main: false), on: day + rng.int(in: 0...10))
            }
            if spec.trainsIncumbents {
                if rng.chance(0.3) { hireDay = day + rng.int(in: 7...90) }
            } else if !spec.isOnTheJob || !employed, rng.chance(spec.weeks >= 30 ? 0.86 : 0.78) {
                // Long programs (apprenticeships, practical nursing) lead to jobs their employers wait for.
                let u = rng.unit()
                hireDay = day + 3 + Int(130.0 * u * u)
            }
            if rng.chance(0.004) {
                schedule(
                    .exclusion(person, reason: rng.chance(0.7) ? .healthMedical : .deceased), on: day + rng.int(in: 30...300))
            }
        } else {
            if spec.isOnTheJob, let job = people[person].spells.lastIndex(where: { $0.end > day }), rng.chance(0.8) {
                people[person].spells[job].end = day  // leaving on-the-job training mostly means leaving the job
            }
            if withdrawalReason == "found employment before completing" {
                hireDay = max(people[person].enrollDay + 1, day - rng.int(in: 0...7))
            } else if !employed && rng.chance(0.22) {
                hireDay = day + rng.int(in: 20...200)
            }
            let health = withdrawalReason == "health reasons"
            if (health || withdrawalReason == "family or childcare responsibilities") && hireDay == Int.max
                && !people[person].isEmployed(on: day) && rng.chance(0.3)
            {
                planReturnToTraining(person, reason: health ? .healthMedical : .familyCare, from: day)
                return
            }
            if health && rng.chance(0.35) {
                schedule(.exclusion(person, reason: .healthMedical), on: day + rng.int(in: 0...20))
            } else if rng.chance(0.02) {
                let flags = people[person].flags
                let reason: ExclusionReason =
                    flags.contains(.reentry)
                    ? .institutionalized
                    : flags.contains(.veteran)
                        ? .reserveForcesCalled
                        : flags.contains(.opportunityYouth) ? .fosterCare : .healthMedical
                schedule(.exclusion(person, reason: reason), on: day + rng.int(in: 0...30))
            }
        }
        if hireDay <= day {
            hire(person, program: index, on: hireDay)  // hired before leaving training
        } else if hireDay != Int.max {
            schedule(.hire(person, program: index), on: hireDay)
        }
        // Job-search assistance until hired (participation-causing: it keeps the period open).
        var last = day
        if !spec.trainsIncumbents && !spec.isOnTheJob {
            var session = day + rng.int(in: 3...10)
            var sessions = completed ? rng.int(in: 2...6) : rng.int(in: 0...3)
            while sessions > 0 && session < hireDay {
                schedule(.jobSearch(person, serial: serial), on: session)
                last = session
                session += rng.int(in: 7...14)
                sessions -= 1
            }
        }
        schedule(.exitCheck(person, serial: serial), on: last + 91)
    }

    mutating func awardCredential(_ person: Int, program index: Int, main: Bool, on day: Int) {
        let spec = programs[index].spec
        var line = EventLineWriter(
            type: "participant.credential_earned", eventId: people[person].nextEventId("cred"), day: day,
            minuteOfDay: localMinute(day), localTime: true, actor: spec.providerActor)
        line.string("participantId", people[person].id)
        line.string("credential", main ? spec.credential : "\(spec.name) Certificate of Completion")
        line.code("credentialType", main ? spec.credentialType : "certificate_of_completion")
        if rng.chance(0.9) { line.string("programId", programs[index].id) }
        emit(line.finish(), day: day, minute: 0, lateWeeks: lateness(0.4, maximum: 6))
    }

    mutating func excludeFromExit(_ person: Int, reason: ExclusionReason, on day: Int) {
        let manager = people[person].caseManager
        var line = EventLineWriter(
            type: "participant.exit_excluded", eventId: people[person].nextEventId("excl"), day: day,
            minuteOfDay: localMinute(day), localTime: true,
            actor: manager >= 0 ? caseManagers[manager].actor : "staff:intake-team")
        line.string("participantId", people[person].id)
        line.code("reason", reason.code)
        emit(line.finish(), day: day, minute: 0, lateWeeks: lateness(0.5, maximum: 8))
    }
}
