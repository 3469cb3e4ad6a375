import ArgumentParser
import DemoGenerator
import LedgerStore
import Projections
import Synchronization
import WorkforceEvents

/// `wfl demo`: a realistic CareerConneCT-like ledger, appended through the same validated path as `wfl import`.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic demo ledger through the validated append path, then print the reports.",
        discussion: """
            Generates the history of a state training program like Connecticut's CareerConneCT: 19 programs in \
            manufacturing, IT, health care, infrastructure and clean energy, employers with hiring commitments, \
            and participants from the populations the program serves, from intake to training, supportive \
            services, credentials, hires and quarterly wage records, with late-arriving events and corrections. \
            Events arrive in weekly batches, each appended atomically through the same rules as `wfl import`, \
            recorded at the simulated Monday after its week, so the same seed gives the same ledger and the \
            same head digest.

            The store must be empty (or absent): the demo never mixes its events into a real ledger.

            Examples:
              wfl demo --store demo-ledger
              wfl demo --participants 600 --seed 7 --store /tmp/small-demo
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "How many participants register over the history (default 6000, the program's target).")
    var participants: Int = 6000

    @Option(help: "The generator's seed: the same seed gives the same ledger.")
    var seed: UInt64 = 2026

    func validate() throws {
        guard participants >= 1 else { throw ValidationError("--participants must be at least 1.") }
        guard participants <= 1_000_000 else { throw ValidationError("--participants must be at most 1,000,000.") }
    }

    func run() throws {
        let clock = DemoClock()
        let store: LedgerStore
        do {
            store = try storeOptions.openForWriting(
                configuration: StoreConfiguration(clock: { [clock] in clock.now }))
        } catch {
            throw error
        }
        do {
            if let head = try store.head() {
                throw CLIFailure(
                    "wfl: the store \(storeOptions.path) already holds \(head.position) events; the demo needs an "
                        + "empty store (choose another --store).", code: Exit.usage)
            }
            let summary = try appendHistory(to: store, clock: clock)
            let head = try store.head()?.position ?? 0
            let models = try ReadModels.caughtUp(store: store, to: head)
            let query = ReportQuery(position: head)
            Output.line(
                "Demo ledger \(storeOptions.path): \(summary.events) events of \(participants) participants in "
                    + "\(summary.batches) weekly batches (seed \(seed)).\n")
            Output.write(try models.outcomes(query).rendered(as: .table))
            Output.line("")
            Output.write(try models.capacity(query).rendered(as: .table))
            Output.line("")
            Output.write(try models.funding(query).rendered(as: .table))
            Output.line("")
            Output.write(try models.caseload(query).renderedSummary())
            Output.line("")
            let path = storeOptions.path
            if let digest = try store.head() {
                Output.line("Head digest (keep it; `wfl verify --digest` proves the log still extends it): \(digest)")
            }
            Output.line(
                """

                Next: export WFL_STORE=\(path)   (every command then reads this ledger), and try
                  wfl report caseload                      every active participant, by case manager
                  wfl report outcomes --format csv         the outcomes for a spreadsheet
                  wfl explain <participant id>             why one person counts where they do
                  wfl verify                               prove nothing was altered
                """)
            Output.flush()
        } catch {
            throw CLIFailure.mapping(error, path: storeOptions.path)
        }
    }

    /// Appends every weekly batch, each in its own atomic transaction recorded at the batch's simulated time.
    private func appendHistory(to store: LedgerStore, clock: DemoClock) throws -> (events: Int, batches: Int) {
        let writer = LedgerWriter(store: store)
        let history = DemoHistory(participants: participants, seed: seed)
        let progress = ProgressLine()
        var events = 0
        var batches = 0
        try history.forEachBatch { batch in
            clock.now = batch.recordedAt
            var bytes: [UInt8] = []
            bytes.reserveCapacity(batch.lines.count * 260)
            for line in batch.lines {
                bytes.append(contentsOf: line)
                bytes.append(0x0A)
            }
            do {
                let summary = try writer.append { JSONLReader(bytes: bytes) }
                events += summary.appended
            } catch LedgerWriteError.rejected(let lines, _) {
                let first = lines.first.map { "\($0)" } ?? "a rejected event"
                throw CLIFailure("wfl: the demo history was refused in week \(batch.week): \(first)", code: Exit.dataError)
            } catch {
                throw CLIFailure("wfl: the demo could not be appended in week \(batch.week): \(error)", code: Exit.ioError)
            }
            batches += 1
            progress.show("demo: week \(batch.week), \(events) events appended")
        }
        progress.clear()
        return (events, batches)
    }
}

/// The demo's ledger clock: each batch is recorded at its simulated time, so the ledger is reproducible.
final class DemoClock: Sendable {
    private let value = Mutex("1970-01-01T00:00:00.000000Z")

    var now: String {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
