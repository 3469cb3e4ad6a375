import LedgerStore

extension ReadModels {
    /// The dashboard at `query` (its `minCell`, `exitFrom` and `exitTo` apply to the outcomes and the funnel),
    /// headed by `digest`, the hash at `query.position` (`nil` for an empty ledger).
    public func dashboard(_ query: ReportQuery, digest: Digest?) throws -> DashboardPage {
        var outcomesQuery = query
        outcomesQuery.cross = []
        let outcomes = try outcomes(outcomesQuery)
        var fundingQuery = query
        fundingQuery.windowFrom = nil
        fundingQuery.windowTo = nil
        return DashboardPage.build(
            outcomes: outcomes, funnel: try funnel(query), capacity: try capacity(query),
            funding: try funding(fundingQuery), caseload: try caseload(query), digest: digest)
    }
}

extension DashboardPage {
    /// The page of these reports, computed at one (position, date).
    static func build(
        outcomes: OutcomesReport, funnel: FunnelReport, capacity: CapacityReport, funding: FundingReport,
        caseload: CaseloadReport, digest: Digest?
    ) -> DashboardPage {
        let header = DashboardHeader(
            position: outcomes.position, asOf: outcomes.asOf, ruleVersion: ruleVersion, exitFrom: outcomes.exitFrom,
            exitTo: outcomes.exitTo, minCell: outcomes.minCell, headDigest: digest)
        return DashboardPage(
            header: header,
            sections: [
                funnelSection(funnel), equitySection(outcomes), exitQuarterSection(outcomes),
                capacitySection(capacity), fundingSection(funding), caseloadSection(caseload),
            ])
    }

    /// A code for people: `black_african_american` → `Black african american`, `25_to_34` → `25 to 34`.
    static func label(_ code: String) -> String {
        let spaced = code.replacingUnderscores()
        guard let first = spaced.first else { return spaced }
        return first.uppercased() + spaced.dropFirst()
    }

    /// `PRG-07 Welding` (or the id alone when the name is empty).
    static func programLabel(_ id: String, _ name: String) -> String { name.isEmpty ? id : "\(id) \(name)" }
}

extension String {
    /// Underscores as spaces.
    func replacingUnderscores() -> String {
        String(unicodeScalars.map { $0 == "_" ? " " : Character($0) })
    }
}
