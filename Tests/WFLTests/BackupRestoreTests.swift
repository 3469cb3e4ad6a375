import Foundation
import TestSupport
import Testing

/// `wfl backup` and `wfl restore`: a copy of a live store that verifies on its own, and an export loaded back with
/// every stored field, refusing a tampered line with nothing written.
@Suite struct BackupRestoreTests {
    @Test func aRestoredExportHasTheSameHeadPassesVerifyAndChecksLaterAppends() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        #expect(try h.wfl(["demo", "--participants", "120"]).status == 0)
        let export = try h.wfl(["events"]).stdout
        let head = try h.wfl(["head"]).stdoutText
        let restored = h.directory.child("restored")
        let result = try h.wfl(["restore", "-"], store: restored, stdin: export)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try h.wfl(["head"], store: restored).stdoutText == head)
        #expect(try h.wfl(["events"], store: restored).stdout == export)
        let verify = try h.wfl(["verify", "--rules"], store: restored)
        #expect(verify.status == 0, "\(verify.stdoutText) \(verify.stderrText)")
        // Later appends are checked against the rebuilt rule state: a new participant lands after the head, a
        // second registration of the same id is refused.
        let position = try #require(UInt64(head.split(separator: ":").first ?? ""))
        let added = try h.wfl(["append", WorkforceInput.participant("P-RESTORED")], store: restored)
        #expect(added.stdoutText.hasPrefix("appended at position \(position + 1)"), "\(added.stderrText)")
        let again = try h.wfl(["append", WorkforceInput.participant("P-RESTORED", eventId: "another-id")], store: restored)
        #expect(again.status == 65)
        #expect(again.stderrText.contains("already_registered"))
        // A non-empty store is refused.
        #expect(try h.wfl(["restore", "-"], store: restored, stdin: export).status == 73)
    }

    @Test func aTamperedLineIsRefusedWithItsNumberAndNothingIsWritten() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        // program, then (registration, enrollment) for P-000001…P-000003
        try #require(try h.wfl(["import", "-"], stdin: WorkforceInput.jsonl(WorkforceInput.batch(participants: 3))).status == 0)
        let lines = try h.wfl(["events"]).lines
        let cases: [(line: Int, text: String, field: String)] = [
            (4, lines[3].replacingOccurrences(of: "\"birthYear\":1996", with: "\"birthYear\":1997"), "/hash"),
            (3, lines[2].replacingOccurrences(of: "\"position\":3", with: "\"position\":4"), "/position"),
            (5, lines[4].replacingOccurrences(of: "\"streamVersion\":2", with: "\"streamVersion\":3"), "/streamVersion"),
            (2, lines[1].replacingOccurrences(of: "\"hash\":\"", with: "\"hash\":\"X"), "/hash"),
        ]
        for (number, tampered, field) in cases {
            var copy = lines
            copy[number - 1] = tampered
            #expect(copy != lines, "line \(number) was not changed")
            let store = h.directory.child("restore-\(number)")
            let result = try h.wfl(
                ["restore", "--format", "json"], store: store, stdin: Data((copy.joined(separator: "\n") + "\n").utf8))
            #expect(result.status == 65, "\(field): \(result.stderrText)")
            #expect(result.stderrText.contains("\"line\":\(number)"), "\(result.stderrText)")
            #expect(result.stderrText.contains("\"field\":\"\(field)\""), "\(result.stderrText)")
            #expect(!FileManager.default.fileExists(atPath: store), "a refused restore leaves no store")
        }
    }

    /// A backup taken while another process appends batch after batch is consistent: it verifies on its own, and its
    /// events are a prefix of the live store's.
    @Test func aBackupOfALiveStoreVerifiesOnItsOwn() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let first = try h.wfl(["import", "-"], stdin: WorkforceInput.jsonl(WorkforceInput.batch(participants: 50)))
        try #require(first.status == 0)
        let batches = h.directory.child("batches")
        try FileManager.default.createDirectory(atPath: batches, withIntermediateDirectories: true)
        for index in 0..<30 {
            let lines = (0..<20).map { WorkforceInput.participant(String(format: "P-L%02d%03d", index, $0)) }
            try WorkforceInput.jsonl(lines).write(to: URL(fileURLWithPath: batches + "/\(index).jsonl"))
        }
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = [
            "-c", #"for f in "$2"/*.jsonl; do "$0" import --store "$1" "$f" >/dev/null || exit 1; done"#, WFLHarness.wflPath,
            h.store, batches,
        ]
        try writer.run()
        var backups: [String] = []
        for index in 0..<4 {
            let destination = h.directory.child("backup-\(index)")
            let backup = try h.wfl(["backup", destination])
            #expect(backup.status == 0, "\(backup.stdoutText) \(backup.stderrText)")
            #expect(backup.stdoutText.contains("verified"))
            backups.append(destination)
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        let live = try h.wfl(["events"]).lines
        for backup in backups {
            #expect(try h.wfl(["verify"], store: backup).status == 0)
            let copied = try h.wfl(["events"], store: backup).lines
            #expect(!copied.isEmpty && Array(live.prefix(copied.count)) == copied)
        }
        // An existing, non-empty destination is refused and left as it was.
        let refused = try h.wfl(["backup", backups[0]])
        #expect(refused.status == 73)
        #expect(try h.wfl(["verify"], store: backups[0]).status == 0)
    }
}
