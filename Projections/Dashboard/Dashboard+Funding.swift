extension DashboardPage {
    /// Spending against budget per fund, cost per completer per program, and the sectoral training indicators.
    static func fundingSection(_ report: FundingReport) -> DashboardSection {
        var section = DashboardSection(
            id: "funding", title: "Funding",
            summary: "Each fund's spending against its budget, each program's cost per participant completing "
                + "training, and the workers enrolled in and completing sectoral training this program year "
                + "(Treasury expenditure category 2.10). Money and counts per fund and program: not suppressed.")
        section.charts.append(
            BarChart(
                title: "Spent and budget per fund", series: ["Budget", "Spent"],
                rows: report.funds.map { f in
                    BarRow(heading: nil, label: f.fundId, cells: [.shown(.cents(f.budget)), .shown(.cents(f.spent))])
                }, unit: .cents))
        section.charts.append(
            BarChart(
                title: "Cost per completer", series: ["Cost per completer"],
                rows: report.programs.map { p in
                    BarRow(
                        heading: nil, label: programLabel(p.programId, p.name),
                        cells: [p.costPerCompleted.map { .shown(.cents($0)) } ?? .none])
                }, unit: .cents))
        var funds = DataTable(
            caption: "Funds",
            columns: ["Fund", "Source", "Expenditure category", "Budget", "Spent", "Remaining", "Participants served"])
        for f in report.funds {
            funds.rows.append(
                (
                    f.fundId,
                    [
                        .text(label(f.source)), .text(f.expenditureCategory ?? "–"), .cell(.shown(.cents(f.budget))),
                        .cell(.shown(.cents(f.spent))), .cell(.shown(.cents(f.remaining))),
                        .cell(.shown(.count(Int64(f.participantsServed)))),
                    ]
                ))
        }
        section.tables.append(funds)
        var programs = DataTable(
            caption: "Program costs",
            columns: [
                "Program", "Training type", "Cost", "Enrolled", "Completed", "Hired", "Cost per enrolled",
                "Cost per completer", "Cost per hire",
            ])
        for p in report.programs {
            programs.rows.append(
                (
                    programLabel(p.programId, p.name),
                    [
                        .text(label(p.trainingType)), .cell(.shown(.cents(p.cost))),
                        .cell(.shown(.count(Int64(p.enrolled)))), .cell(.shown(.count(Int64(p.completed)))),
                        .cell(.shown(.count(Int64(p.hired)))),
                    ]
                        + [p.costPerEnrolled, p.costPerCompleted, p.costPerHired].map {
                            .cell($0.map { .shown(.cents($0)) } ?? .none)
                        }
                ))
        }
        section.tables.append(programs)
        let from = report.windowFrom.map(Dates.format) ?? "–"
        let to = report.windowTo.map(Dates.format) ?? "–"
        var sectoral = DataTable(
            caption: "Sectoral training, \(from) to \(to)", columns: ["Sector", "Workers enrolled", "Workers completing"])
        let training = report.sectoralTraining
        sectoral.rows.append(
            (
                "All sectors",
                [.cell(.shown(.count(Int64(training.workersEnrolled)))), .cell(.shown(.count(Int64(training.workersCompleted))))]
            ))
        for entry in training.bySector {
            sectoral.rows.append(
                (
                    label(entry.sector),
                    [.cell(.shown(.count(Int64(entry.enrolled)))), .cell(.shown(.count(Int64(entry.completed))))]
                ))
        }
        section.tables.append(sectoral)
        return section
    }
}
