#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keys gathered for one index flush: their bytes side by side in one buffer, sorted into LMDB's key order
/// (memcmp, then length) by plain integers and `memcmp`, without reference counting or per-key allocation.
struct KeyRun {
    struct Entry {
        /// The first 8 key bytes, big-endian, zero-padded: decides most comparisons.
        var prefix: UInt64
        var start: Int
        var count: Int
        /// The caller's value (a position, a slot).
        var value: UInt64
    }

    private(set) var bytes: [UInt8] = []
    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func reserve(keys: Int, bytes byteCount: Int) {
        entries.reserveCapacity(keys)
        bytes.reserveCapacity(byteCount)
    }

    /// Adds the UTF-8 bytes of `key` with `value`.
    mutating func add(_ key: String, value: UInt64) {
        let start = bytes.count
        bytes.append(contentsOf: key.utf8)
        let count = bytes.count - start
        var prefix: UInt64 = 0
        for index in 0..<8 { prefix = prefix << 8 | UInt64(index < count ? bytes[start + index] : 0) }
        entries.append(Entry(prefix: prefix, start: start, count: count, value: value))
    }

    /// Sorts the entries into LMDB's default key order.
    mutating func sort() {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            entries.sort { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                let common = min(a.count, b.count)
                if common > 8 {
                    let order = memcmp(base + a.start + 8, base + b.start + 8, common - 8)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }

    /// Calls `body` with each key's bytes and value, in the current order.
    func forEach(_ body: (UnsafeRawBufferPointer, UInt64) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { buffer in
            for entry in entries {
                try body(UnsafeRawBufferPointer(rebasing: buffer[entry.start..<(entry.start + entry.count)]), entry.value)
            }
        }
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }
}
