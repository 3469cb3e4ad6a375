import CLMDB
import CanonicalJSON
import Foundation
import TestSupport
import Testing

@testable import LedgerStore

/// An in-memory tree over `leaves` (their data), computed the naive way RFC 9162 defines MTH: the reference the
/// store's incremental tree and proofs are held to.
struct ReferenceTree {
    let leafHashes: [[UInt8]]
    /// `perfect[level][j]`: the hash of leaves `j·2^level ..< (j+1)·2^level`, level by level.
    let perfect: [[[UInt8]]]

    init(leaves: [[UInt8]]) {
        leafHashes = leaves.map { MerkleTree.leafHash($0) }
        var levels = [leafHashes]
        while let below = levels.last, below.count > 1 {
            levels.append(stride(from: 0, to: below.count - 1, by: 2).map { MerkleTree.nodeHash(below[$0], below[$0 + 1]) })
        }
        perfect = levels
    }

    /// MTH(D[start ..< start + count]) by the RFC's recursion.
    func hash(_ start: Int, _ count: Int) -> [UInt8] {
        if count == 0 { return MerkleTree.emptyRoot }
        if count == 1 { return leafHashes[start] }
        var k = 1
        while k * 2 < count { k *= 2 }
        return MerkleTree.nodeHash(hash(start, k), hash(start + k, count - k))
    }

    /// The proof builder over these leaves.
    var builder: MerkleProofBuilder {
        MerkleProofBuilder { start, level in perfect[level][Int(start >> level)] }
    }
}

/// The reference test vectors published with the Certificate Transparency implementations (transparency-dev/merkle,
/// `testonly/constants.go` and `proof/verify_test.go`, after RFC 6962's reference code).
enum CTVectors {
    static let leaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map { Hex.decode($0)! }

    /// Roots of the trees of the first 1 … 8 leaves.
    static let roots: [String] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    /// (1-based leaf, tree size, path).
    static let inclusion: [(UInt64, UInt64, [String])] = [
        (1, 1, []),
        (
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            6, 8,
            [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (3, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (
            2, 5,
            [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
    ]

    /// (first size, second size, path).
    static let consistency: [(UInt64, UInt64, [String])] = [
        (1, 1, []),
        (
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            6, 8,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (
            2, 5,
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
        (
            6, 7,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
    ]
}

@Suite struct MerkleKnownAnswerTests {
    let tree = ReferenceTree(leaves: CTVectors.leaves)

    @Test func emptyTreeIsTheHashOfNothing() {
        #expect(Hex.encode(MerkleTree.emptyRoot) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(arguments: 1...8) func rootOfTheFirstLeaves(size: Int) throws {
        #expect(Hex.encode(try tree.builder.root(size: UInt64(size))) == CTVectors.roots[size - 1])
        var frontier = MerkleFrontier()
        for hash in tree.leafHashes.prefix(size) { frontier.append(leafHash: hash) { _, _, _ in } }
        #expect(Hex.encode(frontier.root) == CTVectors.roots[size - 1])
    }

    @Test func inclusionPaths() throws {
        for (leaf, size, expected) in CTVectors.inclusion {
            let path = try tree.builder.inclusionPath(leafIndex: leaf - 1, treeSize: size)
            #expect(path.map { Hex.encode($0) } == expected, "leaf \(leaf) of \(size)")
            let root = Hex.decode(CTVectors.roots[Int(size) - 1])!
            #expect(
                MerkleVerification.verifyInclusion(
                    leafIndex: leaf - 1, treeSize: size, leafHash: tree.leafHashes[Int(leaf) - 1], path: path, rootHash: root))
        }
    }

    @Test func consistencyPaths() throws {
        for (first, second, expected) in CTVectors.consistency {
            let path = try tree.builder.consistencyPath(firstSize: first, secondSize: second)
            #expect(path.map { Hex.encode($0) } == expected, "\(first) to \(second)")
            let firstRoot = Hex.decode(CTVectors.roots[Int(first) - 1])!
            let secondRoot = Hex.decode(CTVectors.roots[Int(second) - 1])!
            #expect(
                MerkleVerification.verifyConsistency(
                    firstSize: first, secondSize: second, firstRoot: firstRoot, secondRoot: secondRoot, path: path))
        }
    }

    /// The corruptions the reference tests apply: each must fail.
    @Test func corruptedProofsFail() throws {
        let some = Hex.decode("abacaba000000000000000000000000000000000000000000060061e00123456")!
        for (leaf, size, hexPath) in CTVectors.inclusion where !hexPath.isEmpty {
            let path = hexPath.map { Hex.decode($0)! }
            let root = Hex.decode(CTVectors.roots[Int(size) - 1])!
            let leafHash = tree.leafHashes[Int(leaf) - 1]
            let index = leaf - 1
            func fails(_ index: UInt64, _ size: UInt64, _ leafHash: [UInt8], _ path: [[UInt8]], _ root: [UInt8]) -> Bool {
                !MerkleVerification.verifyInclusion(
                    leafIndex: index, treeSize: size, leafHash: leafHash, path: path, rootHash: root)
            }
            if index > 0 { #expect(fails(index - 1, size, leafHash, path, root)) }
            #expect(fails(index + 1, size, leafHash, path, root))
            #expect(fails(index ^ 2, size, leafHash, path, root))
            #expect(fails(index, size * 2, leafHash, path, root))
            #expect(fails(index, size / 2, leafHash, path, root))
            #expect(fails(index, size, Array("WrongLeaf".utf8), path, root))
            #expect(fails(index, size, leafHash, path, MerkleTree.emptyRoot))
            #expect(fails(index, size, leafHash, path, some))
            #expect(fails(index, size, leafHash, path + [root], root))
            #expect(fails(index, size, leafHash, [root] + path, root))
            #expect(fails(index, size, leafHash, Array(path.dropLast()), root))
            for i in path.indices {
                var wrong = path
                wrong[i][0] ^= 8
                #expect(fails(index, size, leafHash, wrong, root))
            }
        }
        for (first, second, hexPath) in CTVectors.consistency where !hexPath.isEmpty {
            let path = hexPath.map { Hex.decode($0)! }
            let r1 = Hex.decode(CTVectors.roots[Int(first) - 1])!
            let r2 = Hex.decode(CTVectors.roots[Int(second) - 1])!
            func fails(_ m: UInt64, _ n: UInt64, _ r1: [UInt8], _ r2: [UInt8], _ path: [[UInt8]]) -> Bool {
                !MerkleVerification.verifyConsistency(firstSize: m, secondSize: n, firstRoot: r1, secondRoot: r2, path: path)
            }
            #expect(fails(first - 1, second, r1, r2, path))
            #expect(fails(first + 1, second, r1, r2, path))
            #expect(fails(first ^ 2, second, r1, r2, path))
            #expect(fails(first, second * 2, r1, r2, path))
            #expect(fails(first, second / 2, r1, r2, path))
            #expect(fails(first, second, r2, r1, path))
            #expect(fails(first, second, r1, r2, []))
            #expect(fails(first, second, r1, r2, path + [r1]))
            #expect(fails(first, second, r1, r2, [path[0]] + path))
            #expect(fails(first, second, r1, r2, Array(path.dropLast())))
            for i in path.indices {
                var wrong = path
                wrong[i][0] ^= 16
                #expect(fails(first, second, r1, r2, wrong))
            }
        }
    }
}

@Suite struct MerkleExhaustiveTests {
    /// 301 leaves of distinct data (one more than the largest tree tested, for the wrong-size probe).
    static let tree = ReferenceTree(leaves: (0..<301).map { Array("leaf \($0)".utf8) })

    /// Every size 1 … 300 and every leaf: the proof verifies; the same proof for the next leaf, a larger tree or
    /// another leaf's hash does not.
    @Test func everyInclusionProofUpTo300Leaves() throws {
        let tree = Self.tree
        let builder = tree.builder
        var frontier = MerkleFrontier()
        for size in UInt64(1)...300 {
            frontier.append(leafHash: tree.leafHashes[Int(size) - 1]) { _, _, _ in }
            let root = try builder.root(size: size)
            let largerRoot = tree.hash(0, Int(size) + 1)
            #expect(root == tree.hash(0, Int(size)))
            #expect(frontier.root == root)
            for index in 0..<size {
                let path = try builder.inclusionPath(leafIndex: index, treeSize: size)
                let leaf = tree.leafHashes[Int(index)]
                #expect(
                    MerkleVerification.verifyInclusion(
                        leafIndex: index, treeSize: size, leafHash: leaf, path: path, rootHash: root))
                let other = tree.leafHashes[Int((index + 1) % size)]
                if size > 1 {
                    #expect(
                        !MerkleVerification.verifyInclusion(
                            leafIndex: index, treeSize: size, leafHash: other, path: path, rootHash: root))
                    #expect(
                        !MerkleVerification.verifyInclusion(
                            leafIndex: (index + 1) % size, treeSize: size, leafHash: leaf, path: path, rootHash: root))
                }
                #expect(
                    !MerkleVerification.verifyInclusion(
                        leafIndex: index, treeSize: size + 1, leafHash: leaf, path: path, rootHash: largerRoot))
            }
        }
    }

    @Test func everyConsistencyProofUpTo130Leaves() throws {
        let tree = Self.tree
        let builder = tree.builder
        let roots = (0...130).map { tree.hash(0, $0) }
        for second in UInt64(1)...130 {
            for first in UInt64(1)...second {
                let path = try builder.consistencyPath(firstSize: first, secondSize: second)
                #expect(
                    MerkleVerification.verifyConsistency(
                        firstSize: first, secondSize: second, firstRoot: roots[Int(first)], secondRoot: roots[Int(second)],
                        path: path), "\(first) to \(second)")
                if first < second {
                    // Another earlier tree's head does not verify.
                    #expect(
                        !MerkleVerification.verifyConsistency(
                            firstSize: first, secondSize: second, firstRoot: roots[Int(first) - 1],
                            secondRoot: roots[Int(second)], path: path))
                }
            }
        }
    }
}

@Suite struct MerkleStoreTests {
    /// Appends `count` events (one per batch when `single`, else in batches of 37) and returns the store.
    static func store(_ dir: TemporaryDirectory, count: Int, batch: Int = 37) throws -> LedgerStore {
        let store = try LedgerStore(directory: dir.child("ledger"))
        var next = 0
        while next < count {
            let events = (next..<min(count, next + batch)).map { proposed("e-\($0)", stream: "s-\($0 % 7)") }
            _ = try store.append(events, rules: { StreamNamedRules() })
            next += events.count
        }
        return store
    }

    /// The leaf data of every stored event: its canonical bytes, as the chain hashes them.
    static func leafData(_ store: LedgerStore) throws -> [[UInt8]] {
        var leaves: [[UInt8]] = []
        try store.read { txn in
            try txn.forEachEvent { event in
                leaves.append(Array(event.canonical))
                return true
            }
        }
        return leaves
    }

    @Test func storedTreeMatchesTheReferenceAtEverySizeAndProofsVerify() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.store(dir, count: 300)
        let tree = ReferenceTree(leaves: try Self.leafData(store))
        #expect(tree.leafHashes.count == 300)
        for size in UInt64(1)...300 {
            let head = try store.treeHead(size: size)
            #expect(head.rootHash == tree.hash(0, Int(size)), "size \(size)")
            for position in stride(from: UInt64(1), through: size, by: size > 40 ? 7 : 1) {
                let proof = try store.inclusionProof(position: position, treeSize: size)
                #expect(proof.verify(), "position \(position) of \(size)")
                #expect(proof.leafHash == tree.leafHashes[Int(position) - 1])
            }
        }
        for (first, second) in [(1, 300), (16, 300), (17, 256), (255, 256), (100, 299), (300, 300)] {
            let proof = try store.consistencyProof(firstSize: UInt64(first), secondSize: UInt64(second))
            #expect(proof.verify(), "\(first) to \(second)")
        }
        let report = try store.verify()
        #expect(report.isIntact)
        #expect(report.treeHead == TreeHead(size: 300, rootHash: tree.hash(0, 300)))
    }

    @Test func singleAppendsAndBatchesGiveTheSameTree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let one = try Self.store(dir, count: 70, batch: 1)
        let leaves = try Self.leafData(one)
        #expect(try one.treeHead().rootHash == ReferenceTree(leaves: leaves).hash(0, 70))
        #expect(try one.verify().isIntact)
    }

    @Test func sizesBeyondTheHeadAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.store(dir, count: 5)
        #expect(throws: StoreError.invalidArgument("tree size 6 is beyond the head: the ledger holds 5 events")) {
            try store.treeHead(size: 6)
        }
        #expect(throws: StoreError.self) { try store.inclusionProof(position: 0) }
        #expect(throws: StoreError.self) { try store.inclusionProof(position: 4, treeSize: 3) }
        #expect(throws: StoreError.self) { try store.consistencyProof(firstSize: 4, secondSize: 3) }
        #expect(try store.treeHead(size: 0).rootHash == MerkleTree.emptyRoot)
    }

    @Test func aTamperedStoredSubtreeIsFoundByVerify() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.store(dir, count: 100)
        #expect(try store.verify().isIntact)
        // The stored hash of positions 33–48 (level 4, complete at 48 leaves) altered.
        var key: [UInt8] = []
        MerkleStorage.appendKey(leafCount: 48, level: 4, to: &key)
        try store.managed.write { txn in
            try txn.put(try #require(store.databases.merkle), key: key, value: [UInt8](repeating: 0xAB, count: 32))
        }
        let report = try store.verify()
        #expect(!report.isIntact)
        #expect(report.firstBadPosition == 48)
        #expect(report.problem?.contains("positions 33–48") == true)
    }

    @Test func aStoreWithoutTheTreeIsBuiltAtItsNextWrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Self.store(dir, count: 100)
        let expected = try store.treeHead()
        // As a store made before the tree existed: the table emptied.
        try store.managed.write { txn in
            try LMDBError.check(mdb_drop(txn.handle, try #require(store.databases.merkle).dbi, 0))
        }
        let before = try store.verify()
        #expect(before.isIntact && before.treeNotBuilt)
        // Proofs still come out right, computed from the log.
        #expect(try store.treeHead() == expected)
        #expect(try store.inclusionProof(position: 77).verify())
        _ = try store.append([proposed("late")], rules: { StreamNamedRules() })
        let after = try store.verify()
        #expect(after.isIntact && !after.treeNotBuilt)
        #expect(try store.read { try $0.merkleCoverage() } == 96)
        #expect(try store.consistencyProof(firstSize: 100).firstRoot == expected.rootHash)
    }
}
