/// An event proposed for appending: the input envelope, its canonical `data`, and the caller's decoded payload.
public struct ProposedEvent<Payload> {
    public var type: String { didSet { canonicalParts = nil } }
    /// The client's idempotency key (the caller makes a UUID when the client gave none).
    public var eventId: String { didSet { canonicalParts = nil } }
    public var occurredAt: String { didSet { canonicalParts = nil } }
    public var actor: String { didSet { canonicalParts = nil } }
    /// The RFC 8785 bytes of the `data` object.
    public var data: [UInt8] { didSet { canonicalParts = nil } }
    /// The version the stream must be at before this event (0: the stream must not exist), or `nil`.
    public var expectedVersion: UInt64?
    /// What the caller decoded from the input, handed back to its ``AppendRules``.
    public var payload: Payload
    /// The stored bytes that do not depend on where the event lands, made by ``prepareCanonicalParts()``;
    /// cleared when a field they hold changes.
    private(set) var canonicalParts: StoredEventFormat.FixedParts?

    public init(
        type: String, eventId: String, occurredAt: String, actor: String, data: [UInt8],
        expectedVersion: UInt64? = nil, payload: Payload
    ) {
        self.type = type
        self.eventId = eventId
        self.occurredAt = occurredAt
        self.actor = actor
        self.data = data
        self.expectedVersion = expectedVersion
        self.payload = payload
    }

    /// Encodes now the parts of the stored event that do not depend on its position or stream, so that the
    /// store's writer only fills in the rest (a decoding thread calls this to take work off the writer's).
    /// Optional: the store encodes whatever was not prepared; the stored bytes are the same either way.
    /// - Parameter typeHash: `StringTable.hash(type)`, when the caller keeps it per type (it is hashed otherwise).
    public mutating func prepareCanonicalParts(typeHash: Int? = nil) {
        canonicalParts = StoredEventFormat.FixedParts(
            actor: actor, data: data, eventId: eventId, occurredAt: occurredAt, type: type, typeHash: typeHash)
    }
}

/// A proposed event can cross threads when its payload can (a decoding thread hands events to the writer).
extension ProposedEvent: Sendable where Payload: Sendable {}

/// The domain's part of an append. The store calls it, inside the write transaction, in this order for each event:
/// idempotency (the store's), ``stream(for:in:)``, the expected-version check (the store's), ``check(_:stream:in:)``.
///
/// A rule that throws must leave its state as it was: the event is not stored, and the batch goes on so that
/// every bad event can be reported before the whole batch is refused.
public protocol AppendRules {
    associatedtype Payload

    /// The stream of a new (non-duplicate) event. May read the ledger through `batch` (a void's stream is that of
    /// its target, for instance).
    mutating func stream(for event: ProposedEvent<Payload>, in batch: AppendBatch) throws(EventRejection) -> String

    /// Checks the domain rules against everything stored before and earlier in the batch, and records what later
    /// checks need. Called after the expected-version check, only for events that will be stored.
    mutating func check(_ event: ProposedEvent<Payload>, stream: String, in batch: AppendBatch) throws(EventRejection)

    /// Called once after the last event, before the transaction commits: write cached rule state back with
    /// ``AppendBatch/setState(_:forKey:)``. The driver of the batch calls it (the convenience
    /// ``LedgerStore/append(_:rules:)`` does).
    mutating func finish(in batch: AppendBatch) throws
}

extension AppendRules {
    public mutating func finish(in batch: AppendBatch) throws {}
}

/// What happened to one proposed event.
public enum AppendOutcome: Sendable, Equatable {
    /// Stored now at `position`.
    case appended(position: UInt64, stream: String, streamVersion: UInt64)
    /// Its `eventId` was already stored with the same content: nothing written; the stored position is reported.
    case duplicate(position: UInt64, stream: String, streamVersion: UInt64)

    public var position: UInt64 {
        switch self {
        case .appended(let position, _, _), .duplicate(let position, _, _): return position
        }
    }

    public var stream: String {
        switch self {
        case .appended(_, let stream, _), .duplicate(_, let stream, _): return stream
        }
    }

    public var streamVersion: UInt64 {
        switch self {
        case .appended(_, _, let version), .duplicate(_, _, let version): return version
        }
    }

    public var isDuplicate: Bool {
        if case .duplicate = self { return true }
        return false
    }
}

/// Rules that accept every event into a stream the caller names in the payload. For tests and generic tools.
public struct StreamNamedRules: AppendRules {
    public init() {}

    public func stream(for event: ProposedEvent<String>, in batch: AppendBatch) throws(EventRejection) -> String {
        event.payload
    }

    public func check(_ event: ProposedEvent<String>, stream: String, in batch: AppendBatch) throws(EventRejection) {}
}
