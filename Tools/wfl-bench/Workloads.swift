import Foundation
import LedgerStore
import Projections
import WorkforceEvents

/// The workloads a child process runs, each returning its figures.
enum Workloads {
    static func run(_ name: String, options: [String: String], directory: String, events: Int) throws -> [String: Double] {
        let store = directory + "/store"
        let singles = try BenchCommand.count(options, "singles", default: 500)
        var figures: [String: Double]
        switch name {
        case "generate":
            guard let out = options["out"] else { throw BenchError("--out is required") }
            figures = try HistoryFile.generate(events: events, to: out)
        case "import":
            guard let file = options["file"] else { throw BenchError("--file is required") }
            let seconds = try ProductWorkloads.importFile(file, directory: store)
            let count =
                try LedgerStore(directory: store, configuration: StoreConfiguration(mode: .readOnly)).head()?.position ?? 0
            figures = ["seconds": seconds, "eventsPerSecond": Double(count) / seconds]
        case "import-more":
            let count = max(1, events / 10)
            let seconds = try ProductWorkloads.importIntoExisting(count: count, directory: store, scratch: directory)
            figures = ["seconds": seconds, "eventsPerSecond": Double(count) / seconds]
        case "raw-put":
            let records = try RawLMDB.records(ofStore: store)
            let seconds = try RawLMDB.putLoop(records, batch: 10_000, directory: directory + "/raw")
            figures = ["seconds": seconds, "eventsPerSecond": Double(records.count) / seconds]
        case "append-single":
            let latencies = try ProductWorkloads.singleAppends(count: singles, store: store)
            let (median, p99) = percentiles(latencies)
            figures = ["medianMs": median, "p99Ms": p99]
        case "raw-single":
            let records = Array(try RawLMDB.records(ofStore: store).suffix(singles))
            let (median, p99) = percentiles(
                try RawLMDB.singlePutLatencies(records, count: singles, directory: directory + "/raw"))
            figures = ["medianMs": median, "p99Ms": p99]
        case "wfl-append-process":
            let (median, rss) = try ProductWorkloads.appendProcesses(count: 20, store: store)
            figures = ["medianMs": median, "maxRSSMiB": rss]
            return figures
        case "audit-processes":
            figures = try ProductWorkloads.auditProcesses(count: 20, store: store, scratch: directory)
        case "rebuild":
            let (count, seconds) = try ProductWorkloads.rebuild(store: store)
            figures = ["seconds": seconds, "eventsPerSecond": Double(count) / seconds]
        case "raw-scan":
            _ = try RawLMDB.scan(storeDirectory: store, hashing: false)  // warm the cache, as the rebuild had it
            let (count, seconds) = try RawLMDB.scan(storeDirectory: store, hashing: false)
            figures = ["seconds": seconds, "eventsPerSecond": Double(count) / seconds]
        case "reports":
            figures = try ProductWorkloads.reports(store: store)
        case "reports-demo":
            // The program's own size: the default demo (6,000 participants), appended as `wfl demo` does.
            let demoStore = directory + "/demo-store"
            try ProductWorkloads.appendDemo(participants: 6000, directory: demoStore)
            figures = try ProductWorkloads.reports(store: demoStore)
        case "verify":
            let clock = Stopwatch()
            let report = try LedgerStore(directory: store, configuration: StoreConfiguration(mode: .readOnly)).verify()
            let seconds = clock.seconds
            guard report.isIntact else { throw BenchError("verify found the bench store altered: \(report)") }
            figures = ["seconds": seconds, "eventsPerSecond": Double(report.eventCount) / seconds]
        case "raw-verify":
            let (count, seconds) = try RawLMDB.scan(storeDirectory: store, hashing: true)
            figures = ["seconds": seconds, "eventsPerSecond": Double(count) / seconds]
        default:
            throw BenchError("unknown workload \(name)")
        }
        figures["maxRSSMiB"] = maxRSSMiB()
        return figures
    }
}
