import CLMDB

extension ReadTransaction {
    /// Calls `body(position, record)` for each stored event with `from ≤ position ≤ to`, in position order, without
    /// parsing the envelope: `record` is the 32-byte chain hash followed by the event's canonical JSON, borrowed for
    /// the call. For bulk readers (projection rebuilds) that parse only what they need; return `false` to stop.
    func forEachRecord(
        from: UInt64 = 1, to: UInt64 = .max, _ body: (UInt64, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let cursor = try txn.cursor(databases.log)
        defer { cursor.close() }
        var entry = try cursor.seek(atLeast: IndexKeys.position(max(from, 1)))
        while let (key, value) = entry {
            let position = IndexKeys.readBigEndian(key)
            if position > to { return }
            guard value.count > 32 else { throw StoreError.corruptRecord(position: position, reason: "not a stored event") }
            guard try body(position, value) else { return }
            entry = try cursor.get(MDB_NEXT)
        }
    }
}
