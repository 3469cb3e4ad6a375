import Foundation
import LedgerStore
import TestSupport
import Testing

/// Corruption detection, map growth and read-only opening.
@Suite struct IntegrityTests {
    @Test func flippedByteIsFoundAtItsPositionAndRestoringItHeals() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.child("ledger")
        do {
            let store = try LedgerStore(directory: path)
            _ = try store.append((0..<50).map { proposed("e\($0)", data: #"{"n":\#($0)}"#) }, rules: { StreamNamedRules() })
            _ = try store.append([proposed("marked", data: #"{"note":"TAMPER-MARKER-42"}"#)], rules: { StreamNamedRules() })
            _ = try store.append((50..<60).map { proposed("e\($0)") }, rules: { StreamNamedRules() })
        }
        let file = path + "/data.mdb"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let marker = Array("TAMPER-MARKER-42".utf8)
        // Copy-on-write leaves stale copies of old pages in the file: flip the byte in every copy of the event.
        let found = offsets(of: marker, in: bytes)
        try #require(!found.isEmpty)
        let original = bytes[found[0] + 7]
        for offset in found { bytes[offset + 7] ^= 0x01 }
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        let tampered = try LedgerStore(directory: path, configuration: StoreConfiguration(mode: .readOnly)).verify()
        #expect(!tampered.isIntact)
        #expect(tampered.firstBadPosition == 51)

        for offset in found { bytes[offset + 7] = original }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let healed = try LedgerStore(directory: path, configuration: StoreConfiguration(mode: .readOnly)).verify()
        #expect(healed.isIntact)
        #expect(healed.eventCount == 61)
    }

    @Test func keptDigestIsChecked() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        _ = try store.append((0..<10).map { proposed("e\($0)") }, rules: { StreamNamedRules() })
        let kept = try #require(try store.head())
        _ = try store.append((10..<20).map { proposed("e\($0)") }, rules: { StreamNamedRules() })
        #expect(try store.verify(against: kept).isIntact)
        var wrongHash = kept.hash
        wrongHash[0] ^= 0xFF
        let forged = try store.verify(against: Digest(position: kept.position, hash: wrongHash))
        #expect(!forged.isIntact)
        #expect(forged.firstBadPosition == kept.position)
        let beyond = try store.verify(against: Digest(position: 99, hash: kept.hash))
        #expect(!beyond.isIntact)
        #expect(beyond.firstBadPosition == 99)
    }

    @Test func mapGrowsFromATinySizeWithoutSurfacingAnError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let initial = 256 << 10
        let store = try LedgerStore(directory: dir.child("ledger"), configuration: StoreConfiguration(initialMapSize: initial))
        // First one batch larger than the whole initial map, then small batches, then a large one again.
        _ = try store.append((0..<3000).map { proposed("first-\($0)", stream: "s-\($0 % 7)") }, rules: { StreamNamedRules() })
        for batch in 0..<10 {
            _ = try store.append(
                (0..<200).map { proposed("b\(batch)-\($0)", stream: "s-\($0 % 7)") }, rules: { StreamNamedRules() })
        }
        _ = try store.append((0..<6000).map { proposed("big-\($0)", stream: "s-\($0 % 7)") }, rules: { StreamNamedRules() })
        #expect(try store.head()?.position == 11_000)
        #expect(try store.verify().isIntact)
        #expect(try store.mapSizeInBytes() >= 4 * initial)
    }

    @Test func readOnlyOpeningReadsAndRefusesWrites() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.child("ledger")
        _ = try LedgerStore(directory: path).append([proposed("a")], rules: { StreamNamedRules() })
        let reader = try LedgerStore(directory: path, configuration: StoreConfiguration(mode: .readOnly))
        #expect(try reader.head()?.position == 1)
        #expect(throws: StoreError.readOnly) {
            _ = try reader.append([proposed("b")], rules: { StreamNamedRules() })
        }
        #expect(throws: StoreError.storeNotFound(path: dir.child("missing"))) {
            _ = try LedgerStore(directory: dir.child("missing"), configuration: StoreConfiguration(mode: .readOnly))
        }
    }

    @Test func storeFilesAreNotWorldReadable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.child("ledger")
        _ = try LedgerStore(directory: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "/data.mdb")
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0)
        let dirMode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(dirMode & 0o007 == 0)
    }
}
