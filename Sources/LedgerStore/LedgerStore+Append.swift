import CLMDB

extension LedgerStore {
    /// Runs `body` in one write transaction and commits what it staged: every event lands, or none does.
    ///
    /// Throwing from `body` aborts the transaction (and rethrows). Commit is durable: LMDB's default sync, so
    /// when this returns the batch is on disk.
    ///
    /// - Important: `body` may run more than once. When the memory map is full, the transaction is aborted, the
    ///   map grown, and `body` run again from the start on a fresh batch; it must not depend on state left by an
    ///   earlier run (read its input again; build its rules afresh).
    public func append<R>(_ body: (AppendBatch) throws -> R) throws -> R {
        // A storage failure met while staging an event reaches us as that event's rejection.
        try managed.write(isMapFull: { ($0 as? EventRejection)?.isMapFull == true }) { txn in
            let batch = try AppendBatch(
                txn: txn, databases: databases, recordedAt: configuration.clock(),
                flushInterval: configuration.indexFlushInterval)
            do {
                let result = try body(batch)
                try batch.finish()
                return result
            } catch {
                batch.abandon()
                throw error
            }
        }
    }

    /// Appends `events` in one batch with `rules`; throws ``BatchRejection`` listing every refused event.
    /// A convenience for programmatic callers; the CLI drives ``append(_:)`` itself to stream its input.
    public func append<Rules: AppendRules>(
        _ events: [ProposedEvent<Rules.Payload>], rules makeRules: () -> Rules
    ) throws -> [AppendOutcome] {
        try append { batch in
            var rules = makeRules()
            var outcomes: [AppendOutcome] = []
            var rejections: [BatchRejection.Item] = []
            for (index, event) in events.enumerated() {
                do {
                    outcomes.append(try batch.append(event, rules: &rules))
                } catch let error as EventRejection {
                    if error.isStorageFailure { throw error }
                    rejections.append(BatchRejection.Item(index: index, rejection: error))
                }
            }
            if !rejections.isEmpty { throw BatchRejection(items: rejections) }
            try rules.finish(in: batch)
            return outcomes
        }
    }
}

/// A batch refused because some of its events were: nothing was written.
public struct BatchRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// One refused event of the batch.
    public struct Item: Sendable, Equatable {
        /// 0-based index of the event in the batch.
        public var index: Int
        /// Why it was refused.
        public var rejection: EventRejection
        /// Creates an item for the event at `index`.
        public init(index: Int, rejection: EventRejection) {
            self.index = index
            self.rejection = rejection
        }
    }

    /// The refused events, in batch order.
    public var items: [Item]

    /// Creates a rejection of a batch from its refused events.
    public init(items: [Item]) { self.items = items }

    /// One line per refused event, numbered from 1.
    public var description: String {
        items.map { "event \($0.index + 1): \($0.rejection)" }.joined(separator: "\n")
    }
}
