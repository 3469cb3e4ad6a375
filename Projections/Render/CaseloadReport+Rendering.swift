import CanonicalJSON

extension CaseloadReport {
    /// The report in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        format.render(json: json, csv: csv, table: table)
    }

    func json() -> String {
        var w = JSONWriter()
        w.reportHeader("caseload", position: position, asOf: asOf, ruleVersion: ruleVersion)
        w.key("caseManagers"); w.raw("[")
        for (index, manager) in caseManagers.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw("{")
            w.key("caseManagerId"); w.string(manager.caseManagerId); w.raw(",")
            w.key("active"); w.raw(String(manager.active)); w.raw(",")
            w.key("byStage"); counts(manager.byStage, &w); w.raw(",")
            w.key("byAlert"); counts(manager.byAlert, &w); w.raw(",")
            w.key("participants"); w.raw("[")
            for (rowIndex, row) in manager.participants.enumerated() {
                if rowIndex > 0 { w.raw(",") }
                w.raw("{")
                w.key("participantId"); w.string(row.participantId); w.raw(",")
                w.key("stage"); w.string(row.stage); w.raw(",")
                w.key("lastActivity"); w.day(row.lastActivity); w.raw(",")
                w.key("daysSinceActivity"); w.raw(String(row.daysSinceActivity)); w.raw(",")
                w.key("alert")
                if let alert = row.alert { w.string(alert) } else { w.raw("null") }
                w.raw("}")
            }
            w.raw("]}")
        }
        w.raw("]}\n")
        return w.text
    }

    private func counts(_ pairs: [(String, Int)], _ w: inout JSONWriter) {
        w.raw("{")
        for (index, (name, count)) in pairs.enumerated() {
            if index > 0 { w.raw(",") }
            w.key(name)
            w.raw(String(count))
        }
        w.raw("}")
    }

    func csv() -> String {
        var table = CSVTable(header: [
            "position", "asOf", "ruleVersion", "caseManagerId", "participantId", "stage", "lastActivity",
            "daysSinceActivity_days", "alert",
        ])
        for manager in caseManagers {
            for row in manager.participants {
                table.append([
                    String(position), Format.csvDay(asOf), ruleVersion, manager.caseManagerId, row.participantId,
                    row.stage, Dates.format(row.lastActivity), String(row.daysSinceActivity), row.alert ?? "",
                ])
            }
        }
        return table.render()
    }

    func table() -> String {
        var out =
            "Caseload report: position \(position), as of \(Format.asOf(asOf, isDefault: asOfIsDefault)), rule version \(ruleVersion)\n"
        let active = caseManagers.reduce(0) { $0 + $1.active }
        out +=
            "\(active) active participant\(active == 1 ? "" : "s") under \(caseManagers.count) case manager"
            + "\(caseManagers.count == 1 ? "" : "s")\n"
        for manager in caseManagers {
            out += "\n\(manager.caseManagerId): \(manager.active) active"
            out += "; by stage: " + manager.byStage.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            if !manager.byAlert.isEmpty {
                out += "; alerts: " + manager.byAlert.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            }
            out += "\n"
            var table = TextTable(
                header: ["Participant", "Stage", "Last activity", "Days since", "Alert"],
                rightAligned: [false, false, false, true, false])
            for row in manager.participants {
                table.rows.append([
                    row.participantId, row.stage, Dates.format(row.lastActivity),
                    String(row.daysSinceActivity), row.alert ?? "",
                ])
            }
            out += table.render()
        }
        return out
    }
}

extension CaseloadReport {
    /// One line per case manager (active participants, counts by stage and by alert), without participant ids: the
    /// overview a supervisor reads first. `wfl report caseload` shows every participant.
    public func renderedSummary() -> String {
        let active = caseManagers.reduce(0) { $0 + $1.active }
        var out =
            "Caseload summary: position \(position), as of \(Format.asOf(asOf, isDefault: asOfIsDefault)), rule version \(ruleVersion)\n"
            + "\(active) active participant\(active == 1 ? "" : "s") under \(caseManagers.count) case manager"
            + "\(caseManagers.count == 1 ? "" : "s"); alerts: days since the last participation-causing event.\n\n"
        var table = TextTable(
            header: ["Case manager", "Active"] + Self.stages + Self.alerts,
            rightAligned: [false] + Array(repeating: true, count: 1 + Self.stages.count + Self.alerts.count))
        for manager in caseManagers {
            let stages = Dictionary(uniqueKeysWithValues: manager.byStage)
            let alerts = Dictionary(uniqueKeysWithValues: manager.byAlert)
            table.rows.append(
                [manager.caseManagerId, String(manager.active)] + Self.stages.map { String(stages[$0] ?? 0) }
                    + Self.alerts.map { String(alerts[$0] ?? 0) })
        }
        return out + table.render()
    }
}
