import CanonicalJSON
import LedgerStore

/// One stream read in one transaction, with its voids resolved: which events were voided, and by which void.
///
/// ```swift
/// let timeline = try store.read { txn in try StreamTimeline(stream: StreamKind.participant.stream(for: "P-1"), in: txn) }
/// for event in timeline.events where timeline.voidedBy[event.position] == nil { … }
/// ```
public struct StreamTimeline {
    /// The stream's events, in stream order.
    public private(set) var events: [StoredEvent] = []
    /// Position of a voided event → position of the void that voided it.
    public private(set) var voidedBy: [UInt64: UInt64] = [:]
    /// Position of a void → the event it names (its position is `nil` when the target is not stored).
    public private(set) var voids: [UInt64: (eventId: String, position: UInt64?)] = [:]

    /// Reads `stream` in `txn` and resolves the target of every void in it.
    public init(stream: String, in txn: ReadTransaction) throws {
        for position in try txn.positions(inStream: stream) {
            guard let event = try txn.event(at: position) else {
                throw StoreError.corruptRecord(position: position, reason: "indexed in \(stream) but missing from the log")
            }
            events.append(event)
            guard let target = try Self.voidTarget(of: event) else { continue }
            let targetPosition = try txn.position(ofEventId: target)
            voids[position] = (target, targetPosition)
            if let targetPosition { voidedBy[targetPosition] = position }
        }
    }

    /// The eventId a void names (its `data.targetEventId`, read through the event catalog), or `nil` for any
    /// other event. A stored void the catalog cannot read is an error: the rules admitted it, so its bytes changed.
    private static func voidTarget(of event: StoredEvent) throws(StoreError) -> String? {
        guard event.type == EventType.eventVoided.rawValue else { return nil }
        do {
            if case .object(let data) = try JSONParser().parse(event.data),
                case .eventVoided(let void) = try EventDecoder.decodeData(type: .eventVoided, data: data)
            {
                return void.targetEventId
            }
            throw StoreError.corruptRecord(position: event.position, reason: "a void whose data is not an object")
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corruptRecord(position: event.position, reason: "a void the catalog cannot read: \(error)")
        }
    }
}
