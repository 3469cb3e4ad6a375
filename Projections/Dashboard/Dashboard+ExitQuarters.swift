extension DashboardPage {
    /// Outcomes per exit quarter: employment in the 2nd and 4th quarters after exit, placement and credentials;
    /// quarters whose wage data is not in yet are pending, not zero.
    static func exitQuarterSection(_ report: OutcomesReport) -> DashboardSection {
        var section = DashboardSection(
            id: "exit-quarters", title: "Outcomes by exit quarter",
            summary: "Employment in the 2nd and 4th quarters after exit, per quarter of exit. Wage records arrive "
                + "months after a quarter ends: a quarter that has ended but is not yet closed is pending, and one "
                + "that has not ended is not yet due; neither is a zero.")
        let quarters = report.groups.filter { $0.dimension == OutcomeDimension.exitQuarter.rawValue }
        func employment(_ group: OutcomeGroup, _ metric: OutcomeMetric) -> DashboardCell {
            let measure = metric == .employmentQ2 ? group.employmentQ2 : group.employmentQ4
            // Every exiter of an exit quarter has the same quarter after exit: no one in the cohort means that
            // quarter is not closed (a cohort of 0 reveals no one).
            if measure.denominator == 0, let asOf = report.asOf, let exit = quarter(group.value) {
                let after = exit + (metric == .employmentQ2 ? 2 : 4)
                return Dates.lastDay(of: after) <= asOf ? .pending : .notDue
            }
            return .outcome(group, metric) { _ in .rate(measure) }
        }
        func pendingCount(_ group: OutcomeGroup, _ metric: OutcomeMetric) -> DashboardCell {
            let cell = employment(group, metric)
            guard case .shown = cell else { return cell }
            let measure = metric == .employmentQ2 ? group.employmentQ2 : group.employmentQ4
            return .shown(.count(Int64(measure.pending)))
        }
        section.charts.append(
            BarChart(
                title: "Employment after exit, by exit quarter",
                series: ["2nd quarter after exit", "4th quarter after exit"],
                rows: quarters.map { group in
                    BarRow(
                        heading: nil, label: group.value,
                        cells: [employment(group, .employmentQ2), employment(group, .employmentQ4)])
                }, unit: .rate))
        section.charts.append(
            BarChart(
                title: "Placement within 90 days, by exit quarter", series: ["Placement"],
                rows: quarters.map { group in
                    BarRow(heading: nil, label: group.value, cells: [.outcome(group, .placementRate) { .rate($0.placementRate) }])
                }, unit: .rate))
        var table = DataTable(
            caption: "Outcomes by exit quarter",
            columns: [
                "Exit quarter", "Exiters", "Employed Q2 after exit", "Pending Q2", "Employed Q4 after exit",
                "Pending Q4", "Placement", "Credential attainment",
            ])
        for group in quarters {
            table.rows.append(
                (
                    group.value,
                    [
                        .cell(exitersCell(group)), .cell(employment(group, .employmentQ2)),
                        .cell(pendingCount(group, .employmentQ2)), .cell(employment(group, .employmentQ4)),
                        .cell(pendingCount(group, .employmentQ4)),
                        .cell(.outcome(group, .placementRate) { .rate($0.placementRate) }),
                        .cell(.outcome(group, .credentialRate) { .rate($0.credentialRate) }),
                    ]
                ))
        }
        section.tables.append(table)
        return section
    }

    /// `2025Q3` as a quarter number.
    static func quarter(_ text: String) -> Dates.Quarter? {
        let parts = text.split(separator: "Q")
        guard parts.count == 2, let year = Int32(parts[0]), let q = Int32(parts[1]), (1...4).contains(q) else { return nil }
        return year * 4 + q - 1
    }
}
