/// The discrete-day simulation behind ``DemoHistory``.
///
/// It walks the days in order, running the actions scheduled for each day; actions emit events into weekly
/// batches (the batch of their own week, or a later one when they arrive late) and schedule later actions.
/// A batch is closed after its last day. Besides the world it simulates, it keeps the state the ledger will
/// see (positions follow the batches) where a rule depends on it: active enrollments per program (seats are
/// freed only once the ending's batch is appended), capacities, each participant's open enrollment.
struct Simulation {
    var rng: RandomSource
    let participantCount: Int
    let startDay: Int
    let endDay: Int
    let weekCount: Int

    /// Actions scheduled per day (index: day − startDay).
    var agenda: [[Action]]
    /// Events waiting for their batch (index: week).
    var pending: [[PendingEvent]]
    var sequence = 0
    var currentWeek = 0
    /// The day being simulated.
    var today = 0

    var programs: [ProgramState] = []
    var employers: [EmployerState] = []
    var people: [Participant] = []
    var caseManagers: [CaseManager] = []
    var funds: [FundState] = []
    /// Programs to free one seat in when the batch (index) is appended.
    var seatsFreedByBatch: [[Int]]
    var corrections: [Correction] = []
    /// Wage records deferred from one quarterly match to the next: (participant, quarter).
    var deferredWages: [(person: Int, quarter: Int)] = []
    /// Registration days, sorted (participant i registers on registrationDays[i]).
    var registrationDays: [Int] = []
    /// Participants registered so far.
    var registeredCount = 0
    /// Expected participant matches per week at full intake, for cohort planning.
    var weeklyMatchesAtPeak = 0.0

    init(participants: Int, seed: UInt64) {
        rng = RandomSource(seed: seed)
        participantCount = participants
        startDay = SimulatedCalendar.day(year: 2023, month: 7, day: 3)
        endDay = SimulatedCalendar.day(year: 2026, month: 11, day: 22)
        weekCount = (endDay - startDay + 1) / 7
        agenda = Array(repeating: [], count: endDay - startDay + 1)
        pending = Array(repeating: [], count: weekCount)
        seatsFreedByBatch = Array(repeating: [], count: weekCount)
        people.reserveCapacity(participants)
        planFunds()
        planIntake()
        planPrograms()
        planEmployers()
        planWageMatches()
    }

    /// Runs every day and hands each closed batch to `body`.
    mutating func run<E: Error>(_ body: (DemoBatch) throws(E) -> Void) throws(E) {
        for week in 0..<weekCount {
            currentWeek = week
            for offset in 0..<7 {
                let day = startDay + week * 7 + offset
                today = day
                var index = 0
                while index < agenda[day - startDay].count {
                    let action = agenda[day - startDay][index]
                    perform(action, on: day)
                    index += 1
                }
                agenda[day - startDay] = []
            }
            let batch = closeBatch(week)
            if !batch.lines.isEmpty { try body(batch) }
        }
    }

    /// Sorts a week's events into append order and applies what their appending changes in the ledger.
    mutating func closeBatch(_ week: Int) -> DemoBatch {
        var events = pending[week]
        pending[week] = []
        events.sort { $0.sortKey != $1.sortKey ? $0.sortKey < $1.sortKey : $0.sequence < $1.sequence }
        for program in seatsFreedByBatch[week] { programs[program].ledgerActive -= 1 }
        seatsFreedByBatch[week] = []
        for index in programs.indices { programs[index].capacityThisWeek = programs[index].capacity }
        var recordedAt: [UInt8] = []
        SimulatedCalendar.appendTimestamp(day: startDay + (week + 1) * 7, minuteOfDay: 360, local: false, to: &recordedAt)
        return DemoBatch(
            week: week, recordedAt: String(decoding: recordedAt, as: UTF8.self), lines: events.map(\.line))
    }

    /// Schedules `action` on `day`; actions after the last day never happen.
    mutating func schedule(_ action: Action, on day: Int) {
        guard day <= endDay else { return }
        precondition(day >= today && day >= startDay, "actions cannot be scheduled in the past")
        agenda[day - startDay].append(action)
    }

    /// The week (batch index) of a day.
    func week(of day: Int) -> Int { (day - startDay) / 7 }

    /// The first day of a week.
    func firstDay(ofWeek week: Int) -> Int { startDay + week * 7 }

    /// The sort key of a registration (program 0, employer 1, participant 2, case-manager assignment 3): before
    /// every other event of its batch, so that an event dated earlier but simulated after the registration (a
    /// hire reported for last week, say) never reaches the ledger before the entity it names.
    static func registrationSortKey(_ day: Int, _ kind: Int) -> Int {
        -(1 << 40) + day * 8 + kind
    }

    /// Queues an event line for the batch of its day's week plus `lateWeeks`, in append order by `sortKey`
    /// (default: its occurrence). Returns the batch; events that would arrive after the history are dropped.
    @discardableResult
    mutating func emit(_ line: [UInt8], day: Int, minute: Int, lateWeeks: Int = 0, sortKey: Int? = nil) -> Int {
        let batch = max(week(of: day) + lateWeeks, currentWeek)
        guard batch < weekCount else { return batch }
        sequence += 1
        pending[batch].append(PendingEvent(sortKey: sortKey ?? day * 1440 + minute, sequence: sequence, line: line))
        return batch
    }

    /// A UTC minute-of-day for a local (Eastern) time between `from` and `to` hours, on `day`.
    mutating func localMinute(_ day: Int, from: Int = 8, to: Int = 17) -> Int {
        let local = rng.int(in: (from * 60)...(to * 60 - 1))
        return local - SimulatedCalendar.easternOffsetMinutes(day)
    }

    /// How many weeks late an event arrives: 0 with probability 1 − `share`, else 1…`maximum`.
    mutating func lateness(_ share: Double, maximum: Int) -> Int {
        rng.chance(share) ? rng.int(in: 1...maximum) : 0
    }

    mutating func perform(_ action: Action, on day: Int) {
        switch action {
        case .programLaunch(let program): launchProgram(program, on: day)
        case .employerJoin(let employer): registerEmployer(employer, on: day)
        case .employerCommit(let employer): commitHiring(employer, on: day)
        case .cohortStart(let program): startCohort(program, on: day)
        case .capacityChange(let program, let capacity): changeCapacity(program, to: capacity, on: day)
        case .register(let person): register(person, on: day)
        case .advise(let person, let serial): advise(person, serial: serial, on: day)
        case .match(let person, let serial): match(person, serial: serial, on: day)
        case .checkIn(let person, let serial): checkIn(person, serial: serial, on: day)
        case .supportive(let person, let serial, let kind, let amount):
            grantSupport(person, serial: serial, kind: kind, amount: amount, on: day)
        case .endTraining(let person, let serial): endTraining(person, serial: serial, on: day)
        case .credential(let person, let program, let main): awardCredential(person, program: program, main: main, on: day)
        case .jobSearch(let person, let serial): jobSearch(person, serial: serial, on: day)
        case .hire(let person, let program): hire(person, program: program, on: day)
        case .exitCheck(let person, let serial): checkExit(person, serial: serial, on: day)
        case .returnVisit(let person): returnVisit(person, on: day)
        case .exclusion(let person, let reason): excludeFromExit(person, reason: reason, on: day)
        case .reassign(let person):
            // The first assignment, or a reassignment while the participant is still in a caseload.
            if people[person].caseManager < 0 || people[person].inCaseload { reassign(person, on: day) }
        case .caseManagerLeaves(let manager): caseManagerLeaves(manager, on: day)
        case .wageMatch(let quarter): runWageMatch(quarter: quarter, on: day)
        case .correction(let index): applyCorrection(index, on: day)
        case .skillGain(let person, let serial, let gain): recordSkillGain(person, serial: serial, gain: gain, on: day)
        case .safetyCard(let person, let serial): awardSafetyCard(person, serial: serial, on: day)
        case .followUp(let person, let serial, let remaining): followUp(person, serial: serial, remaining: remaining, on: day)
        case .budgetChange(let fund, let cents): changeBudget(fund, to: cents, on: day)
        case .programCost(let program, let fund, let category, let cents):
            chargeCost(program, fund: fund, category: category, cents: cents, on: day)
        case .monthlyAdministration: chargeAdministration(on: day)
        case .resumeTraining(let person, let serial): resumeTraining(person, serial: serial, on: day)
        }
    }
}

/// Something that happens on a simulated day.
enum Action {
    case programLaunch(Int)
    case employerJoin(Int)
    case employerCommit(Int)
    case cohortStart(Int)
    case capacityChange(program: Int, capacity: Int)
    case register(Int)
    case advise(Int, serial: Int)
    case match(Int, serial: Int)
    case checkIn(Int, serial: Int)
    case supportive(Int, serial: Int, kind: SupportKind, amount: Int)
    case endTraining(Int, serial: Int)
    case credential(Int, program: Int, main: Bool)
    case jobSearch(Int, serial: Int)
    case hire(Int, program: Int)
    case exitCheck(Int, serial: Int)
    case returnVisit(Int)
    case exclusion(Int, reason: ExclusionReason)
    case reassign(Int)
    case caseManagerLeaves(Int)
    case wageMatch(quarter: Int)
    case correction(Int)
    case skillGain(Int, serial: Int, gain: SkillGain)
    case safetyCard(Int, serial: Int)
    case followUp(Int, serial: Int, remaining: Int)
    case budgetChange(fund: Int, cents: Int)
    case programCost(program: Int, fund: Int, category: CostCategory, cents: Int)
    case monthlyAdministration
    case resumeTraining(Int, serial: Int)
}

/// An event line waiting for its batch.
struct PendingEvent {
    let sortKey: Int
    let sequence: Int
    let line: [UInt8]
}

/// A void (and optional corrected re-append) planned for later.
struct Correction {
    let person: Int
    let targetEventId: String
    let reason: String
    /// The corrected event, appended right after the void (its `occurredAt` is the true date).
    let reappend: [UInt8]?
    /// The program whose seat the void frees (a voided enrollment), or −1.
    let freesSeatIn: Int
}
