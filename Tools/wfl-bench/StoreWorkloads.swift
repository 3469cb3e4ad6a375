import CanonicalJSON
import Foundation
import LedgerStore

/// Workloads of the generic store alone (no event catalog): its share of the import budget.
enum StoreWorkloads {
    /// Appends `count` synthetic ~330-byte events spread over `streams` streams in one batch.
    static func bulkAppend(count: Int, streams: Int, directory: String) throws -> Double {
        try? FileManager.default.removeItem(atPath: directory)
        let store = try LedgerStore(directory: directory, configuration: StoreConfiguration(initialMapSize: 8 << 30))
        let padding = String(repeating: "x", count: 120)
        let events = (0..<count).map { index -> ProposedEvent<String> in
            var data: [UInt8] = Array(#"{"index":"#.utf8)
            CanonicalJSON.appendInteger(UInt64(index), to: &data)
            data.append(contentsOf: #","note":"\#(padding)"}"#.utf8)
            return ProposedEvent(
                type: index % 3 == 0 ? "participant.enrolled" : "participant.service_granted",
                eventId: "evt-\(UInt64(index) &* 2_654_435_761 % 1_000_000_007)-\(index)",
                occurredAt: "2025-03-03T14:00:00-05:00", actor: "staff:cm-017", data: data,
                payload: "participant-P-\(index % streams)")
        }
        let clock = Stopwatch()
        _ = try store.append(events, rules: { StreamNamedRules() })
        return clock.seconds
    }
}
