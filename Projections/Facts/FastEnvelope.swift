/// The envelope fields a projector needs, found in a stored event's canonical bytes without a full scan.
///
/// The stored form has a fixed key order (RFC 8785 sorts them): `actor, data, eventId, occurredAt, position,
/// recordedAt, schemaVersion, stream, streamVersion, type`. Every string after `data` has a grammar without quotes
/// or escapes (event ids, timestamps, stream names, types), so they are read backwards from the end; `data` starts
/// right after the actor. Anything unexpected returns `nil` and the caller falls back to the store's own parser.
struct FastEnvelope {
    var type: Range<Int>
    var stream: Range<Int>
    var occurredAt: Range<Int>
    var eventId: Range<Int>
    var data: Range<Int>

    @inline(__always)
    static func parse(_ c: UnsafeRawBufferPointer) -> FastEnvelope? {
        let n = c.count
        guard n > 40, c[n - 1] == UInt8(ascii: "}"), c[n - 2] == UInt8(ascii: "\"") else { return nil }
        // type
        guard let typeStart = quoteBefore(c, n - 2) else { return nil }
        let type = (typeStart + 1)..<(n - 2)
        var i = typeStart - 8  // `,"type":`
        guard i > 0, ByteScanning.equals(c, i..<typeStart, #","type":"#) else { return nil }
        // streamVersion digits, then `,"streamVersion":`
        i = digitsBefore(c, i) - 17
        guard i > 0, ByteScanning.equals(c, i..<(i + 17), #","streamVersion":"#) else { return nil }
        // stream string
        guard c[i - 1] == UInt8(ascii: "\""), let streamStart = quoteBefore(c, i - 1) else { return nil }
        let stream = (streamStart + 1)..<(i - 1)
        i = streamStart - 10
        guard i > 0, ByteScanning.equals(c, i..<streamStart, #","stream":"#) else { return nil }
        i = digitsBefore(c, i) - 17
        guard i > 0, ByteScanning.equals(c, i..<(i + 17), #","schemaVersion":"#) else { return nil }
        guard c[i - 1] == UInt8(ascii: "\""), let recordedStart = quoteBefore(c, i - 1) else { return nil }
        i = recordedStart - 14
        guard i > 0, ByteScanning.equals(c, i..<recordedStart, #","recordedAt":"#) else { return nil }
        i = digitsBefore(c, i) - 12
        guard i > 0, ByteScanning.equals(c, i..<(i + 12), #","position":"#) else { return nil }
        guard c[i - 1] == UInt8(ascii: "\""), let occurredStart = quoteBefore(c, i - 1) else { return nil }
        let occurredAt = (occurredStart + 1)..<(i - 1)
        i = occurredStart - 14
        guard i > 0, ByteScanning.equals(c, i..<occurredStart, #","occurredAt":"#) else { return nil }
        guard c[i - 1] == UInt8(ascii: "\""), let eventIdStart = quoteBefore(c, i - 1) else { return nil }
        let eventId = (eventIdStart + 1)..<(i - 1)
        i = eventIdStart - 11
        guard i > 0, ByteScanning.equals(c, i..<eventIdStart, #","eventId":"#), c[i - 1] == UInt8(ascii: "}") else {
            return nil
        }
        let dataEnd = i
        // Forward: {"actor":"…","data":
        guard ByteScanning.equals(c, 0..<10, #"{"actor":""#) else { return nil }
        let actorEnd = ByteScanning.stringEnd(c, from: 10)
        let dataStart = actorEnd + 9  // `","data":` minus the quote already at actorEnd
        guard dataStart < dataEnd, ByteScanning.equals(c, actorEnd..<dataStart, #"","data":"#),
            c[dataStart] == UInt8(ascii: "{")
        else { return nil }
        return FastEnvelope(type: type, stream: stream, occurredAt: occurredAt, eventId: eventId, data: dataStart..<dataEnd)
    }

    /// Index of the `"` before index `end` (exclusive), scanning backwards.
    @inline(__always)
    private static func quoteBefore(_ c: UnsafeRawBufferPointer, _ end: Int) -> Int? {
        var i = end - 1
        while i >= 0 {
            if c[i] == UInt8(ascii: "\"") { return i }
            i -= 1
        }
        return nil
    }

    /// Index of the first digit of the digit run that ends just before `end`.
    @inline(__always)
    private static func digitsBefore(_ c: UnsafeRawBufferPointer, _ end: Int) -> Int {
        var i = end
        while i > 0, c[i - 1] >= UInt8(ascii: "0"), c[i - 1] <= UInt8(ascii: "9") { i -= 1 }
        return i
    }
}
