import CLMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An LMDB environment with the policies every user of it in this module shares: creating its directory
/// (`0750`, files `0640`), read-only opening (lock-free on read-only media), clearing stale reader slots, scoped
/// read and write transactions, adopting a map size another process grew, and doubling the map when a write fills
/// it (running the write again from the start, so that it stays atomic).
final class ManagedEnvironment: @unchecked Sendable {
    let directory: String
    let isReadOnly: Bool
    let environment: LMDBEnvironment
    /// Serializes map resizing against this process's transactions (LMDB: resize only with no active txn).
    let gate = ResizeGate()

    /// How a directory without an environment is treated.
    enum Creation { case create, mustExist }

    /// Opens the environment at `directory`.
    ///
    /// - Throws: ``StoreError/storeNotFound(path:)`` when it is missing and may not be created,
    ///   ``StoreError/cannotCreate(path:reason:)`` when creating it fails, ``StoreError/storage(operation:error:)``.
    init(
        directory: String, readOnly: Bool, creation: Creation, mapSize: Int, maxDatabases: UInt32,
        extraFlags: UInt32 = 0
    ) throws(StoreError) {
        self.directory = directory
        self.isReadOnly = readOnly
        if access(directory + "/data.mdb", F_OK) != 0 {
            guard !readOnly, creation == .create else { throw StoreError.storeNotFound(path: directory) }
            if mkdir(directory, 0o750) != 0 && errno != EEXIST {
                throw StoreError.cannotCreate(path: directory, reason: String(cString: strerror(errno)))
            }
        }
        do {
            environment = try LMDBEnvironment(
                directory: directory, mapSize: readOnly ? 0 : mapSize, maxDatabases: maxDatabases, readOnly: readOnly,
                extraFlags: extraFlags)
        } catch let error where readOnly && (error == .accessDenied || error == .readOnlyFileSystem) {
            // Read-only media or a directory the reader may not write: no lock file can be made. Read without
            // locking; the caller reads a copy that nobody writes (README, "Decisions").
            do {
                environment = try LMDBEnvironment(
                    directory: directory, mapSize: 0, maxDatabases: maxDatabases, readOnly: true, noLock: true)
            } catch {
                throw StoreError.storage(operation: "opening \(directory) read-only", error: error)
            }
        } catch {
            if !readOnly && creation == .create { throw StoreError.cannotCreate(path: directory, reason: error.description) }
            throw StoreError.storage(operation: "opening \(directory)", error: error)
        }
        if !readOnly { _ = try? environment.clearStaleReaders() }
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
            throw StoreError.storage(operation: "committing", error: error)
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
