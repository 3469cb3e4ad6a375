import ArgumentParser
import CanonicalJSON
import LedgerStore

#if canImport(Glibc)
    import Glibc
#endif

/// `wfl status`: what an operator checks first.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the ledger's head, event counts, storage use, readers and read models.",
        discussion: """
            What an operator checks first: the head digest; how many events of each type are stored; the size \
            of data.mdb; how much of LMDB's memory map is used (pages used up to the file's high-water mark, \
            pages free for reuse inside the file, map size — the store grows the map by itself when full); \
            reader slots in use (stale slots of dead processes are cleared first; "unknown" on read-only media, \
            where no lock file can be used); entries per index; and, for each read model under \
            <store>/readmodels, its checkpoint and how many events it lags behind the head.

            Example:
              $ wfl status
              store        ./ledger (opened read-only)
              head         1234:5c1f…
              events       1234
                participant.enrolled   300
                …
              data file    5.0 MiB (5242880 bytes)
              map          4.0 GiB; page size 4096 bytes; 1280 pages used of 1048576 (0.12%); 3 free pages
              readers      0 of 126 slots in use; 0 stale cleared
              indexes      log 1234, streams 1234, eventIds 1234, types 1234, meta 9, state 0, merkle 150
              read models  none (./ledger/readmodels does not exist)

            --format json prints the same as one JSON object.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "text (the default) or json.")
    var format: SummaryFormat = .text

    func run() throws {
        let store = try storeOptions.openForReading()
        let snapshot: StatusSnapshot
        do {
            snapshot = try StatusSnapshot(store: store)
        } catch {
            throw CLIFailure.reading(error, path: storeOptions.path)
        }
        switch format {
        case .text: Output.write(snapshot.text(path: storeOptions.path))
        case .json: Output.writeBytes(snapshot.json(path: storeOptions.path) + [UInt8(ascii: "\n")])
        }
        Output.flush()
    }
}

/// Everything `wfl status` reports, read once.
struct StatusSnapshot {
    var head: Digest?
    var counts: [String: UInt64]
    var storage: StoreStatus
    var readOnly: Bool
    /// `nil` when `<store>/readmodels` does not exist.
    var readModels: [ReadModelStatus]?
    /// `recordedAt` of the head event: when the ledger was last written.
    var lastWritten: String?
    /// The file system holding the store: total and available bytes (`nil` when it cannot be read).
    var disk: (total: UInt64, available: UInt64)?

    init(store: LedgerStore) throws {
        storage = try store.status(clearingStaleReaders: true)
        (head, counts, lastWritten) = try store.read { txn in
            let head = try txn.head()
            let written = try head.flatMap { head in try txn.withEvent(at: head.position) { $0?.recordedAt } }
            return (head, try txn.eventCountsByType(), written)
        }
        var fs = statvfs()
        if statvfs(store.directory, &fs) == 0 {
            disk = (UInt64(fs.f_blocks) * UInt64(fs.f_frsize), UInt64(fs.f_bavail) * UInt64(fs.f_frsize))
        }
        readOnly = store.isReadOnly
        readModels = try ReadModelStatusSources.collect(storePath: store.directory)
    }

    var headPosition: UInt64 { head?.position ?? 0 }

    func text(path: String) -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: String) { lines.append(label.padding(12) + " " + value) }
        row("store", path + (readOnly ? " (opened read-only)" : ""))
        row("head", head.map(\.description) ?? "0: (empty ledger)")
        row("last write", lastWritten.map { "\($0) (recordedAt of the head event)" } ?? "never (empty ledger)")
        row("events", String(counts.values.reduce(0, +)))
        let typeWidth = counts.keys.map(\.count).max() ?? 0
        for (type, count) in counts.sorted(by: { $0.key < $1.key }) {
            lines.append("  " + type.padding(typeWidth) + "  " + String(count))
        }
        row("data file", "\(Self.bytes(storage.dataFileSize)) (\(storage.dataFileSize) bytes)")
        let percent = (storage.mapUse * 10_000).rounded() / 100
        row(
            "map",
            "\(Self.bytes(UInt64(storage.mapSize))); page size \(storage.pageSize) bytes; "
                + "\(storage.pagesUsed) pages used of \(storage.mapPages) (\(percent)%); \(storage.freePages) free pages; "
                + "the map grows by itself when full")
        if let disk {
            let used = disk.total > 0 ? ((Double(disk.total - disk.available) / Double(disk.total)) * 1000).rounded() / 10 : 0
            row("disk", "\(Self.bytes(disk.available)) available of \(Self.bytes(disk.total)) (\(used)% used)")
        }
        if let inUse = storage.readersInUse {
            row("readers", "\(inUse) of \(storage.maxReaders) slots in use; \(storage.staleReadersCleared) stale cleared")
        } else {
            row("readers", "unknown: opened without a lock file (read-only media)")
        }
        let order = ["log", "streams", "eventIds", "types", "meta", "state", "merkle"]
        row("indexes", order.compactMap { name in storage.entries[name].map { "\(name) \($0)" } }.joined(separator: ", "))
        if let readModels {
            if readModels.isEmpty { row("read models", "none in \(path)/readmodels") }
            for (index, model) in readModels.enumerated() {
                var value = model.name
                if let checkpoint = model.checkpoint, let lag = model.lag(behind: headPosition) {
                    value +=
                        ": checkpoint \(checkpoint), "
                        + (lag == 0 ? "caught up" : "\(lag) events behind (caught up by the next report)")
                }
                if let note = model.note { value += " (\(note))" }
                row(index == 0 ? "read models" : "", value)
            }
        } else {
            row("read models", "none (\(path)/readmodels does not exist)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func json(path: String) -> [UInt8] {
        func int(_ value: some BinaryInteger) -> JSONValue { .number(JSONNumber(Int64(value))) }
        func object(_ members: [(String, JSONValue)]) -> JSONValue {
            .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
        }
        let models: JSONValue =
            readModels.map { list in
                .array(
                    list.map { model in
                        object([
                            ("name", .string(model.name)),
                            ("checkpoint", model.checkpoint.map(int) ?? .null),
                            ("lag", model.lag(behind: headPosition).map(int) ?? .null),
                            ("note", model.note.map(JSONValue.string) ?? .null),
                        ])
                    })
            } ?? .null
        let value = object([
            ("store", .string(path)),
            ("readOnly", .bool(readOnly)),
            ("head", object([("position", int(headPosition)), ("hash", head.map { .string($0.hashHex) } ?? .null)])),
            ("lastWritten", lastWritten.map(JSONValue.string) ?? .null),
            (
                "disk",
                disk.map { object([("totalBytes", int($0.total)), ("availableBytes", int($0.available))]) } ?? .null
            ),
            ("eventCount", int(counts.values.reduce(0, +))),
            ("eventsByType", object(counts.map { ($0.key, int($0.value)) })),
            (
                "storage",
                object([
                    ("dataFileBytes", int(storage.dataFileSize)),
                    ("mapSizeBytes", int(storage.mapSize)),
                    ("pageSizeBytes", int(storage.pageSize)),
                    ("pagesUsed", int(storage.pagesUsed)),
                    ("mapPages", int(storage.mapPages)),
                    ("freePages", int(storage.freePages)),
                ])
            ),
            (
                "readers",
                object([
                    ("maxSlots", int(storage.maxReaders)),
                    ("inUse", storage.readersInUse.map(int) ?? .null),
                    ("staleCleared", int(storage.staleReadersCleared)),
                ])
            ),
            ("entries", object(storage.entries.map { ($0.key, int($0.value)) })),
            ("readModels", models),
        ])
        return CanonicalJSON.encode(value)
    }

    /// A size in bytes for people: B, KiB, MiB, GiB.
    static func bytes(_ count: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(count) B" }
        return "\((value * 10).rounded() / 10) \(units[unit])"
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
