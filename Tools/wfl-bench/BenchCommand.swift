import Foundation

/// Parses the command line and runs the requested workloads.
enum BenchCommand {
    static func main(_ arguments: [String]) throws {
        var options: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard name.hasPrefix("--") else { throw BenchError("unexpected argument \(name)") }
            if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                options[String(name.dropFirst(2))] = arguments[index + 1]
                index += 2
            } else {
                options[String(name.dropFirst(2))] = "true"
                index += 1
            }
        }
        let events = Int(options["events"] ?? "1000000") ?? 1_000_000
        let work = options["dir"] ?? (NSTemporaryDirectory() + "wfl-bench")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        switch options["workload"] ?? "all" {
        case "store-append":
            let seconds = try StoreWorkloads.bulkAppend(count: events, streams: 6000, directory: work + "/store")
            print("store bulk append: \(events) events in \(String(format: "%.2f", seconds)) s = \(Int(Double(events) / seconds)) events/s, max RSS \(Int(maxRSSMiB())) MiB")
            let records = try RawLMDB.records(ofStore: work + "/store")
            let raw = try RawLMDB.putLoop(records, batch: 10_000, directory: work + "/raw")
            print("raw put loop: \(Int(Double(records.count) / raw)) events/s")
        case "import":
            guard let file = options["file"] else { throw BenchError("--file is required") }
            let seconds = try ProductWorkloads.importFile(file, directory: work + "/store")
            print("import: \(Int(Double(events) / seconds)) events/s (\(String(format: "%.2f", seconds)) s), max RSS \(Int(maxRSSMiB())) MiB")
        default:
            throw BenchError("unknown workload")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
