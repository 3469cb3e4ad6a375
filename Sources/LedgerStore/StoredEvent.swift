import CanonicalJSON

/// A stored event as the log holds it, borrowed from LMDB's memory map.
///
/// Valid only inside the closure it was handed to (LMDB: "values returned from the database are valid only
/// until a subsequent update operation, or the end of the transaction"). Copy it with ``StoredEvent/init(_:)``.
public struct StoredEventView {
    /// Global position: 1, 2, 3, … with no gaps.
    public let position: UInt64
    /// The 32 bytes of this event's SHA-256 chain hash.
    public let hash: UnsafeRawBufferPointer
    /// The canonical (RFC 8785) bytes the hash signs: the stored event without its `hash`.
    public let canonical: UnsafeRawBufferPointer
    /// Where each envelope field sits in ``canonical``.
    public let ranges: EnvelopeRanges

    init(position: UInt64, record: UnsafeRawBufferPointer) throws(StoreError) {
        guard record.count > 32, let ranges = EnvelopeRanges.scan(UnsafeRawBufferPointer(rebasing: record[32...])) else {
            throw StoreError.corruptRecord(position: position, reason: "not a stored event")
        }
        self.position = position
        self.hash = UnsafeRawBufferPointer(rebasing: record[..<32])
        self.canonical = UnsafeRawBufferPointer(rebasing: record[32...])
        self.ranges = ranges
    }

    /// The raw bytes of a field's value (a string's body without quotes; `data` as a whole object).
    @inline(__always)
    public func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: canonical[range])
    }

    /// The decoded string of a string field.
    public func string(_ range: Range<Int>) -> String {
        let raw = bytes(range)
        if !raw.contains(UInt8(ascii: "\\")) { return String(decoding: raw, as: UTF8.self) }
        // Rare: an escaped string. Parse the quoted literal.
        let quoted = canonical[(range.lowerBound - 1)..<(range.upperBound + 1)]
        // The store wrote the literal canonical, so it parses; bytes that no longer do are returned as they are
        // (a reader shows what is stored; `verify` names the damage).
        if case .string(let value)? = try? JSONParser().parse(Array(quoted)) { return value }
        return String(decoding: raw, as: UTF8.self)
    }

    /// The value of an unsigned integer field.
    public func integer(_ range: Range<Int>) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes(range) { value = value &* 10 &+ UInt64(byte &- UInt8(ascii: "0")) }
        return value
    }

    /// The event type, e.g. `participant.enrolled`.
    public var type: String { string(ranges.type) }
    /// The idempotency key: the client's `eventId`, or the one the ledger made.
    public var eventId: String { string(ranges.eventId) }
    /// The stream derived from the event's data, e.g. `participant-P-000123`.
    public var stream: String { string(ranges.stream) }
    /// The event's version within its stream: 1, 2, … with no gaps.
    public var streamVersion: UInt64 { integer(ranges.streamVersion) }
    /// When it happened in the world, as the client wrote it (RFC 3339).
    public var occurredAt: String { string(ranges.occurredAt) }
    /// Who caused it, as `kind:id`.
    public var actor: String { string(ranges.actor) }
    /// When the ledger stored it, by the store's clock (RFC 3339, UTC).
    public var recordedAt: String { string(ranges.recordedAt) }
    /// The canonical bytes of `data`.
    public var data: UnsafeRawBufferPointer { bytes(ranges.data) }
}

/// A stored event, copied out of the store.
public struct StoredEvent: Sendable, Equatable {
    /// Global position: 1, 2, 3, … with no gaps.
    public let position: UInt64
    /// The 32 bytes of the chain hash.
    public let hash: [UInt8]
    /// The canonical bytes the hash signs.
    public let canonical: [UInt8]
    let ranges: EnvelopeRanges

    /// Equal when position, hash and canonical bytes are equal.
    public static func == (lhs: StoredEvent, rhs: StoredEvent) -> Bool {
        lhs.position == rhs.position && lhs.hash == rhs.hash && lhs.canonical == rhs.canonical
    }

    /// Copies a borrowed view.
    public init(_ view: StoredEventView) {
        position = view.position
        hash = Array(view.hash)
        canonical = Array(view.canonical)
        ranges = view.ranges
    }

    /// Borrows this event as a view for the duration of `body`.
    public func withView<R>(_ body: (StoredEventView) throws -> R) rethrows -> R {
        try canonical.withUnsafeBytes { canonicalBytes in
            try hash.withUnsafeBytes { hashBytes in
                try body(StoredEventView(position: position, hash: hashBytes, canonical: canonicalBytes, ranges: ranges))
            }
        }
    }

    /// The event type, e.g. `participant.enrolled`.
    public var type: String { withView { $0.type } }
    /// The idempotency key: the client's `eventId`, or the one the ledger made.
    public var eventId: String { withView { $0.eventId } }
    /// The stream derived from the event's data, e.g. `participant-P-000123`.
    public var stream: String { withView { $0.stream } }
    /// The event's version within its stream: 1, 2, … with no gaps.
    public var streamVersion: UInt64 { withView { $0.streamVersion } }
    /// When it happened in the world, as the client wrote it (RFC 3339).
    public var occurredAt: String { withView { $0.occurredAt } }
    /// Who caused it, as `kind:id`.
    public var actor: String { withView { $0.actor } }
    /// When the ledger stored it, by the store's clock (RFC 3339, UTC).
    public var recordedAt: String { withView { $0.recordedAt } }
    /// The canonical bytes of `data`.
    public var data: [UInt8] { Array(canonical[ranges.data]) }
    /// The chain hash in lower-case hex.
    public var hashHex: String { Hex.encode(hash) }

    /// The event as exported and read back: the canonical bytes with `"hash"` added in its canonical place,
    /// so the line is itself RFC 8785 canonical. Remove `hash`, canonicalize, and SHA-256 it after the previous
    /// hash to check it.
    public var exportLine: [UInt8] {
        withView { view in
            var line: [UInt8] = []
            line.reserveCapacity(canonical.count + 77)
            view.appendExportLine(to: &line)
            line.removeLast()  // the newline
            return line
        }
    }
}

extension StoredEventView {
    init(position: UInt64, hash: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer, ranges: EnvelopeRanges) {
        self.position = position
        self.hash = hash
        self.canonical = canonical
        self.ranges = ranges
    }
}
