import CanonicalJSON

/// Allocation-free helpers over canonical JSON bytes (RFC 8785: no white space, keys sorted).
enum ByteScanning {
    /// Whether `bytes[range]` equals `literal`.
    @inline(__always)
    static func equals(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard range.count == count, let base = bytes.baseAddress else { return false }
        return memcmp(base + range.lowerBound, literal.utf8Start, count) == 0
    }

    /// Index of the closing quote of a string whose body starts at `from` (the end of the buffer if unterminated).
    @inline(__always)
    static func stringEnd(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int {
        CanonicalScanner.stringEnd(bytes, from: from) ?? bytes.count
    }

    /// Calls `body(keyRange, valueRange)` for each member of the top-level object in `bytes`. String values'
    /// ranges exclude the quotes; other values (numbers, arrays, objects, literals) are whole.
    @inline(__always)
    static func forEachMember(_ bytes: UnsafeRawBufferPointer, _ body: (Range<Int>, Range<Int>) -> Void) {
        CanonicalScanner.forEachMember(bytes, body)
    }

    /// Calls `body(range)` for each string element of the array at `range` (ranges exclude quotes).
    static func forEachString(_ bytes: UnsafeRawBufferPointer, in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == UInt8(ascii: "\"") {
                let end = stringEnd(bytes, from: i + 1)
                body((i + 1)..<end)
                i = end + 1
            } else {
                i += 1
            }
        }
    }

    /// A non-negative integer literal (digits only); a fraction or exponent stops it.
    @inline(__always)
    static func integer(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int64 {
        var value: Int64 = 0
        for i in range {
            let c = bytes[i]
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { break }
            value = value &* 10 &+ Int64(c &- UInt8(ascii: "0"))
        }
        return value
    }

    /// The index of `bytes[range]` in `codes`, or ``Codes/unknown``.
    static func code(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, in codes: [[UInt8]]) -> UInt8 {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        for (index, code) in codes.enumerated() where code.count == range.count && code.elementsEqual(slice) {
            return UInt8(index)
        }
        return Vocabulary.unknown
    }

    /// Whether `bytes[range]` equals `literal`.
    @inline(__always)
    static func equals(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ literal: [UInt8]) -> Bool {
        guard range.count == literal.count, let base = bytes.baseAddress else { return false }
        return literal.withUnsafeBytes { other in
            guard let start = other.baseAddress else { return literal.isEmpty }
            return memcmp(base + range.lowerBound, start, literal.count) == 0
        }
    }

    /// The day of a `YYYY-MM-DD` date (the catalog validated it).
    @inline(__always)
    static func date(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Day {
        guard range.count == 10 else { return 0 }
        let s = range.lowerBound
        return Dates.day(
            year: Int(integer(bytes, s..<(s + 4))), month: Int(integer(bytes, (s + 5)..<(s + 7))),
            day: Int(integer(bytes, (s + 8)..<(s + 10))))
    }

    /// The UTC day of an RFC 3339 timestamp `YYYY-MM-DDTHH:MM:SS(.f+)?(Z|±HH:MM)`, converting any offset.
    static func utcDay(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Day {
        let s = range.lowerBound
        @inline(__always) func digit(_ i: Int) -> Int { Int(bytes[s + i] &- UInt8(ascii: "0")) }
        guard range.count >= 20 else { return 0 }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6)
        let dayOfMonth = digit(8) * 10 + digit(9)
        var day = Dates.day(year: year, month: month, day: dayOfMonth)
        let last = bytes[range.upperBound - 1]
        if last == UInt8(ascii: "Z") { return day }
        // An offset ±HH:MM ends the string: UTC = local − offset.
        let o = range.upperBound - 6
        let sign = bytes[o] == UInt8(ascii: "-") ? -1 : 1
        let offset =
            sign
            * ((Int(bytes[o + 1] &- 48) * 10 + Int(bytes[o + 2] &- 48)) * 60
                + Int(bytes[o + 4] &- 48) * 10 + Int(bytes[o + 5] &- 48))
        let minutes = (digit(11) * 10 + digit(12)) * 60 + digit(14) * 10 + digit(15) - offset
        if minutes < 0 { day -= 1 } else if minutes >= 1440 { day += 1 }
        return day
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
