import Crypto

/// The RFC 9162 (section 2.1) Merkle tree over the log: hashing, and the right edge of a growing tree.
///
/// Leaf `i` (0-based) is the event at position `i + 1`; its data are the exact bytes the hash chain hashes for it
/// (the stored event without `hash`, RFC 8785). Leaf hash `SHA-256(0x00 ‖ data)`, node hash
/// `SHA-256(0x01 ‖ left ‖ right)`, the empty tree's hash `SHA-256()`.
public enum MerkleTree {
    /// Bytes in every hash of the tree.
    public static let hashSize = 32

    /// The hash of the empty tree, `SHA-256()` (RFC 9162 2.1.1).
    public static let emptyRoot: [UInt8] = SHA256.hash(data: [UInt8]()).withUnsafeBytes { Array($0) }

    /// `SHA-256(0x00 ‖ data)`.
    public static func leafHash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: data)
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// `SHA-256(0x00 ‖ data)`.
    public static func leafHash(_ data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { leafHash($0) }
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(1)) { hasher.update(bufferPointer: $0) }
        hasher.update(data: left)
        hasher.update(data: right)
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// The largest power of two smaller than `n` (`n` ≥ 2): where RFC 9162 splits a tree of `n` leaves.
    static func split(_ n: UInt64) -> UInt64 {
        UInt64(1) << (63 - (n - 1).leadingZeroBitCount)
    }
}

/// The right edge of a Merkle tree: the hashes of the perfect subtrees that cover its leaves, left to right (one
/// per set bit of the size, largest first). Enough to append leaves and to compute the tree head.
struct MerkleFrontier {
    /// Leaves covered.
    private(set) var size: UInt64 = 0
    /// The perfect subtrees, left to right: `subtrees[i]` has `2^levels[i]` leaves.
    private(set) var subtrees: [[UInt8]] = []
    private(set) var levels: [Int] = []

    init() {}

    /// The frontier of a tree of `size` leaves, from the hash of each of its perfect subtrees: `perfect(start, level)`
    /// is the hash of leaves `start ..< start + 2^level`.
    init(size: UInt64, perfect: (_ start: UInt64, _ level: Int) throws -> [UInt8]) rethrows {
        var start: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where size & (UInt64(1) << level) != 0 {
            subtrees.append(try perfect(start, level))
            levels.append(level)
            start += UInt64(1) << level
        }
        self.size = size
    }

    /// Appends the leaf whose hash is `leafHash`; `completed(level, leafCount, hash)` is called for each perfect
    /// subtree this completes, from the leaf (level 0) up. `leafCount` is the size at which it completes.
    mutating func append(leafHash: [UInt8], completed: (_ level: Int, _ leafCount: UInt64, _ hash: [UInt8]) throws -> Void)
        rethrows
    {
        size += 1
        var hash = leafHash
        var level = 0
        try completed(0, size, hash)
        while let last = levels.last, last == level {
            hash = MerkleTree.nodeHash(subtrees.removeLast(), hash)
            levels.removeLast()
            level += 1
            try completed(level, size, hash)
        }
        subtrees.append(hash)
        levels.append(level)
    }

    /// The tree head: MTH of the `size` leaves (RFC 9162 2.1.1), folded from the right.
    var root: [UInt8] {
        guard var hash = subtrees.last else { return MerkleTree.emptyRoot }
        for left in subtrees.dropLast().reversed() { hash = MerkleTree.nodeHash(left, hash) }
        return hash
    }
}
