import ArgumentParser
import LedgerStore
import Projections
import WorkforceEvents

#if canImport(Glibc)
    import Glibc
#endif

/// `wfl verify`: recomputes the hash chain and the indexes, optionally against a kept digest.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the hash chain and check every index; exit 1 if anything was altered.",
        discussion: """
            Reads the whole log in one consistent snapshot, recomputes each event's SHA-256 chain hash from \
            position 1 (over the previous hash and the event's canonical bytes), checks that the stream, type \
            and eventId indexes and the per-type counters match the log, and, with --digest, that the event at \
            the digest's position still has the digest's hash: proof that the log still extends a head kept \
            elsewhere.

            Intact: prints one line and exits 0, e.g.
              ok: 123456 events, head 123456:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            Altered: prints the first position where anything disagrees and what, and exits 1, e.g.
              FAILED at position 51: the hash does not match the event's content and the previous hash
            A malformed --digest is wrong usage (64); a missing store is 66. The empty ledger's head, as `wfl \
            head` prints it, is `0:`; every ledger extends it.

            The read models (<store>/readmodels), when there are any, are then compared with a fresh replay of \
            the log in memory up to their checkpoint, entry by entry, and their checksums checked. Damaged read \
            models (the ledger itself intact) print `FAILED read models: …` and exit 2: run `wfl rebuild`.

            --rules also re-appends every event, in position order, to a scratch store through the append rules \
            of EVENTS.md section 3, and compares the rule state the ledger keeps (registrations, enrollments, \
            seats, wage quarters, voids; later appends are checked against it) with the one the log produces.

            Progress goes to standard error when it is a terminal.

            Example (an auditor keeps a digest, and checks it later):
              wfl head --store ledger > kept-digest.txt
              wfl verify --store ledger --digest "$(cat kept-digest.txt)"
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        help: ArgumentHelp(
            "A kept digest POSITION:HASH (as `wfl head` prints it): also prove the event there still has HASH.",
            valueName: "POS:HASH"))
    var digest: String?

    @Option(help: ArgumentHelp("A kept checkpoint (from `wfl checkpoint`): prove the ledger extends it.", valueName: "FILE"))
    var checkpoint: String?

    @Option(
        help: ArgumentHelp("With --checkpoint: the verifier key whose signature it must carry.", valueName: "KEY"))
    var verifierKey: String?

    @Flag(help: "Also re-check every event under the append rules and the rules' kept state (slower: a full re-append).")
    var rules = false

    func validate() throws {
        if verifierKey != nil, checkpoint == nil { throw ValidationError("--verifier-key needs --checkpoint FILE.") }
        if let digest, digest != Self.emptyHead, Digest(parsing: digest) == nil {
            throw ValidationError(
                "--digest must be POSITION:HASH with a position ≥ 1 and 64 hex digits, or 0: (the empty ledger's head), "
                    + "not '\(digest)'.")
        }
    }

    func run() throws {
        let kept = digest.flatMap(Digest.init(parsing:))
        let keptCheckpoint = try checkpoint.map { try CheckpointAudit.load(path: $0, verifierKey: verifierKey) }
        let store: LedgerStore
        do {
            store = try LedgerStore(directory: storeOptions.path, configuration: storeOptions.readingConfiguration)
        } catch .storeNotFound {
            throw CLIFailure.from(.storeNotFound(path: storeOptions.path), path: storeOptions.path)
        } catch {
            // A store too damaged to open (not an LMDB file, its format record gone) is an altered ledger too.
            throw Self.failure(error, path: storeOptions.path)
        }
        let progress = ProgressLine()
        let report: VerificationReport
        do {
            report = try store.verify(against: kept) { checked, total in progress.show("verify", checked, of: total) }
        } catch {
            progress.clear()
            throw Self.failure(error, path: storeOptions.path)
        }
        progress.clear()
        guard report.isIntact else {
            let at = report.firstBadPosition.map { $0 > 0 ? " at position \($0)" : "" } ?? ""
            Output.line("FAILED\(at): \(report.problem ?? "unknown problem")")
            Output.flush()
            throw CLIFailure("wfl: verify: the ledger was altered\(at)", code: Exit.altered)
        }
        if let keptCheckpoint {
            let finding: (position: UInt64?, problem: String)?
            do { finding = try CheckpointAudit.check(keptCheckpoint.checkpoint, store: store) } catch {
                throw Self.failure(error, path: storeOptions.path)
            }
            if let finding {
                let at = finding.position.map { " at position \($0)" } ?? ""
                Output.line("FAILED\(at): \(finding.problem)")
                Output.flush()
                throw CLIFailure("wfl: verify: the ledger does not extend the checkpoint", code: Exit.altered)
            }
        }
        if rules {
            let finding: RuleAudit.Finding?
            do {
                finding = try RuleAudit.run(store: store, scratchDirectory: Self.scratchDirectory())
            } catch {
                throw Self.failure(error, path: storeOptions.path)
            }
            if let finding {
                Output.line("FAILED \(finding)")
                Output.flush()
                let at = finding.position.map { " at position \($0)" } ?? ""
                throw CLIFailure("wfl: verify: the ledger breaks its append rules\(at)", code: Exit.altered)
            }
        }
        var summary = "ok: \(report.eventCount) events"
        if let head = report.head { summary += ", head \(head)" } else { summary += ", empty ledger" }
        if let kept { summary += "; extends kept digest \(kept.position)" }
        if digest == Self.emptyHead { summary += "; extends kept digest 0 (the empty ledger)" }
        if let tree = report.treeHead, tree.size > 0, !report.treeNotBuilt {
            summary += "; tree \(tree.size):\(Base64.encode(tree.rootHash))"
        } else if report.treeNotBuilt {
            summary += "; Merkle tree not built yet (the next write builds it)"
        }
        if let keptCheckpoint {
            summary += "; extends checkpoint \(keptCheckpoint.checkpoint.treeHead.size)"
            summary += keptCheckpoint.signedBy.map { " signed by \($0)" } ?? " (signature not checked)"
        }
        if rules { summary += "; every event passes the append rules and the rule state matches" }
        let models: ReadModelAudit
        do { models = try ReadModels.audit(store: store) } catch { throw Self.failure(error, path: storeOptions.path) }
        switch models {
        case .absent: break
        case .intact(let checkpoint): summary += "; the read models match the log at position \(checkpoint)"
        case .stale(let reason): summary += "; the read models are of an older format (\(reason)): reports rebuild them"
        case .damaged(let reason):
            Output.line(summary)
            Output.line("FAILED read models: \(reason)")
            Output.flush()
            throw CLIFailure(
                "wfl: verify: the ledger is intact but its read models are damaged; run `wfl rebuild`",
                code: Exit.readModelsDamaged
            )
        }
        Output.line(summary)
        Output.flush()
    }

    /// The empty ledger's head as `wfl head` prints it: a kept digest that every ledger extends.
    static let emptyHead = "0:"

    /// A fresh private directory for the re-append of `--rules`.
    static func scratchDirectory() -> String {
        let base = getenv("TMPDIR").flatMap { String(validatingCString: $0) } ?? "/tmp"
        return "\(base)/wfl-verify-rules-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// An error met while verifying. Damage that LMDB itself detects (a corrupt page, an unreadable record)
    /// means the ledger was altered: exit 1 like a broken chain. Anything else is a storage failure.
    static func failure(_ error: any Error, path: String) -> CLIFailure {
        var damage: String?
        if let lmdb = error as? LMDBError, lmdb.meansCorruption { damage = lmdb.description }
        switch error as? StoreError {
        case .storage(_, let lmdb)? where lmdb.meansCorruption || lmdb == .invalid: damage = lmdb.description
        case .cannotCreate?, .storage?: break
        case .corruptRecord?, .incompatibleFormat?: damage = "\(error)"
        default: break
        }
        guard let damage else { return CLIFailure.reading(error, path: path) }
        Output.line("FAILED: the storage is damaged: \(damage)")
        Output.flush()
        return CLIFailure("wfl: verify: the ledger's storage is damaged", code: Exit.altered)
    }
}
