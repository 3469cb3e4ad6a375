import LedgerStore

extension ReadModels {
    /// The read models of `store` caught up to `position`, ready for a report: the persistent ones when they can be
    /// written, else an in-memory replay (read-only media, or read models that fail to catch up).
    ///
    /// A failure of the persistent read models is not an error of the report: the report is a pure function of the
    /// log, so it is computed from a replay instead, with the same bytes (the policy of REPORTS.md; tested by
    /// `unwritableReadModelsFallBackToAReplay`). A failure of the log itself is thrown by the replay.
    ///
    /// - Parameter chunkSize: events per committed chunk (default ``ReadModels/chunkSize``'s); tests pass a small
    ///   value to interrupt a catch-up between two commits.
    public static func caughtUp(store: LedgerStore, to position: UInt64, chunkSize: Int? = nil) throws -> ReadModels {
        let models = ReadModels(store: store)
        if let chunkSize { models.chunkSize = max(chunkSize, 1) }
        if models.isPersistent {
            do {
                try models.catchUp(to: position)
                return models
            } catch {
                // Replayed below: see the policy above.
            }
        }
        let memory = ReadModels(inMemoryFor: store)
        try memory.catchUp(to: position)
        return memory
    }
}
