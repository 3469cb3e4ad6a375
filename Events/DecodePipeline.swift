import Dispatch
import LedgerStore
import Synchronization

/// One input line as the decoding thread hands it to the writing thread.
enum DecodedLine: Sendable {
    /// A decoded, value-checked event, ready for the ledger's rules.
    case event(ProposedEvent<WorkforceEvent>)
    /// The line was refused before the ledger saw it (syntax, values, size).
    case rejected(EventRejection)
    /// A blank line, skipped (still counted for progress).
    case skipped
}

/// Decodes lines of input on a second thread while the calling thread appends them: a bounded
/// producer/consumer pipeline of chunks of decoded lines, in input order.
///
/// Memory stays bounded: at most ``capacity`` chunks of at most ``chunkSize`` lines and ``chunkBytes`` bytes of
/// input wait between the threads, whatever the size of the input or of its events. The input is handed to the decoding thread whole and only that thread touches it until
/// ``finish()`` has returned; the decoder is a value (`Sendable`).
final class DecodePipeline: Sendable {
    /// Lines per chunk.
    static let chunkSize = 1_024
    /// Input bytes per chunk at most (a chunk closes at whichever limit comes first): 1,024 typical events take
    /// ~230 KiB; events near the 64 KiB limit would otherwise make chunks of 64 MiB.
    static let chunkBytes = 256 << 10
    /// Chunks that may wait between the threads: enough (64k lines, ~45 MiB) for the decoder to keep going while
    /// the writer flushes a run of index entries, so neither thread waits long for the other.
    static let capacity = 64

    /// A decoded line and its 1-based number in the input.
    struct NumberedLine: Sendable {
        var number: Int
        var line: DecodedLine
    }

    /// A chunk: decoded lines with their numbers, in input order, and the end of the input after the last chunk.
    struct Chunk: Sendable {
        var lines: [NumberedLine]
        /// `nil` while more chunks follow; the input's own error when reading it failed.
        var end: End?
    }

    /// How the input ended.
    enum End: Sendable {
        case finished
        case failed(any Error)
    }

    /// The decoding thread stopped because the writing thread gave up.
    private struct Cancelled: Error {}

    private let chunks = BoundedHandOff<Chunk>(capacity: DecodePipeline.capacity)
    /// Lines the writer is done with, waiting for the decoding thread to free them.
    private let spent = Mutex<[[NumberedLine]]>([])
    private let done = DispatchSemaphore(value: 0)

    /// Starts decoding `input` (which only the decoding thread touches from now on) with `decode`.
    init(input: any EventInput, decode: @escaping @Sendable (InputLine) -> DecodedLine) {
        let box = InputBox(input)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            self.produce(box, decode)
        }
    }

    /// The next chunk, in input order; blocks until the decoding thread has made it.
    func next() -> Chunk { chunks.receive() }

    /// Hands lines the writer is done with back to the decoding thread, which frees them: their memory then goes
    /// back to the allocator arena of the thread that allocated it, and the writer never waits on that arena's lock
    /// (cross-thread frees cost the writer ~8 % in futex waits).
    /// The lines are moved (swapped) into the shared list, so the writer never holds the last reference.
    func recycle(_ lines: inout [NumberedLine]) {
        spent.withLock { list in
            list.append([])
            swap(&list[list.count - 1], &lines)
        }
    }

    /// Stops the decoding thread (if it still runs) and waits for it: the input is the caller's again.
    /// Call exactly once, after the last ``next()``.
    func finish() {
        chunks.cancel()  // wakes the decoding thread if it waits for room
        done.wait()
    }

    private func produce(_ box: InputBox, _ decode: (InputLine) -> DecodedLine) {
        defer { done.signal() }
        var pending: [NumberedLine] = []
        var pendingBytes = 0
        pending.reserveCapacity(Self.chunkSize)
        do {
            try box.input.forEachLine { number, line in
                if case .bytes(let bytes) = line { pendingBytes += bytes.count }
                pending.append(NumberedLine(number: number, line: decode(line)))
                if pending.count == Self.chunkSize || pendingBytes >= Self.chunkBytes {
                    try send(Chunk(lines: pending, end: nil))
                    pending = []
                    pendingBytes = 0
                    pending.reserveCapacity(Self.chunkSize)
                }
            }
            try send(Chunk(lines: pending, end: .finished))
        } catch is Cancelled {
            return
        } catch {
            // `send` throws only when the consumer has cancelled: then nobody waits for the failure.
            try? send(Chunk(lines: pending, end: .failed(error)))
        }
    }

    private func send(_ chunk: Chunk) throws {
        var freed: [[NumberedLine]] = []
        spent.withLock { swap(&freed, &$0) }
        freed = []  // freed here, on the thread that allocated the lines
        guard chunks.send(chunk) else { throw Cancelled() }
    }
}

/// Carries the input to the decoding thread. Unchecked: ownership moves with it, and the writing thread does not
/// touch the input again until ``DecodePipeline/finish()`` has returned.
private final class InputBox: @unchecked Sendable {
    var input: any EventInput
    init(_ input: any EventInput) { self.input = input }
}
