import ArgumentParser

/// `wfl`: the one executable that services, analysts and auditors use.
@main
struct WFL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wfl",
        abstract: "WorkforceLedger: an append-only, hash-chained ledger of a workforce-training program.",
        discussion: """
            Services append events (`wfl append`, `wfl import`); analysts read reports (`wfl report`); auditors \
            replay and verify (`wfl events`, `wfl history`, `wfl verify`, `wfl head`).

            The store is a directory: --store DIR, else $WFL_STORE, else ./ledger.

            Exit codes (BSD sysexits): 0 success; 64 usage; 65 rejected input; 66 input or store not found; \
            73 store cannot be created; 74 I/O or storage failure; 75 wrong expected version (retry); \
            1 verify found the ledger altered.
            """,
        subcommands: WFL.commands
    )
}
