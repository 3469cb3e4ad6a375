import CanonicalJSON
import LedgerStore

/// Turns one input event (a JSONL line, or one JSON object) into a ``ProposedEvent`` of ``WorkforceEvent``,
/// applying every value rule of EVENTS.md sections 1 and 3. Faults are ``EventRejection``s whose `field` is a
/// JSON Pointer into the input (`/data/capacity`).
public struct EventDecoder: Sendable {
    /// The largest event accepted, in bytes of JSON (EVENTS.md section 1).
    public static let maximumEventBytes = 65_536

    /// Makes an `eventId` for an event that has none (default: a random UUID).
    public var makeEventId: @Sendable () -> String

    /// Refuse free text that looks like personal data (``FreeTextScreen``, EVENTS.md section 1). On for new input
    /// (append, import); off where stored events are appended again (`verify --rules`), which stay valid.
    public var screensFreeText: Bool

    /// Creates a decoder whose `makeEventId` supplies the id of each event that has none.
    public init(screensFreeText: Bool = true, makeEventId: @escaping @Sendable () -> String = { UUIDText.random() }) {
        self.screensFreeText = screensFreeText
        self.makeEventId = makeEventId
    }

    static let envelopeKeys: Set<String> = ["type", "eventId", "occurredAt", "actor", "data"]

    /// Decodes one event from its bytes. More than ``maximumEventBytes`` is `too_large` and is not parsed.
    public func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, expectedVersion: UInt64? = nil
    ) throws(EventRejection) -> ProposedEvent<WorkforceEvent> {
        guard bytes.count <= Self.maximumEventBytes else {
            throw EventRejection(
                .tooLarge, "",
                "the event is \(bytes.count) bytes of JSON; at most \(Self.maximumEventBytes) are accepted")
        }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw EventRejection(.invalidJSON, "", "the event is empty: expected one JSON object")
        }
        let value: JSONValue
        do {
            value = try JSONParser().parse(buffer: bytes)
        } catch {
            throw EventRejection(.invalidJSON, "", "this is not valid JSON: \(error)")
        }
        guard case .object(let envelope) = value else {
            throw EventRejection(.invalidJSON, "", "an event must be a JSON object, not \(value.kindDescription)")
        }
        return try decode(envelope: envelope, expectedVersion: expectedVersion)
    }

    /// Decodes one event from its bytes.
    public func decode(_ bytes: [UInt8], expectedVersion: UInt64? = nil) throws(EventRejection) -> ProposedEvent<WorkforceEvent> {
        try bytes.withUnsafeBufferPointer { (buffer) throws(EventRejection) in
            try decode(buffer, expectedVersion: expectedVersion)
        }
    }

    /// Decodes one event from a parsed envelope object.
    public func decode(envelope: JSONObject, expectedVersion: UInt64? = nil) throws(EventRejection) -> ProposedEvent<
        WorkforceEvent
    > {
        var typeValue: JSONValue?
        var eventIdValue: JSONValue?
        var occurredAtValue: JSONValue?
        var actorValue: JSONValue?
        var dataValue: JSONValue?
        for member in envelope.members {
            switch member.key {
            case "type": typeValue = member.value
            case "eventId": eventIdValue = member.value
            case "occurredAt": occurredAtValue = member.value
            case "actor": actorValue = member.value
            case "data": dataValue = member.value
            default:
                let hint =
                    ["position", "stream", "streamVersion", "recordedAt", "schemaVersion", "hash"]
                        .contains(member.key) ? " (the ledger sets it; do not send it)" : ""
                throw EventRejection(
                    .unknownField, "/" + ValueSyntax.pointerToken(member.key),
                    "\"\(member.key)\" is not an event field\(hint); an event has type, eventId, occurredAt, actor and data")
            }
        }
        // type
        let typeText = try Self.requiredString(typeValue, field: "/type", name: "type")
        guard let type = EventType(rawValue: typeText) else {
            throw EventRejection(.unknownType, "/type", "\"\(typeText)\" is not an event type")
        }
        // eventId
        let eventId: String
        if let eventIdValue {
            eventId = try Self.requiredString(eventIdValue, field: "/eventId", name: "eventId")
            guard ValueSyntax.isEventId(eventId) else {
                throw EventRejection(
                    .invalidValue, "/eventId",
                    "eventId must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'")
            }
        } else {
            eventId = makeEventId()
        }
        // occurredAt
        let occurredAt = try Self.requiredString(occurredAtValue, field: "/occurredAt", name: "occurredAt")
        if let problem = ValueSyntax.timestampProblem(occurredAt) {
            throw EventRejection(.invalidValue, "/occurredAt", "occurredAt \"\(occurredAt)\" is not a valid time: \(problem)")
        }
        // actor
        let actor = try Self.requiredString(actorValue, field: "/actor", name: "actor")
        guard ValueSyntax.actorKind(actor) != nil else {
            throw EventRejection(
                .invalidValue, "/actor",
                "actor \"\(actor)\" must be kind:id, kind one of \(ActorKind.allowedList), like staff:cm-017")
        }
        // data
        guard let dataValue else {
            throw EventRejection(.missingField, "/data", "the event has no \"data\" object")
        }
        guard case .object(let data) = dataValue else {
            throw EventRejection(.invalidValue, "/data", "data must be a JSON object, not \(dataValue.kindDescription)")
        }
        let payload = try DataDecoder(type: type, object: data, screensFreeText: screensFreeText).decode()
        return ProposedEvent(
            type: type.rawValue, eventId: eventId, occurredAt: occurredAt, actor: actor,
            data: Self.canonicalData(data, of: type), expectedVersion: expectedVersion, payload: payload)
    }

    /// Decodes the `data` object of an event of `type` (also used on stored events, which are valid): free text is
    /// not screened.
    public static func decodeData(type: EventType, data: JSONObject) throws(EventRejection) -> WorkforceEvent {
        try DataDecoder(type: type, object: data).decode()
    }

    /// The RFC 8785 bytes of a validated `data` object (every key is one of the type's fields): the same bytes
    /// as `CanonicalJSON.encode(.object(data))`, without sorting keys at run time.
    static func canonicalData(_ data: JSONObject, of type: EventType) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + data.members.count * 40)
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for field in type.canonicalFields {
            guard let value = data[field.name] else { continue }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(contentsOf: field.keyBytes)
            CanonicalJSON.append(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    static func requiredString(_ value: JSONValue?, field: String, name: String) throws(EventRejection) -> String {
        guard let value else { throw EventRejection(.missingField, field, "the event has no \"\(name)\"") }
        guard case .string(let text) = value else {
            throw EventRejection(.invalidValue, field, "\(name) must be a string, not \(value.kindDescription)")
        }
        guard !text.isEmpty else { throw EventRejection(.invalidValue, field, "\(name) must not be empty") }
        return text
    }
}

/// Random version-4 UUIDs as lower-case text, without Foundation.
public enum UUIDText {
    /// A fresh random UUID, e.g. `3f1c2a9e-8b4d-4e6f-9a2b-1c3d5e7f9a0b`.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array(Hex.encode(bytes).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, char) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { out.append(UInt8(ascii: "-")) }
            out.append(char)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
