import CLMDB

extension ReadTransaction {
    /// Up to `limit` positions of the events of `stream` with version ≥ `fromVersion`, in version order: one page
    /// of ``positions(inStream:fromVersion:)``, so that a long stream can be read in short transactions.
    public func positions(inStream stream: String, fromVersion: UInt64, limit: Int) throws -> [UInt64] {
        try compositePage(databases.streams, name: stream, from: fromVersion, limit: limit) { number, value in
            guard value.count == 8 else {
                throw StoreError.corruptRecord(position: number, reason: "bad stream index entry for \(stream)")
            }
            return IndexKeys.readBigEndian(value)
        }
    }

    /// Up to `limit` positions of the events of `type` with position ≥ `from`, in position order: one page of
    /// ``positions(ofType:from:)``.
    public func positions(ofType type: String, from: UInt64, limit: Int) throws -> [UInt64] {
        try compositePage(databases.types, name: type, from: from, limit: limit) { number, _ in number }
    }

    private func compositePage(
        _ db: LMDBDatabase, name: String, from: UInt64, limit: Int,
        _ extract: (UInt64, UnsafeRawBufferPointer) throws -> UInt64
    ) throws -> [UInt64] {
        guard limit > 0 else { return [] }
        let prefix = IndexKeys.composite(name, 0).dropLast(8)
        let cursor = try txn.cursor(db)
        defer { cursor.close() }
        var result: [UInt64] = []
        result.reserveCapacity(min(limit, 4096))
        var entry = try cursor.seek(atLeast: IndexKeys.composite(name, from))
        // Compare the name bytes in place: no String per entry.
        while result.count < limit, let (key, value) = entry, key.count == prefix.count + 8,
            key.starts(with: prefix)
        {
            result.append(try extract(IndexKeys.readBigEndian(key, at: prefix.count), value))
            entry = try cursor.get(MDB_NEXT)
        }
        return result
    }
}
