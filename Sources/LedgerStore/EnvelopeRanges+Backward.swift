import CanonicalJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension EnvelopeRanges {
    /// The envelope's ranges found by reading the record backwards from its end, with the store's fixed key order.
    ///
    /// The store writes `actor, data, eventId, occurredAt, position, recordedAt, schemaVersion, stream,
    /// streamVersion, type` (``StoredEventFormat``). Inside a JSON string a quote is always escaped, so the
    /// literal `,"key":"` cannot occur inside a value: each field is found by the quote before its end and checked
    /// against its key. `actor` is read forwards, so `data` (the one value of arbitrary shape) is never scanned.
    /// Returns `nil` when anything differs from that shape, e.g. an escaped quote in a field after `data`; the
    /// caller then scans the members forwards.
    @inline(__always)
    static func backward(_ c: UnsafeRawBufferPointer) -> EnvelopeRanges? {
        let n = c.count
        guard n > 40, c[n - 1] == UInt8(ascii: "}"), c[n - 2] == UInt8(ascii: "\"") else { return nil }
        var ranges = EnvelopeRanges()
        // type
        guard let typeStart = quote(in: c, before: n - 2) else { return nil }
        ranges.type = (typeStart + 1)..<(n - 2)
        guard let streamVersionEnd = keyStart(c, #","type":""#, endingAt: typeStart + 1) else { return nil }
        // streamVersion, a number
        guard let streamVersionStart = digits(in: c, endingAt: streamVersionEnd),
            let streamEnd = keyStart(c, #","streamVersion":"#, endingAt: streamVersionStart)
        else { return nil }
        ranges.streamVersion = streamVersionStart..<streamVersionEnd
        // stream
        guard c[streamEnd - 1] == UInt8(ascii: "\""), let streamStart = quote(in: c, before: streamEnd - 1),
            let schemaVersionEnd = keyStart(c, #","stream":""#, endingAt: streamStart + 1)
        else { return nil }
        ranges.stream = (streamStart + 1)..<(streamEnd - 1)
        // schemaVersion, a number
        guard let schemaVersionStart = digits(in: c, endingAt: schemaVersionEnd),
            let recordedEnd = keyStart(c, #","schemaVersion":"#, endingAt: schemaVersionStart)
        else { return nil }
        ranges.schemaVersion = schemaVersionStart..<schemaVersionEnd
        // recordedAt
        guard c[recordedEnd - 1] == UInt8(ascii: "\""), let recordedStart = quote(in: c, before: recordedEnd - 1),
            let positionEnd = keyStart(c, #","recordedAt":""#, endingAt: recordedStart + 1)
        else { return nil }
        ranges.recordedAt = (recordedStart + 1)..<(recordedEnd - 1)
        // position, a number
        guard let positionStart = digits(in: c, endingAt: positionEnd),
            let occurredEnd = keyStart(c, #","position":"#, endingAt: positionStart)
        else { return nil }
        ranges.position = positionStart..<positionEnd
        // occurredAt
        guard c[occurredEnd - 1] == UInt8(ascii: "\""), let occurredStart = quote(in: c, before: occurredEnd - 1),
            let eventIdEnd = keyStart(c, #","occurredAt":""#, endingAt: occurredStart + 1)
        else { return nil }
        ranges.occurredAt = (occurredStart + 1)..<(occurredEnd - 1)
        // eventId
        guard c[eventIdEnd - 1] == UInt8(ascii: "\""), let eventIdStart = quote(in: c, before: eventIdEnd - 1),
            let dataEnd = keyStart(c, #","eventId":""#, endingAt: eventIdStart + 1), c[dataEnd - 1] == UInt8(ascii: "}")
        else { return nil }
        ranges.eventId = (eventIdStart + 1)..<(eventIdEnd - 1)
        // Forwards: {"actor":"…","data":{
        guard matches(c, at: 0, #"{"actor":""#), let actorEnd = CanonicalScanner.stringEnd(c, from: 10) else {
            return nil
        }
        ranges.actor = 10..<actorEnd
        let dataStart = actorEnd + 9  // `","data":`
        guard dataStart < dataEnd, matches(c, at: actorEnd, #"","data":"#), c[dataStart] == UInt8(ascii: "{") else {
            return nil
        }
        ranges.data = dataStart..<dataEnd
        return ranges
    }

    /// The index of the last `"` before `end` (exclusive).
    @inline(__always)
    private static func quote(in c: UnsafeRawBufferPointer, before end: Int) -> Int? {
        var i = end - 1
        while i >= 0 {
            if c[i] == UInt8(ascii: "\"") { return i }
            i -= 1
        }
        return nil
    }

    /// The first index of the non-empty run of digits that ends just before `end`.
    @inline(__always)
    private static func digits(in c: UnsafeRawBufferPointer, endingAt end: Int) -> Int? {
        var i = end
        while i > 0, c[i - 1] >= UInt8(ascii: "0"), c[i - 1] <= UInt8(ascii: "9") { i -= 1 }
        return i < end ? i : nil
    }

    /// Where `key` starts when it ends exactly at `end`; `nil` when the bytes before `end` are not `key`.
    @inline(__always)
    private static func keyStart(_ c: UnsafeRawBufferPointer, _ key: StaticString, endingAt end: Int) -> Int? {
        let start = end - key.utf8CodeUnitCount
        return start > 0 && matches(c, at: start, key) ? start : nil
    }

    /// Whether the bytes at `start` are `literal`.
    @inline(__always)
    private static func matches(_ c: UnsafeRawBufferPointer, at start: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard start >= 0, start + count <= c.count, let base = c.baseAddress else { return false }
        return memcmp(base + start, literal.utf8Start, count) == 0
    }
}
