extension DashboardPage {
    /// Per case manager: active participants, by stage and by inactivity alert. No participant ids.
    static func caseloadSection(_ report: CaseloadReport) -> DashboardSection {
        var section = DashboardSection(
            id: "caseload", title: "Caseload",
            summary: "Active participants per case manager (registered and not yet in a period of participation, "
                + "or in an open one), with those whose last activity was 60 to 74, 75 to 89, or 90 days or more ago. "
                + "Operational counts, not suppressed; no participant is named.")
        let alerts = CaseloadReport.alerts.reversed()
        let alertTitles = ["60_days": "60–74 days", "75_days": "75–89 days", "90_days": "90+ days"]
        func alertCount(_ load: CaseManagerLoad, _ alert: String) -> Int64 {
            Int64(load.byAlert.first { $0.0 == alert }?.1 ?? 0)
        }
        section.charts.append(
            BarChart(
                title: "Active participants and inactivity alerts",
                series: ["Active"] + alerts.map { "Inactive \(alertTitles[$0] ?? $0)" },
                rows: report.caseManagers.map { load in
                    BarRow(
                        heading: nil, label: load.caseManagerId,
                        cells: [.shown(.count(Int64(load.active)))] + alerts.map { .shown(.count(alertCount(load, $0))) })
                }, unit: .count))
        var table = DataTable(
            caption: "Caseload per case manager",
            columns: ["Case manager", "Active"] + CaseloadReport.stages.map(label)
                + alerts.map { "Inactive \(alertTitles[$0] ?? $0)" })
        for load in report.caseManagers {
            let stages = CaseloadReport.stages.map { stage in Int64(load.byStage.first { $0.0 == stage }?.1 ?? 0) }
            table.rows.append(
                (
                    load.caseManagerId,
                    ([Int64(load.active)] + stages + alerts.map { alertCount(load, $0) }).map { .cell(.shown(.count($0))) }
                ))
        }
        section.tables.append(table)
        return section
    }
}
