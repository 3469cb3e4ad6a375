import CLMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only, hash-chained event log in one LMDB environment per directory.
///
/// The store knows the event *envelope* (type, eventId, occurredAt, actor, stream, data as opaque canonical
/// JSON) and nothing of what the types mean. Domain rules plug in through ``AppendRules``.
///
/// ```swift
/// let store = try LedgerStore(directory: "ledger")
/// let head = try store.head()
/// try store.forEachEvent(from: 1) { event in print(event.position, event.type) }
/// ```
///
/// Thread safety: the store may be shared between threads. Writes are serialized by LMDB's writer lock,
/// across threads and processes alike.
public final class LedgerStore: @unchecked Sendable {
    /// The directory holding `data.mdb` and `lock.mdb`.
    public let directory: String
    /// The configuration the store was opened with.
    public let configuration: StoreConfiguration
    /// The environment and its shared policies (creation, read-only opening, map growth and adoption).
    let managed: ManagedEnvironment
    let databases: Databases

    var environment: LMDBEnvironment { managed.environment }

    /// The store's format; bumped when the layout of a database changes.
    public static let formatVersion = "workforce-ledger/1"

    struct Databases {
        let log: LMDBDatabase
        let streams: LMDBDatabase
        let eventIds: LMDBDatabase
        let types: LMDBDatabase
        let meta: LMDBDatabase
        let state: LMDBDatabase
        /// The Merkle tree's stored subtrees (see ``MerkleStorage``); `nil` only in a store made before the tree
        /// existed and opened read-only.
        let merkle: LMDBDatabase?
    }

    /// Opens the store in `directory`, creating it when the mode allows.
    public init(directory: String, configuration: StoreConfiguration = StoreConfiguration()) throws(StoreError) {
        self.directory = directory
        self.configuration = configuration
        let readOnly = configuration.mode == .readOnly
        managed = try ManagedEnvironment(
            directory: directory, readOnly: readOnly, creation: configuration.mode == .readWriteCreate ? .create : .mustExist,
            mapSize: configuration.initialMapSize, maxDatabases: 8, noLock: configuration.readWithoutLocks)
        self.databases = try Self.openDatabases(
            managed.environment, directory: directory, create: !readOnly, isNew: managed.wasCreated)
    }

    /// Opens (with `create`, creating) the named databases. The `format` record in `meta` marks a store: it is written
    /// only in the transaction that creates a new environment (`isNew`), so an existing environment without it is
    /// not a store this build reads.
    private static func openDatabases(
        _ env: LMDBEnvironment, directory: String, create: Bool, isNew: Bool
    ) throws(StoreError) -> Databases {
        do {
            let txn = try env.begin(readOnly: !create)
            let dbs: Databases
            do {
                dbs = Databases(
                    log: try txn.openDatabase("log", create: create),
                    streams: try txn.openDatabase("streams", create: create),
                    eventIds: try txn.openDatabase("eventIds", create: create),
                    types: try txn.openDatabase("types", create: create),
                    meta: try txn.openDatabase("meta", create: create),
                    state: try txn.openDatabase("state", create: create),
                    merkle: try openOptionalDatabase("merkle", in: txn, create: create))
                let formatKey = Array("format".utf8)
                if let found = try txn.value(dbs.meta, key: formatKey) {
                    guard found == Array(formatVersion.utf8) else {
                        txn.abort()
                        throw StoreError.incompatibleFormat(path: directory, found: String(decoding: found, as: UTF8.self))
                    }
                } else if create && isNew {
                    try txn.put(dbs.meta, key: formatKey, value: Array(formatVersion.utf8))
                } else {
                    txn.abort()
                    throw StoreError.incompatibleFormat(path: directory, found: "none: the meta table has no format record")
                }
            } catch let error as StoreError {
                throw error
            } catch {
                txn.abort()
                throw error
            }
            // Commit even a read: "if the transaction is aborted the handle will be closed automatically". Outside
            // the `do` above: LMDB frees the transaction on commit, even a failed one, so it must not be aborted.
            try txn.commit()
            return dbs
        } catch let error as StoreError {
            throw error
        } catch LMDBError.notFound {
            // A read-only open of an environment without our databases.
            throw StoreError.incompatibleFormat(path: directory, found: "none")
        } catch {
            throw StoreError.failure(operation: "opening the databases", underlying: UnderlyingError(error))
        }
    }

    /// `true` when opened without reader locks (read-only media, or ``StoreConfiguration/readWithoutLocks``).
    public var isLockless: Bool { managed.isLockless }

    /// A database that a store made by an earlier version lacks: `nil` when it is missing and cannot be created.
    private static func openOptionalDatabase(_ name: String, in txn: LMDBTransaction, create: Bool) throws -> LMDBDatabase? {
        do { return try txn.openDatabase(name, create: create) } catch LMDBError.notFound where !create { return nil }
    }

    /// `true` when opened with ``StoreConfiguration/Mode/readOnly``.
    public var isReadOnly: Bool { environment.isReadOnly }

    // MARK: Transactions

    /// Runs `body` in a short read transaction. "A read-only transaction … should be kept short":
    /// a long reader stops LMDB from reusing pages.
    public func read<R>(_ body: (ReadTransaction) throws -> R) throws -> R {
        try managed.read { txn in try body(ReadTransaction(txn: txn, databases: databases)) }
    }

    /// A read that fails rather than waits when the map must be adopted (see ``ManagedEnvironment/read(mayWaitToAdopt:_:)``).
    func readWithoutWaiting<R>(_ body: (ReadTransaction) throws -> R) throws -> R {
        try managed.read(mayWaitToAdopt: false) { txn in try body(ReadTransaction(txn: txn, databases: databases)) }
    }

    // MARK: Head

    /// The head digest: the last position and its hash, or `nil` for an empty log.
    public func head() throws -> Digest? {
        try read { txn in try txn.head() }
    }
}

/// A position and the chain hash there: what an auditor keeps to prove, later, that the log still extends it.
public struct Digest: Sendable, Equatable, CustomStringConvertible {
    /// The position of the event whose hash this is.
    public let position: UInt64
    /// 32 bytes.
    public let hash: [UInt8]

    /// Creates a digest from a position and the 32-byte chain hash there (not checked against any store).
    public init(position: UInt64, hash: [UInt8]) {
        self.position = position
        self.hash = hash
    }

    /// The hash in lower-case hex (64 digits).
    public var hashHex: String { Hex.encode(hash) }

    /// `POSITION:HASH`, the form `wfl verify --digest` takes.
    public var description: String { "\(position):\(hashHex)" }

    /// Parses `POSITION:HASH` (64 hex digits); `nil` when malformed.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = UInt64(parts[0]), position > 0,
            parts[1].utf8.count == 64, let hash = Hex.decode(String(parts[1]))
        else { return nil }
        self.init(position: position, hash: hash)
    }
}

extension LedgerStore {
    /// `true` when `directory` does not exist or is an empty directory: the only places a new store is made in.
    /// Anything else is a store already, or not a place for one (`/`, a home directory, a store whose data file
    /// was deleted).
    public static func isPlaceForNewStore(_ directory: String) -> Bool {
        // A directory whose state cannot be read is no place for a new store: the answer errs on the safe side.
        guard let state = try? EnvironmentFiles.state(of: directory) else { return false }
        return state == .absent || state == .empty
    }

    /// Deletes the store in `directory` (its environment's files, then the directory when it is left empty).
    ///
    /// Only for a store that no process has open: a private scratch copy, or a new store whose first write was
    /// refused before anyone else could see it.
    public static func deleteStore(at directory: String) {
        unlink(directory + "/data.mdb")
        unlink(directory + "/lock.mdb")
        rmdir(directory)
    }

    /// The current size of the memory map in bytes (it grows by itself when full).
    public func mapSizeInBytes() throws -> Int {
        try managed.mapSize()
    }
}
