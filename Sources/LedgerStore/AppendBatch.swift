import CLMDB
import Crypto
import CanonicalJSON

/// One write transaction's worth of appends: all of them land, or none do.
///
/// Handed to the closure of ``LedgerStore/append(_:)``. Each ``append(_:rules:)`` either stages the event
/// (log record written, chain extended, index entries queued) or throws an ``EventRejection`` and stages nothing.
/// Index entries are queued and written sorted, in chunks, so that a batch touches each index page once per
/// chunk instead of once per event.
public final class AppendBatch {
    let txn: LMDBTransaction
    let databases: LedgerStore.Databases
    let recordedAt: String
    let flushInterval: Int
    /// A read view over this write transaction: it sees what the batch already wrote.
    public let reader: ReadTransaction

    private let logCursor: LMDBCursor
    private var nextPosition: UInt64
    private var previousHash: [UInt8]
    private(set) public var appendedCount = 0
    private(set) public var duplicateCount = 0
    private(set) public var firstAppended: UInt64?
    private(set) public var lastAppended: UInt64?

    // Queued index entries, flushed sorted every `flushInterval` events and at commit. Nothing per event is
    // allocated for them beyond the array slots: streams are interned, keys are built at flush time.
    private var pendingEventIds: [String: UInt64] = [:]
    /// Streams this batch touched: name, and version as the batch stands (one entry per stream).
    private var streamSlots: [String: Int] = [:]
    private var streamNames: [String] = []
    private var streamCurrentVersions: [UInt64] = []
    private var pendingStreamEntries: [(slot: Int32, version: UInt64, position: UInt64)] = []
    /// Positions appended since the last flush, per type (ascending).
    private var pendingTypePositions: [String: [UInt64]] = [:]
    private var pendingCount = 0
    private var typeCountDeltas: [String: UInt64] = [:]
    /// Rule state written by the batch; flushed sorted at commit.
    private var stateWrites: [[UInt8]: [UInt8]] = [:]
    private var keyBuffer: [UInt8] = []
    private var record: [UInt8] = []

    init(txn: LMDBTransaction, databases: LedgerStore.Databases, recordedAt: String, flushInterval: Int) throws {
        self.txn = txn
        self.databases = databases
        self.recordedAt = recordedAt
        self.flushInterval = max(1, flushInterval)
        self.reader = ReadTransaction(txn: txn, databases: databases)
        self.logCursor = try txn.cursor(databases.log)
        // The next position is read inside the write transaction: writers in several processes never leave a gap.
        if let head = try reader.head() {
            nextPosition = head.position + 1
            previousHash = head.hash
        } else {
            nextPosition = 1
            previousHash = [UInt8](repeating: 0, count: 32)
        }
        record.reserveCapacity(1024)
    }

    /// The head as the batch stands: the last position staged (or stored) and its hash.
    public var head: Digest? {
        nextPosition == 1 ? nil : Digest(position: nextPosition - 1, hash: previousHash)
    }

    // MARK: Appending

    /// Stages one event: idempotency, stream, expected version, rules, then the log record and its chain hash.
    public func append<Rules: AppendRules>(
        _ event: ProposedEvent<Rules.Payload>, rules: inout Rules
    ) throws(EventRejection) -> AppendOutcome {
        // 0. What the indexes can hold: LMDB keys are at most 511 bytes, and 0x00 separates a type from a position.
        guard !event.eventId.isEmpty, event.eventId.utf8.count <= IndexKeys.maximumNameLength else {
            throw EventRejection(code: "invalid_value", field: "/eventId", message: "an eventId must have 1 to 500 bytes")
        }
        guard event.type.utf8.count <= IndexKeys.maximumNameLength, !event.type.utf8.contains(0) else {
            throw EventRejection(code: "invalid_value", field: "/type", message: "a type must have at most 500 bytes and no NUL")
        }
        // 1. Idempotency: a duplicate succeeds as a no-op before any other rule; a conflict is refused.
        if let existing = try storedPosition(ofEventId: event.eventId) {
            return try duplicateOutcome(of: event, storedAt: existing)
        }
        // 2. The stream (the domain derives it, possibly from the ledger).
        let stream = try rules.stream(for: event, in: self)
        guard stream.utf8.count <= IndexKeys.maximumStreamLength, !stream.utf8.contains(0) else {
            throw EventRejection(code: "invalid_value", field: "", message: "the stream name is too long")
        }
        let slot = try streamSlot(stream)
        let currentVersion = streamCurrentVersions[slot]
        // 3. Optimistic concurrency.
        if let expected = event.expectedVersion, expected != currentVersion {
            throw EventRejection(
                code: EventRejection.wrongExpectedVersionCode, field: "",
                message: "stream \(stream) is at version \(currentVersion), not the expected \(expected)")
        }
        // 4. Domain rules.
        try rules.check(event, stream: stream, in: self)
        // 5. Stage.
        let position = nextPosition
        let version = currentVersion + 1
        do {
            try writeRecord(event, position: position, stream: stream, version: version)
        } catch {
            throw EventRejection(storageFailure: error)
        }
        nextPosition += 1
        streamCurrentVersions[slot] = version
        pendingEventIds[event.eventId] = position
        pendingStreamEntries.append((Int32(slot), version, position))
        pendingTypePositions[event.type, default: []].append(position)
        pendingCount += 1
        appendedCount += 1
        if firstAppended == nil { firstAppended = position }
        lastAppended = position
        if pendingCount >= flushInterval {
            do { try flushIndexes() } catch {
                throw EventRejection(storageFailure: error)
            }
        }
        return .appended(position: position, stream: stream, streamVersion: version)
    }

    private func writeRecord(_ event: ProposedEvent<some Any>, position: UInt64, stream: String, version: UInt64) throws {
        record.removeAll(keepingCapacity: true)
        record.append(contentsOf: repeatElement(0, count: 32))
        StoredEventFormat.appendCanonical(
            actor: event.actor, data: event.data, eventId: event.eventId, occurredAt: event.occurredAt,
            position: position, recordedAt: recordedAt, stream: stream, streamVersion: version, type: event.type,
            to: &record)
        var hasher = SHA256()
        hasher.update(data: previousHash)
        try record.withUnsafeBytes { bytes in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[32...]))
            let digest = hasher.finalize()
            previousHash.withUnsafeMutableBytes { previous in
                digest.withUnsafeBytes { previous.copyMemory(from: $0) }
            }
        }
        record.withUnsafeMutableBytes { bytes in
            previousHash.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: bytes[..<32]).copyMemory(from: $0) }
        }
        try withUnsafeBytes(of: position.bigEndian) { k in
            try record.withUnsafeBytes { v in
                try logCursor.put(key: k, value: v, flags: MDB_APPEND)
            }
        }
    }

    private func duplicateOutcome(of event: ProposedEvent<some Any>, storedAt position: UInt64) throws(EventRejection) -> AppendOutcome {
        do {
            return try reader.withEvent(at: position) { stored in
                guard let stored else {
                    throw StoreError.corruptRecord(position: position, reason: "indexed but missing from the log")
                }
                var differences: [String] = []
                if !stored.bytes(stored.ranges.type).elementsEqual(Self.jsonStringBody(event.type)) { differences.append("type") }
                if !stored.bytes(stored.ranges.occurredAt).elementsEqual(Self.jsonStringBody(event.occurredAt)) {
                    differences.append("occurredAt")
                }
                if !stored.bytes(stored.ranges.actor).elementsEqual(Self.jsonStringBody(event.actor)) { differences.append("actor") }
                if !stored.data.elementsEqual(event.data) { differences.append("data") }
                guard differences.isEmpty else {
                    throw EventRejection(
                        code: EventRejection.eventIdConflictCode, field: "/eventId",
                        message: "event \(event.eventId) is already stored at position \(position) with a different "
                            + differences.joined(separator: ", "))
                }
                duplicateCount += 1
                return .duplicate(position: position, stream: stored.stream, streamVersion: stored.streamVersion)
            }
        } catch let rejection as EventRejection {
            throw rejection
        } catch {
            throw EventRejection(storageFailure: error)
        }
    }

    /// The body of a JSON string literal as RFC 8785 writes it (no quotes).
    private static func jsonStringBody(_ string: String) -> ArraySlice<UInt8> {
        var bytes: [UInt8] = []
        CanonicalJSON.appendString(string, to: &bytes)
        return bytes[1..<(bytes.count - 1)]
    }

    // MARK: Reading within the batch

    /// The position of `eventId`, stored before or earlier in this batch.
    public func storedPosition(ofEventId eventId: String) throws(EventRejection) -> UInt64? {
        if let pending = pendingEventIds[eventId] { return pending }
        do { return try reader.position(ofEventId: eventId) } catch {
            throw EventRejection(storageFailure: error)
        }
    }

    /// The event with `eventId`, stored before or earlier in this batch, copied out.
    public func storedEvent(withId eventId: String) throws(EventRejection) -> StoredEvent? {
        guard let position = try storedPosition(ofEventId: eventId) else { return nil }
        do { return try reader.event(at: position) } catch {
            throw EventRejection(storageFailure: error)
        }
    }

    /// The version of `stream` as the batch stands.
    public func streamVersion(_ stream: String) throws(EventRejection) -> UInt64 {
        streamCurrentVersions[try streamSlot(stream)]
    }

    /// The batch's slot for `stream`, reading its version from the store the first time the batch meets it.
    private func streamSlot(_ stream: String) throws(EventRejection) -> Int {
        if let slot = streamSlots[stream] { return slot }
        let version: UInt64
        do { version = try reader.streamVersion(stream) } catch {
            throw EventRejection(storageFailure: error)
        }
        let slot = streamNames.count
        streamSlots[stream] = slot
        streamNames.append(stream)
        streamCurrentVersions.append(version)
        return slot
    }

    // MARK: Rule state

    /// Rule state under `key`, as the batch stands.
    public func state(forKey key: [UInt8]) throws -> [UInt8]? {
        if let written = stateWrites[key] { return written }
        return try reader.state(forKey: key)
    }

    /// Sets rule state under `key`; written at commit, in the same transaction as the events.
    public func setState(_ value: [UInt8], forKey key: [UInt8]) {
        stateWrites[key] = value
    }

    // MARK: Commit

    /// Writes the queued index entries, sorted so that each index page is touched once.
    func flushIndexes() throws {
        // eventIds: sorted by their UTF-8 bytes (LMDB's memcmp order); the first 8 bytes decide most comparisons.
        // Sorting (prefix, index) pairs of plain integers keeps the sort free of reference counting.
        let ids = Array(pendingEventIds)
        var idOrder = ids.indices.map { (prefix: IndexKeys.prefix64(ids[$0].key), index: Int32($0)) }
        idOrder.sort {
            $0.prefix != $1.prefix
                ? $0.prefix < $1.prefix : IndexKeys.utf8Precedes(ids[Int($0.index)].key, ids[Int($1.index)].key)
        }
        for entry in idOrder {
            let (eventId, position) = ids[Int(entry.index)]
            keyBuffer.removeAll(keepingCapacity: true)
            keyBuffer.append(contentsOf: eventId.utf8)
            try putPosition(databases.eventIds, position)
        }
        pendingEventIds.removeAll(keepingCapacity: true)

        // streams: rank the streams with pending entries, then sort the entries by (rank, version).
        var pendingSlots = Array(Set(pendingStreamEntries.map(\.slot)))
        let prefixes = pendingSlots.map { IndexKeys.prefix64(streamNames[Int($0)]) }
        var order = Array(pendingSlots.indices)
        order.sort {
            prefixes[$0] != prefixes[$1]
                ? prefixes[$0] < prefixes[$1]
                : IndexKeys.utf8Precedes(streamNames[Int(pendingSlots[$0])], streamNames[Int(pendingSlots[$1])])
        }
        pendingSlots = order.map { pendingSlots[$0] }
        var rank = [Int32: Int32](minimumCapacity: pendingSlots.count)
        for (index, slot) in pendingSlots.enumerated() { rank[slot] = Int32(index) }
        var entries = pendingStreamEntries.map { (rank: rank[$0.slot] ?? 0, entry: $0) }
        entries.sort { ($0.rank, $0.entry.version) < ($1.rank, $1.entry.version) }
        for (_, entry) in entries {
            keyBuffer.removeAll(keepingCapacity: true)
            keyBuffer.append(contentsOf: streamNames[Int(entry.slot)].utf8)
            keyBuffer.append(0)
            IndexKeys.appendBigEndian(entry.version, to: &keyBuffer)
            try putPosition(databases.streams, entry.position)
        }
        pendingStreamEntries.removeAll(keepingCapacity: true)

        // types: per type in key order, positions already ascending.
        for (type, positions) in pendingTypePositions.sorted(by: { IndexKeys.utf8Precedes($0.key, $1.key) }) {
            for position in positions {
                keyBuffer.removeAll(keepingCapacity: true)
                keyBuffer.append(contentsOf: type.utf8)
                keyBuffer.append(0)
                IndexKeys.appendBigEndian(position, to: &keyBuffer)
                try keyBuffer.withUnsafeBytes { k in try txn.put(databases.types, key: k, value: UnsafeRawBufferPointer(start: nil, count: 0)) }
            }
            typeCountDeltas[type, default: 0] += UInt64(positions.count)
        }
        pendingTypePositions.removeAll(keepingCapacity: true)
        pendingCount = 0
    }

    /// Puts `keyBuffer` → `position` (8 bytes big-endian) in `db`; the key must be new.
    private func putPosition(_ db: LMDBDatabase, _ position: UInt64) throws {
        try keyBuffer.withUnsafeBytes { k in
            try withUnsafeBytes(of: position.bigEndian) { v in
                try txn.put(db, key: k, value: v, flags: MDB_NOOVERWRITE)
            }
        }
    }

    /// Flushes indexes, counters and rule state. Called once, just before the transaction commits.
    func finish() throws {
        try flushIndexes()
        for (type, delta) in typeCountDeltas {
            let key = Array((Metadata.typeCountPrefix + type).utf8)
            let current = try txn.value(databases.meta, key: key).map { bytes in
                bytes.withUnsafeBytes { IndexKeys.readBigEndian($0) }
            } ?? 0
            try txn.put(databases.meta, key: key, value: IndexKeys.position(current + delta))
        }
        for (key, value) in stateWrites.sorted(by: { IndexKeys.precedes($0.key, $1.key) }) {
            try txn.put(databases.state, key: key, value: value)
        }
        logCursor.close()
    }

    func abandon() {
        logCursor.close()
    }
}
