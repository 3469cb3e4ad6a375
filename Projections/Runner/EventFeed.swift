import Dispatch
import LedgerStore

/// Reads and decodes the log on a second thread while the caller folds the events into the projectors: a bounded
/// producer/consumer pipeline of chunks of decoded events, in position order.
///
/// The decoded events point into the ledger's memory map (no copy), so the reading thread keeps its read
/// transaction open until the caller has called ``finish()``: every pointer stays valid while the caller uses it.
/// At most ``capacity`` chunks of ``chunkSize`` events wait between the threads.
final class EventFeed: Sendable {
    /// Events per chunk.
    static let chunkSize = 4_096
    /// Chunks that may wait between the threads.
    static let capacity = 8

    /// A decoded event and, for a void, the position of its target (0 when none or unknown).
    struct Item {
        var event: DecodedEvent
        var voidTarget: UInt64
    }

    /// What the reading thread found: the last position it read and its chain hash, or the error that stopped it.
    private enum Outcome {
        case finished(position: UInt64, hash: [UInt8])
        case failed(any Error)
    }

    /// Carries a chunk between the threads. Unchecked: its events point into the map, which stays mapped and
    /// unchanged (a read transaction's snapshot) until the reading thread ends its transaction after ``finish()``.
    private final class Chunk: @unchecked Sendable {
        var items: [Item]
        var isLast: Bool
        init(items: [Item], isLast: Bool) {
            self.items = items
            self.isLast = isLast
        }
    }

    /// Carries the outcome back. Unchecked: written by the reading thread before it signals `done`, read after.
    private final class OutcomeBox: @unchecked Sendable {
        var outcome: Outcome = .failed(ReadModelError.corrupt("the log was not read"))
    }

    private let chunks = BoundedHandOff<Chunk>(capacity: EventFeed.capacity)
    private let consumed = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let result = OutcomeBox()

    /// Starts reading events `from…to` of `store` on a second thread.
    init(store: LedgerStore, from: UInt64, to: UInt64) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            self.produce(store: store, from: from, to: to)
        }
    }

    /// The next chunk of events, in position order, and whether it is the last; blocks until the reading thread has
    /// made it. Call until a chunk says it is the last, then ``finish()``.
    func next() -> (items: [Item], isLast: Bool) {
        let chunk = chunks.receive()
        return (chunk.items, chunk.isLast)
    }

    /// Lets the reading thread end its transaction (no decoded event may be used after this) and returns the last
    /// position read and its chain hash, or throws what stopped the reading. Call exactly once.
    func finish() throws -> (position: UInt64, hash: [UInt8]) {
        chunks.cancel()  // wakes the reading thread if it waits for room
        consumed.signal()
        done.wait()
        switch result.outcome {
        case .finished(let position, let hash): return (position, hash)
        case .failed(let error): throw error
        }
    }

    /// The caller stopped taking chunks before the last one (it called ``finish()`` early).
    private struct Stopped: Error {}

    private func produce(store: LedgerStore, from: UInt64, to: UInt64) {
        defer { done.signal() }
        let first = max(from, 1)
        var lastPosition = first - 1
        // Whether the last chunk went out (from inside the read transaction, which then waits for the caller).
        var ended = false
        do {
            let hash: [UInt8] = try store.read { txn in
                // Ends the feed from inside the transaction: the caller may still hold events that point into the
                // map, so the transaction only ends once the caller is done with them.
                func end(_ items: [Item]) {
                    ended = true
                    if send(Chunk(items: items, isLast: true)) { consumed.wait() }
                }
                do {
                    var items: [Item] = []
                    items.reserveCapacity(Self.chunkSize)
                    func add(_ event: DecodedEvent) throws {
                        var voidTarget: UInt64 = 0
                        if event.kind == .voided {
                            voidTarget =
                                try txn.position(ofEventId: String(decoding: event.voidTargetId, as: UTF8.self)) ?? 0
                        }
                        items.append(Item(event: event, voidTarget: voidTarget))
                    }
                    var stopped = false
                    try txn.forEachEvent(from: first, to: to) { view in
                        if let event = FactDecoder.decode(view) { try add(event) }
                        let position = view.position
                        lastPosition = position
                        if items.count == Self.chunkSize {
                            guard send(Chunk(items: items, isLast: false)) else {
                                stopped = true
                                return false
                            }
                            items = []
                            items.reserveCapacity(Self.chunkSize)
                        }
                        return true
                    }
                    if stopped { throw Stopped() }
                    let hash =
                        lastPosition >= first
                        ? try txn.withEvent(at: lastPosition) { view in view.map { Array($0.hash) } ?? [] } : []
                    end(items)
                    return hash
                } catch {
                    end([])
                    throw error
                }
            }
            result.outcome = .finished(position: lastPosition, hash: hash)
        } catch {
            result.outcome = .failed(error is Stopped ? ReadModelError.corrupt("the log was not read to its end") : error)
            if !ended { _ = send(Chunk(items: [], isLast: true)) }  // the read transaction could not begin
        }
    }

    /// Queues `chunk`, waiting for room; `false` when the caller has finished early.
    private func send(_ chunk: Chunk) -> Bool { chunks.send(chunk) }
}
