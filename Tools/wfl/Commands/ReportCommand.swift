import ArgumentParser
import LedgerStore
import Projections

/// `wfl report outcomes|caseload|capacity|funding`: the reports of REPORTS.md.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the outcomes, caseload, program capacity or funding report.",
        discussion: """
            Each report is a pure function of the log, a position and a date: the same arguments give \
            byte-identical output, on any machine, at any later time.

            Every report: --at-position N reads the ledger as it was known at position N (1 ≤ N ≤ head; default \
            the head). --as-of YYYY-MM-DD reads the world as of that date (default: the latest date of the known \
            events; the table says which date it chose).

            outcomes: --min-cell K suppresses every metric whose denominator is below K (default 10), and the \
            cells that would let a suppressed one be recovered by subtraction; --min-cell 1 switches suppression \
            off and marks the output confidential. --exit-from/--exit-to count only exits in that window (a \
            program-year cohort: --exit-from 2024-07-01 --exit-to 2025-06-30). --cross A,B adds a group for each \
            pair of values of two dimensions (program, sector, population, race, sex, age). --columns chooses \
            the table's metrics (comma-separated names, or `all`).
            funding: --from/--to set the window of the sectoral training indicators (default: July 1 of the \
            program year of the as-of date, to the as-of date).
            caseload, capacity and funding are operational and not suppressed: they accept and ignore --min-cell.

            The read models live in <store>/readmodels and are caught up from their checkpoint before each \
            report; on read-only media the report replays the log in memory instead, with the same output.

            Examples:
              wfl report outcomes --exit-from 2024-07-01 --exit-to 2025-06-30 --format json
              wfl report outcomes --cross program,population --columns exiters,employmentQ2,completionRate
              wfl report funding --from 2024-07-01 --to 2025-03-31
              wfl report capacity --at-position 48211 --format csv > capacity.csv
            """
    )

    /// Which report.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case outcomes, caseload, capacity, funding
    }

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "outcomes, caseload, capacity or funding.")
    var kind: Kind

    @OptionGroup var point: HistoryPointOptions

    @Option(name: .customLong("min-cell"), help: ArgumentHelp("Suppress outcomes cells below K (default 10).", valueName: "K"))
    var minCell: Int = 10

    @Option(
        name: .customLong("exit-from"),
        help: ArgumentHelp("Outcomes: count exits on or after this date.", valueName: "YYYY-MM-DD"))
    var exitFrom: String?

    @Option(
        name: .customLong("exit-to"), help: ArgumentHelp("Outcomes: count exits on or before this date.", valueName: "YYYY-MM-DD")
    )
    var exitTo: String?

    @Option(help: ArgumentHelp("Outcomes: cross two dimensions, e.g. program,population.", valueName: "A,B"))
    var cross: String?

    @Option(help: ArgumentHelp("Outcomes table: the metrics to show (comma-separated, or all).", valueName: "METRICS"))
    var columns: String?

    @Option(help: ArgumentHelp("Funding: first day of the sectoral training window.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Funding: last day of the sectoral training window.", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(help: "table (the default), json or csv.")
    var format: ReportFormat = .table

    /// For tests only (hidden): events per committed chunk of the read models' catch-up, so that a test can
    /// interrupt a catch-up between two commits.
    @Option(name: .customLong("read-model-chunk"), help: .hidden)
    var readModelChunk: Int?

    func validate() throws {
        if minCell < 1 { throw ValidationError("--min-cell must be at least 1.") }
        if kind != .outcomes {
            for (flag, value) in [("--exit-from", exitFrom), ("--exit-to", exitTo), ("--cross", cross), ("--columns", columns)]
            where value != nil {
                throw ValidationError("\(flag) belongs to the outcomes report, not to \(kind.rawValue).")
            }
        }
        if kind != .funding {
            for (flag, value) in [("--from", from), ("--to", to)] where value != nil {
                throw ValidationError("\(flag) belongs to the funding report, not to \(kind.rawValue).")
            }
        }
        _ = try DateRangeOption.parse(from: ("--exit-from", exitFrom), to: ("--exit-to", exitTo))
        _ = try DateRangeOption.parse(from: ("--from", from), to: ("--to", to))
        _ = try crossDimensions()
        _ = try tableColumns()
    }

    /// `--cross A,B` as two different crossable dimensions.
    func crossDimensions() throws -> [OutcomeDimension] {
        guard let cross else { return [] }
        let names = cross.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let allowed = OutcomeDimension.crossable.map(\.rawValue).joined(separator: ", ")
        guard names.count == 2, let a = OutcomeDimension(rawValue: names[0]), let b = OutcomeDimension(rawValue: names[1]),
            OutcomeDimension.crossable.contains(a), OutcomeDimension.crossable.contains(b), a != b
        else {
            throw ValidationError("--cross takes two different dimensions A,B of \(allowed), not '\(cross)'.")
        }
        return [a, b]
    }

    /// `--columns` as outcome metrics.
    func tableColumns() throws -> [OutcomeMetric]? {
        guard let columns else { return nil }
        if columns == "all" { return OutcomeMetric.allCases }
        let names = columns.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var metrics: [OutcomeMetric] = []
        for name in names {
            guard let metric = OutcomeMetric(rawValue: name) else {
                let known = OutcomeMetric.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--columns: unknown metric '\(name)'; known: \(known), or all.")
            }
            metrics.append(metric)
        }
        return metrics
    }

    func run() throws {
        let store = try storeOptions.openForReading()
        do {
            let head = try store.head()?.position ?? 0
            var query = try point.query(head: head, minCell: minCell)
            let exitWindow = try DateRangeOption.parse(from: ("--exit-from", exitFrom), to: ("--exit-to", exitTo))
            let window = try DateRangeOption.parse(from: ("--from", from), to: ("--to", to))
            query.exitFrom = exitWindow.from
            query.exitTo = exitWindow.to
            query.cross = try crossDimensions()
            query.windowFrom = window.from
            query.windowTo = window.to
            let models = try ReadModels.caughtUp(store: store, to: head, chunkSize: readModelChunk)
            let reportFormat = format
            let text: String
            switch kind {
            case .outcomes: text = try models.outcomes(query).rendered(as: reportFormat, columns: try tableColumns())
            case .caseload: text = try models.caseload(query).rendered(as: reportFormat)
            case .capacity: text = try models.capacity(query).rendered(as: reportFormat)
            case .funding: text = try models.funding(query).rendered(as: reportFormat)
            }
            Output.write(text)
            Output.flush()
        } catch {
            throw CLIFailure.mapping(error, path: storeOptions.path)
        }
    }
}

/// A pair of date options bounding a window (`--exit-from/--exit-to`, `--from/--to`).
enum DateRangeOption {
    /// The parsed bounds; a malformed date, or a first day after the last, is a usage error.
    static func parse(from: (flag: String, value: String?), to: (flag: String, value: String?)) throws -> (from: Day?, to: Day?) {
        func day(_ flag: String, _ value: String?) throws -> Day? {
            guard let value else { return nil }
            guard let day = Dates.parse(value), !value.hasPrefix("0000") else {
                throw ValidationError("\(flag) must be a date YYYY-MM-DD in the years 0001 to 9999, not \(value).")
            }
            return day
        }
        let first = try day(from.flag, from.value)
        let last = try day(to.flag, to.value)
        if let first, let last, first > last {
            throw ValidationError("\(from.flag) \(from.value ?? "") is after \(to.flag) \(to.value ?? "").")
        }
        return (first, last)
    }
}
