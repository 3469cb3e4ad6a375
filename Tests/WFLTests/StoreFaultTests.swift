import Foundation
import LedgerStore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The store under faults: damaged or missing files, directories that are not stores, paths that are not UTF-8,
/// permissions. Each must end in a precise error, never a crash, a new empty ledger or a silent fallback.
@Suite struct StoreFaultTests {
    static let registration = WorkforceInput.participant("P-900")

    @Test func anEmptiedDataFileIsAnErrorNotANewLedger() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        #expect(truncate(h.store + "/data.mdb", 0) == 0)
        let append = try h.wfl(["append", Self.registration])
        #expect(append.status == 74, "\(append.stdoutText)")
        #expect(append.stderrText.contains("data.mdb is empty"))
        #expect(try h.wfl(["head"]).status == 74)
        var info = stat()
        #expect(stat(h.store + "/data.mdb", &info) == 0 && info.st_size == 0, "nothing was written")
    }

    @Test func aDeletedDataFileIsAnErrorNotANewLedger() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        _ = try h.wfl(["head"])  // leaves lock.mdb
        #expect(unlink(h.store + "/data.mdb") == 0)
        let append = try h.wfl(["append", Self.registration])
        #expect(append.status == 74)
        #expect(append.stderrText.contains("data.mdb is missing"))
        #expect(access(h.store + "/data.mdb", F_OK) != 0)
    }

    /// Every truncation of the ledger's data file below its meta page's length: an error naming the truncation
    /// (exit 74) from every command, never `SIGBUS`.
    @Test func truncatedLedgerFilesAreRefusedByEveryCommand() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        var info = stat()
        #expect(stat(h.store + "/data.mdb", &info) == 0)
        let size = Int(info.st_size)
        let original = try Data(contentsOf: URL(fileURLWithPath: h.store + "/data.mdb"))
        let commands = [["verify"], ["head"], ["events"], ["status"], ["history", "P-1"], ["report", "caseload"]]
        var lengths = Set([1, 100, 4_095, 4_096, 8_191, 8_192, 8_193, size - 4_096, size - 1])
        var generator = SystemRandomNumberGenerator()
        while lengths.count < 24 { lengths.insert(Int.random(in: 1..<size, using: &generator)) }
        for (index, length) in lengths.sorted().enumerated() where length < size {
            try original.write(to: URL(fileURLWithPath: h.store + "/data.mdb"))
            #expect(truncate(h.store + "/data.mdb", off_t(length)) == 0)
            let command = commands[index % commands.count]
            let result = try h.wfl(command)
            #expect(result.status == 74, "\(command) at \(length) bytes: \(result.status) \(result.stderrText)")
            #expect(result.stderrText.contains("damaged"), "\(command) at \(length): \(result.stderrText)")
        }
        try original.write(to: URL(fileURLWithPath: h.store + "/data.mdb"))
        #expect(try h.wfl(["verify"]).status == 0)
    }

    @Test func aDirectoryThatIsNotAStoreIsNeverMadeOne() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try FileManager.default.createDirectory(atPath: h.store, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: h.store + "/notes.txt", contents: Data("mine".utf8))
        let append = try h.wfl(["append", Self.registration])
        #expect(append.status == 73)
        #expect(append.stderrText.contains("is not a ledger store"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: h.store) == ["notes.txt"])
        #expect(try h.wfl(["head"]).status == 66)
        let root = try run(WFLHarness.wflPath, ["append", Self.registration], environment: ["WFL_STORE": "/"])
        #expect(root.status == 73)
        #expect(access("/data.mdb", F_OK) != 0)
        // An empty directory is a place for a new store.
        let empty = h.directory.child("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try h.wfl(["append", Self.registration], store: empty).status == 0)
    }

    /// `0:`, the empty ledger's head as `wfl head` prints it, is a digest every ledger extends.
    @Test func verifyAcceptsTheEmptyLedgersHeadAsAKeptDigest() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let verify = try h.wfl(["verify", "--digest", "0:"])
        #expect(verify.status == 0, "\(verify.stderrText)")
        #expect(verify.stdoutText.contains("extends kept digest 0 (the empty ledger)"))
        #expect(try h.wfl(["verify", "--digest", "0:00"]).status == 64)
    }

    @Test func storePathsThatAreNotUTF8AreRefused() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let raw = Array(h.directory.path.utf8) + Array("/st".utf8) + [0xFF] + Array("ore".utf8)
        let viaArgument = try runWithRawArgument(["append", Self.registration, "--store"], raw)
        #expect(viaArgument == 64)
        let viaEnvironment = try runWithRawEnvironment(["append", Self.registration], raw)
        #expect(viaEnvironment == 64)
        // Nothing was made, neither under the repaired name nor elsewhere in the directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: h.directory.path).isEmpty)
    }

    /// A group member reading a live store (files 0640, directory 0750) without write access to lock.mdb is refused
    /// with the fix named, instead of reading without a reader slot; group-writable lock.mdb works; `--no-lock` is
    /// the explicit choice for a copy nobody writes.
    @Test func readersWithoutAReaderSlotAreRefusedWithTheFix() throws {
        guard WFLHarness.canDropRoot else { return }
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let expected = try h.wfl(["events"]).stdoutText
        #expect(chmod(h.directory.path, 0o755) == 0)
        for name in ["", "/data.mdb", "/lock.mdb"] { #expect(chown(h.store + name, 0, 65_534) == 0) }
        let refused = try WFLHarness.wflAsNobody(["events"], store: h.store)
        #expect(refused.status == 74)
        #expect(refused.stderrText.contains("group-writable"), "\(refused.stderrText)")
        #expect(refused.stdoutText.isEmpty)
        let lockless = try WFLHarness.wflAsNobody(["events", "--no-lock"], store: h.store)
        #expect(lockless.status == 0 && lockless.stdoutText == expected)
        #expect(chmod(h.store + "/lock.mdb", 0o660) == 0)
        let allowed = try WFLHarness.wflAsNobody(["events"], store: h.store)
        #expect(allowed.status == 0, "\(allowed.stderrText)")
        #expect(allowed.stdoutText == expected)
        // A group member still cannot write: the message names the permission, not "cannot create".
        let append = try WFLHarness.wflAsNobody(["append", Self.registration], store: h.store)
        #expect(append.status == 74)
        #expect(append.stderrText.contains("permission denied"), "\(append.stderrText)")
    }

    @Test func anUnreadableStoreNamesThePermissionProblem() throws {
        guard WFLHarness.canDropRoot else { return }
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        #expect(chmod(h.directory.path, 0o755) == 0)
        #expect(chmod(h.store, 0o700) == 0)
        let head = try WFLHarness.wflAsNobody(["head"], store: h.store)
        #expect(head.status == 74)
        #expect(head.stderrText.contains("permission denied"), "\(head.stderrText)")
        #expect(!head.stderrText.contains("no ledger store"))
    }

    /// Runs `wfl` with `arguments` followed by one argument of raw bytes; returns the exit status.
    private func runWithRawArgument(_ arguments: [String], _ raw: [UInt8]) throws -> Int32 {
        let path = WFLHarness.wflPath
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) }
        argv.append(
            raw.withUnsafeBufferPointer { buffer in
                let copy = UnsafeMutablePointer<CChar>.allocate(capacity: buffer.count + 1)
                for (index, byte) in buffer.enumerated() { copy[index] = CChar(bitPattern: byte) }
                copy[buffer.count] = 0
                return copy
            })
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        return try spawnAndWait(path, argv, environ)
    }

    /// Runs `wfl` with `arguments` and `WFL_STORE` set to raw bytes; returns the exit status.
    private func runWithRawEnvironment(_ arguments: [String], _ raw: [UInt8]) throws -> Int32 {
        let path = WFLHarness.wflPath
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) }
        argv.append(nil)
        let bytes = Array("WFL_STORE=".utf8) + raw
        let entry = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (index, byte) in bytes.enumerated() { entry[index] = CChar(bitPattern: byte) }
        entry[bytes.count] = 0
        var environment: [UnsafeMutablePointer<CChar>?] = [entry, strdup("PATH=/usr/bin:/bin"), nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in environment { free(pointer) }
        }
        return try environment.withUnsafeMutableBufferPointer { try spawnAndWait(path, argv, $0.baseAddress) }
    }

    private func spawnAndWait(
        _ path: String, _ argv: [UnsafeMutablePointer<CChar>?], _ environment: UnsafePointer<UnsafeMutablePointer<CChar>?>?
    ) throws -> Int32 {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var arguments = argv
        let result = arguments.withUnsafeMutableBufferPointer { buffer in
            posix_spawn(&pid, path, &actions, nil, buffer.baseAddress!, environment)
        }
        try #require(result == 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (status >> 8) & 0xFF
    }
}

/// Control and bidirectional-override characters in stored text are printed escaped in tables, as stored in JSONL.
@Suite struct TableEscapingTests {
    @Test func bidiOverridesAndControlsArePrintedEscapedInHistory() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let program = WorkforceInput.program("PRG-1")
        let participant = WorkforceInput.participant("P-000001")
        let enrolled = WorkforceInput.enrolled("P-000001", in: "PRG-1", eventId: "enr-1")
        let void =
            #"{"type":"ledger.event_voided","eventId":"void-1","occurredAt":"2024-03-05T09:00:00-05:00","#
            + #""actor":"staff:cm-017","data":{"targetEventId":"enr-1","reason":"typo \u202Egnorw\u202C here\u0085"}}"#
        let imported = try h.wfl(["import", "-"], stdin: WorkforceInput.jsonl([program, participant, enrolled, void]))
        try #require(imported.status == 0, "\(imported.stderrText)")
        let table = try h.wfl(["history", "P-000001"])
        #expect(table.status == 0)
        #expect(table.stdoutText.contains("\\u{202E}gnorw\\u{202C}"), "\(table.stdoutText)")
        #expect(!table.stdoutText.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x85 })
        let jsonl = try h.wfl(["history", "P-000001", "--format", "jsonl"])
        #expect(jsonl.stdoutText.unicodeScalars.contains { $0.value == 0x202E }, "JSONL keeps the stored text")
    }
}
