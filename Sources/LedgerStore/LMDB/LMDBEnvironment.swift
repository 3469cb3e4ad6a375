import CLMDB

/// One LMDB environment (`MDB_env`): a memory map over `data.mdb` plus its lock file.
///
/// "A process should only open one environment per path" (LMDB docs); the store keeps one per directory.
/// The environment is opened with `MDB_NOTLS`, so a read transaction is not tied to a thread.
final class LMDBEnvironment: @unchecked Sendable {
    let handle: OpaquePointer
    let isReadOnly: Bool

    /// Opens (and with `create`, creates) the environment at `directory`.
    init(
        directory: String, mapSize: Int, maxDatabases: UInt32, readOnly: Bool, noLock: Bool = false, extraFlags: UInt32 = 0
    ) throws(LMDBError) {
        var env: OpaquePointer?
        try LMDBError.check(mdb_env_create(&env))
        guard let env else { preconditionFailure("mdb_env_create succeeded without an environment") }
        var flags = UInt32(MDB_NOTLS) | extraFlags
        if readOnly { flags |= UInt32(MDB_RDONLY) }
        if noLock { flags |= UInt32(MDB_NOLOCK) }
        do {
            try LMDBError.check(mdb_env_set_maxdbs(env, maxDatabases))
            try LMDBError.check(mdb_env_set_maxreaders(env, 126))
            if mapSize > 0 { try LMDBError.check(mdb_env_set_mapsize(env, mapSize)) }
            // Files are created 0640: the ledger holds pseudonymous but still sensitive records.
            try LMDBError.check(mdb_env_open(env, directory, flags, 0o640))
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.handle = env
        self.isReadOnly = readOnly
    }

    deinit { mdb_env_close(handle) }

    /// Clears reader slots left by dead processes; returns how many were cleared (`mdb_reader_check`).
    @discardableResult
    func clearStaleReaders() throws(LMDBError) -> Int {
        var dead: Int32 = 0
        try LMDBError.check(mdb_reader_check(handle, &dead))
        return Int(dead)
    }

    /// Sets the map size. "It may be called later if no transactions are active in this process";
    /// a size of 0 adopts the size another process set.
    func setMapSize(_ size: Int) throws(LMDBError) {
        try LMDBError.check(mdb_env_set_mapsize(handle, size))
    }

    /// The environment's map size, last used page and page size.
    func info() throws(LMDBError) -> (mapSize: Int, lastPage: Int, pageSize: Int, maxReaders: Int, readers: Int) {
        var info = MDB_envinfo()
        try LMDBError.check(mdb_env_info(handle, &info))
        var stat = MDB_stat()
        try LMDBError.check(mdb_env_stat(handle, &stat))
        return (info.me_mapsize, info.me_last_pgno, Int(stat.ms_psize), Int(info.me_maxreaders), Int(info.me_numreaders))
    }

    /// Begins a transaction; `readOnly` for a reader.
    func begin(readOnly: Bool) throws(LMDBError) -> LMDBTransaction {
        var txn: OpaquePointer?
        try LMDBError.check(mdb_txn_begin(handle, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn))
        guard let txn else { preconditionFailure("mdb_txn_begin succeeded without a transaction") }
        return LMDBTransaction(handle: txn)
    }
}
