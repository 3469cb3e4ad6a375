import ArgumentParser
import LedgerStore
import Projections

/// `wfl explain PARTICIPANT_ID`: where one participant counts in the reports, and why.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain where a participant counts in the reports, or where a program's cost per person comes from.",
        discussion: """
            Prints the participant's periods of participation (entry and exit dates), exclusions, open \
            enrollments, and for each exited period the outcome cohorts (denominators) and numerators it falls in, \
            each with the positions of the events that put it there: the planned gaps the exit clock skipped, \
            pending wage quarters, skill gains, and services charged to funds. --as-of and --at-position work as \
            for `wfl report`. A participant who does not count at that position and date exits with 66.

            --program PRG-ID instead lists the program's cost lines (costs and fund-charged tuition) and the \
            counts its cost per enrolled, completed and hired participant are divided by (the funding report).

            Example:
              $ wfl explain P-000417 --as-of 2025-12-31
              Participant P-000417: position 14, as of 2025-12-31, rule version 2
              …
              period 1: entry 2024-02-12, exit 2024-06-14; participation events at positions 6, 7, 8, 10
                placementRate: cohort and numerator (window to 2024-09-12, wage $23.50/hour, 147 days); position 12
              $ wfl explain --program PRG-07
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The participant id.")
    var participantId: String?

    @Option(help: ArgumentHelp("Explain a program's costs instead.", valueName: "PROGRAM_ID"))
    var program: String?

    func validate() throws {
        if (participantId == nil) == (program == nil) {
            throw ValidationError("Give a participant id, or --program PROGRAM_ID (not both).")
        }
    }

    @OptionGroup var point: HistoryPointOptions

    func run() throws {
        let store = try storeOptions.openForReading()
        do {
            let head = try store.head()?.position ?? 0
            let query = try point.query(head: head)
            let models = try ReadModels.caughtUp(store: store, to: head)
            let (kind, id, text): (String, String, String?) =
                if let program {
                    ("program", program, try models.explain(programId: program, query: query)?.render())
                } else {
                    (
                        "participant", participantId ?? "",
                        try models.explain(participantId: participantId ?? "", query: query)?.render()
                    )
                }
            guard let text else {
                throw CLIFailure(
                    "wfl: no \(kind) \(id) counts at position \(query.position)" + (point.asOf.map { " as of \($0)" } ?? ""),
                    code: Exit.noInput
                )
            }
            Output.write(text)
            Output.flush()
        } catch {
            throw CLIFailure.mapping(error, path: storeOptions.path)
        }
    }
}
