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
    let environment: LMDBEnvironment
    let tables: [String: LMDBDatabase]
    let gate = ResizeGate()

    /// Opens (unless `readOnly`, creating the directory and tables when missing) the environment at `directory`.
    ///
    /// - Parameters:
    ///   - tables: the named tables; a read-only open of a missing table throws ``StoreError/incompatibleFormat(path:found:)``.
    ///   - initialMapSize: the initial (sparse) map size; it doubles whenever a write fills it.
    ///   - durable: `false` skips the flush to disk at each commit (`MDB_NOSYNC`): for derived data that can be
    ///     rebuilt. A process crash loses nothing; a system crash may lose (or, on file systems that reorder
    ///     writes, damage) the last transactions.
    public init(
        directory: String, tables: [String], readOnly: Bool = false, initialMapSize: Int = 1 << 30, durable: Bool = true
    ) throws(StoreError) {
        self.directory = directory
        self.isReadOnly = readOnly
        if access(directory + "/data.mdb", F_OK) != 0 {
            guard !readOnly else { throw StoreError.storeNotFound(path: directory) }
            if mkdir(directory, 0o750) != 0 && errno != EEXIST {
                throw StoreError.cannotCreate(path: directory, reason: String(cString: strerror(errno)))
            }
        }
        let environment: LMDBEnvironment
        do {
            environment = try LMDBEnvironment(
                directory: directory, mapSize: readOnly ? 0 : initialMapSize,
                maxDatabases: UInt32(max(tables.count, 1) + 2), readOnly: readOnly,
                extraFlags: durable ? 0 : UInt32(MDB_NOSYNC))
        } catch let error where readOnly && (error == .accessDenied || error == .readOnlyFileSystem) {
            // Read-only media: no lock file can be made. Read without locking (nobody writes such a copy).
            do {
                environment = try LMDBEnvironment(
                    directory: directory, mapSize: 0, maxDatabases: UInt32(max(tables.count, 1) + 2), readOnly: true,
                    noLock: true)
            } catch {
                throw StoreError.storage(operation: "opening \(directory) read-only", error: error)
            }
        } catch {
            throw readOnly
                ? StoreError.storage(operation: "opening \(directory)", error: error)
                : StoreError.cannotCreate(path: directory, reason: error.description)
        }
        if !readOnly { _ = try? environment.clearStaleReaders() }
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
        self.environment = environment
        self.tables = opened
    }

    /// Runs `body` in a read transaction.
    public func read<R>(_ body: (KeyValueTransaction) throws -> R) throws -> R {
        try gate.withTransaction {
            let txn: LMDBTransaction
            do throws(LMDBError) {
                txn = try beginAdoptingResize(readOnly: true)
            } catch {
                throw StoreError.storage(operation: "beginning a read", error: error)
            }
            defer { txn.abort() }
            return try body(KeyValueTransaction(txn: txn, tables: tables, isWritable: false))
        }
    }

    /// Runs `body` in one write transaction and commits it; a throw aborts everything.
    ///
    /// - Important: when the map fills, the transaction is aborted, the map doubled and `body` run again from
    ///   the start: it must not depend on state left by an earlier run.
    public func write<R>(_ body: (KeyValueTransaction) throws -> R) throws -> R {
        guard !isReadOnly else { throw StoreError.readOnly }
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try gate.withTransaction { try writeOnce(body) }
            } catch LMDBError.mapFull where attempt < 20 {
                try growMap()
            } catch StoreError.storage(_, let error) where error == .mapFull && attempt < 20 {
                try growMap()
            }
        }
    }

    private func writeOnce<R>(_ body: (KeyValueTransaction) throws -> R) throws -> R {
        let txn: LMDBTransaction
        do throws(LMDBError) {
            txn = try beginAdoptingResize(readOnly: false)
        } catch {
            throw StoreError.storage(operation: "beginning a write", error: error)
        }
        let result: R
        do {
            result = try body(KeyValueTransaction(txn: txn, tables: tables, isWritable: true))
        } catch {
            txn.abort()
            throw error
        }
        do {
            try txn.commit()
        } catch {
            throw StoreError.storage(operation: "committing", error: error)
        }
        return result
    }

    private func beginAdoptingResize(readOnly: Bool) throws(LMDBError) -> LMDBTransaction {
        do {
            return try environment.begin(readOnly: readOnly)
        } catch LMDBError.mapResized {
            try gate.exclusivelyWhileHoldingAShare { () throws(LMDBError) in try environment.setMapSize(0) }
            return try environment.begin(readOnly: readOnly)
        }
    }

    private func growMap() throws {
        try gate.exclusively { () throws(StoreError) in
            do throws(LMDBError) {
                try environment.setMapSize(try environment.info().mapSize * 2)
            } catch {
                throw StoreError.storage(operation: "growing the map", error: error)
            }
        }
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
        do { return try environment.info().mapSize } catch {
            throw StoreError.storage(operation: "reading the map size", error: error)
        }
    }
}
