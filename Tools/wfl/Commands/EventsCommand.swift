import ArgumentParser
import LedgerStore
import Projections
import WorkforceEvents

/// `wfl events`: stored events in position order, as chained (jsonl) or for people (table).
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print stored events in position order, exactly as they are chained.",
        discussion: """
            With --format jsonl (the default) each line is one stored event exactly as the hash chain signs it: \
            the RFC 8785 canonical JSON of the stored event with its "hash" added. An export of the whole log \
            (no filters) can be checked by anyone, without WorkforceLedger: drop "hash", canonicalize, and \
            SHA-256 it after the previous hash (32 zero bytes before position 1). Tools/verify_export.py does \
            exactly that.

            --stream and --type use the ledger's indexes, so a filter reads only the events it prints. A stream \
            is named by its kind and id (participant-P-000123, program-PRG-07, employer-…, fund-…, wages-2025Q1); \
            a bare id is read as a participant's. An unknown --type is refused with the list of types. \
            --from and --to bound positions (inclusive); --limit stops after N events.

            --format table prints aligned columns for people: position, occurredAt, recordedAt, type, \
            stream@version and eventId.

            Examples:
              wfl events --store ledger > export.jsonl
              python3 Tools/verify_export.py export.jsonl --digest "$(wfl head --store ledger)"
              wfl events --stream participant-P-000123 --format table
              wfl events --type participant.enrolled --from 1000 --limit 20 --format table
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The first position to print (inclusive).", valueName: "POS"))
    var from: UInt64 = 1

    @Option(help: ArgumentHelp("The last position to print (inclusive).", valueName: "POS"))
    var to: UInt64 = .max

    @Option(help: ArgumentHelp("Only the events of this stream, e.g. participant-P-000123.", valueName: "S"))
    var stream: String?

    @Option(help: ArgumentHelp("Only the events of this type, e.g. participant.enrolled.", valueName: "T"))
    var type: String?

    @Option(help: ArgumentHelp("Print at most N events.", valueName: "N"))
    var limit: UInt64?

    @Option(help: "jsonl (stored events as chained, the default) or table.")
    var format: EventListFormat = .jsonl

    func validate() throws {
        if from > to { throw ValidationError("--from \(from) is after --to \(to).") }
        if stream?.isEmpty == true { throw ValidationError("--stream needs a stream name.") }
        if type?.isEmpty == true { throw ValidationError("--type needs an event type.") }
        if let type, EventType(rawValue: type) == nil {
            let known = EventType.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--type: '\(type)' is not an event type. The types are: \(known).")
        }
    }

    /// The stream to read: `--stream` as given when it names a kind of stream, else the participant it names.
    var streamName: String? {
        guard let stream else { return nil }
        if StreamKind.parse(stream) != nil { return stream }
        let participant = StreamKind.participant.stream(for: stream)
        Output.error("wfl: reading stream \(participant) (a stream name without a kind is read as a participant id)")
        return participant
    }

    func run() throws {
        let store = try storeOptions.openForReading()
        var sink = EventSink(format: format, limit: limit ?? .max)
        do {
            try EventSelection(from: max(from, 1), to: to, stream: streamName, type: type)
                .forEachChunk(in: store, sink: &sink)
        } catch {
            throw CLIFailure.reading(error, path: storeOptions.path)
        }
        sink.finish()
    }
}

/// Which events `wfl events` prints, and how it walks them: by the stream index, by the type index, or along the
/// log, one short read transaction per chunk.
struct EventSelection {
    let from: UInt64
    let to: UInt64
    let stream: String?
    let type: String?

    /// Events per read transaction: short transactions let writers reuse pages during a long export.
    static let chunkSize = 8192

    func forEachChunk(in store: LedgerStore, sink: inout EventSink) throws {
        if let stream {
            try walkStream(stream, store: store, sink: &sink)
        } else if let type {
            try walkType(type, store: store, sink: &sink)
        } else {
            try walkLog(store: store, sink: &sink)
        }
    }

    private func walkLog(store: LedgerStore, sink: inout EventSink) throws {
        var next = from
        while !sink.isDone {
            var last: UInt64 = 0
            var count = 0
            try store.read { txn in
                try txn.forEachEvent(from: next, to: to) { event in
                    sink.take(event)
                    last = event.position
                    count += 1
                    return count < Self.chunkSize && !sink.isDone
                }
            }
            sink.flush()
            guard count == Self.chunkSize, last < to else { return }
            next = last + 1
        }
    }

    private func walkType(_ type: String, store: LedgerStore, sink: inout EventSink) throws {
        var next = from
        while !sink.isDone {
            var page: [UInt64] = []
            try store.read { txn in
                page = try txn.positions(ofType: type, from: next, limit: Self.chunkSize)
                for position in page where position <= to && !sink.isDone {
                    try txn.withEvent(at: position) { event in
                        guard let event else {
                            throw StoreError.corruptRecord(position: position, reason: "indexed but missing from the log")
                        }
                        sink.take(event)
                    }
                }
            }
            sink.flush()
            guard page.count == Self.chunkSize, let last = page.last, last < to else { return }
            next = last + 1
        }
    }

    private func walkStream(_ stream: String, store: LedgerStore, sink: inout EventSink) throws {
        let typeBytes = type.map { Array($0.utf8) }
        var version: UInt64 = 1
        while !sink.isDone {
            var page: [UInt64] = []
            try store.read { txn in
                page = try txn.positions(inStream: stream, fromVersion: version, limit: Self.chunkSize)
                // Positions grow with the stream version, so the range check can stop the walk early.
                for position in page where position >= from && position <= to && !sink.isDone {
                    try txn.withEvent(at: position) { event in
                        guard let event else {
                            throw StoreError.corruptRecord(position: position, reason: "indexed but missing from the log")
                        }
                        if let typeBytes, !event.bytes(event.ranges.type).elementsEqual(typeBytes) { return }
                        sink.take(event)
                    }
                }
            }
            sink.flush()
            guard page.count == Self.chunkSize, let last = page.last, last < to else { return }
            version += UInt64(page.count)
        }
    }
}

/// Formats events into a buffer inside the read transaction and writes it out after it, so that a slow reader
/// of standard output never holds a transaction open.
struct EventSink {
    let format: EventListFormat
    private var remaining: UInt64
    private var buffer: [UInt8] = []
    private var rows: [[String]] = []
    private var table = TextTableStream(
        header: ["POSITION", "OCCURRED_AT", "RECORDED_AT", "TYPE", "STREAM@VERSION", "EVENT_ID"],
        minimumWidths: [8, 20, 20])

    init(format: EventListFormat, limit: UInt64) {
        self.format = format
        self.remaining = limit
        buffer.reserveCapacity(1 << 20)
    }

    var isDone: Bool { remaining == 0 }

    mutating func take(_ event: StoredEventView) {
        guard remaining > 0 else { return }
        remaining -= 1
        switch format {
        case .jsonl:
            event.appendExportLine(to: &buffer)
        case .table:
            rows.append([
                String(event.position), event.occurredAt, event.recordedAt, event.type,
                "\(event.stream)@\(event.streamVersion)", event.eventId,
            ])
        }
    }

    /// Writes what the last chunk produced.
    mutating func flush() {
        if !rows.isEmpty {
            table.append(rows, to: &buffer)
            rows.removeAll(keepingCapacity: true)
        }
        Output.writeBytes(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Ends the listing: a table gets its header even when nothing matched.
    mutating func finish() {
        if format == .table { table.append([], to: &buffer) }
        flush()
        Output.flush()
    }
}
