import LedgerStore

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
    /// The LMDB environment of the read models, or `nil` when they live in memory.
    let environment: KeyValueEnvironment?
    /// The in-memory read models (used when `environment` is `nil`).
    var memory = MemorySink()
    var memoryCheckpoint: UInt64 = 0
    /// Events applied per write transaction.
    public var chunkSize: Int = 1_000_000

    /// Opens the read models of `store` in `directory` (default `<store>/readmodels`), falling back to memory when
    /// they cannot be opened for writing.
    public init(store: LedgerStore, directory: String? = nil) {
        self.store = store
        let path = directory ?? store.directory + "/readmodels"
        // Writable when possible; else (read-only media) the stored read models as they are, usable while they are
        // caught up to what a report needs, with an in-memory replay as the caller's fallback.
        environment =
            (try? KeyValueEnvironment(directory: path, tables: ReadModelCatalog.tables, durable: true))
            ?? (try? KeyValueEnvironment(directory: path, tables: ReadModelCatalog.tables, readOnly: true))
    }

    /// `true` when the read models persist on disk and can be written (caught up, rebuilt).
    public var isWritable: Bool { environment.map { !$0.isReadOnly } ?? false }

    /// Read models that live in memory only (a replay), whatever the store's medium.
    public init(inMemoryFor store: LedgerStore) {
        self.store = store
        environment = nil
    }

    /// `true` when the read models persist on disk.
    public var isPersistent: Bool { environment != nil }

    // MARK: Catching up

    /// Applies the events after the checkpoint, up to `position` (default: the head), in chunks of ``chunkSize``,
    /// each committed with its checkpoint. Returns the checkpoint reached. `progress(applied, target)` is called
    /// after each chunk.
    @discardableResult
    public func catchUp(to position: UInt64? = nil, progress: ((UInt64, UInt64) -> Void)? = nil) throws -> UInt64 {
        let target = try position ?? store.head()?.position ?? 0
        guard let environment else { return try catchUpInMemory(to: target, progress: progress) }
        try validate(environment)
        let current = try environment.read { txn in try Self.checkpoint(txn, txn.table(ReadModelCatalog.metaTable)).position }
        if current >= target { return current }  // up to date: no write lock taken
        while true {
            let reached: UInt64? = try environment.write { txn in
                let meta = try txn.table(ReadModelCatalog.metaTable)
                let checkpoint = try Self.checkpoint(txn, meta)
                guard checkpoint.position < target else { return nil }
                var sink = TableSink(txn: txn)
                let last = try apply(
                    from: checkpoint.position + 1, to: min(checkpoint.position + UInt64(chunkSize), target), to: &sink)
                try sink.write()
                try txn.put(Self.checkpointKey, last.position.bigEndianBytes + last.hash, in: meta)
                return last.position
            }
            guard let reached else { break }
            progress?(reached, target)
        }
        return try environment.read { txn in try Self.checkpoint(txn, txn.table(ReadModelCatalog.metaTable)).position }
    }

    /// Drops the read models and rebuilds them from the first event.
    @discardableResult
    public func rebuild(progress: ((UInt64, UInt64) -> Void)? = nil) throws -> UInt64 {
        if let environment {
            try reset(environment)
        } else {
            memory = MemorySink()
            memoryCheckpoint = 0
        }
        return try catchUp(progress: progress)
    }

    /// The checkpoint: the position of the last event applied (0 when none).
    public func checkpoint() throws -> UInt64 {
        guard let environment else { return memoryCheckpoint }
        return try environment.read { txn in try Self.checkpoint(txn, txn.table(ReadModelCatalog.metaTable)).position }
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

    // MARK: Checkpoint and format

    static let checkpointKey = Array("checkpoint".utf8)
    static let formatKey = Array("format".utf8)

    static func checkpoint(_ txn: KeyValueTransaction, _ meta: KeyValueTable) throws -> (position: UInt64, hash: [UInt8]) {
        guard let value = try txn.get(checkpointKey, in: meta), value.count == 40 else { return (0, []) }
        var position: UInt64 = 0
        for byte in value[0..<8] { position = position << 8 | UInt64(byte) }
        return (position, Array(value[8...]))
    }

    /// Rebuilds from scratch when the read models are of another format, or when their checkpoint is not in this
    /// store's chain (a different or replaced store).
    private func validate(_ environment: KeyValueEnvironment) throws {
        let (format, checkpoint) = try environment.read { txn in
            let meta = try txn.table(ReadModelCatalog.metaTable)
            return (try txn.get(Self.formatKey, in: meta), try Self.checkpoint(txn, meta))
        }
        var valid = format == Array(ReadModelCatalog.format.utf8)
        if valid, checkpoint.position > 0 {
            let stored = try store.read { txn in try txn.withEvent(at: checkpoint.position) { $0.map { Array($0.hash) } } }
            valid = stored == checkpoint.hash
        }
        if !valid {
            guard !environment.isReadOnly else { throw ReadModelError.corrupt("stale read models on read-only media") }
            try reset(environment)
        }
    }

    private func reset(_ environment: KeyValueEnvironment) throws {
        try environment.write { txn in
            for name in ReadModelCatalog.tables { try txn.removeAll(in: txn.table(name)) }
            try txn.put(Self.formatKey, Array(ReadModelCatalog.format.utf8), in: txn.table(ReadModelCatalog.metaTable))
        }
    }

    // MARK: Reading facts

    /// Calls `body(key, facts bytes)` for every entity of the read model `model`.
    func forEachEntity(in model: String, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws {
        if let environment {
            try environment.read { txn in
                try txn.forEach(in: txn.table(model)) { key, value in
                    try body(key, value)
                    return true
                }
            }
        } else {
            for (key, value) in memory.tables[model] ?? [:] {
                try key.withUnsafeBytes { k in try value.withUnsafeBytes { v in try body(k, v) } }
            }
        }
    }

    /// The latest day with an event at a position ≤ `position` that is neither voided (in `voided`) nor a void.
    func latestDay(atPosition position: UInt64, voided: Set<UInt64>) throws -> Day? {
        func firstLive(_ positions: UnsafeRawBufferPointer) -> Bool {
            var i = 0
            var p: UInt64 = 0
            var shift: UInt64 = 0
            while i < positions.count {
                let byte = positions[i]
                i += 1
                p |= UInt64(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 {
                    if p <= position, !voided.contains(p) { return true }
                    p = 0
                    shift = 0
                }
            }
            return false
        }
        if let environment {
            return try environment.read { txn in
                var found: Day?
                try txn.forEachReversed(in: txn.table(ReadModelCatalog.datesTable)) { key, value in
                    if firstLive(value) { found = EventDatesProjector.day(fromKey: key) }
                    return found == nil
                }
                return found
            }
        }
        let days = (memory.tables[ReadModelCatalog.datesTable] ?? [:]).map { entry in
            (entry.key.withUnsafeBytes { EventDatesProjector.day(fromKey: $0) }, entry.value)
        }.sorted { $0.0 > $1.0 }
        for (day, positions) in days where positions.withUnsafeBytes({ firstLive($0) }) { return day }
        return nil
    }
}

/// A ``FactSink`` over the tables of a write transaction.
struct TableSink: FactSink {
    let txn: KeyValueTransaction
    /// The appends of this chunk, per table, in the order the projectors made them.
    private var pending: [String: [(key: [UInt8], bytes: [UInt8])]] = [:]

    init(txn: KeyValueTransaction) { self.txn = txn }

    mutating func append(_ bytes: [UInt8], to key: ArraySlice<UInt8>, table name: String) throws {
        pending[name, default: []].append((Array(key), bytes))
    }

    /// Writes the chunk's appends, each table's keys in sorted order through one cursor; call once, before the
    /// checkpoint is written in the same transaction.
    mutating func write() throws {
        for name in pending.keys.sorted() {
            try txn.append(pending[name] ?? [], in: try txn.table(name))
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
        ReadModelCatalog.caseload, ReadModelCatalog.capacity, ReadModelCatalog.outcomes, ReadModelCatalog.funding,
    ]

    /// The format and checkpoint of the read models in `directory`, opened read-only (for `wfl status`); `nil` when
    /// there are none.
    public static func storedStatus(directory: String) throws -> (format: String, checkpoint: UInt64)? {
        let environment: KeyValueEnvironment
        do {
            environment = try KeyValueEnvironment(directory: directory, tables: ReadModelCatalog.tables, readOnly: true)
        } catch StoreError.storeNotFound {
            return nil
        }
        return try environment.read { txn in
            let meta = try txn.table(ReadModelCatalog.metaTable)
            let format = try txn.get(formatKey, in: meta).map { String(decoding: $0, as: UTF8.self) } ?? "none"
            return (format, try checkpoint(txn, meta).position)
        }
    }
}
