import ArgumentParser
import LedgerStore

/// `wfl checkpoint`: the ledger's tree head as a C2SP checkpoint, signed with `--key`.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the ledger's checkpoint (C2SP tlog-checkpoint), signed with --key.",
        discussion: """
            A checkpoint names the Merkle tree (RFC 9162) of the ledger's first N events (N = the head, or \
            --size): the origin line, the tree size, the base64 root hash, and the extension line \
            `chain <position> <hex hash>` with the hash chain's head at that size. The origin defaults to \
            `wfl/` and the first 16 hex digits of the chain hash of position 1 (--origin to name the log \
            otherwise).

            With --key FILE (a key from `wfl keygen`) the checkpoint is signed as a C2SP signed note with \
            Ed25519 and kept as the last signed checkpoint, in the store and beside the key (FILE.last-checkpoint, \
            so that a restore of the store does not make it forget). A fork is never signed: a tree that does not \
            extend either (after a restore from an older backup, on a replica that lacks events a signed \
            checkpoint covers, or after history was rewritten) is refused with the reason, exit 1. Keep each signed checkpoint where the operators cannot change it; later, \
            `wfl verify --checkpoint FILE --verifier-key KEY` proves the ledger still extends it.

            Exit codes: 64 a --size beyond the head or an empty ledger; 65 a malformed key file; 66 a missing \
            store or key file; 1 signing refused.

            Example:
              $ wfl checkpoint --key /secure/wfl-checkpoint.key > checkpoint-2026-06.txt
              $ cat checkpoint-2026-06.txt
              wfl/3f2a9c01d4e5b6a7
              108729
              u7s2…=
              chain 108729 56d5f86a…

              — ctdol.example/wfl Gy3eT…
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The tree size (default: the head).", valueName: "N"))
    var size: UInt64?

    @Option(help: ArgumentHelp("A private key file from `wfl keygen`: sign, and keep the checkpoint.", valueName: "FILE"))
    var key: String?

    @Option(help: ArgumentHelp("The origin line (default: wfl/ and 16 hex digits of the first event's hash).", valueName: "O"))
    var origin: String?

    func run() throws {
        guard let key else {
            let store = try storeOptions.openForReading()
            do { Output.write(try store.checkpoint(size: size, origin: origin).text) } catch {
                throw CLIFailure.reading(error, path: storeOptions.path)
            }
            Output.flush()
            return
        }
        let signer: NoteSigner
        do { signer = try NoteSigner(privateKeyText: try TextFile.read(key, what: "key file")) } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure("wfl: checkpoint: the key file \(key): \(error)", code: Exit.dataError)
        }
        let store: LedgerStore
        do {
            // The store must exist (signing never creates one).
            store = try LedgerStore(directory: storeOptions.path, configuration: StoreConfiguration(mode: .readWrite))
        } catch {
            throw CLIFailure.from(error, path: storeOptions.path)
        }
        // The signer's own memory of its last checkpoint, beside the key: it survives a restore of the store.
        let lastPath = key + ".last-checkpoint"
        var mustExtend: [String] = []
        do { mustExtend = [try TextFile.read(lastPath, what: "last signed checkpoint")] } catch  where error.code == Exit.noInput
        {
        } catch {
            throw error
        }
        do {
            let note = try store.signCheckpoint(size: size, origin: origin, signer: signer, mustExtend: mustExtend)
            do { try TextFile.replace(lastPath, text: note, mode: 0o600, what: "last signed checkpoint") } catch {
                throw error
            }
            Output.write(note)
        } catch let refusal as CheckpointError {
            throw CLIFailure("wfl: checkpoint: \(refusal)", code: Exit.altered)
        } catch {
            throw CLIFailure.mapping(error, path: storeOptions.path)
        }
        Output.flush()
    }
}
