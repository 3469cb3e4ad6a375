import LedgerStore
import Testing
import WorkforceEvents

/// Voids of each revision-2 type: "a voided event counts as if it had never been appended", for every rule.
@Suite struct RevisionTwoVoidTests {
    @Test func voidingAQuarterCloseFreesTheQuarter() throws {
        let ledger = try TestLedger()
        try ledger.append(Line.close("2025Q1", eventId: "q1"))
        #expect(ledger.rejection(Line.close("2025Q1", eventId: "q2"))?.code == "duplicate_quarter")
        try ledger.append([Line.void("q1", eventId: "v1"), Line.close("2025Q1", eventId: "q2")])
        #expect(ledger.rejection(Line.close("2025Q1", eventId: "q3"))?.code == "duplicate_quarter")
        #expect(ledger.rejection(Line.void("q1", eventId: "v2"))?.code == "already_voided")
        // Voiding the second close frees the quarter again, in the same batch as the close that follows.
        try ledger.append([Line.void("q2", eventId: "v3"), Line.close("2025Q1", eventId: "q3")])
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: ledger.directory.child("audit")) == nil)
    }

    @Test func voidingAFundRegistrationUnregistersIt() throws {
        let ledger = try TestLedger()
        try ledger.append(basicsWithFund)
        try ledger.append(Line.void("reg-F-1", eventId: "v1"))
        #expect(ledger.rejection(Line.budget("F-1", 5, eventId: "b"))?.code == "unknown_fund")
        #expect(ledger.rejection(Line.cost("PRG-1", "F-1", eventId: "c"))?.code == "unknown_fund")
        #expect(ledger.rejection(Line.service("P-1", fund: "F-1", eventId: "s"))?.code == "unknown_fund")
        // The id is free again.
        try ledger.append([Line.fund("F-1", eventId: "reg-F-1-again"), Line.budget("F-1", 5, eventId: "b")])
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: ledger.directory.child("audit")) == nil)
    }

    @Test func voidingWhatRefersToAFundMakesItVoidable() throws {
        let ledger = try TestLedger()
        try ledger.append(
            basicsWithFund + [
                Line.budget("F-1", 5, eventId: "b"), Line.cost("PRG-1", "F-1", eventId: "c"),
                Line.service("P-1", fund: "F-1", eventId: "s"),
            ])
        for (target, void) in [("b", "v1"), ("c", "v2")] {
            try ledger.append(Line.void(target, eventId: void))
            #expect(ledger.rejection(Line.void("reg-F-1", eventId: "vf"))?.code == "not_voidable")
        }
        try ledger.append(Line.void("s", eventId: "v3"))
        try ledger.append(Line.void("reg-F-1", eventId: "vf"))
        // The program and the participant lost those references too.
        try ledger.append(Line.void("reg-PRG-1", eventId: "vp"))
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: ledger.directory.child("audit")) == nil)
    }

    @Test func voidingGapsAndSkillGains() throws {
        let ledger = try TestLedger()
        try ledger.append(
            Line.basics + [
                Line.gap("P-1", "2025-03-01", "2025-04-01", eventId: "g"),
                Line.skillGain("P-1", program: "PRG-1", eventId: "k"),
            ])
        try ledger.append([Line.void("g", eventId: "v1"), Line.void("k", eventId: "v2")])
        #expect(ledger.rejection(Line.void("g", eventId: "v3"))?.code == "already_voided")
        #expect(ledger.rejection(Line.void("v1", eventId: "v3"))?.code == "not_voidable")
        // Nothing refers to the participant or the program any more.
        try ledger.append([Line.void("reg-P-1", eventId: "v4"), Line.void("reg-PRG-1", eventId: "v5")])
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: ledger.directory.child("audit")) == nil)
    }

    @Test func voidingACostOrAFundedServiceInTheSameBatch() throws {
        let ledger = try TestLedger()
        try ledger.append(
            basicsWithFund + [
                Line.cost("PRG-1", "F-1", eventId: "c"), Line.service("P-1", fund: "F-1", eventId: "s"),
                Line.void("c", eventId: "v1"), Line.void("s", eventId: "v2"), Line.void("reg-F-1", eventId: "v3"),
            ])
        #expect(ledger.rejection(Line.cost("PRG-1", "F-1", eventId: "c2"))?.code == "unknown_fund")
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: ledger.directory.child("audit")) == nil)
    }
}
