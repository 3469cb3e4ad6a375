import CLMDB
import CanonicalJSON
import Crypto
import Dispatch
import Synchronization

/// What `verify` found.
public struct VerificationReport: Sendable, Equatable {
    /// Events checked.
    public var eventCount: UInt64 = 0
    /// The head as verified (position and hash), `nil` for an empty log.
    public var head: Digest?
    /// The first position where anything disagrees, when something does (0 when no position can be named).
    public var firstBadPosition: UInt64?
    /// What disagrees there, in words.
    public var problem: String?
    /// The Merkle tree head recomputed from the log (and compared with every subtree the store keeps).
    public var treeHead: TreeHead?
    /// `true` when the store predates the Merkle tree and its table is not built yet (the next write builds it).
    public var treeNotBuilt = false

    /// `true` when the chain, the indexes and the kept digest (if any) all check out.
    public var isIntact: Bool { problem == nil }
}

extension LedgerStore {
    /// Recomputes the hash chain from position 1, checks that every index entry matches the log and that every
    /// event is indexed, and, with `digest`, that the event at its position still has its hash.
    ///
    /// Reads one consistent snapshot. Index consistency is first checked by order-independent fingerprints of
    /// every index (one sequential scan each); only on a mismatch does a second, precise pass look entries up
    /// one by one to name the first position that disagrees.
    public func verify(
        against digest: Digest? = nil, progress: ((_ checked: UInt64, _ total: UInt64) -> Void)? = nil
    ) throws -> VerificationReport {
        // The indexes' own fingerprints are read on a second core while this one recomputes the chain. The two
        // read transactions must see the same snapshot: when their transaction ids differ (a writer committed in
        // between), the index scan is done again inside the chain's transaction.
        let parallel = ParallelIndexScan(store: self)
        // Never return while the scan still reads the map (an early failure returns before using its result).
        defer { parallel.wait() }
        return try read { txn in
            var report = VerificationReport()
            let total = try txn.head()?.position ?? 0
            var expected = IndexFingerprints()
            var counts = TypeCounter()
            var previous = [UInt8](repeating: 0, count: 32)
            var position: UInt64 = 0
            var digestSeen = false

            func fail(_ at: UInt64, _ message: String) -> VerificationReport {
                report.firstBadPosition = at
                report.problem = message
                return report
            }

            // 1. The chain, and what the indexes should hold.
            let cursor = try txn.txn.cursor(databases.log)
            defer { cursor.close() }
            var tree = try MerkleTreeCheck(txn, head: total)
            defer { tree.close() }
            var entry = try cursor.get(MDB_FIRST)
            while let (key, value) = entry {
                position += 1
                guard key.count == 8 else { return fail(position, "a log key is not an 8-byte position") }
                let stored = IndexKeys.readBigEndian(key)
                guard stored == position else {
                    return fail(
                        position, stored > position ? "position \(position) is missing from the log" : "log key out of order")
                }
                guard value.count > 32, let ranges = EnvelopeRanges.scan(UnsafeRawBufferPointer(rebasing: value[32...])) else {
                    return fail(position, "the stored event is not a well-formed event record")
                }
                let view = StoredEventView(
                    position: position, hash: UnsafeRawBufferPointer(rebasing: value[..<32]),
                    canonical: UnsafeRawBufferPointer(rebasing: value[32...]), ranges: ranges)
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(bufferPointer: view.canonical)
                let matches = hasher.finalize().withUnsafeBytes { computed in
                    guard computed.elementsEqual(view.hash) else { return false }
                    previous.withUnsafeMutableBytes { $0.copyMemory(from: computed) }
                    return true
                }
                guard matches else {
                    return fail(position, "the hash does not match the event's content and the previous hash")
                }
                guard view.integer(ranges.position) == position else {
                    return fail(position, "the event's position field says \(view.integer(ranges.position))")
                }
                if let digest, digest.position == position {
                    digestSeen = true
                    guard previous == digest.hash else {
                        return fail(position, "the kept digest's hash differs: the log no longer extends \(digest)")
                    }
                }
                if let problem = try tree.add(leaf: view.canonical) { return fail(position, problem) }
                expected.addEvent(view)
                counts.add(view.bytes(ranges.type))
                if position % 65_536 == 0 { progress?(position, total) }
                entry = try cursor.get(MDB_NEXT)
            }
            if let problem = tree.finish() { return fail(position + 1, problem) }
            report.treeHead = tree.treeHead
            report.treeNotBuilt = tree.isNotBuilt
            if !tree.isNotBuilt, try txn.treeHead(size: position) != tree.treeHead {
                return fail(position, "the tree head the store gives differs from the one recomputed from the log")
            }
            report.eventCount = position
            report.head = position == 0 ? nil : Digest(position: position, hash: previous)
            progress?(position, total)
            if let digest, !digestSeen {
                return fail(digest.position, "the kept digest's position \(digest.position) is beyond the head (\(position))")
            }

            // 2. The indexes, by fingerprint.
            let actual = try parallel.result(sameSnapshotAs: txn) ?? IndexFingerprints.scan(txn)
            if actual != expected {
                let (at, message) = try locateIndexFault(txn, head: position)
                return fail(at, message)
            }
            // 3. The per-type counters.
            let kept = try txn.eventCountsByType()
            if kept != counts.byType {
                return fail(0, "the per-type event counters disagree with the log")
            }
            return report
        }
    }

    /// The precise pass: the first position whose index entries are missing or wrong, or that a stray entry names.
    private func locateIndexFault(_ txn: ReadTransaction, head: UInt64) throws -> (UInt64, String) {
        var fault: (UInt64, String)?
        try txn.forEachEvent { event in
            let eventId = event.eventId
            if try txn.position(ofEventId: eventId) != event.position {
                fault = (event.position, "the eventId index does not map \(eventId) to this position")
                return false
            }
            let stream = event.stream
            let key = IndexKeys.composite(stream, event.streamVersion)
            let indexed: UInt64? = try key.withUnsafeBytes { k in
                try txn.txn.withValue(databases.streams, key: k) { v in v.map { IndexKeys.readBigEndian($0) } }
            }
            if indexed != event.position {
                fault = (event.position, "the stream index does not map \(stream) version \(event.streamVersion) here")
                return false
            }
            let typeKey = IndexKeys.composite(event.type, event.position)
            let typed: Bool = try typeKey.withUnsafeBytes { k in try txn.txn.withValue(databases.types, key: k) { $0 != nil } }
            if !typed {
                fault = (event.position, "the type index lacks this event")
                return false
            }
            return true
        }
        if let fault { return fault }
        // Every event is indexed correctly, so some index holds an entry too many: name the lowest position involved.
        var lowest = UInt64.max
        for (db, positionIsValue) in [(databases.eventIds, true), (databases.streams, true), (databases.types, false)] {
            let cursor = try txn.txn.cursor(db)
            defer { cursor.close() }
            var entry = try cursor.get(MDB_FIRST)
            while let (key, value) = entry {
                let named: UInt64
                if positionIsValue {
                    named = value.count == 8 ? IndexKeys.readBigEndian(value) : 0
                } else {
                    named = IndexKeys.splitComposite(key)?.number ?? 0
                }
                if named == 0 || named > head { lowest = min(lowest, named) }
                entry = try cursor.get(MDB_NEXT)
            }
        }
        return (lowest == .max ? 0 : lowest, "an index holds an entry that matches no event")
    }
}

/// Order-independent digests of each index's entries: equal multisets of entries give equal fingerprints.
struct IndexFingerprints: Equatable {
    var eventIds = Fingerprint()
    var streams = Fingerprint()
    var types = Fingerprint()

    struct Fingerprint: Equatable {
        var count: UInt64 = 0
        var sum: UInt64 = 0
        var xor: UInt64 = 0

        mutating func add(_ name: UnsafeRawBufferPointer, _ a: UInt64, _ b: UInt64) {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in name { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            let mixed = Self.mix(h ^ Self.mix(a &+ 0x9E37_79B9_7F4A_7C15) ^ Self.mix(b ^ 0xC2B2_AE3D_27D4_EB4F))
            count += 1
            sum = sum &+ mixed
            xor ^= Self.mix(mixed ^ 0x1656_67B1_9E37_79F9)
        }

        @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Adds the entries an event should have in each index.
    mutating func addEvent(_ event: StoredEventView) {
        Self.withKeyBytes(event, event.ranges.eventId) { eventIds.add($0, event.position, 0) }
        Self.withKeyBytes(event, event.ranges.stream) { streams.add($0, event.streamVersion, event.position) }
        Self.withKeyBytes(event, event.ranges.type) { types.add($0, event.position, 0) }
    }

    /// The index-key bytes of a string field: its raw JSON body, or, when that holds an escape, the decoded string.
    private static func withKeyBytes(_ event: StoredEventView, _ range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Void) {
        let raw = event.bytes(range)
        guard raw.contains(UInt8(ascii: "\\")) else { return body(raw) }
        Array(event.string(range).utf8).withUnsafeBytes(body)
    }

    /// Fingerprints of what the indexes actually hold.
    static func scan(_ txn: ReadTransaction) throws -> IndexFingerprints {
        var result = IndexFingerprints()
        let dbs = txn.databases
        try scanDatabase(txn, dbs.eventIds) { key, value in
            result.eventIds.add(key, value.count == 8 ? IndexKeys.readBigEndian(value) : 0, 0)
        }
        try scanDatabase(txn, dbs.streams) { key, value in
            let name = UnsafeRawBufferPointer(rebasing: key[..<max(0, key.count - 9)])
            let version = key.count >= 9 ? IndexKeys.readBigEndian(key, at: key.count - 8) : 0
            result.streams.add(name, version, value.count == 8 ? IndexKeys.readBigEndian(value) : 0)
        }
        try scanDatabase(txn, dbs.types) { key, _ in
            let name = UnsafeRawBufferPointer(rebasing: key[..<max(0, key.count - 9)])
            result.types.add(name, key.count >= 9 ? IndexKeys.readBigEndian(key, at: key.count - 8) : 0, 0)
        }
        return result
    }

    private static func scanDatabase(
        _ txn: ReadTransaction, _ db: LMDBDatabase, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
    ) throws {
        let cursor = try txn.txn.cursor(db)
        defer { cursor.close() }
        var entry = try cursor.get(MDB_FIRST)
        while let (key, value) = entry {
            body(key, value)
            entry = try cursor.get(MDB_NEXT)
        }
    }
}

/// Counts events per type from the raw type bytes, without making a String per event (types are few).
struct TypeCounter {
    private var types: [[UInt8]] = []
    private var counts: [UInt64] = []
    private var last = -1

    mutating func add(_ type: UnsafeRawBufferPointer) {
        if last >= 0, types[last].elementsEqual(type) {
            counts[last] += 1
            return
        }
        if let index = types.firstIndex(where: { $0.elementsEqual(type) }) {
            counts[index] += 1
            last = index
            return
        }
        types.append(Array(type))
        counts.append(1)
        last = types.count - 1
    }

    /// The counts by decoded type name.
    var byType: [String: UInt64] {
        var result: [String: UInt64] = [:]
        for (index, type) in types.enumerated() {
            var literal: [UInt8] = [0x22]
            literal.append(contentsOf: type)
            literal.append(0x22)
            let name: String
            // An escaped name that no longer parses is counted under its raw text (the chain check names the damage).
            if type.contains(UInt8(ascii: "\\")), case .string(let decoded)? = try? JSONParser().parse(literal) {
                name = decoded
            } else {
                name = String(decoding: type, as: UTF8.self)
            }
            result[name, default: 0] += counts[index]
        }
        return result
    }
}

/// The index fingerprint scan, started on another thread at once.
final class ParallelIndexScan: Sendable {
    private let outcome = Mutex<(transactionId: Int, fingerprints: IndexFingerprints)?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(store: LedgerStore) {
        DispatchQueue.global().async { [self] in
            // The chain's thread holds its transaction while it waits for this one: never wait to adopt a map here.
            // A scan that cannot start without waiting (or fails) leaves `nil`: the caller then scans the indexes
            // itself, in its own transaction, and meets any error there.
            let scanned = try? store.readWithoutWaiting { txn in (txn.txn.id, try IndexFingerprints.scan(txn)) }
            outcome.withLock { $0 = scanned }
            done.signal()
        }
    }

    /// Waits until the scan has finished (idempotent).
    func wait() {
        done.wait()
        done.signal()
    }

    /// The fingerprints, when they were read from the same snapshot as `txn`; `nil` otherwise.
    func result(sameSnapshotAs txn: ReadTransaction) -> IndexFingerprints? {
        wait()
        return outcome.withLock { scanned in
            guard let scanned, scanned.transactionId == txn.txn.id else { return nil }
            return scanned.fingerprints
        }
    }
}
