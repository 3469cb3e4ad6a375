import CLMDB

/// A database handle (`MDB_dbi`) of a named database in the environment.
struct LMDBDatabase: Sendable, Hashable {
    let dbi: MDB_dbi
}

/// A transaction (`MDB_txn`). "A transaction and its cursors must only be used by a single thread",
/// and "values returned from the database are valid only until a subsequent update operation, or
/// the end of the transaction": callers copy out or decode inside the transaction's scope.
///
/// The store scopes every transaction in a closure (`LedgerStore.read` / the append path), which
/// commits or aborts exactly once; this type does not outlive that scope.
struct LMDBTransaction {
    let handle: OpaquePointer

    /// The transaction's id: two read transactions with the same id see the same snapshot (`mdb_txn_id`).
    var id: Int { Int(mdb_txn_id(handle)) }

    /// Commits. LMDB frees the transaction on commit even when the commit fails: never abort after this.
    func commit() throws(LMDBError) {
        try LMDBError.check(mdb_txn_commit(handle))
    }

    /// Aborts and frees the transaction.
    func abort() {
        mdb_txn_abort(handle)
    }

    /// Opens (with `create`, creates) a named database.
    func openDatabase(_ name: String, create: Bool) throws(LMDBError) -> LMDBDatabase {
        var dbi: MDB_dbi = 0
        try LMDBError.check(mdb_dbi_open(handle, name, create ? UInt32(MDB_CREATE) : 0, &dbi))
        return LMDBDatabase(dbi: dbi)
    }

    /// The value stored under `key`, or `nil`, handed to `body` as a buffer valid only during the call.
    @inline(__always)
    func withValue<R>(
        _ db: LMDBDatabase, key: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer?) throws -> R
    ) throws -> R {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let rc = mdb_get(handle, db.dbi, &k, &v)
        if rc == MDB_NOTFOUND { return try body(nil) }
        try LMDBError.check(rc)
        return try body(UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
    }

    /// Copies out the value stored under `key`.
    func value(_ db: LMDBDatabase, key: [UInt8]) throws -> [UInt8]? {
        try key.withUnsafeBytes { k in
            try withValue(db, key: k) { v in v.map { Array($0.bindMemory(to: UInt8.self)) } }
        }
    }

    /// Stores `value` under `key`. `flags` are `MDB_APPEND`, `MDB_NOOVERWRITE`, … as in `mdb_put`.
    @inline(__always)
    func put(_ db: LMDBDatabase, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: Int32 = 0) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try LMDBError.check(mdb_put(handle, db.dbi, &k, &v, UInt32(bitPattern: flags)))
    }

    /// Stores `value` under `key` (array convenience).
    func put(_ db: LMDBDatabase, key: [UInt8], value: [UInt8], flags: Int32 = 0) throws(LMDBError) {
        let rc: Int32 = key.withUnsafeBytes { k in
            value.withUnsafeBytes { v in
                var kv = MDB_val(mv_size: k.count, mv_data: UnsafeMutableRawPointer(mutating: k.baseAddress))
                var vv = MDB_val(mv_size: v.count, mv_data: UnsafeMutableRawPointer(mutating: v.baseAddress))
                return mdb_put(handle, db.dbi, &kv, &vv, UInt32(bitPattern: flags))
            }
        }
        try LMDBError.check(rc)
    }

    /// Number of entries in a database (`mdb_stat`'s `ms_entries`).
    func entryCount(_ db: LMDBDatabase) throws(LMDBError) -> Int {
        var stat = MDB_stat()
        try LMDBError.check(mdb_stat(handle, db.dbi, &stat))
        return Int(stat.ms_entries)
    }

    /// Pages used by a database (branch + leaf + overflow).
    func pageCount(_ db: LMDBDatabase) throws(LMDBError) -> Int {
        var stat = MDB_stat()
        try LMDBError.check(mdb_stat(handle, db.dbi, &stat))
        return Int(stat.ms_branch_pages + stat.ms_leaf_pages + stat.ms_overflow_pages)
    }

    /// Opens a cursor on `db`. The cursor lives no longer than the transaction.
    func cursor(_ db: LMDBDatabase) throws(LMDBError) -> LMDBCursor {
        var cursor: OpaquePointer?
        try LMDBError.check(mdb_cursor_open(handle, db.dbi, &cursor))
        guard let cursor else { preconditionFailure("mdb_cursor_open succeeded without a cursor") }
        return LMDBCursor(handle: cursor)
    }
}
