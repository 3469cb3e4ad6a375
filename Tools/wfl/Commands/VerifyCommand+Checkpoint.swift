import LedgerStore

/// `wfl verify --checkpoint FILE [--verifier-key KEY]`: the ledger against a kept checkpoint.
enum CheckpointAudit {
    /// A kept checkpoint, read and, with a verifier key, its signature checked.
    struct Kept {
        var checkpoint: Checkpoint
        /// `name+hash` of the key whose signature was verified, `nil` when none was asked for.
        var signedBy: String?
    }

    /// Reads the checkpoint at `path` and checks its signature by `verifierKey`. Throws the failure: a missing file
    /// 66, a malformed file 65, a malformed key 64, a signature that does not verify 1.
    static func load(path: String, verifierKey: String?) throws(CLIFailure) -> Kept {
        let text = try TextFile.read(path, what: "checkpoint")
        var signedBy: String?
        if let verifierKey {
            let verifier: NoteVerifier
            do { verifier = try NoteVerifier(verifierKey: verifierKey) } catch {
                throw CLIFailure("wfl: verify: --verifier-key: \(error)", code: Exit.usage)
            }
            do { _ = try verifier.open(text) } catch {
                if case .malformedNote = error {
                    throw CLIFailure("wfl: verify: the checkpoint \(path): \(error)", code: Exit.dataError)
                }
                Output.line("FAILED: the checkpoint's signature: \(error)")
                Output.flush()
                throw CLIFailure("wfl: verify: the checkpoint \(path) is not validly signed", code: Exit.altered)
            }
            signedBy = "\(verifier.name)+\(Hex.encode(withUnsafeBytes(of: verifier.keyHash.bigEndian) { Array($0) }))"
        }
        do { return Kept(checkpoint: try Checkpoint(parsing: text), signedBy: signedBy) } catch {
            throw CLIFailure("wfl: verify: the checkpoint \(path): \(error)", code: Exit.dataError)
        }
    }

    /// Proves that the ledger extends `checkpoint`: a consistency proof from its size to the head, checked against
    /// its root hash, and its chain line against the log. Returns what fails (a position when one can be named).
    static func check(_ checkpoint: Checkpoint, store: LedgerStore) throws -> (position: UInt64?, problem: String)? {
        try store.read { txn in
            let head = try txn.head()?.position ?? 0
            let size = checkpoint.treeHead.size
            guard size <= head else {
                return (
                    nil,
                    "the checkpoint covers \(size) events but the ledger holds only \(head): events it covers are missing"
                )
            }
            if size > 0 {
                let proof = try txn.consistencyProof(firstSize: size, secondSize: head)
                let extends = MerkleVerification.verifyConsistency(
                    firstSize: size, secondSize: head, firstRoot: checkpoint.treeHead.rootHash,
                    secondRoot: try txn.treeHead(size: head).rootHash, path: proof.path)
                guard extends else {
                    return (
                        nil,
                        "the ledger does not extend the checkpoint: the tree of its first \(size) events has root "
                            + "\(Base64.encode(proof.firstRoot)), the checkpoint's is "
                            + "\(Base64.encode(checkpoint.treeHead.rootHash)) (history before position \(size + 1) was "
                            + "rewritten)"
                    )
                }
            }
            if let chain = checkpoint.chainHead {
                guard chain.position <= head, try txn.event(at: chain.position)?.hash == chain.hash else {
                    return (chain.position, "the chain hash at position \(chain.position) differs from the checkpoint's")
                }
            }
            return nil
        }
    }
}
