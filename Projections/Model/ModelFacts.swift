/// The facts of one entity (participant, program or employer), in position order.
struct EntityFacts {
    var id: String
    var facts: [Fact]
}

/// Every entity's facts as one read model holds them.
struct ModelFacts {
    var participants: [EntityFacts] = []
    var programs: [EntityFacts] = []
    var employers: [EntityFacts] = []

    /// Loads the read model `model` of `models`.
    static func load(_ model: String, from models: ReadModels) throws -> ModelFacts {
        var result = ModelFacts()
        try models.forEachEntity(in: model) { key, value in
            guard let first = key.first, let kind = EntityKind(rawValue: first) else {
                throw ReadModelError.corrupt("an entity key is malformed")
            }
            var facts: [Fact] = []
            try FactCodec.decode(value, into: &facts)
            let entity = EntityFacts(id: String(decoding: key.dropFirst(), as: UTF8.self), facts: facts)
            switch kind {
            case .participant: result.participants.append(entity)
            case .program: result.programs.append(entity)
            case .employer: result.employers.append(entity)
            }
        }
        return result
    }

    /// The positions voided by voids known at `position`.
    func voided(atPosition position: UInt64) -> Set<UInt64> {
        var voided: Set<UInt64> = []
        for list in [participants, programs, employers] {
            for entity in list {
                for fact in entity.facts where fact.kind == .voided && fact.position <= position && fact.aux != 0 {
                    voided.insert(fact.aux)
                }
            }
        }
        return voided
    }
}

/// What a report asks: the position N and date D the world is seen at, and the suppression threshold.
public struct ReportQuery: Sendable, Equatable {
    /// Only events at positions ≤ `position` are known.
    public var position: UInt64
    /// The as-of date; `nil` for the default (the latest date of the known live events).
    public var asOf: Day?
    /// The small-cell threshold K (≥ 1) of the outcomes report.
    public var minCell: Int

    /// Creates a query at `position`; the callers check `position` and `minCell` against the contract's ranges.
    public init(position: UInt64, asOf: Day? = nil, minCell: Int = 10) {
        self.position = position
        self.asOf = asOf
        self.minCell = minCell
    }
}

/// The rule version every report states; bumped whenever a definition changes its output.
public let ruleVersion = "1"
