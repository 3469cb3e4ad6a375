import ArgumentParser
import CanonicalJSON
import LedgerStore
import WorkforceEvents

/// `wfl restore EXPORT.jsonl --store NEW`: an export loaded back into a new store, every stored field kept.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Load a `wfl events --format jsonl` export into a new, empty store, keeping every stored field.",
        discussion: """
            Every event keeps its position, stream, stream version, recordedAt and hash, so the restored store's \
            head digest is the exported one's. Each line is checked as it is read: its stored fields' shape, the \
            event as input (the free-text screen of new input is not applied: stored events stay valid), the \
            append rules (which rebuild the rule state later appends are checked against), the next position \
            (from 1, no gap), its stream and version, and its hash, recomputed over the previous hash and the \
            event. The first bad line stops the restore with its line number, and nothing is written. This is also \
            the way to move a ledger between machines or storage backends.

            The store (--store, $WFL_STORE, ./ledger) must not exist or be empty. EXPORT may be a file, - or \
            nothing for standard input, a pipe or a FIFO.

            Exit codes: 0 restored; 65 a bad line (nothing written); 66 EXPORT not found; 73 the store is not new \
            or empty, or cannot be created; 74 I/O or storage failure.

            Example:
              $ wfl events --store old > export.jsonl
              $ wfl restore export.jsonl --store new
              restored 108729 events: head 108729:56d5f86a…
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "text (the default) or json, for the summary and the errors.")
    var format: SummaryFormat = .text

    @Argument(help: ArgumentHelp("The export (default, or -: standard input).", valueName: "EXPORT.jsonl"))
    var file: String?

    func run() throws {
        guard LedgerStore.isPlaceForNewStore(storeOptions.path) else {
            throw CLIFailure(
                "wfl: restore needs a new or empty store; \(storeOptions.path) is not (choose another --store)",
                code: Exit.cannotCreate
            )
        }
        let source = try ImportSource.open(file)
        let summary: LedgerRestore.Summary
        do {
            summary = try storeOptions.withStoreForWriting { store in
                try LedgerRestore.run(store: store) { try source.reader() }
            }
        } catch {
            throw WriteReporting.failure(mapping: error, format: format)
        }
        let head = summary.head?.description
        switch format {
        case .text:
            Output.line(
                "restored \(summary.restored) event\(summary.restored == 1 ? "" : "s")"
                    + (head.map { ": head \($0)" } ?? ": empty ledger"))
        case .json:
            Output.line(
                JSONWriter.object(["restored": .integer(Int64(summary.restored)), "head": head.map { .string($0) } ?? .null]))
        }
        Output.flush()
    }
}
