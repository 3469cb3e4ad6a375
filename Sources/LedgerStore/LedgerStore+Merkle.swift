/// The head of the Merkle tree over the first `size` events (RFC 9162 MTH).
public struct TreeHead: Sendable, Equatable {
    /// Leaves: the events at positions 1 … `size`.
    public var size: UInt64
    /// 32 bytes.
    public var rootHash: [UInt8]

    /// Creates a tree head from its size and root hash (not checked against any store).
    public init(size: UInt64, rootHash: [UInt8]) {
        self.size = size
        self.rootHash = rootHash
    }
}

extension ReadTransaction {
    /// The tree head over the first `size` events (the head's position when `nil`).
    ///
    /// Costs O(log n) lookups of stored subtrees and at most a few dozen records read, never a pass over the log.
    public func treeHead(size: UInt64? = nil) throws -> TreeHead {
        let size = try checkedTreeSize(size)
        return TreeHead(size: size, rootHash: try merkleProofs.root(size: size))
    }

    /// Proves that the event at `position` is in the tree of `treeSize` events (the head's position when `nil`).
    public func inclusionProof(position: UInt64, treeSize: UInt64? = nil) throws -> InclusionProof {
        let size = try checkedTreeSize(treeSize)
        guard position >= 1, position <= size else {
            throw StoreError.invalidArgument(
                "position \(position) is not in a tree of \(size) events (positions 1–\(size))")
        }
        let proofs = merkleProofs
        return InclusionProof(
            leafIndex: position - 1, treeSize: size, leafHash: try leafHash(index: position - 1),
            path: try proofs.inclusionPath(leafIndex: position - 1, treeSize: size), rootHash: try proofs.root(size: size))
    }

    /// Proves that the tree of `secondSize` events (the head's position when `nil`) extends the tree of `firstSize`.
    public func consistencyProof(firstSize: UInt64, secondSize: UInt64? = nil) throws -> ConsistencyProof {
        let second = try checkedTreeSize(secondSize)
        guard firstSize >= 1, firstSize <= second else {
            throw StoreError.invalidArgument(
                "a consistency proof needs 1 ≤ first size ≤ second size, not \(firstSize) and \(second)")
        }
        let proofs = merkleProofs
        return ConsistencyProof(
            firstSize: firstSize, secondSize: second, firstRoot: try proofs.root(size: firstSize),
            secondRoot: try proofs.root(size: second),
            path: try proofs.consistencyPath(firstSize: firstSize, secondSize: second))
    }

    /// `size`, checked against the head, or the head's position.
    private func checkedTreeSize(_ size: UInt64?) throws -> UInt64 {
        let head = try head()?.position ?? 0
        guard let size else { return head }
        guard size <= head else {
            throw StoreError.invalidArgument("tree size \(size) is beyond the head: the ledger holds \(head) events")
        }
        return size
    }
}

extension LedgerStore {
    /// The tree head over the first `size` events (the head when `nil`), from one consistent snapshot.
    public func treeHead(size: UInt64? = nil) throws -> TreeHead {
        try read { try $0.treeHead(size: size) }
    }

    /// Proves that the event at `position` is in the tree of `treeSize` events (the head when `nil`).
    public func inclusionProof(position: UInt64, treeSize: UInt64? = nil) throws -> InclusionProof {
        try read { try $0.inclusionProof(position: position, treeSize: treeSize) }
    }

    /// Proves that the tree of `secondSize` events (the head when `nil`) extends the tree of `firstSize` events.
    public func consistencyProof(firstSize: UInt64, secondSize: UInt64? = nil) throws -> ConsistencyProof {
        try read { try $0.consistencyProof(firstSize: firstSize, secondSize: secondSize) }
    }
}
