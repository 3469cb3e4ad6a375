#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The JSON Canonicalization Scheme (RFC 8785): the one byte form of a JSON value that the hash chain signs.
///
/// - Object members are sorted by their keys' UTF-16 code units (RFC 8785 §3.2.3).
/// - No insignificant white space.
/// - Strings escape only `"`, `\` and control characters, with the short forms `\b \t \n \f \r`
///   and lower-case `\u00xx` otherwise (§3.2.2.2).
/// - Numbers are serialized as ECMAScript's `Number.prototype.toString` does (§3.2.2.3).
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        append(value, to: &bytes)
        return bytes
    }

    /// Appends the canonical bytes of `value` to `bytes`.
    public static func append(_ value: JSONValue, to bytes: inout [UInt8]) {
        switch value {
        case .null: bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(true): bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        case .bool(false): bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .number(let number): appendNumber(number.double, to: &bytes)
        case .string(let string): appendString(string, to: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                append(element, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            // Input already in canonical order is common: write it as it is, without sorting a copy.
            let members = isSorted(object.members) ? object.members : sortedMembers(object)
            for index in members.indices {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(members[index].key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                append(members[index].value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// The members of `object` in RFC 8785 order: by the UTF-16 code units of their keys.
    public static func sortedMembers(_ object: JSONObject) -> [JSONObject.Member] {
        var members = object.members
        if !isSorted(members) { members.sort { keyPrecedes($0.key, $1.key) } }
        return members
    }

    /// `true` when `members` are already in RFC 8785 order.
    static func isSorted(_ members: [JSONObject.Member]) -> Bool {
        var index = 1
        while index < members.count {
            if !keyPrecedes(members[index - 1].key, members[index].key) { return false }
            index += 1
        }
        return true
    }

    /// RFC 8785 key order: lexicographic over UTF-16 code units.
    @inline(__always)
    public static func keyPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        // For ASCII keys (the usual case) UTF-8 byte order equals UTF-16 code unit order: compare bytes.
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { l in
            rhs.withUTF8 { r in
                let common = min(l.count, r.count)
                var index = 0
                while index < common {
                    let a = l[index]
                    let b = r[index]
                    if a != b {
                        if a < 0x80 && b < 0x80 { return a < b }
                        // Non-ASCII: order by UTF-16 code units (differs from UTF-8 order above U+FFFF).
                        return String(decoding: l, as: UTF8.self).utf16
                            .lexicographicallyPrecedes(String(decoding: r, as: UTF8.self).utf16)
                    }
                    index += 1
                }
                return l.count < r.count
            }
        }
    }

    /// Appends `string` as an RFC 8785 JSON string literal.
    public static func appendString(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            // Most strings need no escape: one scan, one copy.
            var plain = true
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                plain = false
                break
            }
            if plain {
                bytes.append(contentsOf: utf8)
                return
            }
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends an unsigned integer in decimal.
    @inline(__always)
    public static func appendInteger(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while remaining > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }

    /// Appends `value` as ECMAScript's `Number.prototype.toString` would (RFC 8785 §3.2.2.3).
    /// `value` must be finite; JSON cannot hold NaN or infinities and the parser rejects overflow.
    public static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        precondition(value.isFinite, "RFC 8785 has no form for NaN or infinity")
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))  // both +0 and -0
            return
        }
        if value.magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            appendInteger(UInt64(value.magnitude), to: &bytes)
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let (digits, n) = shortestDigits(value.magnitude)
        let k = digits.count
        if k <= n && n <= 21 {
            bytes.append(contentsOf: digits)
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
        } else if 0 < n && n <= 21 {
            bytes.append(contentsOf: digits[0..<n])
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
            bytes.append(contentsOf: digits)
        } else {
            bytes.append(digits[0])
            if k > 1 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: digits[1...])
            }
            bytes.append(UInt8(ascii: "e"))
            let exponent = n - 1
            bytes.append(exponent >= 0 ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            appendInteger(UInt64(exponent.magnitude), to: &bytes)
        }
    }

    /// The shortest decimal digits `s` (no leading or trailing zeros) and exponent `n` with
    /// `value = 0.s × 10^n`, taken from Swift's shortest round-trip `description`.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], n: Int) {
        // Swift's description has the shortest digit count k that round-trips, but where several k-digit strings
        // round-trip it need not pick the one closest to the value, as ECMAScript requires (RFC 8785 vector
        // 1.0000000000000003e+23). printf's %.*e rounds correctly: with k-1 fraction digits it gives the closest.
        let k = significantDigitCount(value.description)
        var buffer = [CChar](repeating: 0, count: 64)
        let written = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([Int32(k - 1), value]) { vsnprintf(pointer.baseAddress, 64, "%.*e", $0) }
        }
        let text = Array(buffer[0..<Int(max(0, written))].map { UInt8(bitPattern: $0) })  // e.g. "1.0000000000000003e+23"
        var mantissa = text[...]
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissa = text[..<e]
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
        }
        var digits: [UInt8] = []
        var pointPosition = 0
        var seenPoint = false
        for byte in mantissa {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(byte)
                if !seenPoint { pointPosition += 1 }
            }
        }
        pointPosition += exponent
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// Significant digits in a decimal rendering ("1.5e-07" → 2, "0.001" → 1, "120.0" → 2).
    static func significantDigitCount(_ text: String) -> Int {
        var digits: [UInt8] = []
        for byte in text.utf8 {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits.append(byte) }
        }
        while let first = digits.first, first == UInt8(ascii: "0") { digits.removeFirst() }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        return max(1, digits.count)
    }
}
