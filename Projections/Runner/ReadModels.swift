import LedgerStore

#if canImport(Glibc)
    import Glibc
#endif

/// The read models of a store, kept in a sibling LMDB environment (`<store>/readmodels/`) and caught up from
/// their checkpoint before each report. When that environment cannot be written (read-only media), the read
/// models are built in memory by a replay instead: the reports are the same.
///
/// ```swift
/// let store = try LedgerStore(directory: "ledger", configuration: StoreConfiguration(mode: .readOnly))
/// let models = ReadModels(store: store)
/// let head = try models.catchUp()
/// let report = try models.outcomes(query: ReportQuery(position: head, asOf: nil, minCell: 10))
/// ```
public final class ReadModels {
    /// The ledger the read models are projected from.
    public let store: LedgerStore
    /// Where the read models persist (`<store>/readmodels`), or `nil` when they live in memory only.
    let directory: String?
    /// The LMDB environment of the read models; `nil` in memory, and while none exists or the stored one cannot be
    /// opened (then a catch-up builds a new one when the store's directory can be written).
    private(set) var environment: KeyValueEnvironment?
    /// The in-memory read models (used when `directory` is `nil`).
    var memory = MemorySink()
    var memoryCheckpoint: UInt64 = 0
    /// Events applied per write transaction.
    public var chunkSize: Int = 1_000_000

    /// Opens the read models of `store` in `directory` (default `<store>/readmodels`): for writing when possible,
    /// else read-only (read-only media). Damaged or missing read models are not opened; ``catchUp(to:progress:)``
    /// builds new ones when it can.
    public init(store: LedgerStore, directory: String? = nil) {
        self.store = store
        let path = directory ?? store.directory + "/readmodels"
        self.directory = path
        environment = Self.openStored(path, noLock: store.isLockless)
    }

    /// Read models that live in memory only (a replay), whatever the store's medium.
    public init(inMemoryFor store: LedgerStore) {
        self.store = store
        directory = nil
        environment = nil
    }

    /// The stored read models at `path`, writable when possible; `nil` when there are none or they cannot be opened
    /// (a damaged file, a missing table).
    private static func openStored(_ path: String, noLock: Bool) -> KeyValueEnvironment? {
        guard !LedgerStore.isPlaceForNewStore(path) else { return nil }
        // Either failure means "no usable stored read models": the caller replays the log instead (see the doc).
        return (try? KeyValueEnvironment(directory: path, tables: ReadModelCatalog.tables, mustExist: true))
            ?? (try? KeyValueEnvironment(directory: path, tables: ReadModelCatalog.tables, readOnly: true, noLock: noLock))
    }

    /// `true` when new read models can be built on disk: the store's directory is writable and not lock-free, and
    /// the read models' place is free or a directory (never a file someone put there).
    private var canBuild: Bool {
        guard let directory, !store.isLockless else { return false }
        var info = stat()
        if lstat(directory, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { return false }
        let parent = directory.contains("/") ? String(directory[..<(directory.lastIndex(of: "/") ?? directory.endIndex)]) : "."
        return access(parent.isEmpty ? "/" : parent, W_OK) == 0
    }

    /// `true` when the read models persist on disk and can be written (caught up, rebuilt).
    public var isWritable: Bool { environment.map { !$0.isReadOnly } ?? canBuild }

    /// `true` when the read models persist on disk (as they are, or built on the next catch-up).
    public var isPersistent: Bool { directory != nil && (environment != nil || canBuild) }

    // MARK: Catching up

    /// Applies the events after the checkpoint, up to `position` (default: the head), in chunks of ``chunkSize``,
    /// each committed with its checkpoint. Returns the checkpoint reached. `progress(applied, target)` is called
    /// after each chunk.
    ///
    /// Read models that are missing, damaged (a checksum that does not match, a file LMDB refuses), of another
    /// format or of another chain are rebuilt from scratch when they can be written; else this throws.
    @discardableResult
    public func catchUp(to position: UInt64? = nil, progress: ((UInt64, UInt64) -> Void)? = nil) throws -> UInt64 {
        let target = try position ?? store.head()?.position ?? 0
        guard directory != nil else { return try catchUpInMemory(to: target, progress: progress) }
        guard let environment else {
            guard canBuild else { throw ReadModelError.corrupt("no usable read models, and none can be built here") }
            return try rebuild(to: target, progress: progress)
        }
        do {
            guard try isValid(environment) else {
                guard !environment.isReadOnly else { throw ReadModelError.corrupt("stale read models on read-only media") }
                return try rebuild(to: target, progress: progress)
            }
            return try catchUpStored(environment, to: target, progress: progress)
        } catch let error where !environment.isReadOnly && Self.meansDamage(error) {
            return try rebuild(to: target, progress: progress)
        }
    }

    private func catchUpStored(
        _ environment: KeyValueEnvironment, to target: UInt64, progress: ((UInt64, UInt64) -> Void)?
    ) throws -> UInt64 {
        let current = try environment.read { txn in try Self.checkpoint(txn).position }
        if current >= target { return current }  // up to date: no write lock taken
        guard !environment.isReadOnly else { throw ReadModelError.corrupt("stale read models on read-only media") }
        while true {
            let reached: UInt64? = try environment.write { txn in
                var checkpoint = try Self.checkpoint(txn)
                guard checkpoint.position < target else { return nil }
                try applyChunk(txn, &checkpoint, to: target)
                return checkpoint.position
            }
            guard let reached else { break }
            progress?(reached, target)
        }
        return try environment.read { txn in try Self.checkpoint(txn).position }
    }

    /// Applies the next chunk after `checkpoint` (at most ``chunkSize`` events, up to `target`) in `txn` and writes
    /// the checkpoint it reaches.
    private func applyChunk(_ txn: KeyValueTransaction, _ checkpoint: inout ReadModelCheckpoint, to target: UInt64) throws {
        var sink = TableSink(txn: txn, digests: checkpoint.digests)
        let last = try apply(
            from: checkpoint.position + 1, to: min(checkpoint.position + UInt64(chunkSize), target), to: &sink)
        try sink.write()
        checkpoint = ReadModelCheckpoint(position: last.position, hash: last.hash, digests: sink.digests)
        try txn.put(ReadModelCheckpoint.key, checkpoint.encoded(), in: txn.table(ReadModelCatalog.metaTable))
    }

    /// Drops the read models and rebuilds them from the first event, up to the head.
    ///
    /// The stored read models are never read: new ones are built in a private sibling directory and swapped in with
    /// one atomic exchange, so a damaged file is repaired, and a report running meanwhile sees the old read models or
    /// the new ones, never a half-built state.
    @discardableResult
    public func rebuild(progress: ((UInt64, UInt64) -> Void)? = nil) throws -> UInt64 {
        guard directory != nil else {
            memory = MemorySink()
            memoryCheckpoint = 0
            return try catchUp(progress: progress)
        }
        return try rebuild(to: try store.head()?.position ?? 0, progress: progress)
    }

    private func rebuild(to target: UInt64, progress: ((UInt64, UInt64) -> Void)?) throws -> UInt64 {
        guard let directory else { return try catchUpInMemory(to: target, progress: progress) }
        environment = nil  // close this process's handle on the files being replaced
        environment = try ReadModelInstaller.replace(directory) { fresh in
            try fresh.write { txn in
                try txn.put(Self.formatKey, Array(ReadModelCatalog.format.utf8), in: txn.table(ReadModelCatalog.metaTable))
            }
            var reached: UInt64 = 0
            while reached < target {
                reached = try fresh.write { txn in
                    var checkpoint = try Self.checkpoint(txn)
                    try applyChunk(txn, &checkpoint, to: target)
                    return checkpoint.position
                }
                progress?(reached, target)
            }
        }
        return target
    }

    /// The checkpoint: the position of the last event applied (0 when none).
    public func checkpoint() throws -> UInt64 {
        guard directory != nil else { return memoryCheckpoint }
        guard let environment else { return 0 }
        return try environment.read { txn in try Self.checkpoint(txn).position }
    }

    private func catchUpInMemory(to target: UInt64, progress: ((UInt64, UInt64) -> Void)?) throws -> UInt64 {
        while memoryCheckpoint < target {
            let last = try apply(
                from: memoryCheckpoint + 1, to: min(memoryCheckpoint + UInt64(chunkSize), target), to: &memory)
            memoryCheckpoint = last.position
            progress?(memoryCheckpoint, target)
        }
        return memoryCheckpoint
    }

    /// Decodes events `from…to` once and feeds every projector, then flushes them into `sink`.
    /// Returns the last position applied and its chain hash.
    ///
    /// The log is read and decoded on a second thread (``EventFeed``) while this one folds the events into the
    /// projectors, in position order.
    private func apply(from: UInt64, to: UInt64, to sink: inout some FactSink) throws -> (position: UInt64, hash: [UInt8]) {
        var projectors = ReadModelCatalog.ProjectorSet()
        var entities = EntityIndex()
        let feed = EventFeed(store: store, from: from, to: to)
        // `finish()` is called exactly once, also if this function leaves early: the reading thread holds a read
        // transaction (and the map) until then.
        var finished = false
        // Leaving early means another error is already on its way out: the feed's own outcome is moot then.
        defer { if !finished { _ = try? feed.finish() } }
        while true {
            let chunk = feed.next()
            for item in chunk.items {
                let slot = entities.slot(item.event.entity, item.event.entityId)
                projectors.apply(item.event, slot: slot, voidTarget: item.voidTarget)
            }
            if chunk.isLast { break }
        }
        finished = true
        let (lastPosition, lastHash) = try feed.finish()
        guard lastPosition == to else {
            throw ReadModelError.corrupt("the log ends at \(lastPosition), before position \(to)")
        }
        try projectors.flush(entities: entities, to: &sink)
        return (lastPosition, lastHash)
    }

    // MARK: Reading consistently

    /// Runs `body` with one consistent view of the read models that covers at least `position`: one read
    /// transaction for everything the report reads (the checkpoint, its digests and the tables).
    ///
    /// - Throws: ``ReadModelError/corrupt(_:)`` when the view is behind `position` (another process replaced the read
    ///   models with older ones meanwhile) or damaged.
    func withView<R>(atLeast position: UInt64, _ body: (ReadModelView) throws -> R) throws -> R {
        guard directory != nil else {
            guard memoryCheckpoint >= position else {
                throw ReadModelError.corrupt("the replay reached \(memoryCheckpoint), not \(position)")
            }
            return try body(ReadModelView(source: .memory(memory)))
        }
        guard let environment else { throw ReadModelError.corrupt("there are no read models") }
        return try environment.read { txn in
            let checkpoint = try Self.checkpoint(txn)
            guard checkpoint.position >= position else {
                throw ReadModelError.corrupt("the read models reach position \(checkpoint.position), not \(position)")
            }
            return try body(ReadModelView(source: .tables(txn, checkpoint)))
        }
    }

    // MARK: Checkpoint and format

    static let formatKey = Array("format".utf8)

    /// The stored checkpoint (position 0 and empty digests when none was written yet).
    static func checkpoint(_ txn: KeyValueTransaction) throws -> ReadModelCheckpoint {
        let meta = try txn.table(ReadModelCatalog.metaTable)
        return try ReadModelCheckpoint.key.withUnsafeBytes { key in
            try txn.withValue(key, in: meta) { try ReadModelCheckpoint.decode($0) }
        } ?? ReadModelCheckpoint()
    }

    /// `false` when the read models are of another format, or when their checkpoint is not in this store's chain
    /// (a different or replaced store): they must be rebuilt.
    private func isValid(_ environment: KeyValueEnvironment) throws -> Bool {
        let (format, checkpoint) = try environment.read { txn in
            (try txn.get(Self.formatKey, in: txn.table(ReadModelCatalog.metaTable)), try Self.checkpoint(txn))
        }
        guard format == Array(ReadModelCatalog.format.utf8) else { return false }
        guard checkpoint.position > 0 else { return true }
        let stored = try store.read { txn in try txn.withEvent(at: checkpoint.position) { $0.map { Array($0.hash) } } }
        return stored == checkpoint.hash
    }

    /// `true` for the errors that mean the stored read models are damaged (as opposed to the ledger or the system).
    static func meansDamage(_ error: any Error) -> Bool {
        if error is ReadModelError { return true }
        if let lmdb = error as? LMDBError { return lmdb.meansCorruption }
        switch error as? StoreError {
        case .storage(_, let lmdb)?: return lmdb.meansCorruption
        case .damaged?, .incompatibleFormat?: return true
        default: return false
        }
    }
}

/// A ``FactSink`` over the tables of a write transaction: appends to sealed values (``ReadModelSeal``), checking
/// each value it extends and keeping each table's digest.
struct TableSink: FactSink {
    let txn: KeyValueTransaction
    /// The appends of this chunk, per table, in the order the projectors made them.
    private var pending: [String: [(key: [UInt8], bytes: [UInt8])]] = [:]
    /// Each table's digest, as of the checkpoint before this chunk and then with its writes.
    private(set) var digests: [String: TableDigest]

    init(txn: KeyValueTransaction, digests: [String: TableDigest]) {
        self.txn = txn
        self.digests = digests
    }

    mutating func append(_ bytes: [UInt8], to key: ArraySlice<UInt8>, table name: String) throws {
        pending[name, default: []].append((Array(key), bytes))
    }

    /// Writes the chunk's appends, each table's keys in sorted order through one cursor; call once, before the
    /// checkpoint is written in the same transaction.
    mutating func write() throws {
        for name in pending.keys.sorted() {
            var digest = digests[name] ?? TableDigest()
            try txn.merge(pending[name] ?? [], in: try txn.table(name)) { key, existing, additions, value in
                if let existing {
                    let (payload, checksum) = try ReadModelSeal.open(existing, key: key, table: name)
                    digest.remove(checksum)
                    value.append(contentsOf: payload)
                }
                for addition in additions { value.append(contentsOf: addition) }
                digest.add(ReadModelSeal.seal(&value, key: key))
            }
            digests[name] = digest
        }
        pending.removeAll()
    }
}

/// In-memory read models: per table, key → value.
struct MemorySink: FactSink {
    var tables: [String: [[UInt8]: [UInt8]]] = [:]

    mutating func append(_ bytes: [UInt8], to key: ArraySlice<UInt8>, table: String) throws {
        tables[table, default: [:]][Array(key), default: []].append(contentsOf: bytes)
    }
}

extension UInt64 {
    /// The 8 big-endian bytes.
    var bigEndianBytes: [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: self >> (56 - 8 * $0)) } }
}

extension ReadModels {
    /// The names of the read models kept in one environment under `<store>/readmodels`.
    public static let modelNames = [
        ReadModelCatalog.caseload, ReadModelCatalog.capacity, ReadModelCatalog.outcomes, "funding",
    ]

    /// The format and checkpoint of the read models in `directory`, opened read-only (for `wfl status`); `nil` when
    /// there are none.
    public static func storedStatus(directory: String) throws -> (format: String, checkpoint: UInt64)? {
        let environment: KeyValueEnvironment
        do {
            environment = try KeyValueEnvironment(directory: directory, tables: ReadModelCatalog.tables, readOnly: true)
        } catch StoreError.storeNotFound, StoreError.notAStore {
            return nil
        }
        return try environment.read { txn in
            let meta = try txn.table(ReadModelCatalog.metaTable)
            let format = try txn.get(formatKey, in: meta).map { String(decoding: $0, as: UTF8.self) } ?? "none"
            return (format, try checkpoint(txn).position)
        }
    }
}

/// What ``ReadModels/audit(store:directory:)`` found in the stored read models.
public enum ReadModelAudit: Sendable, Equatable {
    /// There are no stored read models.
    case absent
    /// Every table equals a fresh replay of the log up to the checkpoint, and every checksum matches.
    case intact(checkpoint: UInt64)
    /// The read models are of another format (an upgrade): not damage; reports rebuild them.
    case stale(String)
    /// The stored read models disagree with the log, or their files or checksums are damaged.
    case damaged(String)
}

extension ReadModels {
    /// Checks the stored read models in `directory` (default `<store>/readmodels`) against a fresh replay of the log in
    /// memory up to their checkpoint: every table's entries, byte for byte, and every checksum and digest. Opens them
    /// read-only and writes nothing.
    public static func audit(store: LedgerStore, directory: String? = nil) throws -> ReadModelAudit {
        let path = directory ?? store.directory + "/readmodels"
        let environment: KeyValueEnvironment
        do {
            environment = try KeyValueEnvironment(
                directory: path, tables: ReadModelCatalog.tables, readOnly: true, noLock: store.isLockless)
        } catch StoreError.storeNotFound, StoreError.notAStore {
            return .absent
        } catch StoreError.incompatibleFormat {
            return .stale("they lack tables of this version")
        } catch {
            return .damaged("they cannot be opened: \(error)")
        }
        do {
            let (format, stored): ([UInt8]?, ReadModelCheckpoint) = try environment.read { txn in
                (try txn.get(Self.formatKey, in: txn.table(ReadModelCatalog.metaTable)), try Self.checkpoint(txn))
            }
            guard format == Array(ReadModelCatalog.format.utf8) else {
                return .stale(
                    "format \(format.map { String(decoding: $0, as: UTF8.self) } ?? "none"), not \(ReadModelCatalog.format)")
            }
            guard stored.position <= (try store.head()?.position ?? 0) else {
                return .damaged("their checkpoint \(stored.position) lies beyond the log's head")
            }
            if stored.position > 0 {
                let hash = try store.read { txn in try txn.withEvent(at: stored.position) { $0.map { Array($0.hash) } } }
                guard hash == stored.hash else {
                    return .damaged("their checkpoint's chain hash is not the log's at position \(stored.position)")
                }
            }
            let replay = ReadModels(inMemoryFor: store)
            try replay.catchUp(to: stored.position)
            let difference = try environment.read { txn in
                try firstDifference(ReadModelView(source: .tables(txn, stored)), replay.memory)
            }
            return difference.map { ReadModelAudit.damaged($0) } ?? .intact(checkpoint: stored.position)
        } catch let error where meansDamage(error) {
            return .damaged("\(error)")
        }
    }

    /// The first table entry where the stored view and the replay disagree, described; `nil` when they are equal.
    private static func firstDifference(_ stored: ReadModelView, _ replay: MemorySink) throws -> String? {
        for table in ReadModelCatalog.factTables {
            let expected = replay.tables[table] ?? [:]
            var seen = 0
            var difference: String?
            try stored.forEachEntity(in: table) { key, value in
                guard difference == nil else { return }
                seen += 1
                if expected[Array(key)] != Array(value) {
                    difference = "table \(table) holds an entry that a replay of the log does not produce"
                }
            }
            if let difference { return difference }
            if seen != expected.count { return "table \(table) lacks \(expected.count - seen) entries a replay produces" }
        }
        return nil
    }
}
