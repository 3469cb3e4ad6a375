import CLMDB

/// A read (or write) transaction's view of the store: the log, its indexes and the rule state.
///
/// Handed to the closure of ``LedgerStore/read(_:)``; it must not escape it.
public struct ReadTransaction {
    let txn: LMDBTransaction
    let databases: LedgerStore.Databases

    // MARK: Head and counts

    /// The last position and its hash, or `nil` when the log is empty.
    public func head() throws -> Digest? {
        let cursor = try txn.cursor(databases.log)
        defer { cursor.close() }
        guard let last = try cursor.get(MDB_LAST) else { return nil }
        guard last.key.count == 8, last.value.count >= 32 else {
            throw StoreError.corruptRecord(position: 0, reason: "the last log record is malformed")
        }
        return Digest(position: IndexKeys.readBigEndian(last.key), hash: Array(last.value[..<32]))
    }

    /// Number of events stored per type (kept in the metadata as the log grows).
    public func eventCountsByType() throws -> [String: UInt64] {
        let cursor = try txn.cursor(databases.meta)
        defer { cursor.close() }
        var counts: [String: UInt64] = [:]
        let prefix = Array(Metadata.typeCountPrefix.utf8)
        var entry = try cursor.seek(atLeast: prefix)
        while let (key, value) = entry, key.starts(with: prefix), value.count == 8 {
            counts[String(decoding: key[prefix.count...], as: UTF8.self)] = IndexKeys.readBigEndian(value)
            entry = try cursor.get(MDB_NEXT)
        }
        return counts
    }

    // MARK: Single events

    /// The event at `position`, handed to `body` borrowed; `nil` when there is none.
    public func withEvent<R>(at position: UInt64, _ body: (StoredEventView?) throws -> R) throws -> R {
        let key = IndexKeys.position(position)
        return try key.withUnsafeBytes { k in
            try txn.withValue(databases.log, key: k) { value in
                guard let value else { return try body(nil) }
                return try body(try StoredEventView(position: position, record: value))
            }
        }
    }

    /// The event at `position`, copied out.
    public func event(at position: UInt64) throws -> StoredEvent? {
        try withEvent(at: position) { $0.map(StoredEvent.init) }
    }

    /// The position of the event with `eventId`, or `nil`.
    public func position(ofEventId eventId: String) throws -> UInt64? {
        var eventId = eventId
        return try eventId.withUTF8 { utf8 in
            let k = UnsafeRawBufferPointer(utf8)
            return try txn.withValue(databases.eventIds, key: k) { value in
                guard let value else { return nil }
                guard value.count == 8 else { throw StoreError.corruptRecord(position: 0, reason: "bad eventId index entry") }
                return IndexKeys.readBigEndian(value)
            }
        }
    }

    /// The event with `eventId`, copied out, or `nil`.
    public func event(withId eventId: String) throws -> StoredEvent? {
        guard let position = try position(ofEventId: eventId) else { return nil }
        return try event(at: position)
    }

    /// The current version of `stream` (0 when it does not exist).
    ///
    /// One seek just past the stream's last possible key (`stream`, 0x00, eight 0xFF bytes), one step back, and a
    /// byte comparison of the key found: no allocation beyond the cursor (this runs once per new stream of a batch).
    public func streamVersion(_ stream: String) throws -> UInt64 {
        var stream = stream
        return try stream.withUTF8 { name in
            let cursor = try txn.cursor(databases.streams)
            defer { cursor.close() }
            return try withUnsafeTemporaryAllocation(byteCount: name.count + 9, alignment: 1) { after in
                if let base = name.baseAddress { after.baseAddress?.copyMemory(from: base, byteCount: name.count) }
                after[name.count] = 0
                for index in (name.count + 1)..<(name.count + 9) { after[index] = 0xFF }
                let afterKey = UnsafeRawBufferPointer(after)
                let entry: (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)?
                if let found = try cursor.get(MDB_SET_RANGE, key: afterKey) {
                    entry = found.key.elementsEqual(afterKey) ? found : try cursor.get(MDB_PREV)
                } else {
                    entry = try cursor.get(MDB_LAST)
                }
                guard let key = entry?.key, key.count == name.count + 9, key[name.count] == 0,
                    key.prefix(name.count).elementsEqual(UnsafeRawBufferPointer(name))
                else { return 0 }
                return IndexKeys.readBigEndian(key, at: name.count + 1)
            }
        }
    }

    // MARK: Scans

    /// Calls `body` for each event with `from ≤ position ≤ to`, in position order, borrowed.
    /// Return `false` from `body` to stop early.
    public func forEachEvent(from: UInt64 = 1, to: UInt64 = .max, _ body: (StoredEventView) throws -> Bool) throws {
        try forEachRecord(from: from, to: to) { position, record in
            try body(try StoredEventView(position: position, record: record))
        }
    }

    /// Positions of the events of `stream` with version ≥ `fromVersion`, in version order.
    public func positions(inStream stream: String, fromVersion: UInt64 = 1) throws -> [UInt64] {
        try compositeScan(databases.streams, name: stream, from: fromVersion) { _, value in
            value.count == 8 ? IndexKeys.readBigEndian(value) : nil
        }
    }

    /// Positions of the events of `type` with position ≥ `from`, in position order.
    public func positions(ofType type: String, from: UInt64 = 1) throws -> [UInt64] {
        try compositeScan(databases.types, name: type, from: from) { number, _ in number }
    }

    private func compositeScan(
        _ db: LMDBDatabase, name: String, from: UInt64,
        _ extract: (UInt64, UnsafeRawBufferPointer) -> UInt64?
    ) throws -> [UInt64] {
        let cursor = try txn.cursor(db)
        defer { cursor.close() }
        var result: [UInt64] = []
        let prefix = IndexKeys.composite(name, 0).dropLast(8)
        var entry = try cursor.seek(atLeast: IndexKeys.composite(name, from))
        // The name's bytes, compared in place (a String comparison would also match another normalization form).
        while let (key, value) = entry, key.count == prefix.count + 8, key.starts(with: prefix) {
            let number = IndexKeys.readBigEndian(key, at: prefix.count)
            guard let position = extract(number, value) else {
                throw StoreError.corruptRecord(position: number, reason: "bad index entry for \(name)")
            }
            result.append(position)
            entry = try cursor.get(MDB_NEXT)
        }
        return result
    }

    // MARK: Rule state

    /// The bytes stored under `key` in the rule-state database, or `nil`.
    public func state(forKey key: [UInt8]) throws -> [UInt8]? {
        try txn.value(databases.state, key: key)
    }

    /// Calls `body` for every rule-state entry whose key starts with `prefix` (every entry for an empty prefix),
    /// in key order.
    public func forEachState(withPrefix prefix: [UInt8], _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void)
        throws
    {
        let cursor = try txn.cursor(databases.state)
        defer { cursor.close() }
        // LMDB refuses an empty key for MDB_SET_RANGE: start at the first entry instead.
        var entry = prefix.isEmpty ? try cursor.get(MDB_FIRST) : try cursor.seek(atLeast: prefix)
        while let (key, value) = entry, key.starts(with: prefix) {
            try body(key, value)
            entry = try cursor.get(MDB_NEXT)
        }
    }
}

/// Names in the metadata database.
enum Metadata {
    static let typeCountPrefix = "count:"
}

extension LedgerStore {
    /// Calls `body` for each event in `from…to` (up to the head as it is when the call starts), in position order.
    ///
    /// Reads in chunks of `chunkSize` events, one short read transaction each, so that a long export never pins
    /// old pages ("a long reader stops page reuse"). The log is append-only, so the chunks form one consistent
    /// sequence. Return `false` from `body` to stop early.
    public func forEachEvent(
        from: UInt64 = 1, to: UInt64 = .max, chunkSize: UInt64 = 65_536, _ body: (StoredEventView) throws -> Bool
    ) throws {
        guard let head = try head()?.position else { return }
        let end = min(to, head)
        var start = max(from, 1)
        var keepGoing = true
        while start <= end && keepGoing {
            let chunkEnd = min(end, start + max(chunkSize, 1) - 1)
            try read { txn in
                try txn.forEachEvent(from: start, to: chunkEnd) { event in
                    keepGoing = try body(event)
                    return keepGoing
                }
            }
            start = chunkEnd + 1
        }
    }
}
