import CanonicalJSON

extension CapacityReport {
    /// The report in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        format.render(json: json, csv: csv, table: table)
    }

    func json() -> String {
        var w = JSONWriter()
        w.reportHeader("capacity", position: position, asOf: asOf, ruleVersion: ruleVersion)
        w.key("programs"); w.raw("[")
        for (index, p) in programs.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw("{")
            w.key("programId"); w.string(p.programId); w.raw(",")
            w.key("sector"); w.string(p.sector); w.raw(",")
            w.raw(#""capacity":\#(p.capacity),"activeEnrolled":\#(p.activeEnrolled),"waitlisted":\#(p.waitlisted),"#)
            w.raw(#""completed":\#(p.completed),"withdrawn":\#(p.withdrawn),"seatsAvailable":\#(p.seatsAvailable),"#)
            w.raw(#""utilization":\#(p.utilizationTenThousandths.map(Format.rate) ?? "null"),"#)
            w.raw(#""hiringCommitments":\#(p.hiringCommitments),"hiredGraduates":\#(p.hiredGraduates)}"#)
        }
        w.raw("]}\n")
        return w.text
    }

    func csv() -> String {
        var table = CSVTable(header: [
            "position", "asOf", "ruleVersion", "programId", "sector", "capacity_seats", "activeEnrolled", "waitlisted",
            "completed", "withdrawn", "seatsAvailable", "utilization_rate", "hiringCommitments_positions",
            "hiredGraduates",
        ])
        for p in programs {
            table.append([
                String(position), Format.csvDay(asOf), ruleVersion, p.programId, p.sector, String(p.capacity),
                String(p.activeEnrolled), String(p.waitlisted), String(p.completed), String(p.withdrawn),
                String(p.seatsAvailable), p.utilizationTenThousandths.map(Format.rate) ?? "",
                String(p.hiringCommitments), String(p.hiredGraduates),
            ])
        }
        return table.render()
    }

    func table() -> String {
        let out =
            "Program capacity report: position \(position), as of \(Format.asOf(asOf, isDefault: asOfIsDefault)), rule version \(ruleVersion)\n"
            + "Utilization = active / capacity (- when the capacity is 0); seats = capacity − active, at least 0.\n\n"
        var table = TextTable(
            header: [
                "Program", "Sector", "Capacity", "Active", "Waitlisted", "Completed", "Withdrawn", "Seats",
                "Utilization", "Commitments", "Hired grads",
            ],
            rightAligned: [false, false] + Array(repeating: true, count: 9))
        for p in programs {
            table.rows.append([
                p.name.isEmpty ? p.programId : "\(p.programId)  \(p.name)", p.sector, String(p.capacity),
                String(p.activeEnrolled), String(p.waitlisted),
                String(p.completed), String(p.withdrawn), String(p.seatsAvailable),
                p.utilizationTenThousandths.map(Format.percent) ?? "-", String(p.hiringCommitments),
                String(p.hiredGraduates),
            ])
        }
        return out + table.render()
    }
}
