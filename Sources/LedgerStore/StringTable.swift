import CanonicalJSON

/// An insert-only hash table of strings, each numbered by its insertion order, with a value per string. Keys are
/// compared by their UTF-8 bytes, as LMDB compares keys: two spellings of the same text in different Unicode
/// normalization forms are two keys (two streams, two event ids).
///
/// Made for the batch's hot lookups (stream names, pending event ids: hundreds of thousands per batch). Swift's
/// `Dictionary` compares the full key at every probe, which for long strings means a `memcmp` and a cache miss
/// each time; here every slot holds 32 bits of the key's hash beside its number, so a probe touches the key
/// only when those match. Hashing is Swift's seeded `Hasher`, as for `Dictionary`.
public struct StringTable<Value> {
    /// The keys, in insertion order: a key's number is its index here.
    public private(set) var keys: [String] = []
    /// The value of each key, by number.
    public var values: [Value] = []
    private var hashes: [Int] = []
    /// Open addressing, linear probing: 0 empty, else (hash tag << 32) | (number + 1).
    private var slots: [UInt64]
    private var mask: Int

    /// An empty table with room for `minimumCapacity` keys before it grows.
    public init(minimumCapacity: Int = 64) {
        var size = 16
        while size * 3 < minimumCapacity * 4 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// How many keys the table holds.
    public var count: Int { keys.count }

    /// The hash that ``number(of:hash:)`` and ``insert(_:hash:value:)`` take.
    @inline(__always)
    public static func hash(_ key: String) -> Int { key.hashValue }

    /// The number of `key`, or `nil` when it is absent.
    @inline(__always)
    public func number(of key: String, hash: Int) -> Int? {
        let tag = UInt64(truncatingIfNeeded: UInt(bitPattern: hash) >> 32)
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == tag {
                let number = Int(entry & 0xFFFF_FFFF) - 1
                if keys[number].isSameName(as: key) { return number }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key` (which must be absent) with `value`; returns its number.
    @discardableResult
    public mutating func insert(_ key: String, hash: Int, value: Value) -> Int {
        if (keys.count + 1) * 4 > slots.count * 3 { grow() }
        let number = keys.count
        keys.append(key)
        values.append(value)
        hashes.append(hash)
        place(number, hash: hash)
        return number
    }

    /// Empties the table, keeping its storage.
    public mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = 0 }
    }

    private mutating func place(_ number: Int, hash: Int) {
        let tag = UInt64(truncatingIfNeeded: UInt(bitPattern: hash) >> 32)
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = tag << 32 | UInt64(number + 1)
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for number in hashes.indices { place(number, hash: hashes[number]) }
    }
}
