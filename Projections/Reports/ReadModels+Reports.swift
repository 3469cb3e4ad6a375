extension ReadModels {
    /// The outcomes report at `query` (catch up first with ``catchUp(to:progress:)``).
    public func outcomes(_ query: ReportQuery) throws -> OutcomesReport {
        let world = try world(ReadModelCatalog.outcomes, query)
        return OutcomesReport.compute(world: world, query: query)
    }

    /// The caseload report at `query`.
    public func caseload(_ query: ReportQuery) throws -> CaseloadReport {
        CaseloadReport.compute(world: try world(ReadModelCatalog.caseload, query), position: query.position)
    }

    /// The program capacity report at `query`.
    public func capacity(_ query: ReportQuery) throws -> CapacityReport {
        CapacityReport.compute(world: try world(ReadModelCatalog.capacity, query), position: query.position)
    }

    /// The world of read model `model` at (N, D); `nil` when D defaults and no known event is live.
    func world(_ model: String, _ query: ReportQuery) throws -> World? {
        let facts = try ModelFacts.load(model, from: self)
        let voided = facts.voided(atPosition: query.position)
        guard let asOf = try query.asOf ?? latestDay(atPosition: query.position, voided: voided) else { return nil }
        return World(facts: facts, position: query.position, asOf: asOf, voided: voided)
    }
}

extension ReadModels {
    /// The funding report at `query`.
    public func funding(_ query: ReportQuery) throws -> FundingReport {
        FundingReport.compute(world: try world(ReadModelCatalog.funding, query), query: query)
    }
}
