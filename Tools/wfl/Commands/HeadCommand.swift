import ArgumentParser
import CanonicalJSON
import LedgerStore

/// `wfl head`: the head digest, the one value an auditor keeps to check the ledger against later.
struct HeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head",
        abstract: "Print the head digest: the last position and its chain hash.",
        discussion: """
            The head digest POSITION:HASH identifies the whole log up to POSITION: the hash chains every event \
            before it. Keep it somewhere the ledger's operators cannot change; `wfl verify --digest` later \
            proves the log still extends it, unchanged.

            --format text (the default) prints POSITION:HASH; --format json prints \
            {"position": N, "hash": "…"}. An empty ledger has no head: text "0:" and JSON \
            {"position": 0, "hash": null}.

            Example:
              $ wfl head
              123456:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
              $ wfl verify --digest 123456:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "text (POSITION:HASH, the default) or json.")
    var format: SummaryFormat = .text

    func run() throws {
        let store = try storeOptions.openForReading()
        let head: Digest?
        do { head = try store.head() } catch { throw CLIFailure.reading(error, path: storeOptions.path) }
        switch format {
        case .text:
            Output.line(head.map(\.description) ?? "0:")
        case .json:
            Output.line(
                JSONWriter.object(["position": .unsigned(head?.position ?? 0), "hash": head.map { .string($0.hashHex) } ?? .null])
            )
        }
        Output.flush()
    }
}
