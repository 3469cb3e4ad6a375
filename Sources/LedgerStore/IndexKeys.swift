#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte layouts of the store's keys. Every integer is big-endian so that LMDB's byte order is numeric order.
///
/// | database   | key                                   | value               |
/// |------------|---------------------------------------|---------------------|
/// | `log`      | position (8)                          | hash (32) + canonical JSON |
/// | `streams`  | stream UTF-8, 0x00, version (8)       | position (8)        |
/// | `eventIds` | eventId UTF-8                         | position (8)        |
/// | `types`    | type UTF-8, 0x00, position (8)        | empty               |
/// | `meta`     | name                                  | bytes               |
/// | `state`    | caller's key                          | caller's bytes      |
enum IndexKeys {
    /// Longest stream name accepted: LMDB's default key limit is 511 bytes, minus the separator and version.
    static let maximumStreamLength = 500
    /// Longest event id or type accepted.
    static let maximumNameLength = 500

    /// At most ``maximumStreamLength`` UTF-8 bytes and no NUL (the separator in stream index keys).
    @inline(__always)
    static func isAcceptableStream(_ stream: String) -> Bool {
        let utf8 = stream.utf8
        guard utf8.count <= maximumStreamLength else { return false }
        if let found = utf8.withContiguousStorageIfAvailable({ bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
            return memchr(base, 0, bytes.count) == nil
        }) {
            return found
        }
        return !utf8.contains(0)
    }

    /// At most ``maximumNameLength`` UTF-8 bytes and no NUL: an event type (the separator in type index keys).
    @inline(__always)
    static func isAcceptableName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            guard bytes.count <= maximumNameLength else { return false }
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
            return memchr(base, 0, bytes.count) == nil
        }
    }

    /// LMDB's default key order (memcmp, then length), for sorting keys before inserting them.
    @inline(__always)
    static func precedes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        let common = min(lhs.count, rhs.count)
        let order: Int32 =
            common == 0
            ? 0
            : lhs.withUnsafeBytes { l in
                rhs.withUnsafeBytes { r in
                    guard let left = l.baseAddress, let right = r.baseAddress else { return 0 }
                    return memcmp(left, right, common)
                }
            }
        return order != 0 ? order < 0 : lhs.count < rhs.count
    }

    /// `precedes` for the UTF-8 bytes of two strings, without copying them.
    @inline(__always)
    static func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { l in
            rhs.withUTF8 { r in
                let common = min(l.count, r.count)
                if common > 0, let left = l.baseAddress, let right = r.baseAddress {
                    let order = memcmp(left, right, common)
                    if order != 0 { return order < 0 }
                }
                return l.count < r.count
            }
        }
    }

    @inline(__always)
    static func appendBigEndian(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    static func position(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8)
        appendBigEndian(value, to: &bytes)
        return bytes
    }

    @inline(__always)
    static func readBigEndian(_ buffer: UnsafeRawBufferPointer, at offset: Int = 0) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<(offset + 8) { value = value << 8 | UInt64(buffer[index]) }
        return value
    }

    /// `name`, 0x00, `number` (8 bytes big-endian): the stream and type index keys.
    @inline(__always)
    static func composite(_ name: String, _ number: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count + 9)
        bytes.append(contentsOf: name.utf8)
        bytes.append(0)
        appendBigEndian(number, to: &bytes)
        return bytes
    }

    /// Splits a composite key into its name and number, or `nil` when it is not one.
    static func splitComposite(_ key: UnsafeRawBufferPointer) -> (name: String, number: UInt64)? {
        guard key.count >= 9, key[key.count - 9] == 0 else { return nil }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: key[..<(key.count - 9)]), as: UTF8.self)
        return (name, readBigEndian(key, at: key.count - 8))
    }
}
