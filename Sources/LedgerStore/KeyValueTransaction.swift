import CLMDB

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
        try txn.withValue(table.database, key: key, body)
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
        while let (key, value) = entry, key.starts(with: prefix) {
            guard try body(key, value) else { return }
            entry = try cursor.get(MDB_NEXT)
        }
    }

    /// The last entry of `table` (greatest key), copied out, or `nil` when empty.
    public func last(in table: KeyValueTable) throws -> (key: [UInt8], value: [UInt8])? {
        let cursor = try txn.cursor(table.database)
        defer { cursor.close() }
        guard let entry = try cursor.get(MDB_LAST) else { return nil }
        return (Array(entry.key), Array(entry.value))
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
    ///
    /// The keys are visited in LMDB's order through one cursor, which looks in its current leaf page first: a sorted
    /// run descends the tree once per page instead of twice per key (a look-up and a put), and a table that was empty
    /// is not looked up at all.
    public func append(_ entries: [(key: [UInt8], bytes: [UInt8])], in table: KeyValueTable) throws {
        guard isWritable else { throw StoreError.readOnly }
        guard !entries.isEmpty else { return }
        let wasEmpty = try txn.entryCount(table.database) == 0
        let order = entries.indices.sorted { a, b in
            entries[a].key == entries[b].key ? a < b : IndexKeys.precedes(entries[a].key, entries[b].key)
        }
        let cursor = try txn.cursor(table.database)
        defer { cursor.close() }
        var value: [UInt8] = []
        var index = 0
        while index < order.count {
            let key = entries[order[index]].key
            value.removeAll(keepingCapacity: true)
            try key.withUnsafeBytes { k in
                if !wasEmpty, let (_, existing) = try cursor.get(MDB_SET_KEY, key: k) {
                    value.append(contentsOf: existing)
                }
                while index < order.count, entries[order[index]].key == key {
                    value.append(contentsOf: entries[order[index]].bytes)
                    index += 1
                }
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
            guard try body(key, value) else { return }
            entry = try cursor.get(MDB_PREV)
        }
    }
}
