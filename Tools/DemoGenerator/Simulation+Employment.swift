/// Employment: job search, hires, exits, quarterly wage records, corrections.
extension Simulation {
    static let wageMatch = "system:ui-wage-match"

    mutating func jobSearch(_ person: Int, serial: Int, on day: Int) {
        guard people[person].serial == serial else { return }
        participationService(person, code: "job_search_assistance", on: day, lateWeeks: lateness(0.05, maximum: 2))
        if people[person].stage == .searching && people[person].program < 0 && people[person].lastEndedProgram < 0 {
            // Advised but chose not to train: the period closes 90 days after this session.
            schedule(.exitCheck(person, serial: serial), on: day + 91)
        }
    }

    /// A hire: from a program (its committed employers first, its wages and occupations) or on one's own
    /// (`program` −1: the intended program's sector, lower wages).
    mutating func hire(_ person: Int, program index: Int, on day: Int) {
        if index < 0 && people[person].isEmployed(on: day) { return }
        let specIndex = index >= 0 ? index : people[person].intendedProgram
        let spec = programs[specIndex].spec
        let employer = chooseEmployer(program: specIndex, on: day)
        guard employer >= 0 else { return }
        let years = Double(day - startDay) / 365.0
        var wage = Double(rng.int(in: spec.wageLow...spec.wageHigh)) * (1.0 + 0.03 * years)
        if index < 0 { wage = max(1800, wage * 0.88) }
        wage = min(wage, 3000)  // entry wages stay in the $18-30 band
        let wageCents = Int(wage / 25.0) * 25
        let healthCare = sameText(spec.sector, "health_care")
        let hoursDraw = rng.unit()
        let hours: Double =
            healthCare
            ? (hoursDraw < 0.6 ? 40 : hoursDraw < 0.75 ? 36 : hoursDraw < 0.9 ? 32 : 37.5)
            : (hoursDraw < 0.82 ? 40 : hoursDraw < 0.9 ? 37.5 : hoursDraw < 0.97 ? 32 : 36)
        let occupation = rng.element(spec.occupations)
        let manager = people[person].caseManager
        let actorDraw = rng.unit()
        let actor =
            actorDraw < 0.3
            ? employers[employer].actor
            : actorDraw < 0.45 && index >= 0
                ? spec.providerActor
                : manager >= 0 ? caseManagers[manager].actor : "staff:intake-team"
        let lineFor = { (sim: inout Simulation, cents: Int) -> [UInt8] in
            sim.hireLine(person, employer: employer, occupation: occupation, cents: cents, hours: hours, actor: actor, on: day)
        }
        if spec.isOnTheJob && index >= 0 {
            people[person].onTheJob = OnTheJobPlacement(employer: employer, occupation: occupation, hourlyCents: wageCents)
        }
        let late = spec.isOnTheJob && index >= 0 ? 0 : lateness(0.35, maximum: 8)
        if rng.chance(0.01) && day + 7 * late + 35 < endDay {
            // The wage is keyed with a misplaced decimal point; voided and re-appended correctly later.
            let wrong = lineFor(&self, wageCents / 10)
            let wrongId = "hire-\(people[person].number)-\(people[person].counter)"
            let batch = emit(wrong, day: day, minute: 0, lateWeeks: late)
            corrections.append(
                Correction(
                    person: person, targetEventId: wrongId, reason: "hourly wage keyed with a misplaced decimal",
                    reappend: lineFor(&self, wageCents), freesSeatIn: -1))
            schedule(.correction(corrections.count - 1), on: firstDay(ofWeek: batch + rng.int(in: 1...3)) + rng.int(in: 0...4))
        } else {
            emit(lineFor(&self, wageCents), day: day, minute: 0, lateWeeks: late)
        }
        // The wage record names the hiring employer, mostly; some hires are paid through a staffing agency or
        // another account of the employer (another reference), and a few records carry none.
        let referenceDraw = rng.unit()
        let reference: String? =
            referenceDraw < 0.86
            ? employers[employer].id : referenceDraw < 0.97 ? "UI-\(rng.int(in: 1_000_000...9_999_999))" : nil
        startEmployment(person, on: day, hourlyCents: wageCents, hours: hours, reference: reference)
    }

    /// The `participant.hired` line (takes the next event id).
    mutating func hireLine(
        _ person: Int, employer: Int, occupation: String, cents: Int, hours: Double, actor: String, on day: Int
    ) -> [UInt8] {
        var line = EventLineWriter(
            type: "participant.hired", eventId: people[person].nextEventId("hire"), day: day,
            minuteOfDay: localMinute(day), localTime: true, actor: actor)
        line.string("participantId", people[person].id)
        line.string("employerId", employers[employer].id)
        line.string("occupation", occupation)
        line.integer("hourlyWageCents", cents)
        line.number("hoursPerWeek", hours)
        return line.finish()
    }

    /// At the end of on-the-job training the host employer keeps most trainees on in an unsubsidized position,
    /// usually with a raise: recorded as a hire by the employer (the job itself goes on).
    mutating func retainAfterOnTheJob(_ person: Int, on day: Int) {
        guard let placement = people[person].onTheJob, people[person].isEmployed(on: day), rng.chance(0.9) else { return }
        people[person].onTheJob = nil
        let cents = min(3000, placement.hourlyCents * rng.int(in: 100...108) / 100) / 25 * 25
        let line = hireLine(
            person, employer: placement.employer, occupation: placement.occupation, cents: cents, hours: 40,
            actor: employers[placement.employer].actor, on: day)
        emit(line, day: day, minute: 0, lateWeeks: lateness(0.2, maximum: 3))
    }

    /// An employer for a hire: one committed to the program, else one of its sector, else any registered.
    mutating func chooseEmployer(program index: Int, on day: Int) -> Int {
        let committed = programs[index].committedEmployers.filter { employers[$0].registered }
        if !committed.isEmpty && rng.chance(0.65) { return rng.element(committed) }
        let sector = programs[index].spec.sector
        let inSector = employers.indices.filter {
            employers[$0].registered && sameText(ProgramCatalog.sectors[employers[$0].sector], sector)
        }
        if !inSector.isEmpty && rng.chance(0.92) { return rng.element(inSector) }
        let any = employers.indices.filter { employers[$0].registered }
        return any.isEmpty ? -1 : rng.element(any)
    }

    /// Ends any current job and starts a chain of jobs: most last, some end and are followed by another
    /// job found without the program (it shows in the wage records only).
    mutating func startEmployment(_ person: Int, on day: Int, hourlyCents: Int, hours: Double, reference: String?) {
        for index in people[person].spells.indices where people[person].spells[index].end > day {
            people[person].spells[index].end = max(people[person].spells[index].start, day)
        }
        var start = day
        var wage = hourlyCents
        var currentHours = hours
        var currentReference = reference
        for _ in 0..<5 {
            let lasting = rng.chance(0.45)
            let end = lasting ? Int.max : start + 30 + rng.int(in: 0...300) + rng.int(in: 0...300)
            people[person].spells.append(
                EmploymentSpell(
                    start: start, end: end, hourlyCents: wage, hoursPerWeek: currentHours, employerReference: currentReference))
            if end > endDay || !rng.chance(0.5) { break }
            start = end + rng.int(in: 21...200)
            wage = wage * rng.int(in: 95...112) / 100
            currentHours = rng.chance(0.8) ? 40 : 32
            currentReference = rng.chance(0.96) ? "UI-\(rng.int(in: 1_000_000...9_999_999))" : nil
        }
    }

    /// Closes the period of participation 90 days after its last participation-causing event.
    mutating func checkExit(_ person: Int, serial: Int, on day: Int) {
        let stage = people[person].stage
        guard stage != .enrolled, stage != .queued, stage != .waitlisted, stage != .exited else { return }
        let last = people[person].lastParticipationDay
        if last == Int.min {
            // Never came back after registering: the case manager stops carrying them.
            if people[person].inCaseload, people[person].caseManager >= 0 {
                caseManagers[people[person].caseManager].load -= 1
                people[person].inCaseload = false
            }
            return
        }
        let exitDay = people[person].exitClockDay(after: last)
        if day < exitDay {
            schedule(.exitCheck(person, serial: serial), on: exitDay)
            return
        }
        people[person].stage = .exited
        people[person].periods += 1
        people[person].trackUntilQuarter = SimulatedCalendar.quarter(of: last) + 8
        if people[person].inCaseload, people[person].caseManager >= 0 {
            caseManagers[people[person].caseManager].load -= 1
            people[person].inCaseload = false
        }
        planFollowUps(person, after: day)
        if people[person].periods == 1 && people[person].lastEndedProgram >= 0 && rng.chance(0.08) {
            schedule(.returnVisit(person), on: day + rng.int(in: 20...330))
        }
    }

    /// Schedules the quarterly UI wage match: the run for a quarter comes about two months after it ends; the
    /// next run, about five months after it ends, brings its late records and closes it.
    /// The first quarter matched is the one before the history starts (its wages show prior employment).
    mutating func planWageMatches() {
        var quarter = firstMatchedQuarter
        while true {
            let run = nextMonday(onOrAfter: SimulatedCalendar.lastDay(ofQuarter: quarter) + 62)
            if run > endDay { break }
            if run >= startDay { schedule(.wageMatch(quarter: quarter), on: run) }
            quarter += 1
        }
    }

    /// The first quarter the wage match covers: the one before the history starts.
    var firstMatchedQuarter: Int { SimulatedCalendar.quarter(of: startDay) - 1 }

    /// One quarterly match: last run's deferred records (two quarters late) and the close of that quarter (every
    /// record of it has now been matched), then this quarter's records.
    mutating func runWageMatch(quarter: Int, on day: Int) {
        let deferred = deferredWages
        deferredWages = []
        for record in deferred { emitWage(record.person, quarter: record.quarter, on: day, source: .late) }
        if quarter - 1 >= firstMatchedQuarter { closeQuarter(quarter - 1, on: day) }
        for person in 0..<registeredCount {
            let participant = people[person]
            guard participant.trackFromQuarter <= quarter, quarter <= participant.trackUntilQuarter,
                participant.registrationDay <= day, !participant.spells.isEmpty
            else { continue }
            let draw = rng.unit()
            if draw < 0.12 {
                if earnings(person, quarter: quarter) > 0 { deferredWages.append((person, quarter)) }
            } else {
                emitWage(person, quarter: quarter, on: day, source: draw < 0.15 ? .supplemental : .match)
            }
        }
    }

    enum WageSource { case match, late, supplemental }

    mutating func emitWage(_ person: Int, quarter: Int, on day: Int, source: WageSource) {
        let wages = earnings(person, quarter: quarter)
        guard wages > 0 else { return }
        let supplemental = source == .supplemental
        let manager = people[person].caseManager
        let actor = supplemental ? (manager >= 0 ? caseManagers[manager].actor : "staff:intake-team") : Self.wageMatch
        let spell = people[person].spells.last { spell in
            spell.start <= SimulatedCalendar.lastDay(ofQuarter: quarter)
                && spell.end > SimulatedCalendar.firstDay(ofQuarter: quarter)
        }
        // A supplemental record (a pay stub the case manager collects) names the employer about half the time.
        let reference = supplemental && rng.chance(0.5) ? nil : spell?.employerReference
        var quarterText: [UInt8] = []
        SimulatedCalendar.appendQuarter(quarter, to: &quarterText)
        let baseId = "wage-\(people[person].number)-\(String(decoding: quarterText, as: UTF8.self))"
        let minute = supplemental ? localMinute(day) : localMinute(day, from: 6, to: 7)
        func line(_ id: String, _ cents: Int) -> [UInt8] {
            var line = EventLineWriter(
                type: "participant.employment_verified", eventId: id, day: day, minuteOfDay: minute, localTime: true,
                actor: actor)
            line.string("participantId", people[person].id)
            line.quarter("quarter", quarter)
            line.integer("wagesCents", cents)
            line.code("source", supplemental ? "supplemental" : "ui_wage_match")
            if let reference { line.string("employerId", reference) }
            return line.finish()
        }
        if !supplemental && rng.chance(0.006) {
            // A wrong record (another person's wages, or a keying error) is voided and corrected weeks later.
            let wrongCents = rng.chance(0.5) ? wages * 10 : rng.int(in: 100_000...2_500_000)
            let batch = emit(line(baseId, wrongCents), day: day, minute: minute)
            corrections.append(
                Correction(
                    person: person, targetEventId: baseId, reason: rng.element(ReferenceTables.wageVoidReasons),
                    reappend: line("\(baseId)-corrected", wages), freesSeatIn: -1))
            schedule(.correction(corrections.count - 1), on: firstDay(ofWeek: batch + rng.int(in: 2...8)) + rng.int(in: 0...4))
        } else {
            emit(line(baseId, wages), day: day, minute: minute)
        }
    }

    /// `wages.quarter_closed`: the state has matched every wage record of the quarter (after its late records,
    /// later that day).
    mutating func closeQuarter(_ quarter: Int, on day: Int) {
        var text: [UInt8] = []
        SimulatedCalendar.appendQuarter(quarter, to: &text)
        let name = String(decoding: text, as: UTF8.self)
        let minute = localMinute(day, from: 7, to: 8)
        var line = EventLineWriter(
            type: "wages.quarter_closed", eventId: "wages-\(name)-closed", day: day, minuteOfDay: minute,
            localTime: true, actor: Self.wageMatch)
        line.string("quarter", name)
        line.code("source", "ui_wage_match")
        emit(line.finish(), day: day, minute: minute)
    }

    /// Wages in a quarter from the participant's jobs (3 % raises a year, hours vary a little).
    func earnings(_ person: Int, quarter: Int) -> Int {
        let first = SimulatedCalendar.firstDay(ofQuarter: quarter)
        let last = SimulatedCalendar.lastDay(ofQuarter: quarter)
        var total = 0.0
        for spell in people[person].spells where spell.start <= last && spell.end > first {
            let days = min(last + 1, spell.end) - max(first, spell.start)
            guard days > 0 else { continue }
            let raise = 1.0 + 0.03 * Double(max(0, first - spell.start)) / 365.0
            let variation = 0.93 + 0.12 * Double((people[person].number &* 31 &+ quarter &* 17) % 100) / 100.0
            total += Double(spell.hourlyCents) * raise * spell.hoursPerWeek * Double(days) / 7.0 * variation
        }
        return Int(total)
    }

    /// Voids a mistaken event and, where there is one, appends the corrected event right after.
    mutating func applyCorrection(_ index: Int, on day: Int) {
        let correction = corrections[index]
        let minute = localMinute(day, from: 9, to: 16)
        var line = EventLineWriter(
            type: "ledger.event_voided", eventId: people[correction.person].nextEventId("void"), day: day,
            minuteOfDay: minute, localTime: true, actor: Self.dataSteward)
        line.string("targetEventId", correction.targetEventId)
        line.string("reason", correction.reason)
        let batch = emit(line.finish(), day: day, minute: minute)
        if let reappend = correction.reappend { emit(reappend, day: day, minute: minute) }
        if correction.freesSeatIn >= 0 && batch < weekCount { seatsFreedByBatch[batch].append(correction.freesSeatIn) }
    }
}
