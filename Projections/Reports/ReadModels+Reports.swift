extension ReadModels {
    /// The outcomes report at `query` (catch up first with ``catchUp(to:progress:)``).
    public func outcomes(_ query: ReportQuery) throws -> OutcomesReport {
        let world = try world(ReadModelCatalog.outcomes, query)
        var report = OutcomesReport.compute(world: world, query: query)
        report.asOfIsDefault = query.asOf == nil
        return report
    }

    /// The caseload report at `query`.
    public func caseload(_ query: ReportQuery) throws -> CaseloadReport {
        var report = CaseloadReport.compute(world: try world(ReadModelCatalog.caseload, query), position: query.position)
        report.asOfIsDefault = query.asOf == nil
        return report
    }

    /// The program capacity report at `query`.
    public func capacity(_ query: ReportQuery) throws -> CapacityReport {
        var report = CapacityReport.compute(world: try world(ReadModelCatalog.capacity, query), position: query.position)
        report.asOfIsDefault = query.asOf == nil
        return report
    }

    /// The world of read model `model` at (N, D); `nil` when D defaults and no known event is live.
    ///
    /// The facts and the default date are read in one consistent view (``withView(atLeast:_:)``). Damaged stored
    /// read models are rebuilt when they can be written, else the world is read from a replay in memory: never a
    /// wrong answer.
    func world(_ model: String, _ query: ReportQuery) throws -> World? {
        do {
            return try world(model, query, in: self)
        } catch  where directory != nil && Self.meansDamage(error) {
            if isWritable {
                try rebuild()
                return try world(model, query, in: self)
            }
            let replay = ReadModels(inMemoryFor: store)
            try replay.catchUp(to: query.position)
            return try world(model, query, in: replay)
        }
    }

    private func world(_ model: String, _ query: ReportQuery, in models: ReadModels) throws -> World? {
        try models.withView(atLeast: query.position) { view in
            let facts = try ModelFacts.load(model, from: view)
            let voided = facts.voided(atPosition: query.position)
            guard let asOf = try query.asOf ?? view.latestDay(atPosition: query.position, voided: voided) else {
                return nil
            }
            return World(facts: facts, position: query.position, asOf: asOf, voided: voided)
        }
    }
}

extension ReadModels {
    /// The funding report at `query`.
    public func funding(_ query: ReportQuery) throws -> FundingReport {
        var report = FundingReport.compute(world: try world(ReadModelCatalog.funding, query), query: query)
        report.asOfIsDefault = query.asOf == nil
        return report
    }
}
