import ArgumentParser
import LedgerStore
import Projections

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// `wfl rebuild`: drops the read models and rebuilds them from the first event.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Drop the read models and rebuild them from the log.",
        discussion: """
            The read models (caseload, program capacity, outcomes) live in <store>/readmodels. Reports catch \
            them up by themselves; rebuild starts them again from position 1, e.g. after a rule change. \
            Progress goes to standard error when it is a terminal.

            Example:
              $ wfl rebuild --store ledger
              rebuilt the read models: 1000000 events in 0.85 s (1176470 events/s)
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openForReading()
        let models = ReadModels(store: store)
        guard models.isWritable else {
            throw CLIFailure("wfl: cannot write the read models in \(storeOptions.path)/readmodels", code: Exit.cannotCreate)
        }
        let progress = ProgressLine()
        let start = monotonicSeconds()
        do {
            let reached = try models.rebuild { applied, target in
                progress.show("rebuilding: \(applied) of \(target) events")
            }
            progress.clear()
            let elapsed = monotonicSeconds() - start
            let rate = elapsed > 0 ? Int(Double(reached) / elapsed) : 0
            Output.line("rebuilt the read models: \(reached) events in \(twoDecimals(elapsed)) s (\(rate) events/s)")
        } catch {
            throw CLIFailure.mapping(error, path: storeOptions.path)
        }
    }
}

private func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

private func twoDecimals(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}
