extension DashboardPage {
    /// Registered → matched → enrolled → completed → hired, overall and per sector.
    static func funnelSection(_ funnel: FunnelReport) -> DashboardSection {
        var section = DashboardSection(
            id: "funnel", title: "Participant funnel",
            summary: "Participants registered, matched to a program, enrolled, completing training and hired after "
                + "completing, as of the page's date. Per sector: those matched to a program of the sector and, of "
                + "them, those enrolled in, completing and hired after completing a program of that sector. "
                + (funnel.minCell <= 1
                    ? "Suppression is off."
                    : "Counts below \(funnel.minCell) are suppressed, and where exactly one sector's count at a stage is "
                        + "suppressed, the next smallest is too."))
        let stages = FunnelReport.Stage.allCases
        section.charts.append(
            BarChart(
                title: "All participants", series: ["Participants"],
                rows: stages.map { stage in
                    BarRow(heading: nil, label: label(stage.rawValue), cells: [.funnel(funnel.overall, stage)])
                }, unit: .count))
        let sectorStages = Array(stages.dropFirst())
        if !funnel.sectors.isEmpty {
            section.charts.append(
                BarChart(
                    title: "By sector", series: sectorStages.map { label($0.rawValue) },
                    rows: funnel.sectors.map { row in
                        BarRow(heading: nil, label: label(row.name), cells: sectorStages.map { .funnel(row, $0) })
                    }, unit: .count))
        }
        var table = DataTable(caption: "Participant funnel", columns: ["Group"] + stages.map { label($0.rawValue) })
        table.rows.append(("All participants", stages.map { .cell(.funnel(funnel.overall, $0)) }))
        for row in funnel.sectors {
            table.rows.append((label(row.name), [.cell(.none)] + sectorStages.map { .cell(.funnel(row, $0)) }))
        }
        section.tables.append(table)
        return section
    }
}
