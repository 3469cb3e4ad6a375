import CLMDB

#if canImport(Glibc)
    import Glibc
#endif

/// A named table of a ``KeyValueEnvironment``, resolved once with ``KeyValueTransaction/table(_:)``.
public struct KeyValueTable: Sendable, Hashable {
    let database: LMDBDatabase
}

/// A transaction of a ``KeyValueEnvironment``: handed to the closure of `read` or `write`, it must not escape it.
///
/// Buffers handed to closures point into LMDB's map: "values returned from the database are valid only until a
/// subsequent update operation, or the end of the transaction". Copy out what you keep.
public struct KeyValueTransaction {
    let txn: LMDBTransaction
    let tables: [String: LMDBDatabase]
    /// `true` inside ``KeyValueEnvironment/write(_:)``.
    public let isWritable: Bool
    /// The map and the end of the file's pages in it: every key and value handed out is checked against them.
    let map: MapBounds

    /// The table named `name`; throws ``StoreError/invalidArgument(_:)`` when the environment has none.
    public func table(_ name: String) throws -> KeyValueTable {
        guard let database = tables[name] else { throw StoreError.invalidArgument("no table named \(name)") }
        return KeyValueTable(database: database)
    }

    // MARK: Reading

    /// Calls `body` with the value stored under `key` (or `nil`), borrowed for the call.
    public func withValue<R>(
        _ key: UnsafeRawBufferPointer, in table: KeyValueTable, _ body: (UnsafeRawBufferPointer?) throws -> R
    ) throws -> R {
        try txn.withValue(table.database, key: key) { value in try body(try value.map { try map.checked($0) }) }
    }

    /// The value stored under `key`, copied out, or `nil`.
    public func get(_ key: [UInt8], in table: KeyValueTable) throws -> [UInt8]? {
        try key.withUnsafeBytes { k in try withValue(k, in: table) { $0.map { Array($0) } } }
    }

    /// Calls `body` for each entry whose key starts with `prefix`, in key order, borrowed; return `false` to stop.
    public func forEach(
        withPrefix prefix: [UInt8] = [], in table: KeyValueTable,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let cursor = try txn.cursor(table.database)
        defer { cursor.close() }
        var entry = prefix.isEmpty ? try cursor.get(MDB_FIRST) : try cursor.seek(atLeast: prefix)
        while let (key, value) = entry, try map.checked(key).starts(with: prefix) {
            guard try body(key, try map.checked(value)) else { return }
            entry = try cursor.get(MDB_NEXT)
        }
    }

    /// The last entry of `table` (greatest key), copied out, or `nil` when empty.
    public func last(in table: KeyValueTable) throws -> (key: [UInt8], value: [UInt8])? {
        let cursor = try txn.cursor(table.database)
        defer { cursor.close() }
        guard let entry = try cursor.get(MDB_LAST) else { return nil }
        return (Array(try map.checked(entry.key)), Array(try map.checked(entry.value)))
    }

    /// Number of entries in `table`.
    public func count(in table: KeyValueTable) throws -> Int {
        try txn.entryCount(table.database)
    }

    // MARK: Writing

    /// Stores `value` under `key`, replacing any value.
    public func put(_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer, in table: KeyValueTable) throws {
        guard isWritable else { throw StoreError.readOnly }
        try txn.put(table.database, key: key, value: value)
    }

    /// Stores `value` under `key`, replacing any value (array convenience).
    public func put(_ key: [UInt8], _ value: [UInt8], in table: KeyValueTable) throws {
        try key.withUnsafeBytes { k in try value.withUnsafeBytes { v in try put(k, v, in: table) } }
    }

    /// Appends each entry's `bytes` to the value stored under its `key` (a missing key starts empty); entries with the
    /// same key are appended in the order given.
    public func append(_ entries: [(key: [UInt8], bytes: [UInt8])], in table: KeyValueTable) throws {
        try merge(entries, in: table) { _, existing, additions, value in
            if let existing { value.append(contentsOf: existing) }
            for addition in additions { value.append(contentsOf: addition) }
        }
    }

    /// Stores, under each distinct key of `entries`, the value `combine` makes from the value stored there (or `nil`)
    /// and that key's entries' `bytes` in the order given.
    ///
    /// The keys are visited in LMDB's order through one cursor, which looks in its current leaf page first: a sorted
    /// run descends the tree once per page instead of twice per key (a look-up and a put), and a table that was empty
    /// is not looked up at all.
    ///
    /// - Parameter combine: `(key, existing value, additions, value to fill)`; `value` starts empty.
    public func merge(
        _ entries: [(key: [UInt8], bytes: [UInt8])], in table: KeyValueTable,
        _ combine: (UnsafeRawBufferPointer, UnsafeRawBufferPointer?, [[UInt8]], inout [UInt8]) throws -> Void
    ) throws {
        guard isWritable else { throw StoreError.readOnly }
        guard !entries.isEmpty else { return }
        let wasEmpty = try txn.entryCount(table.database) == 0
        let order = entries.indices.sorted { a, b in
            entries[a].key == entries[b].key ? a < b : IndexKeys.precedes(entries[a].key, entries[b].key)
        }
        let cursor = try txn.cursor(table.database)
        defer { cursor.close() }
        var value: [UInt8] = []
        var additions: [[UInt8]] = []
        var index = 0
        while index < order.count {
            let key = entries[order[index]].key
            value.removeAll(keepingCapacity: true)
            additions.removeAll(keepingCapacity: true)
            while index < order.count, entries[order[index]].key == key {
                additions.append(entries[order[index]].bytes)
                index += 1
            }
            try key.withUnsafeBytes { k in
                let existing = wasEmpty ? nil : try cursor.get(MDB_SET_KEY, key: k)
                try combine(k, try existing.map { try map.checked($0.value) }, additions, &value)
                try value.withUnsafeBytes { v in try cursor.put(key: k, value: v, flags: 0) }
            }
        }
    }

    /// Removes `key`; returns whether it was there.
    @discardableResult
    public func delete(_ key: [UInt8], in table: KeyValueTable) throws -> Bool {
        guard isWritable else { throw StoreError.readOnly }
        let rc: Int32 = key.withUnsafeBytes { k in
            var kv = MDB_val(mv_size: k.count, mv_data: UnsafeMutableRawPointer(mutating: k.baseAddress))
            return mdb_del(txn.handle, table.database.dbi, &kv, nil)
        }
        if rc == MDB_NOTFOUND { return false }
        try LMDBError.check(rc)
        return true
    }

    /// Removes every entry of `table` (`mdb_drop` without deleting the table).
    public func removeAll(in table: KeyValueTable) throws {
        guard isWritable else { throw StoreError.readOnly }
        try LMDBError.check(mdb_drop(txn.handle, table.database.dbi, 0))
    }
}

extension KeyValueTransaction {
    /// Calls `body` for each entry of `table` in descending key order, borrowed; return `false` to stop.
    public func forEachReversed(
        in table: KeyValueTable, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let cursor = try txn.cursor(table.database)
        defer { cursor.close() }
        var entry = try cursor.get(MDB_LAST)
        while let (key, value) = entry {
            guard try body(try map.checked(key), try map.checked(value)) else { return }
            entry = try cursor.get(MDB_PREV)
        }
    }
}

/// Where an environment's memory map lies, and where the pages its file holds end in it. A damaged page can make LMDB
/// hand out a key or value that reaches past the end of the file (a flipped bit in a node's size): touching it would
/// end in `SIGBUS`. Buffers outside the map (a write transaction's dirty pages) are not LMDB's file pages.
struct MapBounds {
    let start: UInt
    let dataEnd: UInt
    let end: UInt

    /// `buffer`, or a ``StoreError`` when it reaches into the map beyond the file's pages.
    func checked(_ buffer: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer {
        guard let base = buffer.baseAddress else { return buffer }
        let low = UInt(bitPattern: base)
        let (high, overflow) = low.addingReportingOverflow(UInt(buffer.count))
        let inMap = low < end && high > start
        guard overflow || (inMap && (low < start || high > dataEnd)) else { return buffer }
        throw StoreError.storage(operation: "reading a value that lies beyond the end of the file", error: .corrupted)
    }

    /// The address range of this process's mapping of the file with inode `inode` at offset 0 (`/proc/self/maps`).
    static func mapping(ofInode inode: UInt64) -> (start: UInt, end: UInt)? {
        guard let file = fopen("/proc/self/maps", "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            // start-end perms offset dev inode path
            let fields = String(cString: line).split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, UInt64(fields[4]) == inode, UInt64(fields[2], radix: 16) == 0 else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16) else {
                continue
            }
            return (start, end)
        }
        return nil
    }
}
