/// A checkpoint in the C2SP `tlog-checkpoint` format: the tree head of the ledger at a size, under the log's origin.
///
/// ```
/// wfl/3f2a9c01d4e5b6a7
/// 108729
/// 5M2n…base64 root hash…=
/// chain 108729 56d5f86a…hex chain hash…
/// ```
/// The extension line `chain <position> <hash>` carries the hash chain's head at that size, so that one kept text
/// pins both the tree and the chain. Signed, it is a signed note (see ``NoteSigner``).
public struct Checkpoint: Sendable, Equatable {
    /// The log's name: by default `wfl/` and the first 16 hex digits of the chain hash of position 1, derived from
    /// the log itself (it survives a restore or a move to another backend).
    public var origin: String
    /// The tree head.
    public var treeHead: TreeHead
    /// The hash chain's head at `treeHead.size` (`nil` when a parsed checkpoint has no `chain` line).
    public var chainHead: Digest?

    /// Creates a checkpoint from its parts.
    public init(origin: String, treeHead: TreeHead, chainHead: Digest?) {
        self.origin = origin
        self.treeHead = treeHead
        self.chainHead = chainHead
    }

    /// The default origin of a log whose first event has chain hash `firstHash`.
    public static func defaultOrigin(firstHash: [UInt8]) -> String {
        "wfl/" + Hex.encode(firstHash.prefix(8))
    }

    /// The checkpoint's text (the note body): origin, size, base64 root hash, the `chain` line; each ends in a newline.
    public var text: String {
        var text = "\(origin)\n\(treeHead.size)\n\(Base64.encode(treeHead.rootHash))\n"
        if let chainHead { text += "chain \(chainHead.position) \(chainHead.hashHex)\n" }
        return text
    }

    /// Parses a checkpoint's text, or a signed note holding one (its signatures are not checked here: see
    /// ``NoteVerifier/open(_:)``). Extension lines other than `chain` are allowed and ignored.
    public init(parsing note: String) throws(CheckpointError) {
        var text = note
        if note.contains("\n\n") {
            do { text = try SignedNote.split(note).text } catch { throw .malformed("\(error)") }
        }
        guard text.hasSuffix("\n") else { throw .malformed("the checkpoint's last line does not end in a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3 else { throw .malformed("a checkpoint has an origin, a tree size and a root hash line") }
        guard !lines[0].isEmpty else { throw .malformed("the origin line is empty") }
        guard let size = UInt64(lines[1]), lines[1] == "\(size)" else {
            throw .malformed("the tree size '\(lines[1])' is not a decimal number without leading zeros")
        }
        guard let root = Base64.decode(lines[2]), root.count == MerkleTree.hashSize else {
            throw .malformed("the root hash '\(lines[2])' is not base64 of 32 bytes")
        }
        var chain: Digest?
        for line in lines.dropFirst(3) where line.hasPrefix("chain ") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3, let position = UInt64(fields[1]), fields[2].utf8.count == 64,
                let hash = Hex.decode(String(fields[2]))
            else { throw .malformed("the extension line '\(line)' is not 'chain <position> <64 hex digits>'") }
            chain = Digest(position: position, hash: hash)
        }
        self.init(origin: String(lines[0]), treeHead: TreeHead(size: size, rootHash: root), chainHead: chain)
    }
}

/// Why a checkpoint was not read, made or signed.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a checkpoint.
    case malformed(String)
    /// Signing would fork the log: the tree does not extend the last checkpoint the store signed.
    case wouldFork(String)

    /// A sentence naming what is wrong.
    public var description: String {
        switch self {
        case .malformed(let reason): return "malformed checkpoint: \(reason)"
        case .wouldFork(let reason): return "refusing to sign: \(reason)"
        }
    }
}

extension ReadTransaction {
    /// The checkpoint of the tree of `size` events (the head when `nil`) under `origin` (the default origin when
    /// `nil`). An empty ledger has no checkpoint.
    public func checkpoint(size: UInt64? = nil, origin: String? = nil) throws -> Checkpoint {
        let head = try treeHead(size: size)
        guard head.size > 0 else { throw StoreError.invalidArgument("the ledger is empty: there is no tree to checkpoint") }
        guard let chain = try chainDigest(at: head.size), let first = try chainDigest(at: 1) else {
            throw StoreError.corruptRecord(position: head.size, reason: "missing from the log")
        }
        let origin = origin ?? Checkpoint.defaultOrigin(firstHash: first.hash)
        guard !origin.isEmpty, !origin.contains("\n"), !origin.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw StoreError.invalidArgument("an origin must be one non-empty line without control characters")
        }
        return Checkpoint(origin: origin, treeHead: head, chainHead: chain)
    }

    /// The position and chain hash of the event at `position`, or `nil`.
    func chainDigest(at position: UInt64) throws -> Digest? {
        let key = IndexKeys.position(position)
        return try key.withUnsafeBytes { k in
            try txn.withValue(databases.log, key: k) { value in
                guard let value, value.count >= 32 else { return nil }
                return Digest(position: position, hash: Array(value[..<32]))
            }
        }
    }

    /// The last checkpoint the store signed (the signed note), or `nil`.
    public func lastSignedCheckpoint() throws -> String? {
        try txn.value(databases.meta, key: Metadata.signedCheckpointKey).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension LedgerStore {
    /// The checkpoint of the tree of `size` events (the head when `nil`), unsigned.
    public func checkpoint(size: UInt64? = nil, origin: String? = nil) throws -> Checkpoint {
        try read { try $0.checkpoint(size: size, origin: origin) }
    }

    /// The last checkpoint the store signed (the signed note), or `nil`.
    public func lastSignedCheckpoint() throws -> String? {
        try read { try $0.lastSignedCheckpoint() }
    }

    /// Signs the checkpoint of the tree of `size` events (the head when `nil`) with `signer`, and keeps it as the
    /// store's last signed checkpoint, in one write transaction.
    ///
    /// Never signs a fork: throws ``CheckpointError/wouldFork(_:)`` when the tree does not extend the last
    /// checkpoint the store signed (after a restore from an older backup, on a replica that lacks events that
    /// checkpoint covers, or when history before it was rewritten). A store made before the Merkle tree existed gets
    /// its tree built here, from the log.
    ///
    /// `mustExtend` are further checkpoints (texts or signed notes) the tree must extend, for instance the last one
    /// the signer itself kept: a store restored from a backup made before its last signing no longer holds that one.
    public func signCheckpoint(
        size: UInt64? = nil, origin: String? = nil, signer: NoteSigner, mustExtend: [String] = []
    ) throws -> String {
        try managed.write { txn in
            let reader = ReadTransaction(txn: txn, databases: databases)
            let head = try reader.head()?.position ?? 0
            if let table = databases.merkle {
                var tree = try MerkleAppender(reader: reader, head: head)
                try tree.write(txn, table: table)
            }
            let checkpoint = try reader.checkpoint(size: size, origin: origin)
            for kept in try [reader.lastSignedCheckpoint()].compactMap({ $0 }) + mustExtend {
                let last = try Checkpoint(parsing: kept)
                let lastSize = last.treeHead.size
                guard lastSize <= head else {
                    throw CheckpointError.wouldFork(
                        "a checkpoint of \(lastSize) events was signed but the store holds only \(head): it was restored "
                            + "from an older backup, or is a replica that lacks events that checkpoint covers")
                }
                guard lastSize <= checkpoint.treeHead.size else {
                    throw CheckpointError.wouldFork(
                        "a checkpoint of \(lastSize) events was already signed; a tree of "
                            + "\(checkpoint.treeHead.size) does not extend it")
                }
                guard try reader.treeHead(size: lastSize).rootHash == last.treeHead.rootHash else {
                    throw CheckpointError.wouldFork(
                        "the tree of the first \(lastSize) events differs from the checkpoint signed of them: "
                            + "history it covers was rewritten")
                }
            }
            let note = try signer.sign(checkpoint.text)
            try txn.put(databases.meta, key: Metadata.signedCheckpointKey, value: Array(note.utf8))
            return note
        }
    }
}

extension Metadata {
    /// The `meta` key of the last checkpoint the store signed (the signed note's bytes).
    static let signedCheckpointKey = Array("checkpoint:signed".utf8)
}
