extension DashboardPage {
    /// The outcome measures of the equity view, with how each is read from a group.
    static let equityMetrics: [(metric: OutcomeMetric, title: String, value: @Sendable (OutcomeGroup) -> Figure?)] = [
        (.employmentQ2, "Employed in the 2nd quarter after exit", { .rate($0.employmentQ2) }),
        (.employmentQ4, "Employed in the 4th quarter after exit", { .rate($0.employmentQ4) }),
        (.credentialRate, "Credential attainment", { .rate($0.credentialRate) }),
        (.placementRate, "Placed in a job within 90 days of exit", { .rate($0.placementRate) }),
        (.medianEarningsQ2, "Median earnings, 2nd quarter after exit", { .cents($0.medianEarningsQ2.median) }),
    ]

    /// The dimensions of the equity view.
    static let equityDimensions: [(dimension: OutcomeDimension, title: String)] = [
        (.population, "Population"), (.race, "Race or ethnicity"), (.sex, "Sex"), (.age, "Age at registration"),
    ]

    /// Outcomes by population, race, sex and age, each against the program-wide figure.
    static func equitySection(_ report: OutcomesReport) -> DashboardSection {
        var section = DashboardSection(
            id: "equity", title: "Outcomes by population, race, sex and age",
            summary: "Exit-based outcomes of each group, against the program-wide figure (the vertical line). "
                + "A person can belong to several populations and race groups. "
                + (report.isConfidential
                    ? "Suppression is off: small cells are shown, and the page is confidential."
                    : "Figures whose cohort is below \(report.minCell) people, and those that would let one be "
                        + "recovered by subtraction, are suppressed."))
        let all = report.groups.first { $0.dimension == OutcomeDimension.all.rawValue }
        for (metric, title, value) in equityMetrics {
            var rows: [BarRow] = []
            for (dimension, dimensionTitle) in equityDimensions {
                let groups = report.groups.filter { $0.dimension == dimension.rawValue }
                for (index, group) in groups.enumerated() {
                    rows.append(
                        BarRow(
                            heading: index == 0 ? dimensionTitle : nil, label: label(group.value),
                            cells: [.outcome(group, metric, value)]))
                }
            }
            var chart = BarChart(title: title, series: [title], rows: rows, unit: metric == .medianEarningsQ2 ? .cents : .rate)
            if let all { chart.reference = ("Program-wide", .outcome(all, metric, value)) }
            section.charts.append(chart)
        }
        let columns = ["Group", "Exiters"] + equityMetrics.map(\.title)
        for (dimension, dimensionTitle) in equityDimensions {
            var table = DataTable(caption: "Outcomes by \(dimensionTitle.lowercased())", columns: columns)
            let groups = (all.map { [$0] } ?? []) + report.groups.filter { $0.dimension == dimension.rawValue }
            for group in groups {
                let header = group.dimension == OutcomeDimension.all.rawValue ? "Program-wide" : label(group.value)
                table.rows.append(
                    (header, [.cell(exitersCell(group))] + equityMetrics.map { .cell(.outcome(group, $0.metric, $0.value)) }))
            }
            section.tables.append(table)
        }
        return section
    }

    /// A group's exiters, or suppressed.
    static func exitersCell(_ group: OutcomeGroup) -> DashboardCell {
        .outcome(group, .exiters) { .count(Int64($0.exiters)) }
    }
}
