import LedgerStore

/// A compact hand-written binary form for rule state: LEB128 varints and length-prefixed UTF-8 strings.
struct StateWriter {
    var bytes: [UInt8] = []

    init(version: UInt8) {
        bytes.reserveCapacity(32)
        bytes.append(version)
    }

    mutating func varint(_ value: UInt64) { VarInt.append(value, to: &bytes) }

    mutating func varint(_ value: Int) { varint(UInt64(max(0, value))) }

    mutating func string(_ value: String) {
        varint(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }
}

/// Reads what ``StateWriter`` wrote; every read fails cleanly (`nil`) on truncated or malformed bytes.
struct StateReader {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func byte() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func varint() -> UInt64? { VarInt.read(bytes, at: &index) }

    mutating func count() -> Int? {
        guard let value = varint(), value <= UInt64(bytes.count) else { return nil }
        return Int(value)
    }

    mutating func string() -> String? {
        guard let length = count(), index + length <= bytes.count else { return nil }
        defer { index += length }
        return String(decoding: bytes[index..<(index + length)], as: UTF8.self)
    }

    mutating func positions() -> [UInt64]? {
        guard let count = count() else { return nil }
        var list: [UInt64] = []
        list.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = varint() else { return nil }
            list.append(value)
        }
        return list
    }

    var isAtEnd: Bool { index == bytes.count }
}
