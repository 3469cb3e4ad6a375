import Foundation
import LedgerStore
import TestSupport
import Testing

/// `wfl verify --rules`: the log obeys the append rules, and the rule state the ledger keeps is the one it produces.
@Suite struct VerifyRulesTests {
    func importedLedger() throws -> WFLHarness {
        let h = try WFLHarness()
        let file = h.directory.child("batch.jsonl")
        try WorkforceInput.jsonl(WorkforceInput.batch(participants: 5)).write(to: URL(fileURLWithPath: file))
        #expect(try h.wfl(["import", file]).status == 0)
        return h
    }

    @Test func anIntactLedgerPasses() throws {
        let h = try importedLedger()
        defer { h.remove() }
        let result = try h.wfl(["verify", "--rules"])
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("every event passes the append rules"))
    }

    @Test func alteredRuleStateIsFound() throws {
        let h = try importedLedger()
        defer { h.remove() }
        // Overwrite one entry of the rules' state through the store's own API (no event appended): the chain and
        // the indexes are untouched, so plain verify still passes.
        let store = try LedgerStore(directory: h.store, configuration: StoreConfiguration(mode: .readWrite))
        let key = try #require(
            try store.read { txn -> [UInt8]? in
                var first: [UInt8]?
                try txn.forEachState(withPrefix: []) { key, _ in if first == nil { first = Array(key) } }
                return first
            })
        try store.append { batch in batch.setState([0x7F, 0x7F, 0x7F], forKey: key) }
        #expect(try h.wfl(["verify"]).status == 0)
        let result = try h.wfl(["verify", "--rules"])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("rule state"), "\(result.stdoutText)")
    }

    @Test func anEventThatBreaksTheRulesIsNamedByPosition() throws {
        let h = try importedLedger()
        defer { h.remove() }
        // An enrollment of a participant nobody registered, appended past the rules (the generic store API).
        let head = try #require(UInt64(try h.wfl(["head"]).stdoutText.split(separator: ":")[0]))
        try h.append([
            ProposedEvent(
                type: "participant.enrolled", eventId: "rogue-1", occurredAt: "2025-03-03T14:00:00Z", actor: "staff:x",
                data: Array(#"{"participantId":"P-NOBODY","programId":"PRG-WELD"}"#.utf8), payload: "participant-P-NOBODY")
        ])
        #expect(try h.wfl(["verify"]).status == 0)
        let result = try h.wfl(["verify", "--rules"])
        #expect(result.status == 1)
        #expect(
            result.stdoutText.contains("at position \(head + 1)") && result.stdoutText.contains("unknown_participant"),
            "\(result.stdoutText)")
    }
}
