import ArgumentParser
import LedgerStore
import Projections

#if canImport(Glibc)
    import Glibc
#endif

/// `wfl export sqlite FILE`: the ledger as a SQLite database for BI tools.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the ledger as a SQLite database for BI tools (row-level data: confidential).",
        discussion: """
            wfl export sqlite FILE writes one SQLite database: every event at a position ≤ N (typed columns for \
            the envelope and the common data fields, the canonical JSON of data alongside, voided events \
            flagged); participants, programs, employers, funds, enrollments, periods of participation (entry and \
            exit dates), services, hires and wage records as the reports see them at (N, D); one table per \
            report with the rows of its CSV (suppressed outcome cells NULL, their _suppressed flag 1); indexes \
            for the joins; and a meta table with the position, as-of date, rule version and head digest.

            --at-position N and --as-of D are as for `wfl report`; an export at --at-position N holds the same \
            rows as one made when the head was N. The database names participants: it is confidential. An \
            existing FILE is replaced only with --force.

            Example:
              wfl export sqlite analysis.db
              sqlite3 analysis.db "SELECT sector, count(*) FROM enrollments JOIN programs USING (program_id) GROUP BY sector"
            """
    )

    /// The export format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case sqlite
    }

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "sqlite (the one format).")
    var format: Format

    @Argument(help: ArgumentHelp("The database file to write.", valueName: "FILE"))
    var file: String

    @OptionGroup var point: HistoryPointOptions

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    func validate() throws {
        if file.isEmpty { throw ValidationError("FILE must not be empty.") }
    }

    func run() throws {
        let output = OutputFile(path: file, force: force)
        try output.checkAvailable()
        let store = try storeOptions.openForReading()
        do {
            let head = try store.head()?.position ?? 0
            let query = try point.query(head: head)
            let models = try ReadModels.caughtUp(store: store, to: head)
            output.discardStaging()
            let export = SQLiteExport(store: store, models: models, query: query, digest: try store.digest(at: query.position))
            do {
                try export.write(to: output.staging)
            } catch {
                output.discardStaging()
                throw error
            }
            try output.commit()
        } catch {
            throw CLIFailure.mapping(error, path: storeOptions.path)
        }
        Output.error(
            "wfl: \(file) holds row-level participant data and is confidential: keep it to the people authorized to "
                + "see case records, and publish only suppressed aggregates (wfl report, wfl dashboard).")
    }
}
