/// Intake: registration through the portal, case managers, advising, matching, waitlists.
extension Simulation {
    static let portal = "service:intake-portal"
    static let supervisors = ["staff:supervisor-01", "staff:supervisor-02", "staff:supervisor-03"]

    /// Draws the registration days: weekdays busier than weekends, a ramp-up over the first half year, a
    /// December dip, and intake tapering off in the summer of 2026 as the grant period ends.
    mutating func planIntake() {
        let first = startDay + 7
        let last = SimulatedCalendar.day(year: 2026, month: 8, day: 14)
        var cumulative: [Double] = []
        cumulative.reserveCapacity(last - first + 1)
        var total = 0.0
        var peakWeek = 0.0
        for day in first...last {
            let weekday = SimulatedCalendar.weekday(day)
            var weight = (weekday == 0 || weekday == 6) ? 0.35 : 1.0
            let sinceStart = Double(day - first)
            let untilEnd = Double(last - day)
            weight *= min(1.0, 0.3 + 0.7 * sinceStart / 182.0)
            weight *= min(1.0, 0.35 + 0.65 * untilEnd / 140.0)
            let month = SimulatedCalendar.civil(day).month
            if month == 12 { weight *= 0.7 } else if month == 7 || month == 8 { weight *= 0.9 }
            total += weight
            cumulative.append(total)
            if day - first < 7 { peakWeek += weekday == 0 || weekday == 6 ? 0.35 : 1.0 }
        }
        registrationDays.reserveCapacity(participantCount)
        for _ in 0..<participantCount {
            let target = rng.unit() * total
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
            }
            registrationDays.append(first + low)
        }
        registrationDays.sort()
        for (index, day) in registrationDays.enumerated() { schedule(.register(index), on: day) }
        weeklyMatchesAtPeak = Double(participantCount) * 0.88 * peakWeek / total
        let managers = max(2, min(8, participantCount / 700))
        for _ in 0..<managers { hireCaseManager() }
        schedule(.caseManagerLeaves(-1), on: startDay + rng.int(in: 150...220))
    }

    @discardableResult
    mutating func hireCaseManager() -> Int {
        let number = caseManagers.count + 1
        let id = number < 10 ? "cm-00\(number)" : number < 100 ? "cm-0\(number)" : "cm-\(number)"
        caseManagers.append(CaseManager(id: id, actor: "staff:\(id)"))
        return caseManagers.count - 1
    }

    /// The active case manager with the smallest caseload (hiring one when all carry 34 or more).
    mutating func leastLoadedCaseManager(excluding: Int = -1) -> Int {
        var best = -1
        for (index, manager) in caseManagers.enumerated() where manager.active && index != excluding {
            if best < 0 || manager.load < caseManagers[best].load { best = index }
        }
        if best < 0 || caseManagers[best].load >= 34 { best = hireCaseManager() }
        return best
    }

    mutating func register(_ index: Int, on day: Int) {
        precondition(index == people.count, "participants register in order")
        let program = chooseProgram(on: day + 14)
        let intended = program >= 0 ? program : 0
        let profile = Demographics.draw(on: day, program: ProgramCatalog.programs[intended], rng: &rng)
        let number = 100_001 + index
        var person = Participant(
            id: "P-\(number)", number: number, registrationDay: day, flags: profile.flags, intendedProgram: intended)
        var line = EventLineWriter(
            type: "participant.registered", eventId: "portal-\(number)", day: day,
            minuteOfDay: rng.int(in: 660...1439), localTime: false, actor: Self.portal)
        line.string("participantId", person.id)
        line.string("county", profile.county)
        line.integer("birthYear", profile.birthYear)
        line.code("sex", profile.sex)
        line.codes("raceEthnicity", profile.raceEthnicity)
        line.codes("barriers", profile.barriers)
        line.code("employmentStatus", profile.employmentStatus)
        emit(line.finish(), day: day, minute: 0, sortKey: Self.registrationSortKey(day, 2))
        if profile.flags.contains(.employed) {
            let spec = ProgramCatalog.programs[intended]
            let wage =
                spec.trainsIncumbents
                ? rng.int(in: (spec.wageLow * 85 / 100)...spec.wageLow) : rng.int(in: 1550...2000)
            let hours: Double = spec.trainsIncumbents ? 40 : rng.element([20, 25, 30, 40])
            let reference = "UI-\(rng.int(in: 1_000_000...9_999_999))"
            person.spells.append(
                EmploymentSpell(
                    start: day - rng.int(in: 120...2000), end: Int.max, hourlyCents: wage, hoursPerWeek: hours,
                    employerReference: reference))
        }
        people.append(person)
        registeredCount += 1
        // A supervisor assigns a case manager within days (on the next business day, mostly).
        let assignDay = day + (rng.chance(0.97) ? rng.int(in: 1...4) : rng.int(in: 10...20))
        reassignLater(index, on: assignDay)
        people[index].serial += 1
        if rng.chance(0.97) {
            schedule(.advise(index, serial: people[index].serial), on: assignDay + rng.int(in: 2...18))
        } else {
            // Never shows up: stays in the ledger as registered; the case manager stops counting them.
            schedule(.exitCheck(index, serial: people[index].serial), on: assignDay + 120)
        }
        if rng.chance(0.04) { schedule(.reassign(index), on: assignDay + rng.int(in: 30...200)) }
    }

    /// Schedules a case manager (re)assignment.
    mutating func reassignLater(_ person: Int, on day: Int) {
        schedule(.reassign(person), on: day)
    }

    /// Assigns the least-loaded case manager (other than the current one).
    mutating func reassign(_ person: Int, on day: Int) {
        let previous = people[person].caseManager
        let manager = leastLoadedCaseManager(excluding: previous)
        if previous >= 0 && people[person].inCaseload { caseManagers[previous].load -= 1 }
        people[person].caseManager = manager
        caseManagers[manager].load += 1
        people[person].inCaseload = true
        var line = EventLineWriter(
            type: "participant.case_manager_assigned", eventId: people[person].nextEventId("cma"), day: day,
            minuteOfDay: localMinute(day), localTime: true, actor: rng.element(Self.supervisors))
        line.string("participantId", people[person].id)
        line.string("caseManagerId", caseManagers[manager].id)
        emit(line.finish(), day: day, minute: 0, sortKey: Self.registrationSortKey(day, 3))
    }

    /// Checked every few weeks: now and then a case manager leaves (about twice a year), and when caseloads
    /// run light (intake tapering off) one leaves without replacement; a supervisor spreads the caseload.
    mutating func caseManagerLeaves(_ requested: Int, on day: Int) {
        let active = caseManagers.indices.filter { caseManagers[$0].active && caseManagers[$0].load > 0 }
        let total = active.reduce(0) { $0 + caseManagers[$1].load }
        let light = active.count >= 4 && total < active.count * 26
        if active.count >= 4 && (light || rng.chance(0.12)) {
            let leaving = rng.element(active)
            caseManagers[leaving].active = false
            for person in people.indices where people[person].caseManager == leaving && people[person].inCaseload {
                reassign(person, on: day)
            }
        }
        schedule(.caseManagerLeaves(-1), on: day + rng.int(in: 20...40))
    }

    /// Career advising: the first participation-causing service, the start of a period of participation.
    mutating func advise(_ person: Int, serial: Int, on day: Int) {
        guard people[person].serial == serial else { return }
        participationService(person, code: "career_advising", on: day)
        people[person].stage = .advised
        if people[person].trackFromQuarter == Int.max {
            people[person].trackFromQuarter = SimulatedCalendar.quarter(of: people[person].registrationDay) - 4
        }
        people[person].trackUntilQuarter = Int.max
        if rng.chance(0.08) {
            // Decides not to train: a job-search session or two, then nothing more.
            people[person].stage = .searching
            schedule(.jobSearch(person, serial: serial), on: day + rng.int(in: 7...30))
            if !people[person].isEmployed(on: day) && rng.chance(0.35) {
                schedule(.hire(person, program: -1), on: day + rng.int(in: 20...120))
            }
            return
        }
        schedule(.match(person, serial: serial), on: day + rng.int(in: 0...14))
    }

    /// Emits a participation-causing service (career advising, case management, job search assistance).
    mutating func participationService(_ person: Int, code: StaticString, on day: Int, lateWeeks: Int = 0) {
        let manager = people[person].caseManager
        let actor = manager >= 0 ? caseManagers[manager].actor : "staff:intake-team"
        var line = EventLineWriter(
            type: "participant.service_granted", eventId: people[person].nextEventId("svc"), day: day,
            minuteOfDay: localMinute(day), localTime: true, actor: actor)
        line.string("participantId", people[person].id)
        line.code("service", code)
        line.integer("amountCents", 0)
        emit(line.finish(), day: day, minute: 0, lateWeeks: lateWeeks)
        people[person].lastParticipationDay = max(people[person].lastParticipationDay, day)
    }

    /// Matches the participant to a program (mostly the one they asked for) and queues them for its cohort.
    mutating func match(_ person: Int, serial: Int, on day: Int) {
        guard people[person].serial == serial else { return }
        var program = people[person].intendedProgram
        let state = programs[program]
        if !state.launched || state.closed || day >= state.windDownDay || rng.chance(0.1) {
            let sector = ProgramCatalog.programs[program].sector
            program = chooseProgram(on: day, sector: sector, excluding: people[person].lastEndedProgram)
        }
        guard program >= 0 else {
            schedule(.exitCheck(person, serial: serial), on: day + 91)
            return
        }
        queue(person, for: program, on: day)
    }

    /// Emits `participant.matched` and puts the participant in the program's queue.
    mutating func queue(_ person: Int, for program: Int, on day: Int) {
        people[person].program = program
        people[person].stage = .queued
        people[person].waitCount = 0
        let manager = people[person].caseManager
        var line = EventLineWriter(
            type: "participant.matched", eventId: people[person].nextEventId("match"), day: day,
            minuteOfDay: localMinute(day), localTime: true,
            actor: manager >= 0 ? caseManagers[manager].actor : "staff:intake-team")
        line.string("participantId", people[person].id)
        line.string("programId", programs[program].id)
        emit(line.finish(), day: day, minute: 0)
        people[person].lastParticipationDay = max(people[person].lastParticipationDay, day)
        programs[program].queue.append(person)
        planWaitGap(person, program: program, from: day)
    }

    mutating func waitlist(_ person: Int, for program: Int, on day: Int) {
        people[person].stage = .waitlisted
        var line = EventLineWriter(
            type: "participant.waitlisted", eventId: people[person].nextEventId("wait"), day: day,
            minuteOfDay: localMinute(day, from: 9, to: 12), localTime: true,
            actor: programs[program].spec.providerActor)
        line.string("participantId", people[person].id)
        line.string("programId", programs[program].id)
        emit(line.finish(), day: day, minute: 0)
        // The case manager keeps in touch while the participant waits.
        if rng.chance(0.6) {
            people[person].serial += 1
            schedule(.checkIn(person, serial: people[person].serial), on: day + rng.int(in: 10...40))
        }
    }

    /// Stops waiting: the participant drops out, or finds work on their own.
    mutating func giveUpWaiting(_ person: Int, on day: Int) {
        people[person].serial += 1
        people[person].stage = .done
        people[person].program = -1
        if !people[person].isEmployed(on: day) && rng.chance(0.3) {
            schedule(.hire(person, program: -1), on: day + rng.int(in: 10...90))
        }
        schedule(.exitCheck(person, serial: people[person].serial), on: max(day, people[person].lastParticipationDay + 91))
    }

    /// Re-matches a long-waiting participant to another program of the same sector.
    mutating func rematch(_ person: Int, from program: Int, on day: Int) {
        let next = chooseProgram(on: day, sector: programs[program].spec.sector, excluding: program)
        guard next >= 0, next != program else {
            programs[program].queue.append(person)
            return
        }
        people[person].serial += 1
        queue(person, for: next, on: day)
    }

    /// A former participant comes back for more services: a new period of participation.
    mutating func returnVisit(_ person: Int, on day: Int) {
        guard people[person].stage == .exited else { return }
        let next = chooseProgram(
            on: day, sector: programs[max(0, people[person].lastEndedProgram)].spec.sector,
            excluding: people[person].lastEndedProgram)
        guard next >= 0 else { return }
        people[person].serial += 1
        people[person].intendedProgram = next
        people[person].stage = .registered
        reassign(person, on: day)
        schedule(.advise(person, serial: people[person].serial), on: day + rng.int(in: 1...7))
    }
}
