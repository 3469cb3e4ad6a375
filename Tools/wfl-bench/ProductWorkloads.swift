import DemoGenerator
import Foundation
import LedgerStore
import Projections
import WorkforceEvents

/// The product's own paths, as `wfl` runs them.
enum ProductWorkloads {
    /// Imports a JSONL file through the full path (parse, validate every rule, canonicalize, hash, store, indexes)
    /// into a fresh store; returns the seconds taken.
    static func importFile(_ file: String, directory: String) throws -> Double {
        try? FileManager.default.removeItem(atPath: directory)
        return try timedImport(file, into: try LedgerStore(directory: directory))
    }

    /// Imports the JSONL `file` into `store` in one batch, as `wfl import` does; returns the seconds taken.
    static func timedImport(_ file: String, into store: LedgerStore) throws -> Double {
        let writer = LedgerWriter(store: store)
        let clock = Stopwatch()
        _ = try writer.append {
            let fd = open(file, O_RDONLY)
            guard fd >= 0 else { throw BenchError("cannot open \(file)") }
            return FileInput(fd: fd)
        }
        return clock.seconds
    }

    /// Imports `count` registrations of new participants into the existing store at `directory`, as a nightly
    /// intake batch would: every event id, stream and rule-state key is looked up in indexes that already hold the
    /// history. Returns the seconds taken by the import alone (the file is written first).
    static func importIntoExisting(count: Int, directory: String, scratch: String) throws -> Double {
        let file = scratch + "/more.jsonl"
        let run = UInt64(Date().timeIntervalSince1970 * 1000)
        var text = ""
        text.reserveCapacity(count * 330)
        for index in 0..<count { text += registration(id: "N\(run)-\(index)") + "\n" }
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        return try timedImport(
            file, into: try LedgerStore(directory: directory, configuration: StoreConfiguration(mode: .readWrite)))
    }

    /// `count` single-event appends (one durable transaction each) registering new participants; latencies in ms.
    static func singleAppends(count: Int, store directory: String) throws -> [Double] {
        let store = try LedgerStore(directory: directory, configuration: StoreConfiguration(mode: .readWrite))
        let writer = LedgerWriter(store: store)
        let run = UInt64(Date().timeIntervalSince1970 * 1000)
        var latencies: [Double] = []
        for index in 0..<count {
            let line = registration(id: "B\(run)-\(index)")
            let clock = Stopwatch()
            _ = try writer.append(jsonl: Array(line.utf8), recordOutcomes: false)
            latencies.append(clock.seconds * 1000)
        }
        return latencies
    }

    static func registration(id: String) -> String {
        #"{"type":"participant.registered","eventId":"bench-\#(id)","occurredAt":"2026-11-02T10:00:00-05:00","actor":"service:intake-portal","data":{"participantId":"P-\#(id)","county":"Hartford","birthYear":1994,"sex":"did_not_self_identify","raceEthnicity":[],"barriers":["low_income"],"employmentStatus":"unemployed"}}"#
    }

    /// Runs the built `wfl append` `count` times (start to exit); the median in ms and the children's peak RSS.
    static func appendProcesses(count: Int, store: String) throws -> (Double, Double) {
        let bench = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let wfl = bench.deletingLastPathComponent().appendingPathComponent("wfl").path
        guard FileManager.default.isExecutableFile(atPath: wfl) else { throw BenchError("no wfl beside wfl-bench") }
        let run = UInt64(Date().timeIntervalSince1970 * 1000)
        var latencies: [Double] = []
        for index in 0..<count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: wfl)
            process.arguments = ["append", "--store", store, registration(id: "W\(run)-\(index)")]
            process.standardOutput = FileHandle.nullDevice
            let clock = Stopwatch()
            try process.run()
            process.waitUntilExit()
            latencies.append(clock.seconds * 1000)
            guard process.terminationStatus == 0 else { throw BenchError("wfl append exited \(process.terminationStatus)") }
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return (percentiles(latencies).median, Double(usage.ru_maxrss) / 1024)
    }

    /// Whole-process latencies of the auditors' commands on `store` (median of `count` runs each, in ms):
    /// `wfl prove inclusion` of the middle event, `wfl prove consistency` from half the head, `wfl checkpoint`
    /// unsigned and signed (which also writes the kept checkpoint durably).
    static func auditProcesses(count: Int, store: String, scratch: String) throws -> [String: Double] {
        guard let head = try LedgerStore(directory: store, configuration: StoreConfiguration(mode: .readOnly)).head()?.position,
            head >= 2
        else { throw BenchError("the bench store is empty") }
        let key = scratch + "/bench-checkpoint.key"
        try? FileManager.default.removeItem(atPath: key)
        try? FileManager.default.removeItem(atPath: key + ".last-checkpoint")
        _ = try runWFL(["keygen", "--name", "bench", "--out", key])
        let commands: [(String, [String])] = [
            ("proveInclusionMs", ["prove", "inclusion", "\(head / 2)", "--format", "json"]),
            ("proveConsistencyMs", ["prove", "consistency", "\(head / 2)", "\(head)", "--format", "json"]),
            ("checkpointMs", ["checkpoint"]),
            ("checkpointSignedMs", ["checkpoint", "--key", key]),
        ]
        var figures: [String: Double] = [:]
        for (name, arguments) in commands {
            figures[name] = percentiles(try (0..<count).map { _ in try runWFL(arguments + ["--store", store]) }).median
        }
        return figures
    }

    /// Runs the `wfl` beside this executable with `arguments`; its wall time in ms (start to exit).
    static func runWFL(_ arguments: [String]) throws -> Double {
        let bench = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let wfl = bench.deletingLastPathComponent().appendingPathComponent("wfl").path
        guard FileManager.default.isExecutableFile(atPath: wfl) else { throw BenchError("no wfl beside wfl-bench") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wfl)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let clock = Stopwatch()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("wfl \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return clock.seconds * 1000
    }

    /// Rebuilds every read model from scratch (after one warm-up read of the log); events applied and seconds.
    static func rebuild(store directory: String) throws -> (UInt64, Double) {
        let store = try LedgerStore(directory: directory, configuration: StoreConfiguration(mode: .readWrite))
        _ = try RawLMDB.scan(storeDirectory: directory, hashing: false)
        let models = ReadModels(store: store)
        let clock = Stopwatch()
        let applied = try models.rebuild()
        return (applied, clock.seconds)
    }

    /// Builds the demo ledger of `participants` participants in `directory`, batch by batch as `wfl demo` does.
    static func appendDemo(participants: Int, directory: String) throws {
        try? FileManager.default.removeItem(atPath: directory)
        let writer = LedgerWriter(store: try LedgerStore(directory: directory))
        try DemoHistory(participants: participants, seed: 2026).forEachBatch { batch in
            var bytes: [UInt8] = []
            for line in batch.lines {
                bytes.append(contentsOf: line)
                bytes.append(0x0A)
            }
            _ = try writer.append { JSONLReader(bytes: bytes) }
        }
    }

    /// Latency of each report at the head with caught-up read models, and of outcomes in the middle of the log.
    static func reports(store directory: String) throws -> [String: Double] {
        let store = try LedgerStore(directory: directory, configuration: StoreConfiguration(mode: .readWrite))
        let models = ReadModels(store: store)
        let head = try models.catchUp()
        func time(_ body: () throws -> Void) rethrows -> Double {
            let clock = Stopwatch()
            try body()
            return clock.seconds * 1000
        }
        var figures: [String: Double] = [:]
        figures["outcomesMs"] = try time { _ = try models.outcomes(ReportQuery(position: head)) }
        figures["caseloadMs"] = try time { _ = try models.caseload(ReportQuery(position: head)) }
        figures["capacityMs"] = try time { _ = try models.capacity(ReportQuery(position: head)) }
        figures["outcomesMiddleMs"] = try time { _ = try models.outcomes(ReportQuery(position: head / 2)) }
        return figures
    }
}

/// A file read through the writer's JSONL reader, closed when done.
final class FileDescriptorCloser {
    let fd: Int32
    init(_ fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}

struct FileInput: EventInput {
    let closer: FileDescriptorCloser
    var reader: JSONLReader

    init(fd: Int32) {
        closer = FileDescriptorCloser(fd)
        reader = JSONLReader(fileDescriptor: fd)
    }

    var mayBeLarge: Bool { reader.mayBeLarge }

    mutating func forEachLine(_ body: (Int, InputLine) throws -> Void) throws {
        try reader.forEachLine(body)
    }
}
