import CanonicalJSON

/// The headline figures of a generated history, computed from the events by a small re-implementation of the
/// exit and outcome rules of REPORTS.md sections 2, 3 and 6 (ruleVersion "2"), independent of Projections, at the
/// head (D = the latest date of the live events): exits with planned gaps, closed and pending wage quarters,
/// employment in the second and fourth quarters after exit, same-employer retention, completion, and each
/// program's cost per completer.
struct IndependentOutcomes {
    /// Employment in a quarter after exit for one group: the closed-quarter cohort, those employed, and the
    /// exiters whose quarter has ended but is not closed.
    struct Employment: CustomStringConvertible {
        var exiters = 0
        var denominator = 0
        var numerator = 0
        var pending = 0
        var rate: Double { Double(numerator) / Double(max(1, denominator)) }
        var description: String { "\(numerator)/\(denominator) (pending \(pending), exiters \(exiters))" }
    }

    /// One exited period of participation.
    struct Exit {
        let participant: String
        let entry: Int
        let exit: Int
        let programs: Set<String>
    }

    private(set) var asOf = 0
    private(set) var exits: [Exit] = []
    /// Every exit date per participant, excluded exits included.
    private(set) var exitDays: [String: [Int]] = [:]
    /// Every period's entry date per participant (exited or open).
    private(set) var entryDays: [String: [Int]] = [:]
    /// Exits (not excluded) whose period has no enrollment.
    private(set) var exitsWithoutEnrollment = 0
    private(set) var all = Employment()
    private(set) var byProgram: [String: Employment] = [:]
    private(set) var byExitQuarter: [Int: Employment] = [:]
    private(set) var retention = (denominator: 0, numerator: 0)
    private(set) var completed = 0
    private(set) var withdrawn = 0
    /// Quarters (index) closed as of D, with the day of their close.
    private(set) var closedQuarters: [Int: Int] = [:]
    /// Per program: cost (cost_incurred plus tuition charged to a fund during an enrollment) and completers.
    private(set) var programCost: [String: (cents: Int, completers: Int)] = [:]
    /// Per fund: latest budget and spending.
    private(set) var funds: [String: (budget: Int, spent: Int)] = [:]

    var completionRate: Double { Double(completed) / Double(max(1, completed + withdrawn)) }

    private struct Person {
        var participation: [(day: Int, position: Int)] = []
        var gaps: [(recorded: Int, start: Int, end: Int)] = []
        var enrollments: [(day: Int, position: Int, program: String)] = []
        var endings: [(day: Int, position: Int, program: String, completed: Bool)] = []
        var exclusions: [Int] = []
        var wages: [Int: (cents: Int, employer: String?)] = [:]
        var tuition: [(day: Int, cents: Int)] = []
    }

    /// The figures as of `asOf` (a day number; default: the latest date of the live events): later events are
    /// left out, voids apply whatever their date.
    init(_ events: [JSONObject], asOf limit: Int? = nil) {
        var voided: Set<String> = []
        for event in events where event.string("type") == "ledger.event_voided" {
            if let target = event.object("data")?.string("targetEventId") { voided.insert(target) }
        }
        var people: [String: Person] = [:]
        var costs: [String: Int] = [:]
        var fundBudgets: [String: (day: Int, position: Int, cents: Int)] = [:]
        var fundSpent: [String: Int] = [:]
        for (position, event) in events.enumerated() {
            guard let type = event.string("type"), type != "ledger.event_voided",
                let id = event.string("eventId"), !voided.contains(id), let data = event.object("data"),
                let day = event.string("occurredAt").flatMap(Timestamps.minutes).map({ $0 / 1440 }),
                day <= limit ?? Int.max
            else { continue }
            asOf = max(asOf, day)
            let participant = data.string("participantId") ?? ""
            switch type {
            case "participant.matched":
                people[participant, default: Person()].participation.append((day, position))
            case "participant.enrolled":
                people[participant, default: Person()].participation.append((day, position))
                people[participant, default: Person()].enrollments.append((day, position, data.string("programId") ?? ""))
            case "participant.training_completed", "participant.training_withdrawn":
                people[participant, default: Person()].participation.append((day, position))
                people[participant, default: Person()].endings.append(
                    (day, position, data.string("programId") ?? "", type == "participant.training_completed"))
            case "participant.service_granted":
                let service = data.string("service") ?? ""
                if ["career_advising", "case_management", "job_search_assistance", "tuition"].contains(service) {
                    people[participant, default: Person()].participation.append((day, position))
                }
                if let fund = data.string("fundId") {
                    fundSpent[fund, default: 0] += data.integer("amountCents") ?? 0
                    if service == "tuition" {
                        people[participant, default: Person()].tuition.append((day, data.integer("amountCents") ?? 0))
                    }
                }
            case "participant.gap_in_service_planned":
                guard let start = data.string("startDate").flatMap(Self.day), let end = data.string("endDate").flatMap(Self.day)
                else { continue }
                people[participant, default: Person()].gaps.append((day, start, end))
            case "participant.exit_excluded":
                people[participant, default: Person()].exclusions.append(day)
            case "participant.employment_verified":
                guard let quarter = data.string("quarter").flatMap(Self.quarter) else { continue }
                people[participant, default: Person()].wages[quarter] = (
                    data.integer("wagesCents") ?? 0, data.string("employerId")
                )
            case "wages.quarter_closed":
                if let quarter = data.string("quarter").flatMap(Self.quarter) { closedQuarters[quarter] = day }
            case "program.cost_incurred":
                costs[data.string("programId") ?? "", default: 0] += data.integer("amountCents") ?? 0
                fundSpent[data.string("fundId") ?? "", default: 0] += data.integer("amountCents") ?? 0
            case "fund.registered", "fund.budget_changed":
                let fund = data.string("fundId") ?? ""
                let budget = (day, position, data.integer("budgetCents") ?? 0)
                if let latest = fundBudgets[fund], (latest.day, latest.position) > (day, position) { continue }
                fundBudgets[fund] = budget
            default:
                break
            }
        }
        if let limit { asOf = limit }
        for (fund, budget) in fundBudgets { funds[fund] = (budget.cents, fundSpent[fund, default: 0]) }
        var completersByProgram: [String: Set<String>] = [:]
        for (participant, person) in people.sorted(by: { $0.key < $1.key }) {
            let endingOf = Self.pairEndings(person)
            for (index, enrollment) in person.enrollments.enumerated() {
                guard let ending = endingOf[index] else { continue }
                if ending.completed {
                    completed += 1
                    completersByProgram[enrollment.program, default: []].insert(participant)
                } else {
                    withdrawn += 1
                }
                _ = ending
            }
            for (index, enrollment) in person.enrollments.enumerated() {
                let last = min(endingOf[index]?.day ?? asOf, asOf)
                for tuition in person.tuition where enrollment.day <= tuition.day && tuition.day <= last {
                    costs[enrollment.program, default: 0] += tuition.cents
                }
            }
            addExits(of: participant, person, endingOf: endingOf)
        }
        for (program, cents) in costs { programCost[program] = (cents, completersByProgram[program]?.count ?? 0) }
    }

    /// For each enrollment (by index), the next ending of that program by position, if any.
    private static func pairEndings(_ person: Person) -> [Int: (day: Int, completed: Bool)] {
        var result: [Int: (day: Int, completed: Bool)] = [:]
        var used: Set<Int> = []
        for (index, enrollment) in person.enrollments.enumerated() {
            let next = person.endings.enumerated().filter {
                $0.element.program == enrollment.program && $0.element.position > enrollment.position
                    && !used.contains($0.offset)
            }.min { $0.element.position < $1.element.position }
            if let next {
                used.insert(next.offset)
                result[index] = (next.element.day, next.element.completed)
            }
        }
        return result
    }

    private mutating func addExits(of participant: String, _ person: Person, endingOf: [Int: (day: Int, completed: Bool)]) {
        let events = person.participation.sorted { ($0.day, $0.position) < ($1.day, $1.position) }
        func isGap(_ day: Int) -> Bool {
            person.gaps.contains { max($0.start, $0.recorded) <= day && day <= $0.end }
        }
        func openAtEnd(of day: Int) -> Bool {
            person.enrollments.indices.contains { index in
                person.enrollments[index].day <= day && (endingOf[index].map { $0.day > day } ?? true)
            }
        }
        var index = 0
        while index < events.count {
            let entry = events[index].day
            entryDays[participant, default: []].append(entry)
            var last = entry
            var next = index + 1
            while true {
                while next < events.count && events[next].day <= last { next += 1 }
                var threshold = last
                var counted = 0
                while counted < 90 {
                    threshold += 1
                    if !isGap(threshold) { counted += 1 }
                }
                if next < events.count && (events[next].day <= threshold || openAtEnd(of: last)) {
                    last = events[next].day
                    continue
                }
                if openAtEnd(of: last) || asOf < threshold { return }
                record(participant, person, entry: entry, exit: last)
                index = next
                break
            }
        }
    }

    private mutating func record(_ participant: String, _ person: Person, entry: Int, exit: Int) {
        exitDays[participant, default: []].append(exit)
        if person.exclusions.contains(where: { entry <= $0 && $0 <= exit + 365 }) { return }
        let programs = Set(person.enrollments.filter { entry <= $0.day && $0.day <= exit }.map(\.program))
        exits.append(Exit(participant: participant, entry: entry, exit: exit, programs: programs))
        if programs.isEmpty { exitsWithoutEnrollment += 1 }
        let exitQuarter = Self.quarter(ofDay: exit)
        let second = exitQuarter + 2
        let fourth = exitQuarter + 4
        func count(_ employment: inout Employment) {
            employment.exiters += 1
            if let closed = closedQuarters[second], closed <= asOf {
                employment.denominator += 1
                if (person.wages[second]?.cents ?? 0) > 0 { employment.numerator += 1 }
            } else if Self.lastDay(ofQuarter: second) <= asOf {
                employment.pending += 1
            }
        }
        count(&all)
        count(&byExitQuarter[exitQuarter, default: Employment()])
        for program in programs { count(&byProgram[program, default: Employment()]) }
        if closedQuarters[second] != nil, let record = person.wages[second], record.cents > 0,
            let employer = record.employer, closedQuarters[fourth] != nil
        {
            retention.denominator += 1
            if let later = person.wages[fourth], later.cents > 0, later.employer == employer { retention.numerator += 1 }
        }
    }

    /// The day number of `YYYY-MM-DD`.
    static func day(_ text: String) -> Int? {
        Timestamps.minutes(text + "T00:00:00Z").map { $0 / 1440 }
    }

    /// The quarter index (`year * 4 + quarter − 1`) of `YYYYQn`.
    static func quarter(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
            (0x31...0x34).contains(bytes[5])
        else { return nil }
        return year * 4 + Int(bytes[5] - 0x31)
    }

    /// The quarter index of a day number.
    static func quarter(ofDay day: Int) -> Int {
        // Civil from days (Hinnant).
        let z = day + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return year * 4 + (month - 1) / 3
    }

    /// The last day number of a quarter index.
    static func lastDay(ofQuarter quarter: Int) -> Int {
        let next = quarter + 1
        let text = "\(next / 4)-" + (next % 4 == 0 ? "01" : next % 4 == 1 ? "04" : next % 4 == 2 ? "07" : "10") + "-01"
        return (day(text) ?? 0) - 1
    }

    /// `YYYYQn` of a quarter index.
    static func name(ofQuarter quarter: Int) -> String { "\(quarter / 4)Q\(quarter % 4 + 1)" }
}
