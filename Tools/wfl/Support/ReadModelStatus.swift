#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One read model kept under `<store>/readmodels/`, as `wfl status` reports it.
struct ReadModelStatus: Sendable, Equatable {
    /// The read model's name (its directory or file name under `readmodels/`).
    var name: String
    /// The last log position applied to it; `nil` when no registered source can read it.
    var checkpoint: UInt64?
    /// Anything the operator should know ("rebuilding", "no status source in this build", …).
    var note: String?

    /// Events the read model has not applied yet, against the ledger's head position.
    func lag(behind head: UInt64) -> UInt64? {
        checkpoint.map { head >= $0 ? head - $0 : 0 }
    }
}

/// EXTENSION POINT for read models: something that knows how to read the checkpoints of read models kept under
/// `<store>/readmodels/`. The projections code adds a conforming type and lists it in
/// ``ReadModelStatusSources/all``; `wfl status` then reports each model's checkpoint and lag. Until one is
/// registered, `wfl status` lists what it finds there with an unknown checkpoint and never guesses one.
protocol ReadModelStatusSource: Sendable {
    /// The read models this source recognizes in `directory` (`<store>/readmodels`), with their checkpoints, and the
    /// names of the files there that hold them (not listed as models of their own).
    static func readModels(in directory: String) throws -> (models: [ReadModelStatus], files: [String])
}

/// The registered ``ReadModelStatusSource``s. Add one line per source.
enum ReadModelStatusSources {
    static let all: [any ReadModelStatusSource.Type] = [ProjectionsStatusSource.self]

    /// Every read model under `storePath/readmodels`: what the registered sources report, plus an entry with
    /// an unknown checkpoint for each entry of the directory that no source claimed. `nil` when the directory
    /// does not exist.
    static func collect(storePath: String) throws -> [ReadModelStatus]? {
        let directory = storePath + "/readmodels"
        guard let entries = directoryEntries(directory) else { return nil }
        var models: [ReadModelStatus] = []
        var claimed: Set<String> = []
        for source in all {
            let found = try source.readModels(in: directory)
            models += found.models
            claimed.formUnion(found.models.map(\.name) + found.files)
        }
        for entry in entries.sorted() where !claimed.contains(entry) {
            models.append(
                ReadModelStatus(name: entry, checkpoint: nil, note: "checkpoint unknown: no status source for it in this build"))
        }
        return models
    }

    /// Names in `path` (without `.` and `..`), or `nil` when it is not a readable directory.
    private static func directoryEntries(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." && !name.hasPrefix(".") { names.append(name) }
        }
        return names
    }
}
