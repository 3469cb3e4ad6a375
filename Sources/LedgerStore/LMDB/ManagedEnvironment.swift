import CLMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An LMDB environment with the policies every user of it in this module shares: checking its files before they are
/// mapped (``EnvironmentFiles``), creating it only in a new or empty directory (`0750`, files `0640`), read-only
/// opening (without reader locks only where no writer can exist), clearing stale reader slots, scoped read and write
/// transactions, adopting a map size another process grew, and doubling the map when a write fills it (running the
/// write again from the start, so that it stays atomic).
final class ManagedEnvironment: @unchecked Sendable {
    let directory: String
    let isReadOnly: Bool
    /// `true` when this open made the environment (its directory was absent or empty).
    let wasCreated: Bool
    /// `true` when opened without a lock file (`MDB_NOLOCK`): read-only media, or a copy the caller says nobody writes.
    let isLockless: Bool
    let environment: LMDBEnvironment
    /// Serializes map resizing against this process's transactions (LMDB: resize only with no active txn).
    let gate = ResizeGate()

    /// How a directory without an environment is treated.
    enum Creation { case create, mustExist }

    /// Opens the environment at `directory`.
    ///
    /// - Parameter noLock: read without reader locks (`MDB_NOLOCK`), for a copy nobody writes. Without it, a reader
    ///   reads lock-free only on a file system mounted read-only; elsewhere it must take a reader slot in `lock.mdb`.
    /// - Throws: ``StoreError/storeNotFound(path:)`` when it is missing and may not be created,
    ///   ``StoreError/cannotCreate(path:reason:)`` when creating it fails, ``StoreError/damaged(path:reason:)`` for an
    ///   emptied, truncated or deleted data file, ``StoreError/notAStore(path:reason:)`` for a non-empty directory
    ///   without one, ``StoreError/permissionDenied(path:detail:)``, ``StoreError/storage(operation:error:)``.
    init(
        directory: String, readOnly: Bool, creation: Creation, mapSize: Int, maxDatabases: UInt32,
        extraFlags: UInt32 = 0, noLock: Bool = false
    ) throws(StoreError) {
        self.directory = directory
        self.isReadOnly = readOnly
        let state = try EnvironmentFiles.state(of: directory)
        switch state {
        case .present:
            try EnvironmentFiles.checkDataFile(in: directory)
            wasCreated = false
        case .absent, .empty:
            guard !readOnly, creation == .create else { throw StoreError.storeNotFound(path: directory) }
            if state == .absent, mkdir(directory, 0o750) != 0, errno != EEXIST {
                let error = errno
                if error == EACCES {
                    throw StoreError.permissionDenied(
                        path: directory, detail: "cannot create the directory (\(EnvironmentFiles.describe(error)))")
                }
                throw StoreError.cannotCreate(path: directory, reason: EnvironmentFiles.describe(error))
            }
            wasCreated = true
        case .foreign(let entries):
            if entries.contains("lock.mdb") {
                throw StoreError.damaged(
                    path: directory, reason: "data.mdb is missing (lock.mdb is there): the data file was deleted or moved")
            }
            throw StoreError.notAStore(
                path: directory,
                reason: "the directory is not empty and holds no data.mdb (a store is made only in a new or empty directory)")
        }
        let lockless = readOnly && (noLock || EnvironmentFiles.isOnReadOnlyMedia(directory))
        isLockless = lockless
        do {
            if !lockless { try EnvironmentFiles.preallocateLockFile(in: directory) }
            environment = try Self.open(
                directory, readOnly: readOnly, lockless: lockless, mapSize: mapSize, maxDatabases: maxDatabases,
                extraFlags: extraFlags, isNew: wasCreated)
        } catch {
            if wasCreated { Self.removeFiles(of: directory, directoryToo: state == .absent) }
            throw error
        }
        // Best effort: a slot left by a dead process that cannot be cleared now is cleared by LMDB when the reader
        // table fills, and `wfl status` counts it; opening the store does not depend on it.
        if !readOnly { _ = try? environment.clearStaleReaders() }
    }

    private static func open(
        _ directory: String, readOnly: Bool, lockless: Bool, mapSize: Int, maxDatabases: UInt32, extraFlags: UInt32,
        isNew: Bool
    ) throws(StoreError) -> LMDBEnvironment {
        do {
            return try LMDBEnvironment(
                directory: directory, mapSize: readOnly ? 0 : mapSize, maxDatabases: maxDatabases, readOnly: readOnly,
                noLock: lockless, extraFlags: extraFlags)
        } catch let error where error == .accessDenied {
            if readOnly {
                throw StoreError.permissionDenied(
                    path: directory,
                    detail: "cannot take a reader slot: lock.mdb cannot be opened for writing by this user "
                        + "(\(EnvironmentFiles.describe(EACCES))). Readers of a live store need write access to "
                        + "lock.mdb: make it group-writable (chmod g+w \(directory)/lock.mdb). To read a copy that "
                        + "nobody writes, pass --no-lock")
            }
            throw StoreError.permissionDenied(
                path: directory, detail: "cannot open the store for writing (\(EnvironmentFiles.describe(EACCES)))")
        } catch {
            if isNew { throw StoreError.cannotCreate(path: directory, reason: error.description) }
            throw StoreError.storage(operation: "opening \(directory)\(readOnly ? " read-only" : "")", error: error)
        }
    }

    /// Removes what a failed creation left: the environment's files, and the directory when this open made it.
    private static func removeFiles(of directory: String, directoryToo: Bool) {
        unlink(directory + "/data.mdb")
        unlink(directory + "/lock.mdb")
        if directoryToo { rmdir(directory) }
    }

    /// Runs `body` in a short read transaction, aborted when `body` returns.
    ///
    /// - Parameter mayWaitToAdopt: `false` for a reader that another thread of this process waits for while it
    ///   holds a transaction of its own (verify's index scan): adopting a map another process grew needs every
    ///   transaction of this process to end, so such a reader fails with `MDB_MAP_RESIZED` instead of waiting.
    func read<R>(mayWaitToAdopt: Bool = true, _ body: (LMDBTransaction) throws -> R) throws -> R {
        try gate.withTransaction {
            let txn: LMDBTransaction
            do throws(LMDBError) {
                txn = mayWaitToAdopt ? try beginAdoptingResize(readOnly: true) : try environment.begin(readOnly: true)
            } catch {
                throw StoreError.storage(operation: "beginning a read", error: error)
            }
            defer { txn.abort() }
            return try body(txn)
        }
    }

    /// Runs `body` in one write transaction and commits it; a throw aborts it. When the map fills (an error for
    /// which `isMapFull` is true, or LMDB's own), the map is doubled and `body` runs again from the start.
    func write<R>(isMapFull: (any Error) -> Bool = { _ in false }, _ body: (LMDBTransaction) throws -> R) throws -> R {
        guard !isReadOnly else { throw StoreError.readOnly }
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try gate.withTransaction { try writeOnce(body) }
            } catch  where attempt < 20 && (Self.isLMDBMapFull(error) || isMapFull(error)) {
                try growMap()
            }
        }
    }

    private static func isLMDBMapFull(_ error: any Error) -> Bool {
        if let lmdb = error as? LMDBError { return lmdb == .mapFull }
        if case .storage(_, let lmdb)? = error as? StoreError { return lmdb == .mapFull }
        return false
    }

    private func writeOnce<R>(_ body: (LMDBTransaction) throws -> R) throws -> R {
        let txn: LMDBTransaction
        do throws(LMDBError) {
            txn = try beginAdoptingResize(readOnly: false)
        } catch {
            throw StoreError.storage(operation: "beginning a write", error: error)
        }
        let result: R
        do {
            result = try body(txn)
        } catch {
            txn.abort()
            throw error
        }
        // LMDB frees the transaction on commit, even a failed one: never abort after this.
        do {
            try txn.commit()
        } catch {
            // LMDB reports a short write as EIO; on a full file system it means no space was left.
            let full = error.code == EIO && EnvironmentFiles.isFull(directory)
            throw StoreError.storage(operation: "committing", error: full ? LMDBError(code: ENOSPC) : error)
        }
        return result
    }

    /// Begins a transaction, adopting a map size grown by another process (`MDB_MAP_RESIZED`): "the application
    /// should call mdb_env_set_mapsize() with a size of zero to adopt the new size".
    private func beginAdoptingResize(readOnly: Bool) throws(LMDBError) -> LMDBTransaction {
        var attempts = 0
        while true {
            do {
                return try environment.begin(readOnly: readOnly)
            } catch LMDBError.mapResized where attempts < 8 {
                attempts += 1
                try gate.adoptWhileHoldingAShare { () throws(LMDBError) in try environment.setMapSize(0) }
            }
        }
    }

    /// Doubles the map size, alone: this process's transactions wait at the gate meanwhile.
    func growMap() throws {
        try gate.exclusively { () throws(StoreError) in
            do throws(LMDBError) {
                try environment.setMapSize(try environment.info().mapSize * 2)
            } catch {
                throw StoreError.storage(operation: "growing the map", error: error)
            }
        }
    }

    /// The current map size in bytes.
    func mapSize() throws -> Int {
        do { return try environment.info().mapSize } catch {
            throw StoreError.storage(operation: "reading the environment info", error: error)
        }
    }
}
