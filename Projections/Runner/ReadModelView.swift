import LedgerStore

/// One consistent view of the read models for a report: everything a report reads comes from one read transaction
/// (or the in-memory replay), so a catch-up or rebuild committed meanwhile by another process is either wholly
/// visible or not at all. Obtained from ``ReadModels/withView(atLeast:_:)``.
///
/// Reading the stored tables checks every value's checksum and, since each read scans a whole table, the table's
/// entry count and checksum sum against the checkpoint: damage is a ``ReadModelError/corrupt(_:)``, never a wrong
/// number.
struct ReadModelView {
    enum Source {
        case tables(KeyValueTransaction, ReadModelCheckpoint)
        case memory(MemorySink)
    }

    let source: Source

    /// Calls `body(key, facts bytes)` for every entity of the read model `model`.
    func forEachEntity(in model: String, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws {
        switch source {
        case .tables(let txn, let checkpoint):
            var digest = TableDigest()
            try txn.forEach(in: txn.table(model)) { key, value in
                let (payload, checksum) = try ReadModelSeal.open(value, key: key, table: model)
                digest.add(checksum)
                try body(key, payload)
                return true
            }
            guard digest == checkpoint.digests[model] ?? TableDigest() else {
                throw ReadModelError.corrupt("table \(model) holds \(digest.count) entries that do not add up to its digest")
            }
        case .memory(let memory):
            for (key, value) in memory.tables[model] ?? [:] {
                try key.withUnsafeBytes { k in try value.withUnsafeBytes { v in try body(k, v) } }
            }
        }
    }

    /// The latest day with an event at a position ≤ `position` that is neither voided (in `voided`) nor a void.
    func latestDay(atPosition position: UInt64, voided: Set<UInt64>) throws -> Day? {
        func firstLive(_ positions: UnsafeRawBufferPointer) -> Bool {
            var i = 0
            while let p = VarInt.read(positions, at: &i) {
                if p <= position, !voided.contains(p) { return true }
            }
            return false
        }
        // The whole table is read, so that its digest can be checked (a few thousand days at most).
        var found: Day?
        try forEachEntity(in: ReadModelCatalog.datesTable) { key, value in
            guard firstLive(value) else { return }
            let day = EventDatesProjector.day(fromKey: key)
            if found.map({ day > $0 }) ?? true { found = day }
        }
        return found
    }
}
