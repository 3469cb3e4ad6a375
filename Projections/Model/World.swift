/// The world as known at position N and as of date D: the programs, employers, funds and participants that count,
/// each participant with the live facts that name only counting programs and employers (REPORTS.md section 1), and
/// the wage quarters closed by D.
struct World {
    let position: UInt64
    let asOf: Day
    var programs: [String: ProgramInfo] = [:]
    var employers: Set<String> = []
    /// Funds whose registration counts, by id.
    var funds: [String: FundInfo] = [:]
    /// Quarters with a live `wages.quarter_closed` dated ≤ D.
    var closedQuarters: Set<Dates.Quarter> = []
    /// Sorted by id.
    var participants: [ParticipantFacts] = []
    /// Employer facts (hiring commitments) of counting employers, live and dated ≤ D.
    var commitments: [Fact] = []

    struct ProgramInfo {
        let id: String
        /// The program's name, from its registration.
        let name: String
        let sector: UInt8
        let trainingType: UInt8
        let capacity: Int64
        /// Its live `program.cost_incurred` facts dated ≤ D, in position order.
        var costs: [Fact] = []
    }

    struct FundInfo {
        let id: String
        let source: UInt8
        /// The expenditure category, or `nil` when the registration has none.
        let expenditureCategory: String?
        /// Budget cents of the latest (by date, then position) `registered` or `budget_changed` dated ≤ D.
        let budget: Int64
    }

    struct ParticipantFacts {
        let id: String
        let registration: Fact
        /// Live facts naming counting programs and employers, whatever their date, in position order.
        let facts: [Fact]
        /// Population bits (``Vocabulary/populations`` order).
        var populations: UInt16 { UInt16(truncatingIfNeeded: registration.aux) }
        /// Race bits (``Vocabulary/races`` order); 0 when none was reported.
        var races: UInt8 { UInt8(truncatingIfNeeded: registration.aux >> 16) }
        /// The sex code.
        var sex: UInt8 { registration.code }
        /// The year of the registration's date minus the birth year.
        var age: Int { Dates.civil(registration.day).year - Int(registration.amount) }
    }

    /// Whether a live fact is known at `position` and not voided.
    @inline(__always)
    static func isLive(_ fact: Fact, position: UInt64, voided: Set<UInt64>) -> Bool {
        fact.position <= position && fact.kind != .voided && !voided.contains(fact.position)
    }

    /// "Latest" by date, then position.
    @inline(__always)
    static func isLater(_ a: Fact, than b: Fact) -> Bool {
        a.day != b.day ? a.day > b.day : a.position > b.position
    }

    /// The latest of `facts` (by date, then position) whose kind is in `kinds`, among the live ones dated ≤ D.
    private static func latest(
        _ facts: [Fact], _ kinds: Set<FactKind>, position: UInt64, asOf: Day, voided: Set<UInt64>
    ) -> Fact? {
        var found: Fact?
        for fact in facts
        where kinds.contains(fact.kind) && isLive(fact, position: position, voided: voided) && fact.day <= asOf {
            if found.map({ isLater(fact, than: $0) }) ?? true { found = fact }
        }
        return found
    }

    init(facts model: ModelFacts, position: UInt64, asOf: Day, voided: Set<UInt64>) {
        self.position = position
        self.asOf = asOf
        func live(_ fact: Fact) -> Bool { Self.isLive(fact, position: position, voided: voided) && fact.day <= asOf }
        for program in model.programs {
            guard
                let registration = Self.latest(
                    program.facts, [.programRegistered], position: position, asOf: asOf, voided: voided)
            else { continue }
            let capacity = Self.latest(
                program.facts, [.programRegistered, .capacityChanged], position: position, asOf: asOf, voided: voided)
            programs[program.id] = ProgramInfo(
                id: program.id, name: registration.ref, sector: registration.code & 0x0F,
                trainingType: registration.code >> 4, capacity: capacity?.amount ?? registration.amount)
        }
        for fund in model.funds {
            guard
                let registration = Self.latest(
                    fund.facts, [.fundRegistered], position: position, asOf: asOf, voided: voided),
                let budget = Self.latest(
                    fund.facts, [.fundRegistered, .budgetChanged], position: position, asOf: asOf, voided: voided)
            else { continue }
            funds[fund.id] = FundInfo(
                id: fund.id, source: registration.code,
                expenditureCategory: registration.ref.isEmpty ? nil : registration.ref, budget: budget.amount)
        }
        for program in model.programs where programs[program.id] != nil {
            programs[program.id]?.costs = program.facts.filter { $0.kind == .costIncurred && live($0) }
        }
        for quarter in model.wages {
            for fact in quarter.facts where fact.kind == .quarterClosed && live(fact) {
                closedQuarters.insert(Dates.Quarter(truncatingIfNeeded: fact.aux))
            }
        }
        for employer in model.employers
        where employer.facts.contains(where: { $0.kind == .employerRegistered && live($0) }) {
            employers.insert(employer.id)
        }
        for employer in model.employers where employers.contains(employer.id) {
            for fact in employer.facts
            where fact.kind == .hiringCommitted && live(fact) && (fact.ref.isEmpty || programs[fact.ref] != nil) {
                commitments.append(fact)
            }
        }
        for participant in model.participants {
            var registration: Fact?
            var facts: [Fact] = []
            for fact in participant.facts where Self.isLive(fact, position: position, voided: voided) {
                switch fact.kind {
                case .participantRegistered:
                    if fact.day <= asOf, registration.map({ Self.isLater(fact, than: $0) }) ?? true { registration = fact }
                case .matched, .waitlisted, .enrolled, .trainingCompleted, .trainingWithdrawn:
                    if programs[fact.ref] != nil { facts.append(fact) }
                case .credentialEarned, .skillGain:
                    if fact.ref.isEmpty || programs[fact.ref] != nil { facts.append(fact) }
                case .hired:
                    if employers.contains(fact.ref) { facts.append(fact) }
                default:
                    facts.append(fact)
                }
            }
            guard let registration else { continue }
            participants.append(ParticipantFacts(id: participant.id, registration: registration, facts: facts))
        }
        participants.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    /// Whether quarter `quarter` is closed as of D.
    @inline(__always)
    func isClosed(_ quarter: Dates.Quarter) -> Bool { closedQuarters.contains(quarter) }
}

extension String {
    /// Unicode code point order (UTF-8 byte order is the same).
    @inline(__always)
    func precedesByCodePoint(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}
