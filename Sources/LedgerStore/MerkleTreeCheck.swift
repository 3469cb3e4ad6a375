import CLMDB

/// `verify`'s check of the stored Merkle tree: fed each event's canonical bytes in position order (in the same scan
/// that recomputes the hash chain), it recomputes the tree from the log and compares every subtree the store keeps,
/// in key order through one cursor, so that no proof the store gives can disagree with the log.
struct MerkleTreeCheck {
    private var frontier = MerkleFrontier()
    private let cursor: LMDBCursor?
    /// The next stored entry not yet compared (leaf count, level, hash), `nil` past the last.
    private var next: (leafCount: UInt64, level: Int, hash: [UInt8])?
    /// `true` for a store made before the tree existed, whose table is still empty or missing: nothing to compare
    /// (the next write builds it).
    let isNotBuilt: Bool

    init(_ txn: ReadTransaction, head: UInt64) throws {
        if let table = txn.databases.merkle {
            let cursor = try txn.txn.cursor(table)
            self.cursor = cursor
            next = try Self.entry(try cursor.get(MDB_FIRST))
        } else {
            cursor = nil
        }
        isNotBuilt = next == nil && head >= UInt64(1) << MerkleStorage.storedLevel
    }

    /// Closes the cursor.
    func close() { cursor?.close() }

    /// The tree head recomputed from the leaves added so far.
    var treeHead: TreeHead { TreeHead(size: frontier.size, rootHash: frontier.root) }

    /// Adds the next leaf; returns what disagrees, if anything does.
    mutating func add(leaf data: UnsafeRawBufferPointer) throws -> String? {
        var problem: String?
        try frontier.append(leafHash: MerkleTree.leafHash(data)) { level, leafCount, hash in
            guard level >= MerkleStorage.storedLevel, !isNotBuilt, problem == nil else { return }
            let first = leafCount - (UInt64(1) << level) + 1
            guard let stored = next else {
                problem = "the stored Merkle tree lacks the subtree of positions \(first)–\(leafCount)"
                return
            }
            guard stored.leafCount == leafCount, stored.level == level else {
                problem =
                    "the stored Merkle tree holds an entry for no subtree of the log (\(stored.leafCount), level \(stored.level))"
                return
            }
            guard stored.hash == hash else {
                problem = "the stored Merkle tree's hash of positions \(first)–\(leafCount) differs from the log's"
                return
            }
            next = try Self.entry(try cursor?.get(MDB_NEXT))
        }
        return problem
    }

    /// After the last leaf: an entry left over is one the log does not account for.
    func finish() -> String? {
        guard let next else { return nil }
        return "the stored Merkle tree holds an entry beyond the log (\(next.leafCount), level \(next.level))"
    }

    private static func entry(_ raw: (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)?) throws -> (
        leafCount: UInt64, level: Int, hash: [UInt8]
    )? {
        guard let raw else { return nil }
        guard raw.key.count == MerkleStorage.keySize, raw.value.count == MerkleTree.hashSize else {
            throw StoreError.corruptRecord(position: 0, reason: "an entry of the Merkle tree table is malformed")
        }
        return (IndexKeys.readBigEndian(UnsafeRawBufferPointer(rebasing: raw.key[..<8])), Int(raw.key[8]), Array(raw.value))
    }
}
