/// Interns entity keys (kind byte + id bytes) to dense slots without allocating per lookup:
/// an open-addressing hash table over a byte arena.
struct EntityIndex {
    private var arena: [UInt8] = []
    /// Start and length in the arena of each slot's key.
    private var spans: [(start: Int, count: Int)] = []
    /// Slot + 1 per bucket (0: empty).
    private var buckets: [Int32] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt64] = []

    var count: Int { spans.count }

    /// The slot of the key `kind` + `id`, inserting it when new.
    @inline(__always)
    mutating func slot(_ kind: EntityKind, _ id: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(kind.rawValue)
        for byte in id { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let entry = Int(buckets[bucket])
            if entry == 0 { break }
            let slot = entry - 1
            if hashes[slot] == hash, matches(slot, kind, id) { return slot }
            bucket = (bucket + 1) & mask
        }
        let slot = spans.count
        spans.append((arena.count, id.count + 1))
        arena.append(kind.rawValue)
        arena.append(contentsOf: id)
        hashes.append(hash)
        buckets[bucket] = Int32(slot + 1)
        if spans.count * 2 > buckets.count { grow() }
        return slot
    }

    private func matches(_ slot: Int, _ kind: EntityKind, _ id: UnsafeRawBufferPointer) -> Bool {
        let span = spans[slot]
        guard span.count == id.count + 1, arena[span.start] == kind.rawValue else { return false }
        return arena.withUnsafeBytes { raw in
            id.isEmpty || memcmp(raw.baseAddress! + span.start + 1, id.baseAddress!, id.count) == 0
        }
    }

    private mutating func grow() {
        buckets = Array(repeating: 0, count: buckets.count * 2)
        let mask = buckets.count - 1
        for slot in 0..<spans.count {
            let hash = hashes[slot]
            var bucket = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
            buckets[bucket] = Int32(slot + 1)
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
