import CanonicalJSON

extension OutcomesReport {
    /// The report in `format`, ending with a newline. `columns` chooses the table's metrics (default:
    /// ``defaultTableColumns``); JSON and CSV always hold every metric.
    public func rendered(as format: ReportFormat, columns: [OutcomeMetric]? = nil) -> String {
        format.render(json: json, csv: csv, table: { table(columns: columns ?? Self.defaultTableColumns) })
    }

    /// The table's metrics unless `--columns` says otherwise: what a program officer reads first.
    public static let defaultTableColumns: [OutcomeMetric] = [
        .exiters, .employmentQ2, .employmentQ4, .medianEarningsQ2, .credentialRate, .placementRate, .completionRate,
    ]

    /// How a metric is shown, for every format.
    enum Shape {
        case count, rate, money, days, sum
    }

    static func shape(_ metric: OutcomeMetric) -> Shape {
        switch metric {
        case .exiters: return .count
        case .medianEarningsQ2, .medianWageAtHire: return .money
        case .medianDaysToHire: return .days
        case .supportiveServices: return .sum
        default: return .rate
        }
    }

    /// A metric's values in a group: (numerator, denominator, rate or value, pending).
    static func values(_ metric: OutcomeMetric, _ g: OutcomeGroup) -> (rate: RateMetric?, value: Int64, denominator: Int)? {
        switch metric {
        case .exiters: return (nil, Int64(g.exiters), g.exiters)
        case .employmentQ2: return (g.employmentQ2, 0, g.employmentQ2.denominator)
        case .employmentQ4: return (g.employmentQ4, 0, g.employmentQ4.denominator)
        case .medianEarningsQ2: return (nil, g.medianEarningsQ2.median, g.medianEarningsQ2.denominator)
        case .retentionSameEmployer: return (g.retentionSameEmployer, 0, g.retentionSameEmployer.denominator)
        case .credentialRate: return (g.credentialRate, 0, g.credentialRate.denominator)
        case .placementRate: return (g.placementRate, 0, g.placementRate.denominator)
        case .medianWageAtHire: return (nil, g.medianWageAtHire.median, g.medianWageAtHire.denominator)
        case .medianDaysToHire: return (nil, g.medianDaysToHire.median, g.medianDaysToHire.denominator)
        case .measurableSkillGains: return g.measurableSkillGains.map { ($0, 0, $0.denominator) }
        case .completionRate: return g.completionRate.map { ($0, 0, $0.denominator) }
        case .supportiveServices: return g.supportiveServices.map { (nil, $0.value, $0.denominator) }
        }
    }

    static func hasPending(_ metric: OutcomeMetric) -> Bool { metric == .employmentQ2 || metric == .employmentQ4 }

    // MARK: JSON

    func json() -> String {
        var w = JSONWriter()
        w.reportHeader("outcomes", position: position, asOf: asOf, ruleVersion: ruleVersion)
        w.key("minCell"); w.raw(String(minCell)); w.raw(",")
        w.key("exitFrom"); w.day(exitFrom); w.raw(",")
        w.key("exitTo"); w.day(exitTo); w.raw(",")
        if !cross.isEmpty {
            w.key("cross"); w.raw("[")
            for (index, dimension) in cross.enumerated() {
                if index > 0 { w.raw(",") }
                w.string(dimension.rawValue)
            }
            w.raw("],")
        }
        if isConfidential { w.key("confidential"); w.raw("true,") }
        w.key("groups"); w.raw("[")
        for (index, group) in groups.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw("{")
            w.key("dimension"); w.string(group.dimension); w.raw(",")
            w.key("value"); w.string(group.value)
            for metric in OutcomeMetric.allCases {
                guard let v = Self.values(metric, group) else { continue }
                w.raw(",")
                w.key(metric.rawValue)
                if group.isSuppressed(metric) {
                    w.raw(#"{"suppressed":true}"#)
                } else if metric == .exiters {
                    w.raw(String(group.exiters))
                } else if let rate = v.rate {
                    w.raw(#"{"numerator":\#(rate.numerator),"denominator":\#(rate.denominator),"#)
                    w.raw(#""rate":\#(Format.rate(rate.rateTenThousandths))"#)
                    if Self.hasPending(metric) { w.raw(#","pending":\#(rate.pending)"#) }
                    w.raw("}")
                } else {
                    w.raw(#"{"value":\#(v.value),"denominator":\#(v.denominator)}"#)
                }
            }
            w.raw("}")
        }
        w.raw("]}\n")
        return w.text
    }

    // MARK: CSV

    /// The CSV columns of a metric: names carry their unit.
    static func csvColumns(_ metric: OutcomeMetric) -> [String] {
        let name = metric.rawValue
        switch shape(metric) {
        case .count: return [name, "\(name)_suppressed"]
        case .rate:
            return ["\(name)_numerator", "\(name)_denominator", "\(name)_rate"]
                + (hasPending(metric) ? ["\(name)_pending"] : []) + ["\(name)_suppressed"]
        case .money, .sum: return ["\(name)_cents", "\(name)_denominator", "\(name)_suppressed"]
        case .days: return ["\(name)_days", "\(name)_denominator", "\(name)_suppressed"]
        }
    }

    func csv() -> String {
        var table = CSVTable(
            header: [
                "position", "asOf", "ruleVersion", "minCell", "exitFrom", "exitTo", "cross", "confidential",
                "dimension", "value",
            ] + OutcomeMetric.allCases.flatMap(Self.csvColumns))
        let common = [
            String(position), Format.csvDay(asOf), ruleVersion, String(minCell), Format.csvDay(exitFrom),
            Format.csvDay(exitTo), cross.map(\.rawValue).joined(separator: "+"), String(isConfidential),
        ]
        for group in groups {
            var row = common + [group.dimension, group.value]
            for metric in OutcomeMetric.allCases {
                let width = Self.csvColumns(metric).count
                guard let v = Self.values(metric, group) else {
                    row += Array(repeating: "", count: width)
                    continue
                }
                if group.isSuppressed(metric) {
                    row += Array(repeating: "", count: width - 1) + ["true"]
                } else if metric == .exiters {
                    row += [String(group.exiters), "false"]
                } else if let rate = v.rate {
                    row += [String(rate.numerator), String(rate.denominator), Format.rate(rate.rateTenThousandths)]
                    if Self.hasPending(metric) { row.append(String(rate.pending)) }
                    row.append("false")
                } else {
                    row += [String(v.value), String(v.denominator), "false"]
                }
            }
            table.append(row)
        }
        return table.render()
    }

    // MARK: Table

    /// Column headings of the table.
    static func heading(_ metric: OutcomeMetric) -> String {
        switch metric {
        case .exiters: return "Exiters"
        case .employmentQ2: return "Employed Q2"
        case .employmentQ4: return "Employed Q4"
        case .medianEarningsQ2: return "Median earnings Q2"
        case .retentionSameEmployer: return "Same employer Q4"
        case .credentialRate: return "Credential"
        case .placementRate: return "Placement"
        case .medianWageAtHire: return "Median wage at hire"
        case .medianDaysToHire: return "Median days to hire"
        case .measurableSkillGains: return "Skill gains"
        case .completionRate: return "Completion"
        case .supportiveServices: return "Supportive services"
        }
    }

    /// The section title of a dimension.
    static func sectionTitle(_ dimension: String) -> String {
        switch dimension {
        case "all": return "Program-wide"
        case "program": return "By program"
        case "sector": return "By sector"
        case "population": return "By population served"
        case "race": return "By race and ethnicity"
        case "sex": return "By sex"
        case "age": return "By age at registration"
        case "exitQuarter": return "By exit quarter"
        case "exitYear": return "By exit program year"
        default: return "Cross: " + dimension.split(separator: "+").joined(separator: " × ")
        }
    }

    func table(columns: [OutcomeMetric]) -> String {
        var out =
            "Outcomes report: position \(position), as of \(Format.asOf(asOf, isDefault: asOfIsDefault)), rule version \(ruleVersion), "
            + "min cell \(minCell)\n"
        if exitFrom != nil || exitTo != nil {
            out += "Exit window: \(exitFrom.map(Dates.format) ?? "any") to \(exitTo.map(Dates.format) ?? "any")\n"
        }
        if !cross.isEmpty { out += "Cross: \(cross.map(\.rawValue).joined(separator: " × "))\n" }
        if isConfidential {
            out += "CONFIDENTIAL: suppression is off (--min-cell 1); this output contains unsuppressed small cells.\n"
        }
        out += "Rates in percent (numerator/denominator); money in dollars; medians and sums with their count (n).\n"
        out +=
            isConfidential
            ? "* no one in the cell's cohort.\n"
            : "* suppressed: fewer than \(minCell) in the cell's cohort, or hidden so that it cannot be recovered by "
                + "subtraction.\n"
        out += "- the metric does not apply to this group. "
        out += "Employment: + N pending = exiters whose quarter has ended but whose wage records are not all in yet.\n"
        var start = 0
        while start < groups.count {
            let dimension = groups[start].dimension
            var end = start
            while end < groups.count, groups[end].dimension == dimension { end += 1 }
            out += "\n" + Self.sectionTitle(dimension) + "\n"
            var table = TextTable(
                header: [dimension == "all" ? "" : "Group"] + columns.map(Self.heading),
                rightAligned: [false] + Array(repeating: true, count: columns.count))
            for group in groups[start..<end] {
                var label = group.value
                if dimension == "program", let name = programNames[group.value] { label += "  " + name }
                table.rows.append([label] + columns.map { cell($0, group) })
            }
            out += table.render()
            start = end
        }
        return out
    }

    /// One table cell.
    func cell(_ metric: OutcomeMetric, _ group: OutcomeGroup) -> String {
        guard let v = Self.values(metric, group) else { return "-" }
        if group.isSuppressed(metric) { return "*" }
        switch Self.shape(metric) {
        case .count: return String(group.exiters)
        case .rate:
            guard let rate = v.rate else { return "-" }
            let pending = Self.hasPending(metric) && rate.pending > 0 ? " +\(rate.pending) pending" : ""
            return "\(Format.percent(rate.rateTenThousandths)) (\(rate.numerator)/\(rate.denominator))\(pending)"
        case .money, .sum: return "\(Format.dollars(v.value)) (n=\(v.denominator))"
        case .days: return "\(v.value) (n=\(v.denominator))"
        }
    }
}
