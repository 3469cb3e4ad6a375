/// What an exported event says the store decided for it: where it was stored, when, and its chain hash.
public struct StoredStamp: Sendable, Equatable {
    public var position: UInt64
    public var stream: String
    public var streamVersion: UInt64
    /// RFC 3339 UTC, exactly as exported.
    public var recordedAt: String
    /// 32 bytes.
    public var hash: [UInt8]

    /// Creates a stamp from an exported event's stored fields.
    public init(position: UInt64, stream: String, streamVersion: UInt64, recordedAt: String, hash: [UInt8]) {
        self.position = position
        self.stream = stream
        self.streamVersion = streamVersion
        self.recordedAt = recordedAt
        self.hash = hash
    }
}

extension AppendBatch {
    /// Stages an exported event again, as it was stored: it must be the next position (positions run from 1 with no
    /// gap), be stamped with its own `recordedAt`, land in its stream at its version, and hash to its exported hash
    /// (which covers every stored field and, through the previous hash, the whole history before it). The rules run
    /// as for any append, so the rule state (and every index) is rebuilt as the events are staged.
    ///
    /// - Throws: an ``EventRejection`` saying which stored field disagrees; the caller aborts the batch.
    public func restore<Rules: AppendRules>(
        _ event: ProposedEvent<Rules.Payload>, as stamp: StoredStamp, rules: inout Rules
    ) throws(EventRejection) -> AppendOutcome {
        let next = (head?.position ?? 0) + 1
        guard stamp.position == next else {
            throw EventRejection(
                code: "invalid_value", field: "/position",
                message: "position \(stamp.position) is not the next position, \(next): positions run from 1 without a gap")
        }
        stampRecordedAt(stamp.recordedAt)
        let outcome = try append(event, rules: &rules)
        guard !outcome.isDuplicate else {
            throw EventRejection(
                code: EventRejection.eventIdConflictCode, field: "/eventId",
                message: "eventId \(event.eventId) is stored already, at position \(outcome.position)")
        }
        guard outcome.stream == stamp.stream else {
            throw EventRejection(
                code: "invalid_value", field: "/stream",
                message: "the event belongs to stream \(outcome.stream), not \(stamp.stream)")
        }
        guard outcome.streamVersion == stamp.streamVersion else {
            throw EventRejection(
                code: "invalid_value", field: "/streamVersion",
                message: "the event is version \(outcome.streamVersion) of its stream, not \(stamp.streamVersion)")
        }
        guard head?.hash == stamp.hash else {
            throw EventRejection(
                code: "invalid_value", field: "/hash",
                message: "the hash does not match the event's content and the previous hash (recomputed "
                    + "\(head?.hashHex ?? "none"))")
        }
        return outcome
    }
}
