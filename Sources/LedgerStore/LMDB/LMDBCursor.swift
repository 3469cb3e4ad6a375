import CLMDB

/// A cursor (`MDB_cursor`) over one database. Closed with ``close()`` before its transaction ends.
struct LMDBCursor {
    let handle: OpaquePointer

    func close() { mdb_cursor_close(handle) }

    /// Moves the cursor with `op` and returns the key and value there, or `nil` at the end.
    /// The buffers are valid until the next update or the end of the transaction.
    @inline(__always)
    func get(_ op: MDB_cursor_op, key: UnsafeRawBufferPointer? = nil)
        throws(LMDBError) -> (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)?
    {
        var k = MDB_val(mv_size: key?.count ?? 0, mv_data: UnsafeMutableRawPointer(mutating: key?.baseAddress))
        var v = MDB_val()
        let rc = mdb_cursor_get(handle, &k, &v, op)
        if rc == MDB_NOTFOUND { return nil }
        try LMDBError.check(rc)
        return (
            UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size),
            UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
        )
    }

    /// Positions at the first key ≥ `key` (`MDB_SET_RANGE`).
    func seek(atLeast key: [UInt8]) throws(LMDBError) -> (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)? {
        // LMDB refuses an empty key (MDB_BAD_VALSIZE); every key is at least the empty one: start at the first.
        if key.isEmpty { return try get(MDB_FIRST) }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(key.count, 1), alignment: 8)
        defer { storage.deallocate() }
        storage.copyBytes(from: key)
        // LMDB only reads the key; on return the cursor's key points into the map, not into `storage`.
        return try get(MDB_SET_RANGE, key: UnsafeRawBufferPointer(rebasing: storage[..<key.count]))
    }

    /// Reserves `count` bytes for the value of `key` (`MDB_RESERVE`, plus `flags`) and returns them for the caller to
    /// fill before the next update in the transaction: the value is written once, in place, instead of being built
    /// elsewhere and copied in.
    @inline(__always)
    func reserve(key: UnsafeRawBufferPointer, count: Int, flags: Int32) throws(LMDBError) -> UnsafeMutableRawBufferPointer {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: count, mv_data: nil)
        try LMDBError.check(mdb_cursor_put(handle, &k, &v, UInt32(bitPattern: flags | MDB_RESERVE)))
        return UnsafeMutableRawBufferPointer(start: v.mv_data, count: v.mv_size)
    }

    /// Stores through the cursor (`mdb_cursor_put`), e.g. with `MDB_APPEND` for in-order keys.
    @inline(__always)
    func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: Int32) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try LMDBError.check(mdb_cursor_put(handle, &k, &v, UInt32(bitPattern: flags)))
    }
}
