import CanonicalJSON

/// The canonical bytes of a stored event and how to read its envelope back without a general parser.
///
/// A stored event is the RFC 8785 serialization of
/// `{actor, data, eventId, occurredAt, position, recordedAt, schemaVersion, stream, streamVersion, type}`
/// (keys already in canonical order). The hash chain signs exactly these bytes.
public enum StoredEventFormat {
    /// The `schemaVersion` the store writes.
    public static let schemaVersion: UInt64 = 1

    /// `{"actor":…,"data":…,"eventId":…,"occurredAt":…`: the fields before `position`.
    static func appendHead(actor: String, data: [UInt8], eventId: String, occurredAt: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: Keys.actor)
        CanonicalJSON.appendString(actor, to: &bytes)
        bytes.append(contentsOf: Keys.data)
        bytes.append(contentsOf: data)
        bytes.append(contentsOf: Keys.eventId)
        CanonicalJSON.appendString(eventId, to: &bytes)
        bytes.append(contentsOf: Keys.occurredAt)
        CanonicalJSON.appendString(occurredAt, to: &bytes)
    }

    /// The keys as bytes, made once (appending a literal's UTF-8 view goes through the generic sequence path).
    private enum Keys {
        static let actor = Array(#"{"actor":"#.utf8)
        static let data = Array(#","data":"#.utf8)
        static let eventId = Array(#","eventId":"#.utf8)
        static let occurredAt = Array(#","occurredAt":"#.utf8)
        static let position = Array(#","position":"#.utf8)
        static let type = Array(#","type":"#.utf8)
    }

    /// `,"position":…,"recordedAt":…,"schemaVersion":1,"stream":…,"streamVersion":…`: what the store decides.
    /// The middle is encoded from parts made once: one per batch (``batchPart(recordedAt:)``) and one per stream
    /// (``streamPart(stream:)``), so that only the two integers are written per event.
    static func appendMiddle(
        position: UInt64, batchPart: [UInt8], streamPart: [UInt8], streamVersion: UInt64, to bytes: inout [UInt8]
    ) {
        bytes.append(contentsOf: Keys.position)
        CanonicalJSON.appendInteger(position, to: &bytes)
        bytes.append(contentsOf: batchPart)
        bytes.append(contentsOf: streamPart)
        CanonicalJSON.appendInteger(streamVersion, to: &bytes)
    }

    /// `,"recordedAt":…,"schemaVersion":1,"stream":`: the part of the middle that a batch shares.
    static func batchPart(recordedAt: String) -> [UInt8] {
        var bytes = Array(#","recordedAt":"#.utf8)
        CanonicalJSON.appendString(recordedAt, to: &bytes)
        bytes.append(contentsOf: #","schemaVersion":"#.utf8)
        CanonicalJSON.appendInteger(schemaVersion, to: &bytes)
        bytes.append(contentsOf: #","stream":"#.utf8)
        return bytes
    }

    /// `"…","streamVersion":`: the stream's name as a JSON string and the next key.
    static func streamPart(stream: String) -> [UInt8] {
        var bytes: [UInt8] = []
        CanonicalJSON.appendString(stream, to: &bytes)
        bytes.append(contentsOf: #","streamVersion":"#.utf8)
        return bytes
    }

    /// `,"type":…}`: the last field and the closing brace.
    static func appendTail(type: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: Keys.type)
        CanonicalJSON.appendString(type, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// The head and tail of a stored event (see ``appendHead(actor:data:eventId:occurredAt:to:)``,
    /// ``appendTail(type:to:)``), encoded ahead of the append: `bytes[..<split]` is the head.
    /// Also the hashes of the `eventId` and the `type` for the batch's tables.
    struct FixedParts: Sendable {
        var bytes: [UInt8]
        var split: Int
        var eventIdHash: Int
        var typeHash: Int

        init(actor: String, data: [UInt8], eventId: String, occurredAt: String, type: String, typeHash: Int? = nil) {
            bytes = []
            bytes.reserveCapacity(
                data.count + actor.utf8.count + eventId.utf8.count + occurredAt.utf8.count + type.utf8.count + 64)
            StoredEventFormat.appendHead(actor: actor, data: data, eventId: eventId, occurredAt: occurredAt, to: &bytes)
            split = bytes.count
            StoredEventFormat.appendTail(type: type, to: &bytes)
            eventIdHash = StringTable<UInt64>.hash(eventId)
            self.typeHash = typeHash ?? StringTable<[UInt64]>.hash(type)
        }
    }
}

/// Byte ranges of the top-level fields of a stored event's canonical JSON, found by one forward scan.
public struct EnvelopeRanges: Sendable, Equatable {
    public var actor: Range<Int> = 0..<0
    public var data: Range<Int> = 0..<0
    public var eventId: Range<Int> = 0..<0
    public var occurredAt: Range<Int> = 0..<0
    public var position: Range<Int> = 0..<0
    public var recordedAt: Range<Int> = 0..<0
    public var schemaVersion: Range<Int> = 0..<0
    public var stream: Range<Int> = 0..<0
    public var streamVersion: Range<Int> = 0..<0
    public var type: Range<Int> = 0..<0

    /// Finds the fields of `bytes` (a stored event's canonical JSON) without reading `data`. String ranges exclude
    /// the quotes; `data` is the whole object. Returns `nil` when the bytes do not have the stored-event shape.
    ///
    /// Reads the record backwards with the store's key order (``backward(_:)``), and scans the members forwards
    /// only when that fails (a field after `data` with an escaped quote): both give the same ranges.
    @inline(__always)
    public static func scan(_ bytes: UnsafeRawBufferPointer) -> EnvelopeRanges? {
        backward(bytes) ?? scanMembers(bytes)
    }

    /// The forward scan: every member in turn, `data` included.
    static func scanMembers(_ bytes: UnsafeRawBufferPointer) -> EnvelopeRanges? {
        var ranges = EnvelopeRanges()
        var found = 0
        var unknownKey = false
        let complete = CanonicalScanner.forEachMember(bytes) { keyRange, valueRange in
            let key = UnsafeRawBufferPointer(rebasing: bytes[keyRange])
            switch key.count {
            case 4 where key.elementsEqual("data".utf8): ranges.data = valueRange; found |= 1 << 0
            case 4 where key.elementsEqual("type".utf8): ranges.type = valueRange; found |= 1 << 1
            case 5 where key.elementsEqual("actor".utf8): ranges.actor = valueRange; found |= 1 << 2
            case 6 where key.elementsEqual("stream".utf8): ranges.stream = valueRange; found |= 1 << 3
            case 7 where key.elementsEqual("eventId".utf8): ranges.eventId = valueRange; found |= 1 << 4
            case 8 where key.elementsEqual("position".utf8): ranges.position = valueRange; found |= 1 << 5
            case 10 where key.elementsEqual("occurredAt".utf8): ranges.occurredAt = valueRange; found |= 1 << 6
            case 10 where key.elementsEqual("recordedAt".utf8): ranges.recordedAt = valueRange; found |= 1 << 7
            case 13 where key.elementsEqual("schemaVersion".utf8): ranges.schemaVersion = valueRange; found |= 1 << 8
            case 13 where key.elementsEqual("streamVersion".utf8): ranges.streamVersion = valueRange; found |= 1 << 9
            default: unknownKey = true
            }
        }
        return complete && !unknownKey && found == (1 << 10) - 1 ? ranges : nil
    }
}
