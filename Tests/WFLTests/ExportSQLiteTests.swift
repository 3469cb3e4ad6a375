import Foundation
import TestSupport
import Testing

/// `wfl export sqlite`: a database an analyst opens with any SQLite client (here Python's sqlite3).
@Suite struct ExportSQLiteTests {
    /// Runs `sql` on `database` with Python's sqlite3; one line per row, columns joined by `|`, NULL as `NULL`.
    static func query(_ database: String, _ sql: String) throws -> [String] {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
            for row in db.execute(sys.argv[2]):
                print('|'.join('NULL' if v is None else str(v) for v in row))
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, database, sql])
        guard result.status == 0 else { throw BrowserTestError("sqlite3 failed: \(result.stderrText)") }
        return result.stdoutText.split(separator: "\n").map(String.init)
    }

    /// Every table's schema and rows, in a fixed order (Python's `iterdump`).
    static func dump(_ database: String) throws -> String {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
            print('\\n'.join(db.iterdump()))
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, database])
        guard result.status == 0 else { throw BrowserTestError("sqlite3 dump failed: \(result.stderrText)") }
        return result.stdoutText
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    }

    @Test func countsEqualTheEventsAndTheReports() throws {
        let h = try WFLHarness("wfl-export")
        defer { h.remove() }
        try DashboardTests.demo(h)
        let database = h.directory.child("bi.db")
        let export = try h.wfl(["export", "sqlite", database])
        #expect(export.status == 0, "\(export.stderrText)")
        #expect(export.stderrText.contains("confidential"))

        let events = try h.wfl(["events"]).lines
        #expect(try Self.query(database, "SELECT count(*) FROM events") == [String(events.count)])
        let voids = events.filter { $0.contains("\"type\":\"ledger.event_voided\"") }.count
        #expect(try Self.query(database, "SELECT count(*) FROM events WHERE voided = 1") == [String(voids)])
        let head = try h.wfl(["head"]).stdoutText.trimmingCharacters(in: .newlines)
        #expect(try Self.query(database, "SELECT value FROM meta WHERE key = 'headDigest'") == [head])
        #expect(try Self.query(database, "SELECT value FROM meta WHERE key = 'ruleVersion'") == ["2"])
        let lastHash = try Self.query(database, "SELECT position || ':' || hash FROM events ORDER BY position DESC LIMIT 1")
        #expect(lastHash == [head])

        // The report tables hold the reports' rows.
        let capacity = try #require(
            try Self.json(try h.wfl(["report", "capacity", "--format", "json"]))["programs"] as? [[String: Any]])
        #expect(try Self.query(database, "SELECT count(*) FROM report_capacity") == [String(capacity.count)])
        let completed = capacity.reduce(0) { $0 + (($1["completed"] as? NSNumber)?.intValue ?? 0) }
        #expect(try Self.query(database, "SELECT sum(completed) FROM report_capacity") == [String(completed)])
        #expect(try Self.query(database, "SELECT count(*) FROM programs") == [String(capacity.count)])
        let outcomes = try #require(
            try Self.json(try h.wfl(["report", "outcomes", "--format", "json"]))["groups"] as? [[String: Any]])
        #expect(try Self.query(database, "SELECT count(*) FROM report_outcomes") == [String(outcomes.count)])
        let all = try #require(outcomes.first { $0["dimension"] as? String == "all" })
        let exiters = try #require((all["exiters"] as? NSNumber)?.intValue)
        #expect(try Self.query(database, "SELECT exiters FROM report_outcomes WHERE dimension = 'all'") == [String(exiters)])
        // Exiters as the periods table counts them: exited, not excluded (no exit window).
        #expect(
            try Self.query(database, "SELECT count(*) FROM periods WHERE exit_date IS NOT NULL AND excluded = 0")
                == [String(exiters)])
        // A suppressed cell is NULL with its flag set.
        let hidden = try #require(outcomes.first { ($0["exiters"] as? [String: Any])?["suppressed"] as? Bool == true })
        let dimension = try #require(hidden["dimension"] as? String)
        let value = try #require(hidden["value"] as? String)
        #expect(
            try Self.query(
                database,
                "SELECT exiters IS NULL, exiters_suppressed FROM report_outcomes WHERE dimension = '\(dimension)' AND value = '\(value)'"
            ) == ["1|1"])
        let caseload = try #require(
            try Self.json(try h.wfl(["report", "caseload", "--format", "json"]))["caseManagers"] as? [[String: Any]])
        let active = caseload.reduce(0) { $0 + (($1["active"] as? NSNumber)?.intValue ?? 0) }
        #expect(try Self.query(database, "SELECT count(*) FROM report_caseload") == [String(active)])
        let funding = try Self.json(try h.wfl(["report", "funding", "--format", "json"]))
        let funds = try #require(funding["funds"] as? [[String: Any]])
        #expect(try Self.query(database, "SELECT count(*) FROM funds") == [String(funds.count)])
        #expect(try Self.query(database, "SELECT count(*) FROM report_funding WHERE row = 'fund'") == [String(funds.count)])

        // Indexes for the joins, and the same bytes from a second run.
        let indexes = try Self.query(database, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
        #expect(indexes.contains("enrollments_participant") && indexes.contains("events_type"))
        let again = h.directory.child("again.db")
        #expect(try h.wfl(["export", "sqlite", again]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: database)))

        // An existing file is kept unless --force.
        let refused = try h.wfl(["export", "sqlite", database, "--at-position", "10"])
        #expect(refused.status == 73)
        #expect(try Self.query(database, "SELECT value FROM meta WHERE key = 'position'") == [String(events.count)])
        #expect(try h.wfl(["export", "sqlite", database, "--at-position", "10", "--force"]).status == 0)
        #expect(try Self.query(database, "SELECT count(*) FROM events") == ["10"])
        #expect(try h.wfl(["export", "sqlite", h.directory.child("x.db"), "--at-position", "0"]).status == 64)
        #expect(try h.wfl(["export", "csv", h.directory.child("x.db")]).status == 64)
    }

    /// An export at --at-position N holds what an export made when the head was N held: the same history imported
    /// in two batches, the store copied between them.
    @Test func anExportAtPositionNEqualsOneMadeWhenTheHeadWasN() throws {
        let h = try WFLHarness("wfl-export")
        defer { h.remove() }
        try DashboardTests.demo(h)
        // The demo's events as input lines (the envelope a client writes).
        var inputs: [String] = []
        for line in try h.wfl(["events"]).lines {
            let stored = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var input: [String: Any] = [:]
            for key in ["type", "eventId", "occurredAt", "actor", "data"] { input[key] = stored[key] }
            let bytes = try JSONSerialization.data(withJSONObject: input, options: [.sortedKeys])
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        let cut = inputs.count * 2 / 3
        let ledger = h.directory.child("ledger-b")
        let early = h.directory.child("ledger-early")
        try (inputs[..<cut].joined(separator: "\n") + "\n").write(
            toFile: h.directory.child("one.jsonl"), atomically: true, encoding: .utf8)
        try (inputs[cut...].joined(separator: "\n") + "\n").write(
            toFile: h.directory.child("two.jsonl"), atomically: true, encoding: .utf8)
        let first = try h.wfl(["import", h.directory.child("one.jsonl")], store: ledger)
        try #require(first.status == 0, "\(first.stderrText)")
        try FileManager.default.copyItem(atPath: ledger, toPath: early)
        let second = try h.wfl(["import", h.directory.child("two.jsonl")], store: ledger)
        try #require(second.status == 0, "\(second.stderrText)")

        let atN = h.directory.child("at-n.db")
        let whenN = h.directory.child("when-n.db")
        #expect(try h.wfl(["export", "sqlite", atN, "--at-position", String(cut)], store: ledger).status == 0)
        #expect(try h.wfl(["export", "sqlite", whenN], store: early).status == 0)
        let dump = try Self.dump(atN)
        #expect(dump == (try Self.dump(whenN)))
        #expect(dump.contains("INSERT INTO \"meta\" VALUES('position','\(cut)');"))
        #expect(try Self.query(atN, "SELECT count(*) FROM events") == [String(cut)])
        // And with a date: the same again.
        for (path, store, extra) in [(atN, ledger, ["--at-position", String(cut)]), (whenN, early, [])] {
            #expect(try h.wfl(["export", "sqlite", path, "--as-of", "2024-06-30", "--force"] + extra, store: store).status == 0)
        }
        #expect(try Self.dump(atN) == (try Self.dump(whenN)))
        #expect(try Self.query(atN, "SELECT value FROM meta WHERE key = 'asOf'") == ["2024-06-30"])
    }
}
