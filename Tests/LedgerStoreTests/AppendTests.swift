import CanonicalJSON
import Foundation
import LedgerStore
import TestSupport
import Testing

/// Builds a proposed event whose stream is named in its payload (the generic store's test rules).
func proposed(
    _ eventId: String, stream: String = "s-1", type: String = "thing.happened", data: String = #"{"n":1}"#,
    expectedVersion: UInt64? = nil
) -> ProposedEvent<String> {
    let value = try! JSONParser().parse(Array(data.utf8))
    return ProposedEvent(
        type: type, eventId: eventId, occurredAt: "2025-03-03T14:00:00Z", actor: "staff:cm-017",
        data: CanonicalJSON.encode(value), expectedVersion: expectedVersion, payload: stream)
}

@Suite struct AppendTests {
    @Test func appendsGaplessPositionsAndStreamVersions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        let outcomes = try store.append(
            [proposed("a", stream: "s-1"), proposed("b", stream: "s-2"), proposed("c", stream: "s-1")],
            rules: { StreamNamedRules() })
        #expect(outcomes.map(\.position) == [1, 2, 3])
        #expect(outcomes.map(\.streamVersion) == [1, 1, 2])
        let more = try store.append([proposed("d", stream: "s-1")], rules: { StreamNamedRules() })
        #expect(more == [.appended(position: 4, stream: "s-1", streamVersion: 3)])
        try store.read { txn throws in
            #expect(try txn.positions(inStream: "s-1") == [1, 3, 4])
            #expect(try txn.positions(ofType: "thing.happened") == [1, 2, 3, 4])
            #expect(try txn.streamVersion("s-1") == 3)
            #expect(try txn.streamVersion("nope") == 0)
            #expect(try txn.eventCountsByType() == ["thing.happened": 4])
        }
        #expect(try store.verify().isIntact)
        #expect(try store.verify().eventCount == 4)
    }

    @Test func duplicateIsANoOpReportingTheStoredPosition() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        _ = try store.append([proposed("a"), proposed("b")], rules: { StreamNamedRules() })
        let head = try store.head()
        // Same content, data keys in another order: the same RFC 8785 bytes, so a duplicate.
        let again = try store.append([proposed("a", data: #"{ "n" : 1 }"#)], rules: { StreamNamedRules() })
        #expect(again == [.duplicate(position: 1, stream: "s-1", streamVersion: 1)])
        #expect(try store.head() == head)
    }

    @Test func conflictingDuplicateIsRejectedAndNothingIsWritten() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        _ = try store.append([proposed("a")], rules: { StreamNamedRules() })
        let head = try store.head()
        #expect {
            _ = try store.append([proposed("z"), proposed("a", data: #"{"n":2}"#)], rules: { StreamNamedRules() })
        } throws: { error in
            let rejection = error as? BatchRejection
            return rejection?.items.map(\.index) == [1] && rejection?.items.first?.rejection.code == "event_id_conflict"
        }
        #expect(try store.head() == head)
        #expect(try store.read { try $0.position(ofEventId: "z") } == nil)
    }

    @Test func duplicateOfAnEarlierBatchMemberIsANoOp() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        let outcomes = try store.append([proposed("a"), proposed("b"), proposed("a")], rules: { StreamNamedRules() })
        #expect(outcomes.map(\.position) == [1, 2, 1])
        #expect(outcomes[2].isDuplicate)
        #expect(try store.head()?.position == 2)
    }

    /// Index entries flushed in the middle of a batch (every 3 events here) and across batches: duplicates are found
    /// whether their first copy is pending, flushed, or stored by an earlier batch; stream versions continue across
    /// flushes and batches, also for stream names that prefix one another; the indexes hold every entry once.
    @Test func indexesAcrossFlushesAndBatches() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"), configuration: StoreConfiguration(indexFlushInterval: 3))
        let first = try store.append(
            [
                proposed("e1", stream: "s-1"), proposed("e2", stream: "s-10"), proposed("e3", stream: "s-1", type: "other"),
                proposed("e4", stream: "s-2"), proposed("e1", stream: "s-1"), proposed("e5", stream: "s-1"),
                proposed("e6", stream: "s-10", type: "other"), proposed("e3", stream: "s-1", type: "other"),
            ], rules: { StreamNamedRules() })
        #expect(first.map(\.position) == [1, 2, 3, 4, 1, 5, 6, 3])
        #expect(first.map(\.streamVersion) == [1, 1, 2, 1, 1, 3, 2, 2])
        let second = try store.append(
            [
                proposed("e2", stream: "s-10"), proposed("f1", stream: "s-1"), proposed("f2", stream: "s-0"),
                proposed("f3", stream: "s-10"), proposed("e6", stream: "s-10", type: "other"), proposed("f4", stream: "s-1"),
            ], rules: { StreamNamedRules() })
        #expect(second.map(\.position) == [2, 7, 8, 9, 6, 10])
        #expect(second.map(\.streamVersion) == [1, 4, 1, 3, 2, 5])
        #expect(second.map(\.isDuplicate) == [true, false, false, false, true, false])
        try store.read { txn throws in
            #expect(try txn.positions(inStream: "s-1") == [1, 3, 5, 7, 10])
            #expect(try txn.positions(inStream: "s-10") == [2, 6, 9])
            #expect(try txn.positions(ofType: "other") == [3, 6])
            #expect(try txn.positions(ofType: "thing.happened") == [1, 2, 4, 5, 7, 8, 9, 10])
            #expect(try ["s-0", "s-1", "s-10", "s-2", "s-", "s-100"].map { try txn.streamVersion($0) } == [1, 5, 3, 1, 0, 0])
            #expect(try txn.position(ofEventId: "f4") == 10)
            #expect(try txn.eventCountsByType() == ["thing.happened": 8, "other": 2])
        }
        #expect(try store.verify().isIntact)
    }

    /// Stream names and event ids are keys: compared by their bytes, so two Unicode spellings of the same text are
    /// two streams and two events (LMDB's indexes would otherwise disagree with the batch's own tables).
    @Test(arguments: [1, 200_000])
    func namesInTwoNormalizationFormsAreTwoKeys(flushInterval: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(
            directory: dir.child("ledger"), configuration: StoreConfiguration(indexFlushInterval: flushInterval))
        let nfc = "caf\u{E9}"
        let nfd = "cafe\u{301}"
        let outcomes = try store.append(
            [proposed("id-\(nfc)", stream: "s-\(nfc)"), proposed("id-\(nfd)", stream: "s-\(nfd)")],
            rules: { StreamNamedRules() })
        #expect(
            outcomes == [
                .appended(position: 1, stream: "s-\(nfc)", streamVersion: 1),
                .appended(position: 2, stream: "s-\(nfd)", streamVersion: 1),
            ])
        try store.read { txn throws in
            #expect(try txn.positions(inStream: "s-\(nfc)") == [1])
            #expect(try txn.positions(inStream: "s-\(nfd)") == [2])
            #expect(try txn.streamVersion("s-\(nfd)") == 1)
            #expect(try txn.position(ofEventId: "id-\(nfd)") == 2)
            #expect(try txn.event(at: 2)?.stream.utf8.elementsEqual("s-\(nfd)".utf8) == true)
        }
        #expect(try store.verify().isIntact)
    }

    @Test func expectedVersionIsCheckedPerStream() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        _ = try store.append([proposed("a", expectedVersion: 0)], rules: { StreamNamedRules() })
        _ = try store.append([proposed("b", expectedVersion: 1)], rules: { StreamNamedRules() })
        #expect {
            _ = try store.append([proposed("c", expectedVersion: 1)], rules: { StreamNamedRules() })
        } throws: { error in
            (error as? BatchRejection)?.items.first?.rejection.code == "wrong_expected_version"
        }
        #expect {
            _ = try store.append([proposed("c", stream: "s-9", expectedVersion: 3)], rules: { StreamNamedRules() })
        } throws: { error in
            (error as? BatchRejection)?.items.first?.rejection.message.contains("version 0") == true
        }
        #expect(try store.head()?.position == 2)
    }

    @Test func chainRecomputedIndependentlyFromTheExport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        _ = try store.append(
            (0..<20).map { proposed("e\($0)", stream: "s-\($0 % 3)", data: #"{"i":\#($0),"t":"x\ny"}"#) },
            rules: { StreamNamedRules() })
        // Recompute from the exported lines with a general JSON parser and RFC 8785 encoder, not the store's writer.
        var previous = [UInt8](repeating: 0, count: 32)
        var lines: [[UInt8]] = []
        try store.forEachEvent { event in
            lines.append(StoredEvent(event).exportLine)
            return true
        }
        #expect(lines.count == 20)
        for line in lines {
            guard case .object(var object) = try JSONParser().parse(line), case .string(let hash)? = object["hash"] else {
                Issue.record("export line is not an object with a hash")
                return
            }
            object.members.removeAll { $0.key == "hash" }
            #expect(CanonicalJSON.encode(.object(object)) + [] != [])
            let computed = sha256Hex(previous + CanonicalJSON.encode(.object(object)))
            #expect(computed == hash)
            previous = Hex.decode(hash) ?? []
            // The export line is itself canonical.
            #expect(CanonicalJSON.encode(try JSONParser().parse(line)) == line)
        }
    }
}

@Suite struct AppendLimitsTests {
    @Test func overlongKeysAreRejectionsNotStorageFailures() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        for event in [
            proposed(String(repeating: "e", count: 501)), proposed("ok", type: String(repeating: "t", count: 501)),
            proposed("nul", type: "a\u{0}b"), proposed("s", stream: String(repeating: "s", count: 501)),
        ] {
            #expect {
                _ = try store.append([event], rules: { StreamNamedRules() })
            } throws: { error in
                (error as? BatchRejection)?.items.first?.rejection.code == "invalid_value"
            }
        }
        #expect(try store.head() == nil)
    }
}
