import CLMDB
import CanonicalJSON
import Crypto

/// One write transaction's worth of appends: all of them land, or none do.
///
/// Handed to the closure of ``LedgerStore/append(_:)``. Each ``append(_:rules:)`` either stages the event
/// (log record written, chain extended, index entries queued) or throws an ``EventRejection`` and stages nothing.
/// Index entries are queued and written sorted, in chunks, so that a batch touches each index page once per
/// chunk instead of once per event.
public final class AppendBatch {
    let txn: LMDBTransaction
    let databases: LedgerStore.Databases
    private(set) var recordedAt: String
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
    /// Every event id this batch appended, and its position. Kept for the whole batch (not only until the next
    /// flush) so that a lookup that misses here only needs what was stored before the batch.
    private var batchEventIds = StringTable<UInt64>()
    /// How many of `batchEventIds` (in insertion order) are already in the `eventIds` index.
    private var flushedEventIds = 0
    /// What was stored before this batch: an index that was empty then needs no lookup for a name the batch's own
    /// tables do not hold (a first import into a new ledger looks nothing up).
    private let storedBefore: (eventIds: Bool, streams: Bool, state: Bool)
    /// Streams this batch touched: name, and version as the batch stands (one entry, numbered, per stream).
    private var streams = StringTable<UInt64>()
    private var pendingStreamEntries: [(slot: Int32, version: UInt64, position: UInt64)] = []
    /// Positions appended since the last flush, per type (ascending); a type keeps its slot for the whole batch.
    private var pendingTypes = StringTable<[UInt64]>(minimumCapacity: 32)
    /// Reused by each flush to sort its keys.
    private var keyRun = KeyRun()
    private var pendingCount = 0
    private var typeCountDeltas: [String: UInt64] = [:]
    /// Rule state written by the batch; flushed sorted at commit.
    private var stateWrites: [StateKey: [UInt8]] = [:]
    private var keyBuffer: [UInt8] = []
    /// The batch's share of every record's middle part (see ``StoredEventFormat/batchPart(recordedAt:)``).
    private var batchPart: [UInt8]
    /// Each stream's share of the middle part, by stream slot (made when the stream first gets an event).
    private var streamParts: [[UInt8]] = []
    /// Reused for the record's middle part (what the store decides).
    private var middleBytes: [UInt8] = []
    /// The Merkle tree's right edge, extended by each staged event; its new subtrees are written at commit.
    private var merkle: MerkleAppender

    init(txn: LMDBTransaction, databases: LedgerStore.Databases, recordedAt: String, flushInterval: Int) throws {
        self.txn = txn
        self.databases = databases
        self.recordedAt = recordedAt
        self.batchPart = StoredEventFormat.batchPart(recordedAt: recordedAt)
        self.flushInterval = max(1, flushInterval)
        self.reader = ReadTransaction(txn: txn, databases: databases)
        self.logCursor = try txn.cursor(databases.log)
        storedBefore = (
            try txn.entryCount(databases.eventIds) > 0, try txn.entryCount(databases.streams) > 0,
            try txn.entryCount(databases.state) > 0
        )
        // The next position is read inside the write transaction: writers in several processes never leave a gap.
        if let head = try reader.head() {
            nextPosition = head.position + 1
            previousHash = head.hash
        } else {
            nextPosition = 1
            previousHash = [UInt8](repeating: 0, count: 32)
        }
        merkle = try MerkleAppender(reader: reader, head: nextPosition - 1)
        middleBytes.reserveCapacity(256)
    }

    /// Stamps the events staged from now on with `recordedAt` instead of the batch's clock (a restore keeps each
    /// event's own).
    func stampRecordedAt(_ value: String) {
        guard value != recordedAt else { return }
        recordedAt = value
        batchPart = StoredEventFormat.batchPart(recordedAt: value)
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
            throw EventRejection(
                code: EventRejection.unindexableCode, field: "/eventId", message: "an eventId must have 1 to 500 bytes")
        }
        guard IndexKeys.isAcceptableName(event.type) else {
            throw EventRejection(
                code: EventRejection.unindexableCode, field: "/type", message: "a type must have at most 500 bytes and no NUL")
        }
        // 1. Idempotency: a duplicate succeeds as a no-op before any other rule; a conflict is refused.
        let eventIdHash = event.canonicalParts?.eventIdHash ?? StringTable<UInt64>.hash(event.eventId)
        if let existing = try storedPosition(ofEventId: event.eventId, hash: eventIdHash) {
            return try duplicateOutcome(of: event, storedAt: existing)
        }
        // 2. The stream (the domain derives it, possibly from the ledger).
        let stream = try rules.stream(for: event, in: self)
        guard IndexKeys.isAcceptableStream(stream) else {
            throw EventRejection(code: EventRejection.unindexableCode, field: "", message: "the stream name is too long")
        }
        let slot = try streamSlot(stream)
        let currentVersion = streams.values[slot]
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
            try writeRecord(event, position: position, streamSlot: slot, version: version)
        } catch {
            throw EventRejection(storageFailure: error)
        }
        nextPosition += 1
        streams.values[slot] = version
        batchEventIds.insert(event.eventId, hash: eventIdHash, value: position)
        pendingStreamEntries.append((Int32(slot), version, position))
        queueType(event.type, hash: event.canonicalParts?.typeHash ?? StringTable<[UInt64]>.hash(event.type), position)
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

    /// Writes the log record of `event` (chain hash, then canonical bytes) in place in the log's page, and extends
    /// the chain.
    private func writeRecord(_ event: ProposedEvent<some Any>, position: UInt64, streamSlot: Int, version: UInt64) throws {
        // What the store decides (position, recordedAt, stream, version) goes between the event's own head and tail,
        // which the caller usually prepared on another thread.
        middleBytes.removeAll(keepingCapacity: true)
        while streamParts.count <= streamSlot {  // slots are numbered in the order the batch met the streams
            streamParts.append(StoredEventFormat.streamPart(stream: streams.keys[streamParts.count]))
        }
        StoredEventFormat.appendMiddle(
            position: position, batchPart: batchPart, streamPart: streamParts[streamSlot], streamVersion: version,
            to: &middleBytes)
        let parts =
            event.canonicalParts
            ?? StoredEventFormat.FixedParts(
                actor: event.actor, data: event.data, eventId: event.eventId, occurredAt: event.occurredAt, type: event.type)
        let size = 32 + parts.bytes.count + middleBytes.count
        let value = try withUnsafeBytes(of: position.bigEndian) { key in
            try logCursor.reserve(key: key, count: size, flags: MDB_APPEND)
        }
        guard let base = value.baseAddress, value.count == size else {
            // LMDB returned a success without the room it was asked for: a storage failure, not a stored record.
            throw StoreError.storage(
                operation: "reserving the log record of position \(position)", error: LMDBError(code: MDB_BAD_VALSIZE))
        }
        parts.bytes.withUnsafeBytes { fixed in
            middleBytes.withUnsafeBytes { middle in
                let head = UnsafeRawBufferPointer(rebasing: fixed[..<parts.split])
                let tail = UnsafeRawBufferPointer(rebasing: fixed[parts.split...])
                var offset = 32
                func copy(_ piece: UnsafeRawBufferPointer) {
                    UnsafeMutableRawBufferPointer(rebasing: value[offset..<(offset + piece.count)]).copyMemory(from: piece)
                    offset += piece.count
                }
                copy(head)
                copy(middle)
                copy(tail)
            }
        }
        var hasher = SHA256()
        hasher.update(data: previousHash)
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: base + 32, count: size - 32))
        let digest = hasher.finalize()
        digest.withUnsafeBytes { hash in
            UnsafeMutableRawBufferPointer(rebasing: value[..<32]).copyMemory(from: hash)
            previousHash.withUnsafeMutableBytes { $0.copyMemory(from: hash) }
        }
        merkle.appendLeaf(UnsafeRawBufferPointer(start: base + 32, count: size - 32))
    }

    private func duplicateOutcome(of event: ProposedEvent<some Any>, storedAt position: UInt64) throws(EventRejection)
        -> AppendOutcome
    {
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
                if !stored.bytes(stored.ranges.actor).elementsEqual(Self.jsonStringBody(event.actor)) {
                    differences.append("actor")
                }
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
        try storedPosition(ofEventId: eventId, hash: StringTable<UInt64>.hash(eventId))
    }

    private func storedPosition(ofEventId eventId: String, hash: Int) throws(EventRejection) -> UInt64? {
        if let number = batchEventIds.number(of: eventId, hash: hash) { return batchEventIds.values[number] }
        guard storedBefore.eventIds else { return nil }
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
        streams.values[try streamSlot(stream)]
    }

    /// The batch's slot for `stream`, reading its version from the store the first time the batch meets it.
    private func streamSlot(_ stream: String) throws(EventRejection) -> Int {
        let hash = StringTable<UInt64>.hash(stream)
        if let slot = streams.number(of: stream, hash: hash) { return slot }
        guard storedBefore.streams else { return streams.insert(stream, hash: hash, value: 0) }
        let version: UInt64
        do { version = try reader.streamVersion(stream) } catch {
            throw EventRejection(storageFailure: error)
        }
        return streams.insert(stream, hash: hash, value: version)
    }

    // MARK: Rule state

    /// Rule state under `key`, as the batch stands.
    public func state(forKey key: [UInt8]) throws -> [UInt8]? {
        if let written = stateWrites[StateKey(key)] { return written }
        guard storedBefore.state else { return nil }
        return try reader.state(forKey: key)
    }

    /// Sets rule state under `key`; written at commit, in the same transaction as the events.
    public func setState(_ value: [UInt8], forKey key: [UInt8]) {
        stateWrites[StateKey(key)] = value
    }

    // MARK: Commit

    /// Writes the queued index entries, sorted so that each index page is touched once.
    ///
    /// Each index is written through one cursor: LMDB's cursor put first looks in the leaf page the cursor is
    /// already on, so a run of sorted keys descends the tree once per page instead of once per key.
    func flushIndexes() throws {
        // eventIds: sorted by their UTF-8 bytes (LMDB's memcmp order), gathered side by side in one buffer.
        keyRun.removeAll()
        let unflushed = flushedEventIds..<batchEventIds.count
        keyRun.reserve(keys: unflushed.count, bytes: unflushed.count * 24)
        for number in unflushed { keyRun.add(batchEventIds.keys[number], value: batchEventIds.values[number]) }
        keyRun.sort()
        let eventIdCursor = try txn.cursor(databases.eventIds)
        defer { eventIdCursor.close() }
        try keyRun.forEach { key, position in try putPosition(eventIdCursor, key: key, position) }
        flushedEventIds = batchEventIds.count

        // streams: rank the streams with pending entries, then sort the entries by (rank, version).
        keyRun.removeAll()
        var seen = [Bool](repeating: false, count: streams.count)
        for entry in pendingStreamEntries where !seen[Int(entry.slot)] {
            seen[Int(entry.slot)] = true
            keyRun.add(streams.keys[Int(entry.slot)], value: UInt64(entry.slot))
        }
        keyRun.sort()
        var rank = [Int32](repeating: 0, count: streams.count)
        var streamKeys: [(start: Int, count: Int)] = []
        streamKeys.reserveCapacity(keyRun.entries.count)
        for (index, entry) in keyRun.entries.enumerated() {
            rank[Int(entry.value)] = Int32(index)
            streamKeys.append((entry.start, entry.count))
        }
        // A stream's entries were queued in version order, so a stable counting sort by rank is the (rank, version)
        // order, in linear time.
        var starts = [Int](repeating: 0, count: streamKeys.count + 1)
        for entry in pendingStreamEntries { starts[Int(rank[Int(entry.slot)]) + 1] += 1 }
        for index in streamKeys.indices { starts[index + 1] += starts[index] }
        var order = [(rank: Int32, version: UInt64, position: UInt64)](
            repeating: (0, 0, 0), count: pendingStreamEntries.count)
        for entry in pendingStreamEntries {
            let entryRank = rank[Int(entry.slot)]
            order[starts[Int(entryRank)]] = (entryRank, entry.version, entry.position)
            starts[Int(entryRank)] += 1
        }
        let streamCursor = try txn.cursor(databases.streams)
        defer { streamCursor.close() }
        try keyRun.bytes.withUnsafeBytes { names in
            for entry in order {
                let name = streamKeys[Int(entry.rank)]
                keyBuffer.removeAll(keepingCapacity: true)
                keyBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: names[name.start..<(name.start + name.count)]))
                keyBuffer.append(0)
                IndexKeys.appendBigEndian(entry.version, to: &keyBuffer)
                try keyBuffer.withUnsafeBytes { key in try putPosition(streamCursor, key: key, entry.position) }
            }
        }
        pendingStreamEntries.removeAll(keepingCapacity: true)

        // types: per type in key order, positions already ascending.
        let typeOrder = pendingTypes.keys.indices.sorted { IndexKeys.utf8Precedes(pendingTypes.keys[$0], pendingTypes.keys[$1]) }
        let typeCursor = try txn.cursor(databases.types)
        defer { typeCursor.close() }
        for index in typeOrder {
            let (type, positions) = (pendingTypes.keys[index], pendingTypes.values[index])
            guard !positions.isEmpty else { continue }
            for position in positions {
                keyBuffer.removeAll(keepingCapacity: true)
                keyBuffer.append(contentsOf: type.utf8)
                keyBuffer.append(0)
                IndexKeys.appendBigEndian(position, to: &keyBuffer)
                try keyBuffer.withUnsafeBytes { k in
                    try typeCursor.put(key: k, value: UnsafeRawBufferPointer(start: nil, count: 0), flags: 0)
                }
            }
            typeCountDeltas[type, default: 0] += UInt64(positions.count)
            pendingTypes.values[index].removeAll(keepingCapacity: true)
        }
        pendingCount = 0
    }

    /// Queues `position` under `type`, whose hash is `hash`.
    private func queueType(_ type: String, hash: Int, _ position: UInt64) {
        if let slot = pendingTypes.number(of: type, hash: hash) {
            pendingTypes.values[slot].append(position)
        } else {
            pendingTypes.insert(type, hash: hash, value: [position])
        }
    }

    /// Puts `key` → `position` (8 bytes big-endian) through `cursor`; the key must be new.
    private func putPosition(_ cursor: LMDBCursor, key: UnsafeRawBufferPointer, _ position: UInt64) throws {
        try withUnsafeBytes(of: position.bigEndian) { v in
            try cursor.put(key: key, value: v, flags: MDB_NOOVERWRITE)
        }
    }

    /// Flushes indexes, counters and rule state. Called once, just before the transaction commits.
    func finish() throws {
        try flushIndexes()
        for (type, delta) in typeCountDeltas {
            let key = Array((Metadata.typeCountPrefix + type).utf8)
            let current =
                try txn.value(databases.meta, key: key).map { bytes in
                    bytes.withUnsafeBytes { IndexKeys.readBigEndian($0) }
                } ?? 0
            try txn.put(databases.meta, key: key, value: IndexKeys.position(current + delta))
        }
        // Rule state, sorted and through one cursor, like the indexes.
        let stateCursor = try txn.cursor(databases.state)
        defer { stateCursor.close() }
        for (key, value) in stateWrites.sorted(by: { IndexKeys.precedes($0.key.bytes, $1.key.bytes) }) {
            try key.bytes.withUnsafeBytes { k in
                try value.withUnsafeBytes { v in try stateCursor.put(key: k, value: v, flags: 0) }
            }
        }
        if let table = databases.merkle { try merkle.write(txn, table: table) }
        logCursor.close()
    }

    func abandon() {
        logCursor.close()
    }
}

/// A rule-state key in the batch's table of pending writes, hashed as one run of bytes (an array of bytes hashes
/// each element on its own, several times slower for the keys the rules use).
private struct StateKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
