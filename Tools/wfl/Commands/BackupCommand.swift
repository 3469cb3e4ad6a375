import ArgumentParser
import LedgerStore

/// `wfl backup DEST`: a consistent, compacted copy of a live store, verified on its own.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store, consistently and compacted, to a new directory, and verify the copy.",
        discussion: """
            Writers may go on while the copy is made: it is one read transaction's snapshot (LMDB's own copy with \
            compaction, which leaves free pages out). DEST must not exist or be empty; the copy is written beside \
            it and renamed into place, so a failed backup leaves nothing. The copy is then opened on its own and \
            verified (hash chain and indexes), and its head digest printed. The read models are not copied: they \
            are rebuilt from the copy when it is first used.

            Exit codes: 0 copied and verified; 1 the copy does not verify; 66 no store; 73 DEST is not new or \
            empty, or the copy could not be written (a full disk); 74 I/O or storage failure.

            Example:
              $ wfl backup /backups/ledger-2026-12-04 --store /var/lib/wfl/ledger
              backed up 108729 events to /backups/ledger-2026-12-04: verified, head 108729:56d5f86a…
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The new directory for the copy.", valueName: "DEST"))
    var destination: String

    func run() throws {
        let store = try storeOptions.openForReading()
        do {
            try store.backup(to: destination)
        } catch .notAStore(let path, let reason) {
            throw CLIFailure("wfl: \(StoreError.notAStore(path: path, reason: reason))", code: Exit.cannotCreate)
        } catch {
            throw CLIFailure.from(error, path: destination)
        }
        let report: VerificationReport
        do {
            let copy = try LedgerStore(directory: destination, configuration: StoreConfiguration(mode: .readOnly))
            report = try copy.verify()
        } catch {
            throw VerifyCommand.failure(error, path: destination)
        }
        guard report.isIntact else {
            Output.line("FAILED at position \(report.firstBadPosition ?? 0): \(report.problem ?? "unknown problem")")
            Output.flush()
            throw CLIFailure("wfl: backup: the copy in \(destination) does not verify", code: Exit.altered)
        }
        let head = report.head.map { "head \($0)" } ?? "empty ledger"
        Output.line("backed up \(report.eventCount) events to \(destination): verified, \(head)")
        Output.flush()
    }
}
