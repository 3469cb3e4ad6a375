/// The checksums that make damage to the stored read models detectable: every value of a read-model table ends in an
/// 8-byte checksum of its key and payload, and the checkpoint keeps, per table, the number of entries and the sum of
/// their checksums, so that a full scan also notices an entry that went missing or appeared (a damaged B-tree page).
///
/// The checksum is not cryptographic (the read models are derived data: anyone who can write them can rebuild them);
/// every step is a bijection of the running state, so a change confined to one 8-byte word of the input, any
/// single-bit flip among them, always changes it.
enum ReadModelSeal {
    /// Bytes of the checksum at the end of every sealed value.
    static let checksumBytes = 8

    /// The checksum of `key` and `payload`.
    static func checksum(key: UnsafeRawBufferPointer, payload: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count) &* 0xC2B2_AE3D_27D4_EB4F
        state = absorb(key, into: state)
        state = step(state, UInt64(payload.count))
        state = absorb(payload, into: state)
        return finish(state)
    }

    /// `checksum` of arrays.
    static func checksum(key: [UInt8], payload: [UInt8]) -> UInt64 {
        key.withUnsafeBytes { k in payload.withUnsafeBytes { p in checksum(key: k, payload: p) } }
    }

    @inline(__always) private static func step(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (state ^ word) &* 0x9FB2_1C65_1E98_DF25
        return ((mixed << 29) | (mixed >> 35)) &* 0xD6E8_FEB8_6659_FD93
    }

    @inline(__always) private static func absorb(_ bytes: UnsafeRawBufferPointer, into initial: UInt64) -> UInt64 {
        var state = initial
        var offset = 0
        while offset + 8 <= bytes.count {
            state = step(state, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
            state = step(state, tail)
        }
        return state
    }

    @inline(__always) private static func finish(_ state: UInt64) -> UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Appends `payload`'s checksum (under `key`) to `payload`.
    static func seal(_ payload: inout [UInt8], key: UnsafeRawBufferPointer) -> UInt64 {
        let sum = payload.withUnsafeBytes { checksum(key: key, payload: $0) }
        for shift in stride(from: 0, to: 64, by: 8) { payload.append(UInt8(truncatingIfNeeded: sum >> UInt64(shift))) }
        return sum
    }

    /// The payload of a sealed value and its checksum, after checking it; throws when they disagree.
    static func open(_ value: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, table: String) throws -> (
        payload: UnsafeRawBufferPointer, checksum: UInt64
    ) {
        guard value.count >= checksumBytes else {
            throw ReadModelError.corrupt("a value of table \(table) is shorter than its checksum")
        }
        let payload = UnsafeRawBufferPointer(rebasing: value[..<(value.count - checksumBytes)])
        let stored = UInt64(littleEndian: value.loadUnaligned(fromByteOffset: payload.count, as: UInt64.self))
        guard checksum(key: key, payload: payload) == stored else {
            throw ReadModelError.corrupt("a value of table \(table) does not match its checksum")
        }
        return (payload, stored)
    }
}

/// The number of entries of a read-model table and the sum of their checksums, kept with the checkpoint.
struct TableDigest: Equatable {
    var count: UInt64 = 0
    var sum: UInt64 = 0

    mutating func add(_ checksum: UInt64) {
        count &+= 1
        sum &+= checksum
    }

    mutating func remove(_ checksum: UInt64) {
        count &-= 1
        sum &-= checksum
    }
}

/// The read models' checkpoint: the last position applied, the chain hash there, and each table's digest; stored
/// sealed under `checkpoint` in the meta table, in the same transaction as the facts it covers.
struct ReadModelCheckpoint: Equatable {
    var position: UInt64 = 0
    var hash: [UInt8] = []
    /// Per table of ``ReadModelCatalog/factTables``, in that order.
    var digests: [String: TableDigest] = [:]

    static let key = Array("checkpoint".utf8)

    /// The sealed bytes: position (8, big-endian), hash (32), then count and sum (8 + 8) per fact table.
    func encoded() -> [UInt8] {
        var bytes = position.bigEndianBytes + (hash.count == 32 ? hash : [UInt8](repeating: 0, count: 32))
        for table in ReadModelCatalog.factTables {
            let digest = digests[table] ?? TableDigest()
            bytes += digest.count.bigEndianBytes + digest.sum.bigEndianBytes
        }
        Self.key.withUnsafeBytes { _ = ReadModelSeal.seal(&bytes, key: $0) }
        return bytes
    }

    /// Decodes a stored checkpoint; `nil` (none yet) when `value` is `nil`; throws when it is damaged.
    static func decode(_ value: UnsafeRawBufferPointer?) throws -> ReadModelCheckpoint? {
        guard let value else { return nil }
        let payload = try key.withUnsafeBytes { try ReadModelSeal.open(value, key: $0, table: "meta").payload }
        guard payload.count == 40 + 16 * ReadModelCatalog.factTables.count else {
            throw ReadModelError.corrupt("the checkpoint has \(payload.count) bytes")
        }
        func integer(_ at: Int) -> UInt64 {
            var value: UInt64 = 0
            for byte in payload[at..<at + 8] { value = value << 8 | UInt64(byte) }
            return value
        }
        var checkpoint = ReadModelCheckpoint(position: integer(0), hash: Array(payload[8..<40]))
        for (index, table) in ReadModelCatalog.factTables.enumerated() {
            checkpoint.digests[table] = TableDigest(count: integer(40 + 16 * index), sum: integer(48 + 16 * index))
        }
        return checkpoint
    }
}
