import CLMDB

/// How the store keeps the Merkle tree: the table `merkle` holds the hash of every perfect subtree of at least
/// `2^storedLevel` leaves, keyed by the number of leaves at which it completes (8 bytes big-endian) followed by its
/// level (1 byte).
///
/// That key is the subtree's place in post-order: keys only grow as leaves are appended, so a batch writes its new
/// subtrees with `MDB_APPEND`. Smaller subtrees (fewer than 16 leaves) are recomputed from the log when a proof
/// needs them: at most 15 records read, against an eighth as many stored entries as with every node kept.
enum MerkleStorage {
    /// The smallest level kept: subtrees of 16 leaves and up.
    static let storedLevel = 4
    /// Bytes in a key.
    static let keySize = 9

    /// The key of the perfect subtree of `2^level` leaves that completes at `leafCount` leaves.
    static func appendKey(leafCount: UInt64, level: Int, to bytes: inout [UInt8]) {
        IndexKeys.appendBigEndian(leafCount, to: &bytes)
        bytes.append(UInt8(level))
    }
}

extension ReadTransaction {
    /// How many leaves the stored tree covers: the leaf count of its last stored subtree (0 when it has none, or
    /// when the store predates the tree and has no table).
    func merkleCoverage() throws -> UInt64 {
        guard let table = databases.merkle else { return 0 }
        let cursor = try txn.cursor(table)
        defer { cursor.close() }
        guard let last = try cursor.get(MDB_LAST) else { return 0 }
        guard last.key.count == MerkleStorage.keySize else {
            throw StoreError.corruptRecord(position: 0, reason: "a key of the Merkle tree table is not 9 bytes")
        }
        return IndexKeys.readBigEndian(UnsafeRawBufferPointer(rebasing: last.key[..<8]))
    }

    /// The stored hash of leaves `start ..< start + 2^level`, or `nil` when the table does not hold it.
    func storedSubtree(start: UInt64, level: Int) throws -> [UInt8]? {
        guard let table = databases.merkle, level >= MerkleStorage.storedLevel else { return nil }
        var key: [UInt8] = []
        MerkleStorage.appendKey(leafCount: start + (UInt64(1) << level), level: level, to: &key)
        return try key.withUnsafeBytes { k in
            try txn.withValue(table, key: k) { value in
                guard let value else { return nil }
                guard value.count == MerkleTree.hashSize else {
                    throw StoreError.corruptRecord(
                        position: start + (UInt64(1) << level), reason: "a hash of the Merkle tree table is not 32 bytes")
                }
                return Array(value)
            }
        }
    }

    /// The leaf hash of the event at position `index + 1`, from its stored record.
    func leafHash(index: UInt64) throws -> [UInt8] {
        let key = IndexKeys.position(index + 1)
        return try key.withUnsafeBytes { k in
            try txn.withValue(databases.log, key: k) { value in
                guard let value, value.count > 32 else {
                    throw StoreError.corruptRecord(position: index + 1, reason: "missing from the log, or too short")
                }
                return MerkleTree.leafHash(UnsafeRawBufferPointer(rebasing: value[32...]))
            }
        }
    }

    /// The hash of leaves `start ..< start + 2^level`: stored when the table holds it, else computed from its halves
    /// (down to the leaves, for a store whose table is not built yet).
    func perfectSubtreeHash(start: UInt64, level: Int) throws -> [UInt8] {
        if let stored = try storedSubtree(start: start, level: level) { return stored }
        if level == 0 { return try leafHash(index: start) }
        let half = UInt64(1) << (level - 1)
        return MerkleTree.nodeHash(
            try perfectSubtreeHash(start: start, level: level - 1),
            try perfectSubtreeHash(start: start + half, level: level - 1))
    }

    /// Tree heads and proofs over this transaction's snapshot.
    var merkleProofs: MerkleProofBuilder {
        MerkleProofBuilder { start, level in try perfectSubtreeHash(start: start, level: level) }
    }
}

/// The tree's side of an append batch: the right edge of the tree, extended by each staged event, and the new
/// subtrees to store, written at commit in the batch's transaction.
struct MerkleAppender {
    private(set) var frontier: MerkleFrontier
    /// Queued entries (key then hash, 41 bytes each), in key order.
    private var pending: [UInt8] = []

    /// The edge of the tree of `head` leaves. A store whose table is behind the log (made before the tree existed)
    /// is caught up here from the log, deterministically, in the batch's own transaction.
    init(reader: ReadTransaction, head: UInt64) throws {
        let covered = try reader.merkleCoverage()
        guard covered <= head else {
            throw StoreError.corruptRecord(
                position: head, reason: "the Merkle tree table covers \(covered) events, more than the log holds")
        }
        frontier = try MerkleFrontier(size: covered) { start, level in
            try reader.perfectSubtreeHash(start: start, level: level)
        }
        var index = covered
        while index < head {
            appendLeaf(hash: try reader.leafHash(index: index))
            index += 1
        }
    }

    /// Appends the leaf whose data are `data` (the event's canonical bytes).
    mutating func appendLeaf(_ data: UnsafeRawBufferPointer) {
        appendLeaf(hash: MerkleTree.leafHash(data))
    }

    private mutating func appendLeaf(hash: [UInt8]) {
        frontier.append(leafHash: hash) { level, leafCount, hash in
            guard level >= MerkleStorage.storedLevel else { return }
            MerkleStorage.appendKey(leafCount: leafCount, level: level, to: &pending)
            pending.append(contentsOf: hash)
        }
    }

    /// Writes the queued subtrees to `table` through one cursor, each at the end (`MDB_APPEND`).
    mutating func write(_ txn: LMDBTransaction, table: LMDBDatabase) throws {
        guard !pending.isEmpty else { return }
        let cursor = try txn.cursor(table)
        defer { cursor.close() }
        let entrySize = MerkleStorage.keySize + MerkleTree.hashSize
        try pending.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let key = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + MerkleStorage.keySize)])
                let value = UnsafeRawBufferPointer(rebasing: bytes[(offset + MerkleStorage.keySize)..<(offset + entrySize)])
                try cursor.put(key: key, value: value, flags: MDB_APPEND)
                offset += entrySize
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
