/// The world as known at position N and as of date D: the programs, employers and participants that count, each
/// participant with the live facts that name only counting programs and employers (REPORTS.md section 1).
struct World {
    let position: UInt64
    let asOf: Day
    var programs: [String: ProgramInfo] = [:]
    var employers: Set<String> = []
    /// Sorted by id.
    var participants: [ParticipantFacts] = []
    /// Employer facts (hiring commitments) of counting employers, live and dated ≤ D.
    var commitments: [Fact] = []

    struct ProgramInfo {
        let id: String
        let sector: UInt8
        let trainingType: UInt8
        let capacity: Int64
    }

    struct ParticipantFacts {
        let id: String
        let registration: Fact
        /// Live facts naming counting programs and employers, whatever their date, in position order.
        let facts: [Fact]
        var populations: UInt8 { registration.code }
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

    init(facts model: ModelFacts, position: UInt64, asOf: Day, voided: Set<UInt64>) {
        self.position = position
        self.asOf = asOf
        for program in model.programs {
            var registration: Fact?
            var capacity: Fact?
            for fact in program.facts where Self.isLive(fact, position: position, voided: voided) && fact.day <= asOf {
                if fact.kind == .programRegistered, registration.map({ Self.isLater(fact, than: $0) }) ?? true {
                    registration = fact
                }
                if fact.kind == .programRegistered || fact.kind == .capacityChanged,
                    capacity.map({ Self.isLater(fact, than: $0) }) ?? true
                {
                    capacity = fact
                }
            }
            guard let registration else { continue }
            programs[program.id] = ProgramInfo(
                id: program.id, sector: registration.code & 0x0F, trainingType: registration.code >> 4,
                capacity: capacity?.amount ?? registration.amount)
        }
        for employer in model.employers
        where employer.facts.contains(where: {
            $0.kind == .employerRegistered && Self.isLive($0, position: position, voided: voided) && $0.day <= asOf
        }) {
            employers.insert(employer.id)
        }
        for employer in model.employers where employers.contains(employer.id) {
            for fact in employer.facts
            where fact.kind == .hiringCommitted && Self.isLive(fact, position: position, voided: voided) && fact.day <= asOf
                && (fact.ref.isEmpty || programs[fact.ref] != nil)
            {
                commitments.append(fact)
            }
        }
        for participant in model.participants {
            var registration: Fact?
            var live: [Fact] = []
            for fact in participant.facts where Self.isLive(fact, position: position, voided: voided) {
                switch fact.kind {
                case .participantRegistered:
                    if fact.day <= asOf, registration.map({ Self.isLater(fact, than: $0) }) ?? true { registration = fact }
                case .matched, .waitlisted, .enrolled, .trainingCompleted, .trainingWithdrawn:
                    if programs[fact.ref] != nil { live.append(fact) }
                case .credentialEarned:
                    if fact.ref.isEmpty || programs[fact.ref] != nil { live.append(fact) }
                case .hired:
                    if employers.contains(fact.ref) { live.append(fact) }
                default:
                    live.append(fact)
                }
            }
            guard let registration else { continue }
            participants.append(ParticipantFacts(id: participant.id, registration: registration, facts: live))
        }
        participants.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }
}

extension String {
    /// Unicode code point order (UTF-8 byte order is the same).
    @inline(__always)
    func precedesByCodePoint(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}
