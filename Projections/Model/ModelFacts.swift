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
    var funds: [EntityFacts] = []
    /// Wage quarters (`wages-<quarter>` streams).
    var wages: [EntityFacts] = []

    /// Loads the read model `model` from one consistent view of the read models.
    static func load(_ model: String, from view: ReadModelView) throws -> ModelFacts {
        var result = ModelFacts()
        try view.forEachEntity(in: model) { key, value in
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
            case .fund: result.funds.append(entity)
            case .wages: result.wages.append(entity)
            }
        }
        return result
    }

    /// The positions voided by voids known at `position`.
    func voided(atPosition position: UInt64) -> Set<UInt64> {
        var voided: Set<UInt64> = []
        for list in [participants, programs, employers, funds, wages] {
            for entity in list {
                for fact in entity.facts where fact.kind == .voided && fact.position <= position && fact.aux != 0 {
                    voided.insert(fact.aux)
                }
            }
        }
        return voided
    }
}

/// The rule version every report states; bumped whenever a definition changes its output.
public let ruleVersion = "2"
