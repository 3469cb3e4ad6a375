import Foundation
import TestSupport
import Testing

/// Writes that could surprise are announced on stderr: a new store, an event dated far ahead; JSON with
/// `--format json`. Reports say which as-of date they chose.
@Suite struct WriteNoticesTests {
    static func program(_ id: String, _ occurredAt: String) -> String {
        #"{"type":"program.registered","occurredAt":"\#(occurredAt)","actor":"staff:cm-1","data":"#
            + #"{"programId":"\#(id)","name":"Welding","provider":"College","sector":"manufacturing","#
            + #""trainingType":"occupational_skills","capacity":3}}"#
    }

    @Test func aNewStoreIsAnnouncedOnceWithItsFullPath() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let first = try h.wfl(["append", Self.program("P1", "2025-01-02T09:00:00Z")])
        #expect(first.status == 0)
        #expect(first.stderrText.contains("wfl: created a new ledger store at \(h.store)"))
        let second = try h.wfl(["append", Self.program("P2", "2025-01-02T09:00:00Z")])
        #expect(second.status == 0 && second.stderrText.isEmpty)
        let other = h.directory.child("other")
        let json = try h.wfl(["append", "--format", "json", Self.program("P1", "2025-01-02T09:00:00Z")], store: other)
        #expect(json.stderrText == #"{"warning":"new_store","message":"created a new ledger store at \#(other)"}"# + "\n")
    }

    @Test func anEventDatedDecadesAheadIsStoredWithAWarning() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        _ = try h.wfl(["append", Self.program("P0", "2025-01-02T09:00:00Z")])
        let typo = try h.wfl(["append", Self.program("P1", "2062-03-01T09:00:00Z")])
        #expect(typo.status == 0)
        #expect(typo.stderrText.contains("an event is dated 2062-03-01, more than a day after the ledger's clock"))
        let lines = Self.program("P2", "2063-01-01T00:00:00Z") + "\n" + Self.program("P3", "2025-02-01T00:00:00Z")
        let batch = try h.wfl(["import", "--format", "json"], stdin: Data(lines.utf8))
        #expect(batch.status == 0)
        #expect(batch.stderrText.hasPrefix(#"{"warning":"future_date","message":"an event is dated 2063-01-01"#))
        let today = try h.wfl(["append", Self.program("P4", String(ISO8601DateFormatter().string(from: Date())))])
        #expect(today.status == 0 && today.stderrText.isEmpty)
        let report = try h.wfl(["report", "capacity"])
        #expect(report.stdoutText.contains("as of 2063-01-01 (the latest date of the known events; --as-of to choose)"))
    }
}
