import Foundation

/// `wfl-bench [--events N] [--format table|json] [--dir DIR] [--singles N] [--file HISTORY.jsonl]`
///
/// Generates a realistic history (the demo generator), then measures each workload and its raw-LMDB ceiling in
/// separate child processes (so that each one's peak memory is its own), and prints a table or JSON.
enum BenchCommand {
    static func main(_ arguments: [String]) throws {
        let options = try parse(arguments)
        let events = try count(options, "events", default: 1_000_000)
        _ = try count(options, "singles", default: 500)
        let work = options["dir"] ?? (NSTemporaryDirectory() + "wfl-bench")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        if let workload = options["workload"] {
            // A child: run one workload, print its figures as one JSON object.
            let figures = try Workloads.run(workload, options: options, directory: work, events: events)
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        try Orchestrator(options: options, directory: work, events: events).run()
    }

    static func parse(_ arguments: [String]) throws -> [String: String] {
        var options: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if name == "--help" || name == "-h" {
                print(
                    """
                    usage: wfl-bench [--events N] [--format table|json] [--dir DIR] [--singles N] [--file HISTORY.jsonl]
                      Measures bulk import, single durable appends, read-model rebuild, reports and verify, each beside
                      its raw-LMDB ceiling, on a generated history of N events (default 1,000,000). Build with
                      `swift build -c release --product wfl-bench` (and `--product wfl` for the process timing).
                    """)
                exit(0)
            }
            guard name.hasPrefix("--") else { throw BenchError("unexpected argument \(name)") }
            if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                options[String(name.dropFirst(2))] = arguments[index + 1]
                index += 2
            } else {
                options[String(name.dropFirst(2))] = "true"
                index += 1
            }
        }
        return options
    }
}

extension BenchCommand {
    /// The positive whole number given as `--name`, or `fallback` when the option is absent.
    static func count(_ options: [String: String], _ name: String, default fallback: Int) throws -> Int {
        guard let text = options[name] else { return fallback }
        guard let value = Int(text), value > 0 else {
            throw BenchError("--\(name) must be a positive whole number, not \"\(text)\"")
        }
        return value
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
