import Foundation
import LedgerStore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// An auditor's copy on read-only media: every read command works and nothing is written.
///
/// Tests run as root, for whom permission bits stop nothing. So the copy is made read-only (`chmod a-w`) and, as
/// root, the commands run as `nobody` through `setpriv`: then the directory really cannot be written, no lock
/// file can be made, and the store must read without one. Either way the copy must come out byte-identical.
@Suite struct ReadOnlyStoreTests {
    /// Copies the store's `data.mdb` alone (as an auditor receives it) to `<tmp>/audit/ledger`, read-only.
    func readOnlyCopy(of h: WFLHarness) throws -> String {
        let copy = h.directory.child("audit/ledger")
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: h.store + "/data.mdb", toPath: copy + "/data.mdb")
        #expect(chmod(copy + "/data.mdb", 0o444) == 0)
        #expect(chmod(copy, 0o555) == 0)
        #expect(chmod(h.directory.child("audit"), 0o555) == 0)
        return copy
    }

    /// What the copy looks like: its files, and data.mdb's bytes and modification time.
    func fingerprint(_ directory: String) throws -> (files: [String], bytes: Data, modified: Date?) {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/data.mdb"))
        let modified = try FileManager.default.attributesOfItem(atPath: directory + "/data.mdb")[.modificationDate] as? Date
        return (files, bytes, modified)
    }

    /// Runs `wfl` on the copy as `nobody` (see ``WFLHarness/wflAsNobody(_:store:)``), with `--no-lock`: nobody
    /// writes an auditor's copy, and a directory nobody may write is not read-only media.
    func wflUnprivileged(_ arguments: [String], store: String) throws -> ProcessResult {
        try WFLHarness.wflAsNobody(arguments + ["--no-lock"], store: store)
    }

    @Test func everyReadCommandWorksOnAReadOnlyCopyAndWritesNothing() throws {
        let h = try WFLHarness()
        defer {
            _ = chmod(h.directory.child("audit"), 0o755)
            _ = chmod(h.directory.child("audit/ledger"), 0o755)
            h.remove()
        }
        try h.populateSmallLedger()
        let expectedExport = try h.wfl(["events"]).stdoutText
        let expectedHead = try h.wfl(["head"]).stdoutText
        let copy = try readOnlyCopy(of: h)
        let before = try fingerprint(copy)

        let events = try wflUnprivileged(["events"], store: copy)
        #expect(events.status == 0, "\(events.stderrText)")
        #expect(events.stdoutText == expectedExport)
        let head = try wflUnprivileged(["head"], store: copy)
        #expect(head.stdoutText == expectedHead)
        let verify = try wflUnprivileged(["verify", "--digest", expectedHead.trimmingCharacters(in: .newlines)], store: copy)
        #expect(verify.status == 0, "\(verify.stdoutText) \(verify.stderrText)")
        let history = try wflUnprivileged(["history", "P-1"], store: copy)
        #expect(history.status == 0 && history.stdoutText.contains("VOIDED by pos 5"))
        let table = try wflUnprivileged(["events", "--format", "table", "--type", "participant.enrolled"], store: copy)
        #expect(table.status == 0 && table.lines.count == 3)
        let status = try wflUnprivileged(["status"], store: copy)
        #expect(status.status == 0, "\(status.stderrText)")
        #expect(status.stdoutText.contains("read-only"))

        let after = try fingerprint(copy)
        #expect(after.bytes == before.bytes)
        #expect(after.modified == before.modified)
        if geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            // Truly read-only for the commands: not even a lock file appeared.
            #expect(after.files == ["data.mdb"])
        }
    }

    @Test func readOnlyOpeningInProcessReadsAndNeverTouchesTheData() throws {
        let h = try WFLHarness()
        defer {
            _ = chmod(h.directory.child("audit"), 0o755)
            _ = chmod(h.directory.child("audit/ledger"), 0o755)
            h.remove()
        }
        try h.populateSmallLedger()
        let original = try h.storedEvents()
        let copy = try readOnlyCopy(of: h)
        let before = try fingerprint(copy)
        do {
            let store = try LedgerStore(directory: copy, configuration: StoreConfiguration(mode: .readOnly))
            #expect(store.isReadOnly)
            var events: [StoredEvent] = []
            try store.forEachEvent {
                events.append(StoredEvent($0)); return true
            }
            #expect(events == original)
            #expect(try store.verify().isIntact)
            let status = try store.status()
            #expect(status.entries["log"] == 8)
            #expect(throws: (any Error).self) {
                _ = try store.append([event("x", "thing.happened", stream: "s", data: "{}")], rules: { StreamNamedRules() })
            }
        }
        // The commands, run as whoever we are, on the same copy.
        #expect(try h.wfl(["verify"], store: copy).status == 0)
        #expect(try h.wfl(["status"], store: copy).status == 0)
        let after = try fingerprint(copy)
        #expect(after.bytes == before.bytes)
        #expect(after.modified == before.modified)
        // Root may create LMDB's lock file (a reader table, not ledger data); nothing else may appear.
        #expect(Set(after.files).subtracting(["lock.mdb"]) == ["data.mdb"])
    }
}
