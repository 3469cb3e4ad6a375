extension DashboardPage {
    /// Utilization and waitlists per program, hiring commitments against hired graduates (not suppressed).
    static func capacitySection(_ report: CapacityReport) -> DashboardSection {
        var section = DashboardSection(
            id: "capacity", title: "Program capacity",
            summary: "Seats in use (participants in training over seats; above 100% after a capacity cut), "
                + "participants waiting for a seat, and employers' hiring commitments against the program's "
                + "graduates hired after completing. Operational figures, not suppressed.")
        func row(_ p: ProgramCapacity) -> String { programLabel(p.programId, p.name) }
        section.charts.append(
            BarChart(
                title: "Utilization", series: ["Utilization"],
                rows: report.programs.map { p in
                    BarRow(
                        heading: nil, label: row(p),
                        cells: [p.utilizationTenThousandths.map { .shown(.rate(tenThousandths: $0)) } ?? .none])
                }, unit: .rate))
        section.charts.append(
            BarChart(
                title: "Waitlisted participants", series: ["Waitlisted"],
                rows: report.programs.map { p in
                    BarRow(heading: nil, label: row(p), cells: [.shown(.count(Int64(p.waitlisted)))])
                }, unit: .count))
        section.charts.append(
            BarChart(
                title: "Hiring commitments and hired graduates", series: ["Positions committed", "Graduates hired"],
                rows: report.programs.map { p in
                    BarRow(
                        heading: nil, label: row(p),
                        cells: [.shown(.count(p.hiringCommitments)), .shown(.count(Int64(p.hiredGraduates)))])
                }, unit: .count))
        var table = DataTable(
            caption: "Program capacity",
            columns: [
                "Program", "Sector", "Seats", "In training", "Waitlisted", "Completed", "Withdrawn", "Seats free",
                "Utilization", "Positions committed", "Graduates hired",
            ])
        for p in report.programs {
            let counts: [Int64] = [
                p.capacity, Int64(p.activeEnrolled), Int64(p.waitlisted), Int64(p.completed), Int64(p.withdrawn),
                p.seatsAvailable,
            ]
            table.rows.append(
                (
                    row(p),
                    [.text(label(p.sector))] + counts.map { .cell(.shown(.count($0))) }
                        + [
                            .cell(p.utilizationTenThousandths.map { .shown(.rate(tenThousandths: $0)) } ?? .none),
                            .cell(.shown(.count(p.hiringCommitments))), .cell(.shown(.count(Int64(p.hiredGraduates)))),
                        ]
                ))
        }
        section.tables.append(table)
        return section
    }
}
