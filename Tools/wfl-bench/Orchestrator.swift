import Foundation

/// Runs every workload in its own child process and prints the side-by-side table.
struct Orchestrator {
    let options: [String: String]
    let directory: String
    let events: Int

    func run() throws {
        let history = options["file"] ?? directory + "/history.jsonl"
        if options["file"] == nil {
            status("generating a history of \(events) events")
            let figures = try child("generate", ["--out", history])
            status(
                "  \(figures["events"] ?? 0) events, \(figures["participants"] ?? 0) participants, \(Int(figures["meanBytes"] ?? 0) ) bytes per stored event on average"
            )
        }
        var rows: [Row] = []
        let singles = options["singles"] ?? "500"

        status("bulk import through the full path")
        let imported = try child("import", ["--file", history])
        status("raw LMDB put loop of the same stored bytes")
        let rawPut = try child("raw-put")
        rows.append(
            rateRow(
                "bulk import (parse, validate, canonicalize, hash, store, indexes)", imported, rawPut, "raw put loop, 10k/txn"))

        status("single durable appends")
        let single = try child("append-single", ["--singles", singles])
        let rawSingle = try child("raw-single", ["--singles", singles])
        rows.append(
            Row(
                workload: "single durable append, median", unit: "ms", product: single["medianMs"],
                ceiling: rawSingle["medianMs"], ceilingName: "raw single-put commit", memory: single["maxRSSMiB"],
                higherIsBetter: false))
        rows.append(
            Row(
                workload: "single durable append, p99", unit: "ms", product: single["p99Ms"], ceiling: rawSingle["p99Ms"],
                ceilingName: "raw single-put commit", memory: nil, higherIsBetter: false))
        if let process = try? child("wfl-append-process") {
            rows.append(
                Row(
                    workload: "`wfl append` process, start to exit, median", unit: "ms", product: process["medianMs"],
                    ceiling: nil, ceilingName: "", memory: process["maxRSSMiB"], higherIsBetter: false))
        }

        status("auditors' commands: prove and checkpoint")
        rows += latencyRows(
            try child("audit-processes"),
            [
                ("proveInclusionMs", "`wfl prove inclusion` (middle event) process, median"),
                ("proveConsistencyMs", "`wfl prove consistency` (half to head) process, median"),
                ("checkpointMs", "`wfl checkpoint` process, median"),
                ("checkpointSignedMs", "`wfl checkpoint --key` (signed, kept durably) process, median"),
            ])

        status("read-model rebuild")
        let rebuild = try child("rebuild")
        let scan = try child("raw-scan")
        rows.append(rateRow("rebuild all read models (warm cache)", rebuild, scan, "raw cursor scan"))

        status("reports")
        rows += latencyRows(
            try child("reports"),
            [
                ("outcomesMs", "outcomes report at the head (all events)"), ("caseloadMs", "caseload report at the head"),
                ("capacityMs", "capacity report at the head"), ("outcomesMiddleMs", "outcomes report --at-position middle"),
            ])

        status("reports on the default demo ledger (6,000 participants)")
        rows += latencyRows(
            try child("reports-demo"),
            [
                ("outcomesMs", "outcomes report at the head, demo (6,000 participants)"),
                ("caseloadMs", "caseload report at the head, demo"), ("capacityMs", "capacity report at the head, demo"),
            ])

        status("verify")
        let verify = try child("verify")
        let rawVerify = try child("raw-verify")
        rows.append(rateRow("verify (chain + every index)", verify, rawVerify, "raw scan + SHA-256"))

        status("bulk import into the existing ledger")
        let more = try child("import-more")
        rows.append(
            rateRow(
                "bulk import of \(max(1, events / 10)) registrations into the existing ledger", more, rawPut,
                "raw put loop, 10k/txn"))

        let header = "wfl-bench: \(events) events; \(machineDescription()); \(ISO8601DateFormatter().string(from: Date()))"
        if options["format"] == "json" {
            let json: [String: Any] = [
                "machine": machineDescription(), "date": ISO8601DateFormatter().string(from: Date()),
                "events": events, "rows": rows.map(\.json),
            ]
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(header)
            print(Row.table(rows))
        }
    }

    /// A rate's row: the product's events/s beside its ceiling's, with the product's peak memory.
    func rateRow(_ workload: String, _ product: [String: Double], _ ceiling: [String: Double], _ ceilingName: String) -> Row {
        Row(
            workload: workload, unit: "events/s", product: product["eventsPerSecond"], ceiling: ceiling["eventsPerSecond"],
            ceilingName: ceilingName, memory: product["maxRSSMiB"], higherIsBetter: true)
    }

    /// One row per report latency in `figures` (milliseconds, no ceiling); the first row carries the peak memory.
    func latencyRows(_ figures: [String: Double], _ names: [(key: String, name: String)]) -> [Row] {
        names.enumerated().map { offset, entry in
            Row(
                workload: entry.name, unit: "ms", product: figures[entry.key], ceiling: nil, ceilingName: "",
                memory: offset == 0 ? figures["maxRSSMiB"] : nil, higherIsBetter: false)
        }
    }

    /// Runs `wfl-bench --workload NAME` as a child and returns the figures it printed.
    func child(_ workload: String, _ extra: [String] = []) throws -> [String: Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--workload", workload, "--dir", directory, "--events", "\(events)"] + extra
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw BenchError("workload \(workload) failed (exit \(process.terminationStatus))") }
        return object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }

    func status(_ text: String) {
        FileHandle.standardError.write(Data("wfl-bench: \(text)\n".utf8))
    }
}

/// One line of the report: the product's figure beside its ceiling.
struct Row {
    let workload: String
    let unit: String
    let product: Double?
    let ceiling: Double?
    let ceilingName: String
    let memory: Double?
    let higherIsBetter: Bool

    /// Product over ceiling: a share of the ceiling for rates, a multiple of it for latencies (1.0 = at the limit).
    var ratio: Double? {
        guard let product, let ceiling, product > 0, ceiling > 0 else { return nil }
        return product / ceiling
    }

    var json: [String: Any] {
        var object: [String: Any] = ["workload": workload, "unit": unit]
        if let product { object["product"] = product }
        if let ceiling { object["ceiling"] = ceiling; object["ceilingName"] = ceilingName }
        if let ratio { object["ratio"] = ratio }
        if let memory { object["maxRSSMiB"] = memory }
        return object
    }

    static func format(_ value: Double?, unit: String) -> String {
        guard let value else { return "-" }
        if unit == "events/s" { return String(format: "%.0f k/s", value / 1000) }
        return String(format: "%.2f ms", value)
    }

    static func table(_ rows: [Row]) -> String {
        let header = ["workload", "product", "ceiling", "ratio", "max RSS"]
        var lines = [header]
        for row in rows {
            let ratio =
                row.ratio.map { row.higherIsBetter ? String(format: "%.0f %%", $0 * 100) : String(format: "%.2f×", $0) } ?? "-"
            let ceiling = row.ceiling == nil ? "-" : "\(format(row.ceiling, unit: row.unit)) (\(row.ceilingName))"
            lines.append([
                row.workload, format(row.product, unit: row.unit), ceiling, ratio,
                row.memory.map { String(format: "%.0f MiB", $0) } ?? "",
            ])
        }
        let widths = (0..<header.count).map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
