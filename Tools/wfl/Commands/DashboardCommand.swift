import ArgumentParser
import LedgerStore
import Projections

/// `wfl dashboard --out FILE.html`: the board's page, one self-contained HTML file.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Write the dashboard: one self-contained HTML page of charts and tables.",
        discussion: """
            The page shows the participant funnel, outcomes by population, race, sex and age against the \
            program-wide rate, outcomes by exit quarter (pending quarters as pending), program capacity, funding \
            and a caseload summary per case manager. Its header names the position, the as-of date, the rule \
            version, the exit window, the suppression threshold and the head digest at that position, so a \
            printed copy can be traced.

            The file has no script and loads nothing: CSS and SVG charts are inline, so it opens offline, prints, \
            and gives the same bytes for the same arguments. Outcome and funnel figures below --min-cell K \
            (default 10) are suppressed, with the outcomes report's complementary suppression; a suppressed \
            figure is drawn as a hatched box and its value is not in the file. --min-cell 1 switches \
            suppression off and marks the page confidential.

            --as-of, --at-position, --exit-from and --exit-to are as for `wfl report`. An existing FILE is \
            replaced only with --force.

            Examples:
              wfl dashboard --out board.html
              wfl dashboard --out py2024.html --exit-from 2024-07-01 --exit-to 2025-06-30 --as-of 2026-03-31
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "FILE"))
    var out: String

    @OptionGroup var point: HistoryPointOptions

    @Option(name: .customLong("min-cell"), help: ArgumentHelp("Suppress figures below K people (default 10).", valueName: "K"))
    var minCell: Int = 10

    @Option(name: .customLong("exit-from"), help: ArgumentHelp("Count exits on or after this date.", valueName: "YYYY-MM-DD"))
    var exitFrom: String?

    @Option(name: .customLong("exit-to"), help: ArgumentHelp("Count exits on or before this date.", valueName: "YYYY-MM-DD"))
    var exitTo: String?

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    func validate() throws {
        if minCell < 1 { throw ValidationError("--min-cell must be at least 1.") }
        if out.isEmpty { throw ValidationError("--out needs a file name.") }
        _ = try DateRangeOption.parse(from: ("--exit-from", exitFrom), to: ("--exit-to", exitTo))
    }

    func run() throws {
        let file = OutputFile(path: out, force: force)
        try file.checkAvailable()
        let store = try storeOptions.openForReading()
        let html: String
        do {
            let head = try store.head()?.position ?? 0
            var query = try point.query(head: head, minCell: minCell)
            let window = try DateRangeOption.parse(from: ("--exit-from", exitFrom), to: ("--exit-to", exitTo))
            query.exitFrom = window.from
            query.exitTo = window.to
            let digest = try store.digest(at: query.position)
            let models = try ReadModels.caughtUp(store: store, to: head)
            html = try models.dashboard(query, digest: digest).html()
        } catch {
            throw CLIFailure.mapping(error, path: storeOptions.path)
        }
        try file.write(Array(html.utf8))
        if minCell <= 1 {
            Output.error("wfl: suppression is off (--min-cell 1): \(out) holds small cells and is confidential.")
        }
    }
}

extension LedgerStore {
    /// The digest at `position`: the position and the chain hash of the event there; `nil` for position 0.
    func digest(at position: UInt64) throws -> Digest? {
        guard position > 0 else { return nil }
        return try read { txn in try txn.event(at: position).map { Digest(position: $0.position, hash: $0.hash) } }
    }
}
