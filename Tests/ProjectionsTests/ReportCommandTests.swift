import Foundation
import LedgerStore
import TestSupport
import Testing

@testable import Projections

/// `wfl report` and `wfl rebuild` end to end, through the built executable.
@Suite struct ReportCommandTests {
    let wfl = BuiltExecutable.path("wfl")

    private func exampleStore(_ dir: TemporaryDirectory) throws -> String {
        let text = try String(contentsOfFile: FixtureLoader.fixturesDirectory + "/one-participant/events.jsonl", encoding: .utf8)
        _ = try FixtureLoader.store(text, in: dir)
        return dir.child("ledger")
    }

    @Test func jsonMatchesTheLibraryAndTheExpectedFixture() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try exampleStore(dir)
        let result = try run(
            wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31", "--min-cell", "1", "--format", "json"])
        #expect(result.status == 0, "\(result.stderrText)")
        let store = try LedgerStore(directory: path, configuration: StoreConfiguration(mode: .readOnly))
        let replay = ReadModels(inMemoryFor: store)
        try replay.catchUp()
        let expected = try replay.outcomes(ReportQuery(position: 14, asOf: Dates.parse("2025-12-31"), minCell: 1))
        #expect(result.stdoutText == expected.rendered(as: .json))
        // The read models were written beside the store and caught up to the head.
        #expect(FileManager.default.fileExists(atPath: path + "/readmodels/data.mdb"))
    }

    @Test func tableAndCsvMarkSuppressionAndConfidentiality() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try exampleStore(dir)
        let table = try run(wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31"])
        #expect(table.status == 0)
        #expect(table.stdoutText.contains("position 14, as of 2025-12-31, rule version 2, min cell 10"))
        #expect(table.stdoutText.contains("*") && !table.stdoutText.contains("CONFIDENTIAL"))
        let confidential = try run(
            wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31", "--min-cell", "1", "--columns", "all"])
        #expect(confidential.stdoutText.contains("CONFIDENTIAL"))
        #expect(confidential.stdoutText.contains("$23.50 (n=1)"))
        let csv = try run(
            wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31", "--min-cell", "1", "--format", "csv"])
        let rows = try CSVRows(csv.stdoutText)
        #expect(rows.records.count == 1 + 12 + 8 + 3 + 5 + 1 + 1 + 1 + 1)
        let all = try #require(rows.records.first { $0["dimension"] == "all" })
        #expect(all["confidential"] == "true" && all["exiters"] == "1" && all["exiters_suppressed"] == "false")
        #expect(all["placementRate_numerator"] == "1" && all["placementRate_rate"] == "1")
        #expect(all["medianWageAtHire_cents"] == "2350" && all["medianDaysToHire_days"] == "147")
        #expect(all["supportiveServices_cents"] == "42000" && all["employmentQ2_pending"] == "")
        #expect(all["employmentQ2_suppressed"] == "true" && all["employmentQ2_numerator"] == "")
        let suppressedCSV = try CSVRows(
            try run(wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31", "--format", "csv"]).stdoutText)
        #expect(suppressedCSV.records.allSatisfy { $0["confidential"] == "false" && $0["exiters"] == "" })
        for report in ["caseload", "capacity", "funding"] {
            let text = try run(wfl, ["report", report, "--store", path, "--format", "csv"]).stdoutText
            _ = try CSVRows(text)  // equal field counts on every row
        }
        let capacity = try CSVRows(try run(wfl, ["report", "capacity", "--store", path, "--format", "csv"]).stdoutText)
        let weld = try #require(capacity.records.first)
        #expect(weld["programId"] == "PRG-WELD" && weld["capacity_seats"] == "18" && weld["utilization_rate"] == "0")
        let caseload = try run(wfl, ["report", "caseload", "--store", path, "--as-of", "2024-04-01", "--format", "json"])
        #expect(caseload.stdoutText.contains(#""participantId":"P-000417","stage":"enrolled","lastActivity":"2024-03-04""#))
    }

    @Test(arguments: [
        ["--at-position", "0"], ["--at-position", "15"], ["--as-of", "2025-02-30"], ["--as-of", "yesterday"],
        ["--min-cell", "0"], ["--format", "xml"],
    ])
    func wrongUsageExits64(_ arguments: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try exampleStore(dir)
        let result = try run(wfl, ["report", "outcomes", "--store", path] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderrText)")
    }

    @Test func missingStoreExits66() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try run(wfl, ["report", "caseload", "--store", dir.child("nothing")]).status == 66)
        #expect(try run(wfl, ["rebuild", "--store", dir.child("nothing")]).status == 66)
    }

    @Test func emptyLedgerGivesNullAsOf() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try LedgerStore(directory: dir.child("ledger"))
        let result = try run(wfl, ["report", "outcomes", "--store", dir.child("ledger"), "--format", "json"])
        #expect(result.status == 0)
        #expect(
            result.stdoutText.hasPrefix(
                #"{"report":"outcomes","position":0,"asOf":null,"ruleVersion":"2","minCell":10,"exitFrom":null,"exitTo":null,"groups":[{"dimension":"all""#
            ))
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])["groups"]
        let dimensions = Set(((groups as? [[String: Any]]) ?? []).compactMap { $0["dimension"] as? String })
        #expect(dimensions == ["all", "population", "race", "sex", "age"])
        let explicit = try run(
            wfl, ["report", "capacity", "--store", dir.child("ledger"), "--as-of", "2025-01-01", "--format", "json"])
        #expect(
            explicit.stdoutText == #"{"report":"capacity","position":0,"asOf":"2025-01-01","ruleVersion":"2","programs":[]}"#
                + "\n")
    }

    /// Kill -9 in the middle of a catch-up (many small committed chunks), then report: exactly the replay's report.
    @Test func sigkillDuringCatchUpStillGivesTheRightReport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var generator = HistoryGenerator(seed: 99)
        let store = try LedgerStore(directory: dir.child("ledger"))
        try HistoryGenerator.append(generator.generate(eventCount: 120_000), to: store)
        let head = try #require(try store.head()).position

        var interrupted = false
        for delay in [0.3, 0.6, 1.0, 0.15, 1.5] where !interrupted {
            // Read models that exist already (new ones are built aside and installed whole): the report then
            // catches them up in place, one commit per chunk.
            try? FileManager.default.removeItem(atPath: dir.child("ledger") + "/readmodels")
            try ReadModels(store: store).catchUp(to: 1_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: wfl)
            process.arguments = [
                "report", "outcomes", "--store", dir.child("ledger"), "--format", "json", "--read-model-chunk", "3000",
            ]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let checkpoint = try ReadModels(store: store).checkpoint()
            interrupted = process.terminationReason == .uncaughtSignal && checkpoint > 0 && checkpoint < head
        }
        #expect(interrupted, "no run was interrupted between two commits")

        let result = try run(wfl, ["report", "outcomes", "--store", dir.child("ledger"), "--format", "json", "--min-cell", "1"])
        #expect(result.status == 0)
        let replay = ReadModels(inMemoryFor: store)
        try replay.catchUp()
        #expect(result.stdoutText == (try replay.outcomes(ReportQuery(position: head, minCell: 1))).rendered(as: .json))
        #expect(try ReadModels(store: store).checkpoint() == head)
    }

    @Test func rebuildStartsAgainAndReportsTheSame() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try exampleStore(dir)
        let before = try run(wfl, ["report", "capacity", "--store", path, "--format", "json"])
        let rebuild = try run(wfl, ["rebuild", "--store", path])
        #expect(rebuild.status == 0)
        #expect(rebuild.stdoutText.hasPrefix("rebuilt the read models: 14 events"))
        #expect(rebuild.stderrText.isEmpty)
        #expect(try run(wfl, ["report", "capacity", "--store", path, "--format", "json"]).stdoutText == before.stdoutText)
    }

    /// When the read models cannot be written (here `<store>/readmodels` is a file, as good as read-only media for
    /// LMDB), reports replay the log in memory: same bytes.
    @Test func unwritableReadModelsFallBackToAReplay() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try exampleStore(dir)
        let expected = try run(
            wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31", "--min-cell", "1", "--format", "json"])
        try FileManager.default.removeItem(atPath: path + "/readmodels")
        FileManager.default.createFile(atPath: path + "/readmodels", contents: Data("not a directory".utf8))
        let store = try LedgerStore(directory: path, configuration: StoreConfiguration(mode: .readOnly))
        #expect(!ReadModels(store: store).isPersistent)
        let result = try run(
            wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31", "--min-cell", "1", "--format", "json"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == expected.stdoutText)
        let explain = try run(wfl, ["explain", "P-000417", "--store", path])
        #expect(explain.status == 0)
        #expect(try run(wfl, ["rebuild", "--store", path]).status == 73)
    }
}

/// A strict RFC 4180 reader for tests: every record must have the header's field count.
struct CSVRows {
    let header: [String]
    let records: [[String: String]]

    init(_ text: String) throws {
        var rows: [[String]] = []
        var field = ""
        var row: [String] = []
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        guard row.isEmpty, field.isEmpty, let header = rows.first else { throw FixtureError("CSV does not end a line") }
        for (index, record) in rows.enumerated() where record.count != header.count {
            throw FixtureError("CSV line \(index + 1) has \(record.count) fields under \(header.count) columns")
        }
        self.header = header
        records = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
