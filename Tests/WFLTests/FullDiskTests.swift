import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A full file system (a 3 MiB tmpfs, mounted when the tests run as root): every creation (a new store, its lock
/// file, the read models, `verify --rules`' scratch store) is an error saying "No space left on device", never a
/// crash, and leaves nothing behind.
@Suite(.serialized) struct FullDiskTests {
    /// Mounts a 3 MiB tmpfs at `<tmp>/disk`; `nil` when that is not possible here (not root, no mount).
    static func mountSmallDisk(_ h: WFLHarness) throws -> String? {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return nil }
        let disk = h.directory.child("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=3M", "tmpfs", disk])
        return mounted.status == 0 ? disk : nil
    }

    /// Fills `disk` to within `spare` bytes with a file named `filler`.
    static func fill(_ disk: String, leaving spare: Int) throws {
        var info = statvfs()
        try #require(statvfs(disk, &info) == 0)
        let available = Int(info.f_bavail) * Int(info.f_frsize)
        FileManager.default.createFile(atPath: disk + "/filler", contents: Data(count: max(0, available - spare)))
    }

    @Test func everyCreationOnAFullDiskIsAnErrorAndLeavesNothing() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        guard let disk = try Self.mountSmallDisk(h) else { return }
        defer { _ = try? run("/bin/umount", [disk]) }
        let batch = WorkforceInput.jsonl(WorkforceInput.batch(participants: 400))

        // A new store on a full disk.
        try Self.fill(disk, leaving: 2_048)
        let created = try h.wfl(["import", "-"], store: disk + "/new", stdin: batch)
        #expect(created.status == 73 || created.status == 74, "\(created.status) \(created.stderrText)")
        #expect(created.stderrText.contains("No space left on device"), "\(created.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk) == ["filler"])
        try FileManager.default.removeItem(atPath: disk + "/filler")

        // A store that fits, then a full disk for its read models and verify's scratch store.
        let store = disk + "/ledger"
        #expect(try h.wfl(["import", "-"], store: store, stdin: batch).status == 0)
        let expected = try h.wfl(["report", "capacity", "--format", "json"], store: store).stdoutText
        try FileManager.default.removeItem(atPath: store + "/readmodels")
        try Self.fill(disk, leaving: 4_096)

        let report = try h.wfl(["report", "capacity", "--format", "json"], store: store)
        #expect(report.status == 0, "a report replays in memory: \(report.stderrText)")
        #expect(report.stdoutText == expected)
        let rebuild = try h.wfl(["rebuild"], store: store)
        #expect(rebuild.status == 74)
        #expect(rebuild.stderrText.contains("No space left on device"), "\(rebuild.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: store).sorted() == ["data.mdb", "lock.mdb"])

        let verify = try run(
            WFLHarness.wflPath, ["verify", "--rules", "--store", store], environment: ["TMPDIR": disk])
        #expect(verify.status == 74, "\(verify.stdoutText) \(verify.stderrText)")
        #expect(verify.stderrText.contains("No space left on device"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk).sorted() == ["filler", "ledger"])
        #expect(try h.wfl(["verify"], store: store).status == 0)
    }
}
