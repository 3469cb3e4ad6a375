import CLMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small generic key-value environment over LMDB: named tables, scoped read and write transactions,
/// get/put/delete/prefix scans, and map growth on `MDB_MAP_FULL`.
///
/// Read models (projections) live in one of these, beside the store, so that a read model's change and its
/// checkpoint commit in the same transaction.
///
/// ```swift
/// let env = try KeyValueEnvironment(directory: "ledger/readmodels", tables: ["facts", "meta"])
/// try env.write { txn in try txn.put(Array("k".utf8), Array("v".utf8), in: "meta") }
/// let value = try env.read { txn in try txn.get(Array("k".utf8), in: "meta") }
/// ```
public final class KeyValueEnvironment: @unchecked Sendable {
    /// The directory holding `data.mdb` and `lock.mdb`.
    public let directory: String
    /// `true` when opened read-only.
    public let isReadOnly: Bool
    let managed: ManagedEnvironment
    let tables: [String: LMDBDatabase]

    var environment: LMDBEnvironment { managed.environment }

    /// Opens (unless `readOnly`, creating the directory and tables when missing) the environment at `directory`.
    ///
    /// - Parameters:
    ///   - tables: the named tables; a read-only open of a missing table throws ``StoreError/incompatibleFormat(path:found:)``.
    ///   - initialMapSize: the initial (sparse) map size; it doubles whenever a write fills it.
    ///   - mustExist: open only an existing environment (``StoreError/storeNotFound(path:)`` otherwise).
    ///   - noLock: read without reader locks (read-only only): a copy nobody writes.
    ///   - durable: `false` skips the flush to disk at each commit (`MDB_NOSYNC`): for derived data that can be
    ///     rebuilt. A process crash loses nothing; a system crash may lose (or, on file systems that reorder
    ///     writes, damage) the last transactions.
    public init(
        directory: String, tables: [String], readOnly: Bool = false, initialMapSize: Int = 1 << 30, durable: Bool = true,
        noLock: Bool = false, mustExist: Bool = false
    ) throws(StoreError) {
        self.directory = directory
        self.isReadOnly = readOnly
        let managed = try ManagedEnvironment(
            directory: directory, readOnly: readOnly, creation: mustExist ? .mustExist : .create, mapSize: initialMapSize,
            maxDatabases: UInt32(max(tables.count, 1) + 2), extraFlags: durable ? 0 : UInt32(MDB_NOSYNC), noLock: noLock)
        let environment = managed.environment
        var opened: [String: LMDBDatabase] = [:]
        do throws(LMDBError) {
            let txn = try environment.begin(readOnly: readOnly)
            do {
                for name in tables { opened[name] = try txn.openDatabase(name, create: !readOnly) }
            } catch {
                txn.abort()
                throw error
            }
            // Commit even a read: "if the transaction is aborted the handle will be closed automatically".
            try txn.commit()
        } catch LMDBError.notFound {
            throw StoreError.incompatibleFormat(path: directory, found: "missing tables")
        } catch {
            throw StoreError.storage(operation: "opening the tables of \(directory)", error: error)
        }
        self.managed = managed
        self.tables = opened
    }

    /// Runs `body` in a read transaction.
    public func read<R>(_ body: (KeyValueTransaction) throws -> R) throws -> R {
        try managed.read { txn in
            try body(KeyValueTransaction(txn: txn, tables: tables, isWritable: false, map: try mapBounds()))
        }
    }

    /// Runs `body` in one write transaction and commits it; a throw aborts everything.
    ///
    /// - Important: when the map fills, the transaction is aborted, the map doubled and `body` run again from
    ///   the start: it must not depend on state left by an earlier run.
    public func write<R>(_ body: (KeyValueTransaction) throws -> R) throws -> R {
        try managed.write { txn in
            try body(KeyValueTransaction(txn: txn, tables: tables, isWritable: true, map: try mapBounds()))
        }
    }

    /// Where the map lies and where the file's pages end, read at each transaction's start. LMDB does not tell where
    /// it mapped the file (`me_mapaddr` is only set for `MDB_FIXEDMAP`): the mapping of the file's inode is looked up
    /// in `/proc/self/maps`. Where that fails, nothing is checked.
    private func mapBounds() throws -> MapBounds {
        var info = MDB_envinfo()
        var stat = MDB_stat()
        var fd: Int32 = -1
        do {
            try LMDBError.check(mdb_env_info(environment.handle, &info))
            try LMDBError.check(mdb_env_stat(environment.handle, &stat))
            try LMDBError.check(mdb_env_get_fd(environment.handle, &fd))
        } catch {
            throw StoreError.storage(operation: "reading the map of \(directory)", error: error)
        }
        var file = Glibc.stat()
        guard fstat(fd, &file) == 0, let range = MapBounds.mapping(ofInode: UInt64(file.st_ino)) else {
            return MapBounds(start: 0, dataEnd: 0, end: 0)
        }
        return MapBounds(
            start: range.start, dataEnd: range.start + UInt(info.me_last_pgno + 1) * UInt(stat.ms_psize), end: range.end)
    }

    /// Flushes committed transactions to disk (`mdb_env_sync`), for an environment opened with `durable: false`.
    public func sync() throws {
        guard !isReadOnly else { return }
        do { try LMDBError.check(mdb_env_sync(environment.handle, 1)) } catch {
            throw StoreError.storage(operation: "flushing \(directory)", error: error)
        }
    }

    /// The current map size in bytes.
    public func mapSize() throws -> Int {
        try managed.mapSize()
    }
}
