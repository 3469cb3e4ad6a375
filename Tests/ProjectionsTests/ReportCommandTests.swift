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
        #expect(table.stdoutText.contains("position 14, as of 2025-12-31, rule version 1, min cell 10"))
        #expect(table.stdoutText.contains("*") && !table.stdoutText.contains("CONFIDENTIAL"))
        let confidential = try run(wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31", "--min-cell", "1"])
        #expect(confidential.stdoutText.contains("CONFIDENTIAL"))
        #expect(confidential.stdoutText.contains("$23.50 (n=1)"))
        let csv = try run(
            wfl, ["report", "outcomes", "--store", path, "--as-of", "2025-12-31", "--min-cell", "1", "--format", "csv"])
        let lines = csv.stdoutText.split(separator: "\n")
        #expect(lines.first?.hasPrefix("# CONFIDENTIAL") == true)
        #expect(lines.count == 2 + 11)
        #expect(
            lines.contains { $0.hasPrefix("14,2025-12-31,1,1,all,all,1,0,1,0,0,1,0,*,*,1,1,1,1,1,1,2350,1,147,1,1,1,1,42000,1") })
        let capacity = try run(wfl, ["report", "capacity", "--store", path, "--format", "csv"])
        #expect(capacity.stdoutText.contains("PRG-WELD,manufacturing,18,0,0,1,0,18,0,6,1"))
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
                #"{"report":"outcomes","position":0,"asOf":null,"ruleVersion":"1","minCell":10,"groups":[{"dimension":"all""#))
        let explicit = try run(
            wfl, ["report", "capacity", "--store", dir.child("ledger"), "--as-of", "2025-01-01", "--format", "json"])
        #expect(
            explicit.stdoutText == #"{"report":"capacity","position":0,"asOf":"2025-01-01","ruleVersion":"1","programs":[]}"#
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
            try? FileManager.default.removeItem(atPath: dir.child("ledger") + "/readmodels")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: wfl)
            process.arguments = ["report", "outcomes", "--store", dir.child("ledger"), "--format", "json"]
            process.environment = ProcessInfo.processInfo.environment.merging(["WFL_READMODEL_CHUNK": "3000"]) { $1 }
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
