import ArgumentParser
import LedgerStore

/// `wfl keygen`: a new Ed25519 key for signing checkpoints.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key for signing checkpoints; print its verifier key.",
        discussion: """
            Writes the private key to FILE (created with mode 0600; an existing file is never overwritten, exit \
            73) in the signed-note format PRIVATE+KEY+<name>+<hash>+<base64>, and prints the verifier key \
            <name>+<hash>+<base64>: publish it, and auditors check checkpoints with it (`wfl verify --checkpoint \
            FILE --verifier-key KEY`, `Tools/verify_proof.py`). The format is C2SP's signed-note, as Go's \
            golang.org/x/mod/sumdb/note reads it. A name must be non-empty, without spaces or '+' (wrong usage: 64).

            Example:
              $ wfl keygen --name ctdol.example/wfl --out /secure/wfl-checkpoint.key
              ctdol.example/wfl+1b2c3d4e+AXk…
            """
    )

    /// Accepted like every command's (`$WFL_STORE` scripts pass it everywhere); a key belongs to no store.
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The key's name, e.g. the program office's host and path.", valueName: "NAME"))
    var name: String

    @Option(help: ArgumentHelp("Where to write the private key (must not exist).", valueName: "FILE"))
    var out: String

    func validate() throws {
        guard SignedNote.isValidName(name) else {
            throw ValidationError("--name must be non-empty, without spaces or '+', not '\(name)'.")
        }
    }

    func run() throws {
        let signer: NoteSigner
        do { signer = try NoteSigner.generate(name: name) } catch {
            throw CLIFailure("wfl: keygen: \(error)", code: Exit.usage)
        }
        do { try TextFile.create(out, text: signer.privateKeyText + "\n", mode: 0o600, what: "key file") } catch {
            throw error
        }
        Output.line(signer.verifier.verifierKeyText)
        Output.flush()
    }
}
