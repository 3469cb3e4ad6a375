/// Programs, employers and cohorts.
extension Simulation {
    static let admin = "staff:ows-admin"
    static let businessServices = "staff:business-services-01"

    /// Plans the 19 programs: launch dates, cohort cadence from the expected demand, capacities.
    mutating func planPrograms() {
        let specs = ProgramCatalog.programs
        var totalWeight = 0.0
        var weights: [Double] = []
        for spec in specs {
            let lengthFactor = min(1.0, 20.0 / Double(spec.weeks))
            let weight = spec.popularity * Double(spec.cohortSize) * lengthFactor
            weights.append(weight)
            totalWeight += weight
        }
        let windDown = SimulatedCalendar.day(year: 2026, month: 3, day: 31)
        for (index, spec) in specs.enumerated() {
            let weeklyDemand = weeklyMatchesAtPeak * weights[index] / totalWeight
            // Seats are planned a little above the expected demand; popular programs still fill and waitlist.
            let planned = Double(spec.cohortSize) * (1.0 + (spec.popularity - 1.0) * 0.6) / 1.08
            let cadence = weeklyDemand > 0 ? Int((planned / weeklyDemand).rounded()) : 26
            let tag = index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)"
            let windsDown = spec.trainsIncumbents && !spec.isCustomized || index == 13
            programs.append(
                ProgramState(
                    spec: spec, id: "PRG-\(tag)", tag: tag,
                    launchDay: startDay + spec.launchWeek * 7 + 2,
                    cadenceWeeks: min(26, max(3, cadence)),
                    demandWeight: weights[index],
                    windDownDay: windsDown ? windDown : Int.max))
            schedule(.programLaunch(index), on: startDay + spec.launchWeek * 7 + 2)
        }
    }

    mutating func launchProgram(_ index: Int, on day: Int) {
        let spec = programs[index].spec
        let concurrent = (spec.weeks + 3 + programs[index].cadenceWeeks - 1) / programs[index].cadenceWeeks
        let capacity = spec.cohortSize * max(1, concurrent)
        programs[index].launched = true
        programs[index].capacity = capacity
        programs[index].capacityThisWeek = capacity
        var line = EventLineWriter(
            type: "program.registered", eventId: "prg-\(programs[index].tag)-registered", day: day,
            minuteOfDay: localMinute(day, from: 9, to: 12), localTime: true, actor: Self.admin)
        line.string("programId", programs[index].id)
        line.string("name", spec.name)
        line.string("provider", spec.provider)
        line.code("sector", spec.sector)
        line.code("trainingType", spec.trainingType)
        line.integer("capacity", capacity)
        emit(line.finish(), day: day, minute: 0, sortKey: Self.registrationSortKey(day, 0))
        // The first cohort starts on a Monday three to five weeks after launch.
        let firstStart = nextMonday(onOrAfter: day + rng.int(in: 21...35))
        programs[index].nextCohortDay = firstStart
        schedule(.cohortStart(index), on: firstStart)
    }

    /// The first Monday on or after `day`.
    func nextMonday(onOrAfter day: Int) -> Int {
        day + (8 - SimulatedCalendar.weekday(day)) % 7
    }

    /// Plans the employers: most join in the first weeks, some over the following year.
    mutating func planEmployers() {
        for (index, employer) in ReferenceTables.employers.enumerated() {
            let number = index + 1
            let tag = number < 10 ? "00\(number)" : "0\(number)"
            let joinDay = rng.chance(0.6) ? startDay + rng.int(in: 1...40) : startDay + rng.int(in: 41...420)
            employers.append(
                EmployerState(
                    name: employer.name, sector: employer.sector, id: "EMP-\(tag)", actor: "employer:EMP-\(tag)",
                    joinDay: joinDay))
            schedule(.employerJoin(index), on: joinDay)
        }
    }

    mutating func registerEmployer(_ index: Int, on day: Int) {
        employers[index].registered = true
        let employer = employers[index]
        var line = EventLineWriter(
            type: "employer.registered", eventId: "emp-\(employer.id.dropFirst(4))-registered", day: day,
            minuteOfDay: localMinute(day, from: 9, to: 11), localTime: true, actor: Self.businessServices)
        line.string("employerId", employer.id)
        line.string("name", employer.name)
        line.code("sector", ProgramCatalog.sectors[employer.sector])
        emit(line.finish(), day: day, minute: 0, sortKey: Self.registrationSortKey(day, 1))
        schedule(.employerCommit(index), on: day + rng.int(in: 1...10))
    }

    /// A hiring commitment, usually for a program of the employer's sector; renewed each program year.
    mutating func commitHiring(_ index: Int, on day: Int) {
        employers[index].commitments += 1
        let employer = employers[index]
        let candidates = programs.indices.filter {
            programs[$0].launched && !programs[$0].closed
                && sameText(programs[$0].spec.sector, ProgramCatalog.sectors[employer.sector])
        }
        var line = EventLineWriter(
            type: "employer.hiring_committed",
            eventId: "emp-\(employer.id.dropFirst(4))-commitment-\(employer.commitments)", day: day,
            minuteOfDay: localMinute(day, from: 9, to: 16), localTime: true, actor: employer.actor)
        line.string("employerId", employer.id)
        let healthCare = employer.sector == 2
        line.integer("positions", healthCare ? rng.int(in: 8...40) : rng.int(in: 3...25))
        if !candidates.isEmpty && rng.chance(0.75) {
            let program = rng.element(candidates)
            line.string("programId", programs[program].id)
            if !programs[program].committedEmployers.contains(index) {
                programs[program].committedEmployers.append(index)
            }
        }
        emit(line.finish(), day: day, minute: 0)
        // Renewed at the start of the next program year (July), about half the time.
        let year = SimulatedCalendar.civil(day).year
        let month = SimulatedCalendar.civil(day).month
        let nextJuly = SimulatedCalendar.day(year: month >= 7 ? year + 1 : year, month: 7, day: 1)
        if rng.chance(0.6) { schedule(.employerCommit(index), on: nextJuly + rng.int(in: 0...45)) }
    }

    /// A cohort starts: enroll waiting participants up to the seats the ledger shows free; waitlist the rest.
    mutating func startCohort(_ index: Int, on day: Int) {
        let spec = programs[index].spec
        if programs[index].closed { return }
        // Keep only the participants still waiting for this program.
        let waiting = programs[index].queue.filter {
            (people[$0].stage == .queued || people[$0].stage == .waitlisted) && people[$0].program == index
        }
        programs[index].queue = []
        if waiting.isEmpty && day >= programs[index].windDownDay {
            changeCapacity(index, to: 0, on: day)
            programs[index].closed = true
            return
        }
        var seats = min(spec.cohortSize, programs[index].capacityThisWeek - programs[index].ledgerActive)
        var leftOver: [Int] = []
        var waitlistedNow = 0
        var enrolled = 0
        let nextCohort = day + programs[index].cadenceWeeks * 7
        programs[index].nextCohortDay = nextCohort
        for person in waiting {
            if seats > 0 && canEnroll(person, in: index) {
                enroll(person, in: index, on: day)
                seats -= 1
                enrolled += 1
            } else {
                leftOver.append(person)
            }
        }
        for person in leftOver {
            if people[person].stage == .queued {
                if canEnroll(person, in: index) { waitlist(person, for: index, on: day) }
                programs[index].queue.append(person)
                planWaitGap(person, program: index, from: day)
                waitlistedNow += 1
            } else {
                people[person].waitCount += 1
                if people[person].waitCount >= 2 && rng.chance(0.3) {
                    giveUpWaiting(person, on: day)
                } else if people[person].waitCount >= 2 && rng.chance(0.25) {
                    rematch(person, from: index, on: day)
                } else {
                    programs[index].queue.append(person)
                    planWaitGap(person, program: index, from: day)
                    waitlistedNow += 1
                }
            }
        }
        planCohortCosts(index, seats: enrolled, startingOn: day)
        reviewCapacity(index, waitlisted: waitlistedNow, on: day)
        schedule(.cohortStart(index), on: nextCohort)
    }

    /// Raises capacity when the waitlist is long (and lowers it now and then, e.g. an instructor leaves).
    mutating func reviewCapacity(_ index: Int, waitlisted: Int, on day: Int) {
        let spec = programs[index].spec
        let friday = day + 4
        if programs[index].restoreCapacityTo > 0 {
            let restore = programs[index].restoreCapacityTo
            programs[index].restoreCapacityTo = 0
            schedule(.capacityChange(program: index, capacity: restore), on: friday)
        } else if waitlisted * 2 >= spec.cohortSize && programs[index].capacityChanges < 4 && rng.chance(0.5) {
            let raised = programs[index].capacity + max(4, spec.cohortSize / 2)
            schedule(.capacityChange(program: index, capacity: raised), on: friday)
        } else if programs[index].capacityChanges < 4 && rng.chance(0.04) {
            let cut = max(spec.cohortSize / 2, programs[index].capacity - rng.int(in: 2...5))
            programs[index].restoreCapacityTo = programs[index].capacity
            schedule(.capacityChange(program: index, capacity: cut), on: friday)
        }
    }

    mutating func changeCapacity(_ index: Int, to capacity: Int, on day: Int) {
        guard capacity != programs[index].capacity else { return }
        programs[index].capacityChanges += 1
        programs[index].capacity = capacity
        programs[index].capacityThisWeek = min(programs[index].capacityThisWeek, capacity)
        var line = EventLineWriter(
            type: "program.capacity_changed",
            eventId: "prg-\(programs[index].tag)-capacity-\(programs[index].capacityChanges)", day: day,
            minuteOfDay: localMinute(day, from: 9, to: 16), localTime: true, actor: Self.admin)
        line.string("programId", programs[index].id)
        line.integer("capacity", capacity)
        emit(line.finish(), day: day, minute: 0)
    }

    /// Whether the ledger will accept an enrollment or waitlisting of `person` in `program` now: the
    /// participant has no open enrollment there (a previous ending must have been appended already).
    func canEnroll(_ person: Int, in program: Int) -> Bool {
        let participant = people[person]
        if participant.stage == .enrolled && participant.program == program { return false }
        if participant.lastEndedProgram == program && participant.lastEndBatch >= currentWeek { return false }
        return true
    }

    /// A launched, open program for a new participant, drawn by demand (same sector when `sector` is given).
    mutating func chooseProgram(on day: Int, sector: StaticString? = nil, excluding: Int = -1) -> Int {
        var weights: [Double] = []
        weights.reserveCapacity(programs.count)
        for (index, program) in programs.enumerated() {
            var eligible = program.launched && !program.closed && day < program.windDownDay && index != excluding
            if let sector, !sameText(sector, program.spec.sector) { eligible = false }
            weights.append(eligible ? program.demandWeight : 0)
        }
        if !weights.contains(where: { $0 > 0 }) {
            return sector == nil ? -1 : chooseProgram(on: day, excluding: excluding)
        }
        return rng.pick(weights: weights)
    }
}
