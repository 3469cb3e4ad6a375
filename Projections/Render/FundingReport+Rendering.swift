import CanonicalJSON

extension FundingReport {
    /// The report in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        format.render(json: json, csv: csv, table: table)
    }

    private static func optional(_ value: Int64?) -> String { value.map(String.init) ?? "null" }

    func json() -> String {
        var w = JSONWriter()
        w.reportHeader("funding", position: position, asOf: asOf, ruleVersion: ruleVersion)
        w.key("window"); w.raw("{")
        w.key("from"); w.day(windowFrom); w.raw(",")
        w.key("to"); w.day(windowTo); w.raw("},")
        w.key("funds"); w.raw("[")
        for (index, fund) in funds.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw("{")
            w.key("fundId"); w.string(fund.fundId); w.raw(",")
            w.key("source"); w.string(fund.source); w.raw(",")
            w.key("expenditureCategory")
            if let category = fund.expenditureCategory { w.string(category) } else { w.raw("null") }
            w.raw(#","budget":\#(fund.budget),"spent":\#(fund.spent),"remaining":\#(fund.remaining),"#)
            w.key("byCategory"); w.raw("{")
            var first = true
            for category in Self.categories {
                guard let cents = fund.byCategory[category], cents != 0 else { continue }
                if !first { w.raw(",") }
                first = false
                w.key(category); w.raw(String(cents))
            }
            w.raw(#"},"participantsServed":\#(fund.participantsServed)}"#)
        }
        w.raw("],")
        w.key("programs"); w.raw("[")
        for (index, p) in programs.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw("{")
            w.key("programId"); w.string(p.programId); w.raw(",")
            w.key("trainingType"); w.string(p.trainingType); w.raw(",")
            w.raw(#""cost":\#(p.cost),"enrolled":\#(p.enrolled),"completed":\#(p.completed),"hired":\#(p.hired),"#)
            w.raw(#""costPerEnrolled":\#(Self.optional(p.costPerEnrolled)),"#)
            w.raw(#""costPerCompleted":\#(Self.optional(p.costPerCompleted)),"#)
            w.raw(#""costPerHired":\#(Self.optional(p.costPerHired))}"#)
        }
        w.raw("],")
        let s = sectoralTraining
        w.key("sectoralTraining")
        w.raw(#"{"workersEnrolled":\#(s.workersEnrolled),"workersCompleted":\#(s.workersCompleted),"bySector":{"#)
        for (index, sector) in s.bySector.enumerated() {
            if index > 0 { w.raw(",") }
            w.key(sector.sector)
            w.raw(#"{"workersEnrolled":\#(sector.enrolled),"workersCompleted":\#(sector.completed)}"#)
        }
        w.raw("}}}\n")
        return w.text
    }

    /// CSV: one row per fund, per program, and per sectoral count (`row` says which); columns a row kind does not
    /// have stay empty.
    func csv() -> String {
        let categoryColumns = Self.categories.map { "\($0)_cents" }
        var table = CSVTable(
            header: [
                "position", "asOf", "ruleVersion", "windowFrom", "windowTo", "row", "id", "source",
                "expenditureCategory", "trainingType", "budget_cents", "spent_cents", "remaining_cents",
            ] + categoryColumns + [
                "participantsServed", "cost_cents", "enrolled", "completed", "hired", "costPerEnrolled_cents",
                "costPerCompleted_cents", "costPerHired_cents", "workersEnrolled", "workersCompleted",
            ])
        let common = [
            String(position), Format.csvDay(asOf), ruleVersion, Format.csvDay(windowFrom), Format.csvDay(windowTo),
        ]
        let blankCategories = Array(repeating: "", count: categoryColumns.count)
        for f in funds {
            table.append(
                common + [
                    "fund", f.fundId, f.source, f.expenditureCategory ?? "", "", String(f.budget), String(f.spent),
                    String(f.remaining),
                ] + Self.categories.map { String(f.byCategory[$0] ?? 0) }
                    + [String(f.participantsServed)] + Array(repeating: "", count: 9))
        }
        for p in programs {
            table.append(
                common + ["program", p.programId, "", "", p.trainingType, "", "", ""] + blankCategories + [
                    "", String(p.cost), String(p.enrolled), String(p.completed), String(p.hired),
                    p.costPerEnrolled.map(String.init) ?? "", p.costPerCompleted.map(String.init) ?? "",
                    p.costPerHired.map(String.init) ?? "", "", "",
                ])
        }
        let sectoral =
            [("all", sectoralTraining.workersEnrolled, sectoralTraining.workersCompleted)]
            + sectoralTraining.bySector.map { ($0.sector, $0.enrolled, $0.completed) }
        for (id, enrolled, completed) in sectoral {
            table.append(
                common + ["sectoralTraining", id, "", "", "", "", "", ""] + blankCategories
                    + Array(repeating: "", count: 8) + [String(enrolled), String(completed)])
        }
        return table.render()
    }

    func table() -> String {
        var out =
            "Funding report: position \(position), as of \(Format.asOf(asOf, isDefault: asOfIsDefault)), rule version \(ruleVersion)\n"
            + "Money in dollars. Spending is dated on or before the as-of date; "
            + "OVER marks a fund that has spent more than its budget.\n\n"
        out += "Funds\n"
        var funds = TextTable(
            header: [
                "Fund", "Source", "Category", "Budget", "Spent", "Spent %", "Remaining", "Participants", "",
            ],
            rightAligned: [false, false, false, true, true, true, true, true, false])
        for f in self.funds {
            funds.rows.append([
                f.fundId, f.source, f.expenditureCategory ?? "-", Format.dollars(f.budget), Format.dollars(f.spent),
                f.budget > 0 ? Format.percent(Rounding.tenThousandths(Int(f.spent), Int(f.budget))) : "-",
                Format.dollars(f.remaining), String(f.participantsServed), f.remaining < 0 ? "OVER" : "",
            ])
        }
        out += funds.render()
        out += "\nSpending by category\n"
        var categories = TextTable(
            header: ["Fund"] + Self.categories, rightAligned: [false] + Self.categories.map { _ in true })
        for f in self.funds {
            categories.rows.append([f.fundId] + Self.categories.map { Format.dollars(f.byCategory[$0] ?? 0) })
        }
        out += categories.render()
        out += "\nProgram costs (costs plus fund-charged tuition of enrollees; per person rounded to the cent)\n"
        var programs = TextTable(
            header: [
                "Program", "Training", "Cost", "Enrolled", "Completed", "Hired", "Per enrolled", "Per completer",
                "Per hire",
            ],
            rightAligned: [false, false] + Array(repeating: true, count: 7))
        for p in self.programs {
            programs.rows.append([
                p.name.isEmpty ? p.programId : "\(p.programId)  \(p.name)", p.trainingType, Format.dollars(p.cost),
                String(p.enrolled), String(p.completed), String(p.hired), p.costPerEnrolled.map(Format.dollars) ?? "-",
                p.costPerCompleted.map(Format.dollars) ?? "-", p.costPerHired.map(Format.dollars) ?? "-",
            ])
        }
        out += programs.render()
        out +=
            "\nSectoral training (Treasury EC 2.10; programs other than job_readiness), "
            + "\(Format.day(windowFrom)) to \(Format.day(windowTo))\n"
        var sectors = TextTable(header: ["Sector", "Workers enrolled", "Workers completed"], rightAligned: [false, true, true])
        sectors.rows.append(["all", String(sectoralTraining.workersEnrolled), String(sectoralTraining.workersCompleted)])
        for s in sectoralTraining.bySector { sectors.rows.append([s.sector, String(s.enrolled), String(s.completed)]) }
        out += sectors.render()
        return out
    }
}
