import LedgerStore

/// Appends a batch of input events to a store atomically: every event lands, or none does.
///
/// Decodes each non-blank line, appends it through ``WorkforceRules``, and collects every rejected line it can
/// find (checking later lines as if the rejected ones were absent) before refusing the whole batch. Memory does
/// not grow with the input: lines are streamed, and per-event outcomes are kept only when asked for.
public struct LedgerWriter {
    public let store: LedgerStore
    public var decoder: EventDecoder
    /// How many rejected lines are kept for the report; later ones are only counted.
    public var maximumReportedRejections: Int
    /// How often (in lines) ``append(expectedVersion:skipBlankLines:recordOutcomes:progress:input:)`` reports progress.
    public var progressInterval: Int

    public init(
        store: LedgerStore, decoder: EventDecoder = EventDecoder(), maximumReportedRejections: Int = 1_000,
        progressInterval: Int = 100_000
    ) {
        self.store = store
        self.decoder = decoder
        self.maximumReportedRejections = maximumReportedRejections
        self.progressInterval = max(1, progressInterval)
    }

    /// Appends the events of `input` in one transaction.
    ///
    /// - Parameters:
    ///   - expectedVersion: the version each event's stream must be at (for single appends), or `nil`.
    ///   - skipBlankLines: skip lines of only white space (JSONL import) instead of refusing them.
    ///   - recordOutcomes: keep each event's outcome in the summary (single appends and small batches).
    ///   - progress: called every ``progressInterval`` lines with the number of lines read.
    ///   - input: makes the input, from its start; called again if the store re-runs the transaction.
    /// - Throws: ``LedgerWriteError``; `.rejected` lists the refused lines, and nothing was written.
    public func append(
        expectedVersion: UInt64? = nil, skipBlankLines: Bool = true, recordOutcomes: Bool = false,
        progress: ((Int) -> Void)? = nil, input makeInput: () throws -> any EventInput
    ) throws(LedgerWriteError) -> WriteSummary {
        do {
            return try store.append { batch in
                var run = BatchRun(
                    writer: self, batch: batch, expectedVersion: expectedVersion, skipBlankLines: skipBlankLines,
                    recordOutcomes: recordOutcomes)
                var input: any EventInput
                do { input = try makeInput() } catch { throw LedgerWriteError.input("\(error)") }
                do {
                    if input.mayBeLarge {
                        try run.handlePipelined(input, progress: progress)
                    } else {
                        try input.forEachLine { number, line in
                            try run.handle(run.decode(line), number: number)
                            if let progress, number % progressInterval == 0 { progress(number) }
                        }
                    }
                } catch let error as InputError {
                    throw LedgerWriteError.input(error.message)
                }
                if run.rejectedCount > 0 {
                    throw LedgerWriteError.rejected(run.rejections, total: run.rejectedCount)
                }
                try run.rules.finish(in: batch)
                return WriteSummary(
                    appended: batch.appendedCount, duplicates: batch.duplicateCount,
                    firstPosition: batch.firstAppended, lastPosition: batch.lastAppended, head: batch.head,
                    outcomes: run.outcomes, latestOccurredAt: run.latestOccurredAt)
            }
        } catch let error as LedgerWriteError {
            throw error
        } catch let error as EventRejection {
            throw .storage(error.message)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Appends the events of the JSONL bytes `bytes` (tests and small programmatic batches).
    public func append(
        jsonl bytes: [UInt8], expectedVersion: UInt64? = nil, recordOutcomes: Bool = true
    ) throws(LedgerWriteError) -> WriteSummary {
        try append(expectedVersion: expectedVersion, recordOutcomes: recordOutcomes) { JSONLReader(bytes: bytes) }
    }
}

/// The state of one run of the batch closure.
private struct BatchRun {
    let writer: LedgerWriter
    let batch: AppendBatch
    let expectedVersion: UInt64?
    let skipBlankLines: Bool
    let recordOutcomes: Bool
    var rules = WorkforceRules()
    var rejections: [LineRejection] = []
    var rejectedCount = 0
    var outcomes: [LineOutcome] = []
    /// The greatest `occurredAt` appended, as text (its date is exact to within a day, whatever the offsets).
    var latestOccurredAt: String?

    init(writer: LedgerWriter, batch: AppendBatch, expectedVersion: UInt64?, skipBlankLines: Bool, recordOutcomes: Bool) {
        self.writer = writer
        self.batch = batch
        self.expectedVersion = expectedVersion
        self.skipBlankLines = skipBlankLines
        self.recordOutcomes = recordOutcomes
    }

    /// Decodes one line (on the calling thread or the pipeline's decoding thread): no ledger access.
    func decode(_ line: InputLine) -> DecodedLine {
        Self.decode(line, decoder: writer.decoder, expectedVersion: expectedVersion, skipBlankLines: skipBlankLines)
    }

    static func decode(
        _ line: InputLine, decoder: EventDecoder, expectedVersion: UInt64?, skipBlankLines: Bool
    ) -> DecodedLine {
        switch line {
        case .tooLarge(let byteCount):
            return .rejected(
                EventRejection(
                    .tooLarge, "",
                    "the event is \(byteCount) bytes of JSON; at most \(EventDecoder.maximumEventBytes) are accepted"))
        case .tooLargeUnfinished(let bytesRead):
            return .rejected(
                EventRejection(
                    .tooLarge, "",
                    "the event is longer than \(EventDecoder.maximumEventBytes) bytes of JSON (\(bytesRead) read without "
                        + "reaching its end); the rest of the input was not read"))
        case .bytes(let bytes):
            if skipBlankLines, isBlank(bytes) { return .skipped }
            do {
                var event = try decoder.decode(bytes, expectedVersion: expectedVersion)
                event.prepareCanonicalParts(typeHash: event.payload.type.tableHash)
                return .event(event)
            } catch {
                return .rejected(error)
            }
        }
    }

    /// Appends one decoded line, or records its rejection.
    mutating func handle(_ line: borrowing DecodedLine, number: Int) throws {
        switch line {
        case .skipped: return
        case .rejected(let rejection): reject(rejection, line: number)
        case .event(let event):
            do {
                let outcome = try batch.append(event, rules: &rules)
                if case .appended = outcome,
                    latestOccurredAt.map({ $0.utf8.lexicographicallyPrecedes(event.occurredAt.utf8) }) ?? true
                {
                    latestOccurredAt = event.occurredAt
                }
                if recordOutcomes { outcomes.append(LineOutcome(line: number, eventId: event.eventId, outcome: outcome)) }
            } catch {
                // A storage failure aborts the batch (the store may grow its map and run it again).
                if error.isStorageFailure { throw error }
                reject(error, line: number)
            }
        }
    }

    /// Decodes `input` on a second thread while this one appends, chunk by chunk, in input order.
    mutating func handlePipelined(_ input: any EventInput, progress: ((Int) -> Void)?) throws {
        let decoder = writer.decoder
        let expectedVersion = expectedVersion
        let skipBlankLines = skipBlankLines
        let pipeline = DecodePipeline(input: input) { line in
            Self.decode(line, decoder: decoder, expectedVersion: expectedVersion, skipBlankLines: skipBlankLines)
        }
        defer { pipeline.finish() }
        let interval = writer.progressInterval
        while true {
            var chunk = pipeline.next()
            // Each line is handled in place (borrowed, not copied: a copy retains every string of the event), and
            // the spent chunk goes back to the decoding thread to be freed.
            try chunk.lines.withUnsafeBufferPointer { lines in
                for index in lines.indices {
                    try handle(lines[index].line, number: lines[index].number)
                    if let progress, lines[index].number % interval == 0 { progress(lines[index].number) }
                }
            }
            pipeline.recycle(&chunk.lines)
            switch chunk.end {
            case nil: continue
            case .finished: return
            case .failed(let error): throw error
            }
        }
    }

    mutating func reject(_ rejection: EventRejection, line: Int) {
        rejectedCount += 1
        if rejections.count < writer.maximumReportedRejections {
            rejections.append(LineRejection(line: line, rejection: rejection))
        }
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }
}

/// What a batch did.
public struct WriteSummary: Sendable, Equatable {
    /// Events stored now.
    public var appended: Int
    /// Events already stored with the same content: skipped as no-ops.
    public var duplicates: Int
    /// Position of the first and last event stored now (`nil` when none was).
    public var firstPosition: UInt64?
    public var lastPosition: UInt64?
    /// The head after the batch.
    public var head: Digest?
    /// Each event's outcome, when asked for.
    public var outcomes: [LineOutcome]
    /// The greatest `occurredAt` among the events stored now, compared as text (exact to within a day, whatever
    /// the offsets): enough to warn of a date typed decades ahead. `nil` when none was stored.
    public var latestOccurredAt: String? = nil
}

/// The outcome of one input line.
public struct LineOutcome: Sendable, Equatable {
    public var line: Int
    public var eventId: String
    public var outcome: AppendOutcome
}

/// One refused input line.
public struct LineRejection: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the input.
    public var line: Int
    public var rejection: EventRejection

    public init(line: Int, rejection: EventRejection) {
        self.line = line
        self.rejection = rejection
    }

    public var code: String { rejection.code }
    public var field: String { rejection.field }
    public var message: String { rejection.message }

    /// `line 12: /data/programId: program PRG-07 is full (24 of 24 seats taken) [program_full]`.
    public var description: String {
        "line \(line): " + (field.isEmpty ? "" : field + ": ") + message + " [\(code)]"
    }
}

/// Why a batch wrote nothing.
public enum LedgerWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Some events were refused: the reported ones (at most ``LedgerWriter/maximumReportedRejections``) and
    /// how many in all.
    case rejected([LineRejection], total: Int)
    /// The input could not be read.
    case input(String)
    /// The store failed.
    case storage(String)

    /// `true` when every refusal is `wrong_expected_version` (a retryable conflict).
    public var isOnlyWrongExpectedVersion: Bool {
        guard case .rejected(let lines, let total) = self, total == lines.count, !lines.isEmpty else { return false }
        return lines.allSatisfy { $0.code == ErrorCode.wrongExpectedVersion.rawValue }
    }

    public var description: String {
        switch self {
        case .rejected(let lines, let total):
            var text = lines.map(\.description).joined(separator: "\n")
            if total > lines.count { text += "\n… and \(total - lines.count) more rejected lines" }
            return text
        case .input(let message): return "cannot read the input: \(message)"
        case .storage(let message): return "storage failure: \(message)"
        }
    }
}
