import LedgerStore

/// Re-checks a whole ledger under the append rules, for auditors: every stored event is appended again, in position
/// order, to an empty scratch store through ``WorkforceRules``; each must pass, and the scratch store's rule state
/// must then equal the ledger's byte for byte.
///
/// `LedgerStore.verify` proves that the log is the one that was chained and that its indexes match it; this proves
/// that the log obeys the rules and that the state the rules keep (registrations, enrollments, seats, wage quarters,
/// voids) was not altered: later appends are checked against that state.
public enum RuleAudit {
    /// What the audit found wrong, or nothing.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// The position of the first event that breaks a rule, or `nil` when the log passes but the kept state differs.
        public var position: UInt64?
        public var message: String

        public var description: String { (position.map { "at position \($0): " } ?? "") + message }
    }

    /// Runs the audit, using `scratchDirectory` (created, then removed) for the re-appended copy.
    /// - Returns: `nil` when every event passes the rules and the rule state matches.
    public static func run(store: LedgerStore, scratchDirectory: String) throws -> Finding? {
        defer { LedgerStore.deleteStore(at: scratchDirectory) }
        let scratch = try LedgerStore(directory: scratchDirectory, configuration: StoreConfiguration(initialMapSize: 1 << 30))
        // Stored events are checked under the append rules, not the screen of new input's free text: an event
        // stored before the screen existed stays valid (EVENTS.md section 1).
        let writer = LedgerWriter(store: scratch, decoder: EventDecoder(screensFreeText: false))
        let refusal: LineRejection?
        do {
            _ = try writer.append { LedgerEventsInput(store: store) }
            refusal = nil
        } catch {
            guard case .rejected(let lines, _) = error else { throw error }
            refusal = lines.first
        }
        if let first = refusal {
            return Finding(
                position: UInt64(first.line),
                message: "the event breaks the append rules: \(first.field.isEmpty ? "" : first.field + ": ")"
                    + "\(first.message) [\(first.code)]")
        }
        return try firstStateDifference(store, scratch).map { Finding(position: nil, message: $0) }
    }

    /// The first key where the two stores' rule states differ, described; `nil` when they are equal.
    static func firstStateDifference(_ ledger: LedgerStore, _ replayed: LedgerStore) throws -> String? {
        let kept = try ledger.read { txn in try entries(txn) }
        let expected = try replayed.read { txn in try entries(txn) }
        for (index, entry) in expected.enumerated() {
            guard index < kept.count else { return "the rule state lacks \(name(entry.key))" }
            if kept[index].key != entry.key {
                return kept[index].key.lexicographicallyPrecedes(entry.key)
                    ? "the rule state holds \(name(kept[index].key)), which the log does not produce"
                    : "the rule state lacks \(name(entry.key))"
            }
            if kept[index].value != entry.value { return "the rule state of \(name(entry.key)) is not what the log produces" }
        }
        if kept.count > expected.count {
            return "the rule state holds \(name(kept[expected.count].key)), which the log does not produce"
        }
        return nil
    }

    private static func entries(_ txn: ReadTransaction) throws -> [(key: [UInt8], value: [UInt8])] {
        var entries: [(key: [UInt8], value: [UInt8])] = []
        try txn.forEachState(withPrefix: []) { key, value in entries.append((Array(key), Array(value))) }
        return entries
    }

    private static func name(_ key: [UInt8]) -> String {
        "\"" + String(decoding: key.map { $0 < 0x20 || $0 > 0x7E ? UInt8(ascii: "?") : $0 }, as: UTF8.self) + "\""
    }
}

/// The stored events of a ledger as input lines (`type`, `eventId`, `occurredAt`, `actor`, `data`), line N being
/// position N, read in chunks of short read transactions.
struct LedgerEventsInput: EventInput {
    let store: LedgerStore

    var mayBeLarge: Bool { true }

    mutating func forEachLine(_ body: (Int, InputLine) throws -> Void) throws {
        var line: [UInt8] = []
        try store.forEachEvent { event in
            line.removeAll(keepingCapacity: true)
            func member(_ key: String, _ range: Range<Int>, quoted: Bool) {
                line.append(contentsOf: "\"\(key)\":".utf8)
                if quoted { line.append(UInt8(ascii: "\"")) }
                line.append(contentsOf: event.bytes(range))
                if quoted { line.append(UInt8(ascii: "\"")) }
            }
            line.append(UInt8(ascii: "{"))
            member("type", event.ranges.type, quoted: true)
            line.append(UInt8(ascii: ","))
            member("eventId", event.ranges.eventId, quoted: true)
            line.append(UInt8(ascii: ","))
            member("occurredAt", event.ranges.occurredAt, quoted: true)
            line.append(UInt8(ascii: ","))
            member("actor", event.ranges.actor, quoted: true)
            line.append(UInt8(ascii: ","))
            member("data", event.ranges.data, quoted: false)
            line.append(UInt8(ascii: "}"))
            try line.withUnsafeBufferPointer { try body(Int(event.position), .bytes($0)) }
            return true
        }
    }
}
