import ArgumentParser
import CanonicalJSON
import LedgerStore
import WorkforceEvents

#if canImport(Glibc)
    import Glibc
#endif

/// `wfl append`: one event, from the argument or standard input.
struct AppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append one event, given as the argument or on standard input.",
        discussion: """
            The event is one JSON object as EVENTS.md describes it: type, eventId (optional: the ledger makes \
            a UUID), occurredAt, actor and data. The ledger validates it, derives its stream, stamps and chains \
            it, and prints its position, stream and stream version. Appending the same event again (same \
            eventId and content) is a no-op that reports the stored position.

            --expected-version N appends only if the event's stream is at version N (0: the stream must not \
            exist yet); otherwise nothing is written and the exit code is 75, so the caller can re-read and retry.

            Errors go to standard error as `line 1: FIELD: MESSAGE [code]`, or with --format json as \
            {"line": 1, "code": "…", "field": "…", "message": "…"}. Exit codes: 0 appended or duplicate; \
            64 usage; 65 rejected event; 73 store cannot be created; 74 storage failure; 75 wrong expected version.

            Example:
              $ wfl append <<'EOF'
              {"type": "participant.enrolled", "eventId": "portal-7f3a9c",
               "occurredAt": "2025-03-03T14:00:00Z", "actor": "staff:cm-017",
               "data": {"participantId": "P-000123", "programId": "PRG-07"}}
              EOF
              appended at position 42: stream participant-P-000123, version 3
              $ wfl append --expected-version 3 --format json "$(cat event.json)"
              {"position":43,"stream":"participant-P-000123","streamVersion":4,
               "eventId":"cm-assign-77","duplicate":false}
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("expected-version"),
        help: ArgumentHelp("Append only if the event's stream is at this version (0: it must not exist yet).", valueName: "N"))
    var expectedVersionText: String?

    @Option(help: "text (the default) or json, for the result and the errors.")
    var format: SummaryFormat = .text

    @Argument(
        help: ArgumentHelp("The event as one JSON object (default, or -: read from standard input).", valueName: "EVENT_JSON"))
    var event: String?

    /// `--expected-version` as a number: a non-negative decimal integer.
    var expectedVersion: UInt64? {
        get throws {
            guard let text = expectedVersionText else { return nil }
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let value = UInt64(text)
            else {
                throw ValidationError("--expected-version must be a non-negative integer, not \"\(text)\"")
            }
            return value
        }
    }

    func validate() throws { _ = try expectedVersion }

    func run() throws {
        let expected = try expectedVersion
        var input: SingleEventInput
        if let event, event != "-" {
            input = SingleEventInput(bytes: Array(event.utf8), isTruncated: false)
        } else {
            // Read no more than an event may hold (plus room for trailing white space): a huge input is refused
            // as too_large without being read whole.
            let limit = EventDecoder.maximumEventBytes + 4_096
            do {
                let bytes = try Self.readStandardInput(limit: limit)
                input = SingleEventInput(bytes: bytes, isTruncated: bytes.count >= limit)
            } catch {
                throw CLIFailure("wfl: cannot read standard input: \(error)", code: Exit.ioError)
            }
        }
        let summary: WriteSummary
        do {
            summary = try storeOptions.withStoreForWriting(json: format == .json) { store in
                try LedgerWriter(store: store).append(
                    expectedVersion: expected, skipBlankLines: false, recordOutcomes: true
                ) { input }
            }
        } catch {
            throw WriteReporting.failure(mapping: error, format: format)
        }
        Notices.warnIfFarAhead(latestOccurredAt: summary.latestOccurredAt, json: format == .json)
        guard let result = summary.outcomes.first else {
            throw CLIFailure("wfl: no event was given", code: Exit.dataError)
        }
        let outcome = result.outcome
        switch format {
        case .text:
            if outcome.isDuplicate {
                Output.line(
                    "duplicate of position \(outcome.position) (stream \(outcome.stream), version "
                        + "\(outcome.streamVersion)): already stored, nothing written")
            } else {
                Output.line(
                    "appended at position \(outcome.position): stream \(outcome.stream), version \(outcome.streamVersion)")
            }
        case .json:
            Output.line(
                JSONWriter.object([
                    "position": .unsigned(outcome.position), "stream": .string(outcome.stream),
                    "streamVersion": .unsigned(outcome.streamVersion), "eventId": .string(result.eventId),
                    "duplicate": .bool(outcome.isDuplicate),
                ]))
        }
        Output.flush()
    }

    /// Reads standard input up to `limit` bytes (an event longer than that is refused unread).
    static func readStandardInput(limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(String(cString: strerror(errno)))
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}

/// One event given whole (it may span several lines): line 1 of a one-line batch.
struct SingleEventInput: EventInput {
    let bytes: [UInt8]
    /// `true` when the input went on beyond `bytes` (and is too large whatever it holds).
    let isTruncated: Bool

    mutating func forEachLine(_ body: (Int, InputLine) throws -> Void) throws {
        // Trailing white space (a shell's final newline) is not part of the event.
        var end = bytes.count
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        if isTruncated || end > EventDecoder.maximumEventBytes {
            try body(1, .tooLarge(byteCount: end))
            return
        }
        // A UTF-8 byte order mark before the event is not part of it (as for the first line of an import).
        let start = end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        try bytes.withUnsafeBufferPointer { buffer in
            try body(1, .bytes(UnsafeBufferPointer(rebasing: buffer[start..<end])))
        }
    }
}
