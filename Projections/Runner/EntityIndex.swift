/// Interns entity keys (kind byte + id bytes) to dense slots without allocating per lookup: an open-addressing
/// hash table whose 32-byte buckets hold short keys inline, so that a lookup usually touches one cache line.
struct EntityIndex {
    /// Bucket layout: slot + 1 (UInt32, 0 = empty), key length (UInt8; 255 = long key, compare in the arena),
    /// then up to 27 key bytes.
    private static let bucketSize = 32
    private static let inlineKeyLimit = 27
    private var table: [UInt8] = Array(repeating: 0, count: 1024 * 32)
    private var bucketCount = 1024
    /// Every key, for flushing and for long keys: start and length in `arena`.
    private var arena: [UInt8] = []
    private var spans: [(start: Int, count: Int)] = []
    private var hashes: [UInt64] = []

    var count: Int { spans.count }

    /// The slot of the key `kind` + `id`, inserting it when new.
    @inline(__always)
    mutating func slot(_ kind: EntityKind, _ id: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(kind.rawValue)
        for byte in id { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = Self.mix(hash)
        let keyCount = id.count + 1
        let mask = bucketCount - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = table.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress else { return nil }
            while true {
                let b = base + bucket * Self.bucketSize
                let entry = Int(b.loadUnaligned(as: UInt32.self))
                if entry == 0 { return nil }
                let length = Int(b.load(fromByteOffset: 4, as: UInt8.self))
                if length == keyCount, b.load(fromByteOffset: 5, as: UInt8.self) == kind.rawValue,
                    id.isEmpty || (id.baseAddress.map { memcmp(b + 6, $0, id.count) == 0 } ?? false)
                {
                    return entry - 1
                }
                if length == 255, matchesLong(entry - 1, kind, id) { return entry - 1 }
                bucket = (bucket + 1) & mask
            }
        }
        if let found { return found }
        let slot = spans.count
        spans.append((arena.count, keyCount))
        arena.append(kind.rawValue)
        arena.append(contentsOf: id)
        hashes.append(hash)
        write(slot: slot, kind: kind, id: id, at: bucket)
        if spans.count * 2 > bucketCount { grow() }
        return slot
    }

    private mutating func write(slot: Int, kind: EntityKind, id: UnsafeRawBufferPointer, at bucket: Int) {
        table.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            let b = base + bucket * Self.bucketSize
            b.storeBytes(of: UInt32(slot + 1), as: UInt32.self)
            if id.count + 1 <= Self.inlineKeyLimit {
                b.storeBytes(of: UInt8(id.count + 1), toByteOffset: 4, as: UInt8.self)
                b.storeBytes(of: kind.rawValue, toByteOffset: 5, as: UInt8.self)
                if let source = id.baseAddress { (b + 6).copyMemory(from: source, byteCount: id.count) }
            } else {
                b.storeBytes(of: UInt8(255), toByteOffset: 4, as: UInt8.self)
            }
        }
    }

    private func matchesLong(_ slot: Int, _ kind: EntityKind, _ id: UnsafeRawBufferPointer) -> Bool {
        let span = spans[slot]
        guard span.count == id.count + 1, arena[span.start] == kind.rawValue else { return false }
        return arena.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let idBase = id.baseAddress else { return id.isEmpty }
            return memcmp(base + span.start + 1, idBase, id.count) == 0
        }
    }

    /// MurmurHash3's 64-bit finalizer: FNV-1a's low bits mix poorly for ids that differ only in their last digits.
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    private mutating func grow() {
        bucketCount *= 2
        table = Array(repeating: 0, count: bucketCount * Self.bucketSize)
        let mask = bucketCount - 1
        for slot in 0..<spans.count {
            let span = spans[slot]
            var bucket = Int(truncatingIfNeeded: hashes[slot]) & mask
            let occupied = { (table: [UInt8], bucket: Int) -> Bool in
                table.withUnsafeBytes { $0.load(fromByteOffset: bucket * Self.bucketSize, as: UInt32.self) != 0 }
            }
            while occupied(table, bucket) { bucket = (bucket + 1) & mask }
            let kind = EntityKind(rawValue: arena[span.start]) ?? .participant
            let key = Array(arena[(span.start + 1)..<(span.start + span.count)])
            key.withUnsafeBytes { write(slot: slot, kind: kind, id: $0, at: bucket) }
        }
    }

    /// The key bytes of `slot`: the read-model key of its entity.
    func key(_ slot: Int) -> ArraySlice<UInt8> {
        let span = spans[slot]
        return arena[span.start..<(span.start + span.count)]
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
