import ArgumentParser
import LedgerStore

/// `wfl prove`: RFC 9162 inclusion and consistency proofs.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove that an event is in the ledger, or that the ledger extends an earlier size (RFC 9162).",
        discussion: """
            Proofs are a few hundred bytes and are checked without the ledger, e.g. with \
            `Tools/verify_proof.py` against a signed checkpoint. Hashes are base64, as in checkpoints.

            Example:
              $ wfl prove inclusion 42 --size 108729 --format json > proof.json
              $ wfl prove consistency 100000 108729
            """,
        subcommands: [InclusionProofCommand.self, ConsistencyProofCommand.self]
    )
}

/// `wfl prove inclusion POSITION`.
struct InclusionProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inclusion",
        abstract: "Prove that the event at POSITION is in the tree of the first N events.",
        discussion: """
            Text output, one field a line:
              leafIndex 41
              treeSize 108729
              leafHash <base64>
              rootHash <base64>
              path <base64>      (one line per hash, from the leaf's sibling up)
            JSON: {"leafIndex":41,"treeSize":108729,"leafHash":"…","path":["…",…],"rootHash":"…"}.
            leafIndex is POSITION − 1; leafHash is SHA-256(0x00 ‖ the event's canonical bytes), the bytes its \
            chain hash covers. A position outside 1…N, or N beyond the head, is wrong usage (64).

            Example:
              $ wfl prove inclusion 42 --size 108729 --format json
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The event's position.")
    var position: UInt64

    @Option(help: ArgumentHelp("The tree size (default: the head).", valueName: "N"))
    var size: UInt64?

    @Option(help: "text (the default) or json.")
    var format: SummaryFormat = .text

    func run() throws {
        let store = try storeOptions.openForReading()
        let proof: InclusionProof
        do { proof = try store.inclusionProof(position: position, treeSize: size) } catch {
            throw CLIFailure.reading(error, path: storeOptions.path)
        }
        ProofOutput.write(
            [
                ("leafIndex", .number(proof.leafIndex)), ("treeSize", .number(proof.treeSize)),
                ("leafHash", .hash(proof.leafHash)), ("path", .path(proof.path)), ("rootHash", .hash(proof.rootHash)),
            ], format: format)
        Output.flush()
    }
}

/// `wfl prove consistency M N`.
struct ConsistencyProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Prove that the tree of the first N events extends the tree of the first M.",
        discussion: """
            Text output, one field a line:
              firstSize 100000
              secondSize 108729
              firstRoot <base64>
              secondRoot <base64>
              path <base64>      (one line per hash, in RFC 9162 order)
            JSON: {"firstSize":…,"secondSize":…,"firstRoot":"…","secondRoot":"…","path":["…",…]}.
            1 ≤ M ≤ N ≤ the head, else wrong usage (64).

            Example:
              $ wfl prove consistency 100000 108729 --format json
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The earlier tree size.")
    var first: UInt64

    @Argument(help: "The later tree size.")
    var second: UInt64

    @Option(help: "text (the default) or json.")
    var format: SummaryFormat = .text

    func run() throws {
        let store = try storeOptions.openForReading()
        let proof: ConsistencyProof
        do { proof = try store.consistencyProof(firstSize: first, secondSize: second) } catch {
            throw CLIFailure.reading(error, path: storeOptions.path)
        }
        ProofOutput.write(
            [
                ("firstSize", .number(proof.firstSize)), ("secondSize", .number(proof.secondSize)),
                ("firstRoot", .hash(proof.firstRoot)), ("secondRoot", .hash(proof.secondRoot)), ("path", .path(proof.path)),
            ], format: format)
        Output.flush()
    }
}

/// JSON pieces of the proofs.
enum ProofOutput {
    /// A field of a proof.
    enum Field {
        case number(UInt64)
        case hash([UInt8])
        /// The audit path: one hash per line in text, an array in JSON.
        case path([[UInt8]])
    }

    /// Writes a proof's fields: in text one `name value` line each (hashes in base64, as in C2SP), the path's
    /// lines last; in JSON one object with the fields in the order given.
    static func write(_ fields: [(name: String, value: Field)], format: SummaryFormat) {
        switch format {
        case .text:
            var lines = ""
            var pathLines = ""
            for (name, value) in fields {
                switch value {
                case .number(let number): lines += "\(name) \(number)\n"
                case .hash(let hash): lines += "\(name) \(Base64.encode(hash))\n"
                case .path(let hashes): for hash in hashes { pathLines += "\(name) \(Base64.encode(hash))\n" }
                }
            }
            Output.write(lines + pathLines)
        case .json:
            let members = fields.map { name, value in
                switch value {
                case .number(let number): return "\"\(name)\":\(number)"
                case .hash(let hash): return "\"\(name)\":\"\(Base64.encode(hash))\""
                case .path(let hashes):
                    return "\"\(name)\":[" + hashes.map { "\"\(Base64.encode($0))\"" }.joined(separator: ",") + "]"
                }
            }
            Output.line("{" + members.joined(separator: ",") + "}")
        }
    }
}
