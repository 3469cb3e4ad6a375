import CLMDB

extension LMDBError {
    /// `true` for the codes that mean the file is not what LMDB wrote (a damaged page, a bad meta page, a
    /// page that should exist but does not): the ledger was altered or damaged below the level of events.
    public var meansCorruption: Bool {
        [MDB_CORRUPTED, MDB_PAGE_NOTFOUND, MDB_INVALID, MDB_PANIC, MDB_VERSION_MISMATCH].contains(code)
    }
}
