import ArgumentParser
import LedgerStore
import Projections

#if canImport(Glibc)
    import Glibc
#endif

/// `wfl report outcomes|caseload|capacity`: the reports of REPORTS.md.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the outcomes, caseload or program capacity report.",
        discussion: """
            Each report is a pure function of the log, a position and a date: the same arguments give \
            byte-identical output, on any machine, at any later time.

            --at-position N reads the ledger as it was known at position N (1 ≤ N ≤ head; default the head). \
            --as-of YYYY-MM-DD reads the world as of that date (default: the latest date of the known events). \
            --min-cell K suppresses every outcomes metric whose denominator is below K (default 10); \
            --min-cell 1 switches suppression off and marks the output confidential.

            The read models live in <store>/readmodels and are caught up from their checkpoint before each \
            report; on read-only media the report replays the log in memory instead, with the same output.

            Examples:
              wfl report outcomes --as-of 2025-06-30 --format json
              wfl report caseload --store ledger
              wfl report capacity --at-position 48211 --format csv > capacity.csv
            """
    )

    /// Which report.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case outcomes, caseload, capacity
    }

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "outcomes, caseload or capacity.")
    var kind: Kind

    @OptionGroup var point: HistoryPointOptions

    @Option(name: .customLong("min-cell"), help: ArgumentHelp("Suppress outcomes cells below K (default 10).", valueName: "K"))
    var minCell: Int = 10

    @Option(help: "table (the default), json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        if minCell < 1 { throw ValidationError("--min-cell must be at least 1.") }
    }

    func run() throws {
        let store: LedgerStore
        do { store = try storeOptions.openForReading() } catch { error.exit() }
        do {
            let head = try store.head()?.position ?? 0
            let query = point.query(head: head, minCell: minCell)
            let models = try ReadModels.caughtUp(store: store, to: head)
            let text: String
            switch kind {
            case .outcomes: text = try models.outcomes(query).rendered(as: format.reportFormat)
            case .caseload: text = try models.caseload(query).rendered(as: format.reportFormat)
            case .capacity: text = try models.capacity(query).rendered(as: format.reportFormat)
            }
            Output.write(text)
            Output.flush()
        } catch {
            CLIFailure.mapping(error, path: storeOptions.path).exit()
        }
    }
}

/// `--format` of the report commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    var reportFormat: ReportFormat {
        switch self {
        case .table: return .table
        case .json: return .json
        case .csv: return .csv
        }
    }
}

extension ReadModels {
    /// The store's read models caught up to `position`: the persistent ones when they can be written, else an
    /// in-memory replay (read-only media, or read models that fail).
    static func caughtUp(store: LedgerStore, to position: UInt64) throws -> ReadModels {
        let models = ReadModels(store: store)
        // Events per committed chunk; small values let tests interrupt a catch-up between commits.
        if let text = getenv("WFL_READMODEL_CHUNK"), let chunk = Int(String(cString: text)), chunk > 0 {
            models.chunkSize = chunk
        }
        if models.isPersistent {
            do {
                try models.catchUp(to: position)
                return models
            } catch {
                // Fall through to a replay: the report must not depend on the read models' medium.
            }
        }
        let memory = ReadModels(inMemoryFor: store)
        try memory.catchUp(to: position)
        return memory
    }
}
