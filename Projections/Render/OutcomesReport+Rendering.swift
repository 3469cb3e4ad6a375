extension OutcomesReport {
    /// `true` when suppression is off (`--min-cell 1`): the output holds small cells and is confidential.
    public var isConfidential: Bool { minCell <= 1 }

    /// The report in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        format.render(json: json, csv: csv, table: table)
    }

    /// One metric cell of a group, for every format.
    enum Cell {
        case rate(RateMetric)
        case values(ValuesMetric, money: Bool)
        case sum(SumMetric)
        case absent

        var denominator: Int? {
            switch self {
            case .rate(let m): return m.denominator
            case .values(let m, _): return m.denominator
            case .sum(let m): return m.denominator
            case .absent: return nil
            }
        }
    }

    static let metricNames = [
        "employmentQ2", "employmentQ4", "medianEarningsQ2", "credentialRate", "placementRate", "medianWageAtHire",
        "medianDaysToHire", "completionRate", "supportiveServices",
    ]

    static func cells(_ g: OutcomeGroup) -> [Cell] {
        [
            .rate(g.employmentQ2), .rate(g.employmentQ4), .values(g.medianEarningsQ2, money: true),
            .rate(g.credentialRate), .rate(g.placementRate), .values(g.medianWageAtHire, money: true),
            .values(g.medianDaysToHire, money: false),
            g.completionRate.map { .rate($0) } ?? .absent, g.supportiveServices.map { .sum($0) } ?? .absent,
        ]
    }

    // MARK: JSON

    func json() -> String {
        var w = JSONWriter()
        w.reportHeader("outcomes", position: position, asOf: asOf, ruleVersion: ruleVersion)
        w.key("minCell"); w.raw(String(minCell)); w.raw(",")
        if isConfidential { w.key("confidential"); w.raw("true,") }
        w.key("groups"); w.raw("[")
        for (index, group) in groups.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw("{")
            w.key("dimension"); w.string(group.dimension); w.raw(",")
            w.key("value"); w.string(group.value); w.raw(",")
            w.key("exiters")
            w.raw(group.exiters < minCell ? #"{"suppressed":true}"# : String(group.exiters))
            for (name, cell) in zip(Self.metricNames, Self.cells(group)) {
                guard let denominator = cell.denominator else { continue }
                w.raw(",")
                w.key(name)
                if denominator < minCell {
                    w.raw(#"{"suppressed":true}"#)
                    continue
                }
                switch cell {
                case .rate(let m):
                    w.raw(
                        #"{"numerator":\#(m.numerator),"denominator":\#(m.denominator),"rate":\#(Format.rate(m.rateTenThousandths))}"#
                    )
                case .values(let m, _):
                    w.raw(#"{"value":\#(m.median),"denominator":\#(m.denominator)}"#)
                case .sum(let m):
                    w.raw(#"{"value":\#(m.value),"denominator":\#(m.denominator)}"#)
                case .absent:
                    break
                }
            }
            w.raw("}")
        }
        w.raw("]}\n")
        return w.text
    }

    // MARK: CSV

    func csv() -> String {
        var header = ["position", "asOf", "ruleVersion", "minCell", "dimension", "value", "exiters"]
        for (name, cell) in zip(Self.metricNames, Self.cells(OutcomeGroup(dimension: "all", value: "all"))) {
            switch cell {
            case .rate: header += ["\(name)_numerator", "\(name)_denominator", "\(name)_rate"]
            default: header += ["\(name)_value", "\(name)_denominator"]
            }
        }
        var out =
            isConfidential
            ? "# CONFIDENTIAL: --min-cell 1, this output contains unsuppressed small cells\n" : ""
        out += header.joined(separator: ",") + "\n"
        for group in groups {
            var row = [
                String(position), Format.day(asOf), ruleVersion, String(minCell),
                Format.csv(group.dimension), Format.csv(group.value),
                group.exiters < minCell ? "*" : String(group.exiters),
            ]
            for cell in Self.cells(group) {
                let suppressed = (cell.denominator ?? 0) < minCell
                switch cell {
                case .rate(let m):
                    row +=
                        suppressed
                        ? ["*", "*", "*"]
                        : [String(m.numerator), String(m.denominator), Format.rate(m.rateTenThousandths)]
                case .values(let m, _):
                    row += suppressed ? ["*", "*"] : [String(m.median), String(m.denominator)]
                case .sum(let m):
                    row += suppressed ? ["*", "*"] : [String(m.value), String(m.denominator)]
                case .absent:
                    row += ["", "", ""]
                }
            }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    // MARK: Table

    func table() -> String {
        var out =
            "Outcomes report: position \(position), as of \(Format.day(asOf)), rule version \(ruleVersion), "
            + "min cell \(minCell)\n"
        if isConfidential {
            out += "CONFIDENTIAL: suppression is off (--min-cell 1); this output contains unsuppressed small cells.\n"
        }
        out += "Rates in percent (numerator/denominator); medians and sums with their denominator (n); * = suppressed.\n\n"
        var table = TextTable(
            header: [
                "Dimension", "Value", "Exiters", "Employed Q2", "Employed Q4", "Median earnings Q2", "Credential",
                "Placement", "Median wage at hire", "Median days to hire", "Completion", "Supportive services",
            ],
            rightAligned: [false, false] + Array(repeating: true, count: 10))
        for group in groups {
            var row = [group.dimension, group.value, group.exiters < minCell ? "*" : String(group.exiters)]
            for cell in Self.cells(group) {
                if let denominator = cell.denominator, denominator < minCell {
                    row.append("*")
                    continue
                }
                switch cell {
                case .rate(let m): row.append("\(Format.percent(m.rateTenThousandths)) (\(m.numerator)/\(m.denominator))")
                case .values(let m, let money):
                    row.append("\(money ? Format.dollars(m.median) : String(m.median)) (n=\(m.denominator))")
                case .sum(let m): row.append("\(Format.dollars(m.value)) (n=\(m.denominator))")
                case .absent: row.append("-")
                }
            }
            table.rows.append(row)
        }
        return out + table.render()
    }
}
