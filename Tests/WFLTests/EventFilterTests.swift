import Foundation
import TestSupport
import Testing

/// `wfl events` filters that a newcomer gets wrong: a mistyped type, a bare participant id.
@Suite struct EventFilterTests {
    @Test func anUnknownTypeIsRefusedWithTheKnownTypes() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let result = try h.wfl(["events", "--type", "participant.enroled"])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("'participant.enroled' is not an event type"))
        #expect(result.stderrText.contains("participant.enrolled") && result.stderrText.contains("wages.quarter_closed"))
        #expect(try h.wfl(["events", "--type", "participant.enrolled"]).lines.count == 2)
    }

    @Test func aBareIdReadsTheParticipantsStream() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let full = try h.wfl(["events", "--stream", "participant-P-1"])
        let bare = try h.wfl(["events", "--stream", "P-1"])
        #expect(bare.status == 0 && !full.lines.isEmpty)
        #expect(bare.stdoutText == full.stdoutText)
        #expect(bare.stderrText.contains("reading stream participant-P-1"))
    }
}
