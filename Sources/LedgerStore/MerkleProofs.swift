/// An RFC 9162 inclusion proof (section 2.1.3): the event at `leafIndex + 1` is in the tree of `treeSize` leaves
/// whose head is `rootHash`.
public struct InclusionProof: Sendable, Equatable {
    /// 0-based: the event at position `leafIndex + 1`.
    public var leafIndex: UInt64
    /// The size of the tree the proof is for.
    public var treeSize: UInt64
    /// `SHA-256(0x00 ‖ the event's canonical bytes)`.
    public var leafHash: [UInt8]
    /// The audit path, from the leaf's sibling up.
    public var path: [[UInt8]]
    /// The tree head of `treeSize` leaves.
    public var rootHash: [UInt8]

    /// Creates a proof from its parts (not checked: see ``verify()``).
    public init(leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8], path: [[UInt8]], rootHash: [UInt8]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.leafHash = leafHash
        self.path = path
        self.rootHash = rootHash
    }

    /// `true` when the path leads from the leaf hash to the root hash (RFC 9162 2.1.3.2).
    public func verify() -> Bool {
        MerkleVerification.verifyInclusion(
            leafIndex: leafIndex, treeSize: treeSize, leafHash: leafHash, path: path, rootHash: rootHash)
    }
}

/// An RFC 9162 consistency proof (section 2.1.4): the tree of `firstSize` leaves is a prefix of the tree of
/// `secondSize` leaves.
public struct ConsistencyProof: Sendable, Equatable {
    /// The earlier tree's size (≥ 1).
    public var firstSize: UInt64
    /// The later tree's size.
    public var secondSize: UInt64
    /// The earlier tree's head.
    public var firstRoot: [UInt8]
    /// The later tree's head.
    public var secondRoot: [UInt8]
    /// The proof's hashes, in RFC 9162 order.
    public var path: [[UInt8]]

    /// Creates a proof from its parts (not checked: see ``verify()``).
    public init(firstSize: UInt64, secondSize: UInt64, firstRoot: [UInt8], secondRoot: [UInt8], path: [[UInt8]]) {
        self.firstSize = firstSize
        self.secondSize = secondSize
        self.firstRoot = firstRoot
        self.secondRoot = secondRoot
        self.path = path
    }

    /// `true` when the path proves that the second tree extends the first (RFC 9162 2.1.4.2).
    public func verify() -> Bool {
        MerkleVerification.verifyConsistency(
            firstSize: firstSize, secondSize: secondSize, firstRoot: firstRoot, secondRoot: secondRoot, path: path)
    }
}

/// Builds tree heads and proofs from the hashes of perfect subtrees (RFC 9162 2.1.1, 2.1.3.1, 2.1.4.1).
///
/// `perfect(start, level)` is the hash of the `2^level` leaves from `start` (a multiple of `2^level`): a lookup
/// where the store keeps it, so that a head or a proof costs O(log n) of them, never a pass over the log.
struct MerkleProofBuilder {
    let perfect: (_ start: UInt64, _ level: Int) throws -> [UInt8]

    /// MTH of the `count` (≥ 1) leaves from `start`, as RFC 9162 splits it: a perfect left part, the rest right.
    func subtreeHash(start: UInt64, count: UInt64) throws -> [UInt8] {
        if count & (count - 1) == 0 { return try perfect(start, count.trailingZeroBitCount) }
        let k = MerkleTree.split(count)
        return MerkleTree.nodeHash(
            try perfect(start, k.trailingZeroBitCount), try subtreeHash(start: start + k, count: count - k))
    }

    /// The tree head of `size` leaves.
    func root(size: UInt64) throws -> [UInt8] {
        size == 0 ? MerkleTree.emptyRoot : try subtreeHash(start: 0, count: size)
    }

    /// PATH(m, D[n]) of RFC 9162 2.1.3.1 (`m` < `n`), from the leaf's sibling up.
    func inclusionPath(leafIndex m: UInt64, treeSize n: UInt64) throws -> [[UInt8]] {
        var path: [[UInt8]] = []  // top down; reversed at the end
        var (index, start, count) = (m, UInt64(0), n)
        while count > 1 {
            let k = MerkleTree.split(count)
            if index < k {
                path.append(try subtreeHash(start: start + k, count: count - k))
                count = k
            } else {
                path.append(try perfect(start, k.trailingZeroBitCount))
                index -= k
                start += k
                count -= k
            }
        }
        return path.reversed()
    }

    /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 2.1.4.1 (0 < `m` ≤ `n`).
    func consistencyPath(firstSize m: UInt64, secondSize n: UInt64) throws -> [[UInt8]] {
        var path: [[UInt8]] = []  // top down; reversed at the end
        var (first, start, count, isWholeFirstTree) = (m, UInt64(0), n, true)
        while first != count {
            let k = MerkleTree.split(count)
            if first <= k {
                path.append(try subtreeHash(start: start + k, count: count - k))
                count = k
            } else {
                path.append(try perfect(start, k.trailingZeroBitCount))
                first -= k
                start += k
                count -= k
                isWholeFirstTree = false
            }
        }
        if !isWholeFirstTree { path.append(try subtreeHash(start: start, count: count)) }
        return path.reversed()
    }
}

/// The verification algorithms of RFC 9162, written out as the RFC gives them.
public enum MerkleVerification {
    /// RFC 9162 2.1.3.2: does `path` prove the leaf `leafHash` at `leafIndex` in the tree of `treeSize` leaves with
    /// head `rootHash`?
    public static func verifyInclusion(
        leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8], path: [[UInt8]], rootHash: [UInt8]
    ) -> Bool {
        guard leafIndex < treeSize, leafHash.count == MerkleTree.hashSize, path.allSatisfy({ $0.count == MerkleTree.hashSize })
        else { return false }
        var (fn, sn, r) = (leafIndex, treeSize - 1, leafHash)
        for p in path {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = MerkleTree.nodeHash(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = MerkleTree.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == rootHash
    }

    /// RFC 9162 2.1.4.2: does `path` prove that the tree of `secondSize` leaves with head `secondRoot` extends the
    /// tree of `firstSize` leaves with head `firstRoot`? Equal sizes need equal heads and an empty path; a first
    /// size of 0 (the empty tree) is extended by every tree, with an empty path.
    public static func verifyConsistency(
        firstSize: UInt64, secondSize: UInt64, firstRoot: [UInt8], secondRoot: [UInt8], path: [[UInt8]]
    ) -> Bool {
        guard firstSize <= secondSize, path.allSatisfy({ $0.count == MerkleTree.hashSize }) else { return false }
        if firstSize == 0 { return path.isEmpty }
        if firstSize == secondSize { return path.isEmpty && firstRoot == secondRoot }
        guard !path.isEmpty else { return false }
        // 1. When the first tree is a perfect subtree, its head is the first node of the path.
        var nodes = path
        if firstSize & (firstSize - 1) == 0 { nodes.insert(firstRoot, at: 0) }
        // 2.-3.
        var (fn, sn) = (firstSize - 1, secondSize - 1)
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // 4.
        var (fr, sr) = (nodes[0], nodes[0])
        // 5.
        for c in nodes.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleTree.nodeHash(c, fr)
                sr = MerkleTree.nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        // 6.
        return fr == firstRoot && sr == secondRoot && sn == 0
    }
}
