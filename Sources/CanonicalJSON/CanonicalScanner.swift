/// Allocation-free scanning of compact JSON text (no white space between tokens), such as the RFC 8785 canonical
/// form the store writes: where a string or a composite value ends, and the members of an object.
///
/// It does not validate: it finds boundaries in text that was validated (or written) before. Scanning text that
/// is not compact JSON gives `nil` or ends early; it never reads outside the buffer.
public enum CanonicalScanner {
    /// The index of the closing quote of the string whose body starts at `from`, or `nil` when it is unterminated.
    @inline(__always)
    public static func stringEnd(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        var i = from
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { return i }
            i += c == UInt8(ascii: "\\") ? 2 : 1
        }
        return nil
    }

    /// The index just past the array or object that opens at `from`, or `nil` when it is unterminated.
    public static func compositeEnd(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        var depth = 0
        var i = from
        let n = bytes.count
        while i < n {
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                i += 1
                if depth == 0 { return i }
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, from: i + 1) else { return nil }
                i = end + 1
            default:
                i += 1
            }
        }
        return nil
    }

    /// Calls `body(keyRange, valueRange)` for each member of the object that `bytes` holds, in order. Key ranges
    /// and string values' ranges exclude the quotes; other values (numbers, literals, arrays, objects) are whole.
    ///
    /// - Returns: `true` when the whole buffer is one object whose members were all visited; `false` when the bytes
    ///   are not a compact object (the members before the fault have been visited).
    @inline(__always)
    @discardableResult
    public static func forEachMember(
        _ bytes: UnsafeRawBufferPointer, _ body: (_ key: Range<Int>, _ value: Range<Int>) -> Void
    ) -> Bool {
        let n = bytes.count
        guard n >= 2, bytes[0] == UInt8(ascii: "{") else { return false }
        if n == 2 { return bytes[1] == UInt8(ascii: "}") }
        var i = 1
        while i < n {
            guard bytes[i] == UInt8(ascii: "\""), let keyEnd = stringEnd(bytes, from: i + 1) else { return false }
            let key = (i + 1)..<keyEnd
            i = keyEnd + 1
            guard i < n, bytes[i] == UInt8(ascii: ":") else { return false }
            i += 1
            guard i < n else { return false }
            let value: Range<Int>
            switch bytes[i] {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, from: i + 1) else { return false }
                value = (i + 1)..<end
                i = end + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard let end = compositeEnd(bytes, from: i) else { return false }
                value = i..<end
                i = end
            default:
                let start = i
                while i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}") { i += 1 }
                value = start..<i
            }
            body(key, value)
            guard i < n else { return false }
            if bytes[i] == UInt8(ascii: "}") { return i == n - 1 }
            guard bytes[i] == UInt8(ascii: ",") else { return false }
            i += 1
        }
        return false
    }
}
