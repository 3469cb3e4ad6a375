/// Unsigned LEB128 varints, the one varint codec of the package (rule state, fact records, read-model lists):
/// seven bits a byte, lowest first, the high bit set on every byte but the last. At most ten bytes.
public enum VarInt {
    /// Appends `value`'s varint to `bytes`.
    @inlinable @inline(__always)
    public static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Reads the varint that starts at `index` and moves `index` past it; `nil` (with `index` anywhere) when the
    /// bytes end before the varint does, or when it runs over ten bytes.
    @inlinable @inline(__always)
    public static func read(_ bytes: UnsafeRawBufferPointer, at index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 64, index < bytes.count {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// ``read(_:at:)`` over an array.
    @inlinable
    public static func read(_ bytes: [UInt8], at index: inout Int) -> UInt64? {
        bytes.withUnsafeBytes { read($0, at: &index) }
    }
}
