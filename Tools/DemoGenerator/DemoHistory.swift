/// A deterministic, realistic history of a CareerConneCT-like training program, as JSONL input events
/// (EVENTS.md section 1) in the order a ledger receives them.
///
/// The history runs from Monday 2023-07-03 (program year 2023) to Sunday 2026-11-22, the last full week
/// before the demo's "now" (2026-11-25): three full program years and part of a fourth. Events arrive in
/// weekly batches; each batch's `recordedAt` is the Monday 06:00 UTC after its week, later than every event
/// in it. Some events arrive late (their `occurredAt` weeks before their batch). Every event passes the
/// append rules of EVENTS.md section 3 when the batches are appended in order to an empty ledger.
///
/// It uses the whole catalog of EVENTS.md revision 2: planned gaps while participants wait for a cohort, skill gains
/// during training, follow-up after exit, a close of each wage quarter about five months after it ends, employer ids
/// on wage records, and the funds, budgets and costs that pay for the program.
///
/// ```swift
/// let history = DemoHistory(participants: 6000, seed: 2026)
/// history.forEachBatch { batch in
///     // append batch.lines with the ledger's clock set to batch.recordedAt
/// }
/// ```
public struct DemoHistory: Sendable {
    /// How many participants register over the history.
    public let participants: Int
    /// The seed: the same seed gives byte-identical events.
    public let seed: UInt64

    /// The first simulated day (`YYYY-MM-DD`).
    public static let firstDate = "2023-07-03"
    /// The last simulated day (`YYYY-MM-DD`); nothing in the history happens after it.
    public static let lastDate = "2026-11-22"

    /// A history of `participants` participants (at least 1) generated from `seed`.
    public init(participants: Int = 6000, seed: UInt64 = 2026) {
        precondition(participants >= 1, "a demo needs at least one participant")
        self.participants = participants
        self.seed = seed
    }

    /// Calls `body` with each weekly batch, in append order. Batches with no events are skipped.
    public func forEachBatch<E: Error>(_ body: (DemoBatch) throws(E) -> Void) throws(E) {
        var simulation = Simulation(participants: participants, seed: seed)
        try simulation.run(body)
    }

    /// Every event line in append order (each without its newline).
    public func lines() -> [[UInt8]] {
        var all: [[UInt8]] = []
        all.reserveCapacity(participants * 40)
        forEachBatch { batch in all.append(contentsOf: batch.lines) }
        return all
    }

    /// The whole history as JSONL bytes (one event per line, each line ending in a newline).
    public func jsonl() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(participants * 40 * 230)
        forEachBatch { batch in
            for line in batch.lines {
                bytes.append(contentsOf: line)
                bytes.append(0x0A)
            }
        }
        return bytes
    }
}

/// One arrival batch: the events the ledger received in one simulated week.
public struct DemoBatch: Sendable {
    /// 0 for the first week of the history, counting up by weeks (weeks without events are skipped).
    public let week: Int
    /// When the ledger records the batch (RFC 3339, UTC): after every event in it happened.
    public let recordedAt: String
    /// The events, one JSON object each (no newline), in append order.
    public let lines: [[UInt8]]
}
