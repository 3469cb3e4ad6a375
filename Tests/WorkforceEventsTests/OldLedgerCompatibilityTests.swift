import LedgerStore
import Testing
import WorkforceEvents

/// A history of the first revision's event types only (before funds, wage-quarter closes, gaps and skill gains).
let revisionOneHistory: [String] = [
    Line.program("PRG-1", capacity: 2), Line.program("PRG-2", capacity: 1), Line.employer("EMP-1"),
    Line.employer("EMP-2"), Line.participant("P-1"), Line.participant("P-2"), Line.participant("P-3"),
    Line.event("participant.case_manager_assigned", #"{"participantId":"P-1","caseManagerId":"cm-017"}"#, id: "cm-1"),
    Line.pp("matched", "P-1", "PRG-1", eventId: "m-1"),
    Line.pp("enrolled", "P-1", "PRG-1", eventId: "e-1"),
    Line.pp("enrolled", "P-2", "PRG-1", eventId: "e-2"),
    Line.pp("waitlisted", "P-3", "PRG-1", eventId: "w-3"),
    Line.capacity("PRG-1", 3, eventId: "cap-1"),
    Line.pp("enrolled", "P-3", "PRG-2", eventId: "e-3"),
    Line.event(
        "participant.service_granted", #"{"participantId":"P-1","service":"tuition","amountCents":150000}"#, id: "s-1"),
    Line.pp("training_completed", "P-1", "PRG-1", eventId: "c-1"),
    Line.event(
        "participant.training_withdrawn", #"{"participantId":"P-2","programId":"PRG-1","reason":"moved away"}"#,
        id: "wd-2"),
    Line.event(
        "participant.credential_earned",
        #"{"participantId":"P-1","credential":"AWS Welder","credentialType":"industry_certification","programId":"PRG-1"}"#,
        id: "cr-1"),
    Line.event(
        "participant.hired",
        #"{"participantId":"P-1","employerId":"EMP-1","occupation":"51-4121","hourlyWageCents":2400,"hoursPerWeek":40}"#,
        id: "h-1"),
    Line.event("employer.hiring_committed", #"{"employerId":"EMP-1","positions":3,"programId":"PRG-1"}"#, id: "hc-1"),
    Line.wage("P-1", "2025Q2", eventId: "wg-1"),
    Line.wage("P-1", "2025Q3", eventId: "wg-2"),
    Line.void("wg-2", eventId: "v-1"),
    Line.event("participant.exit_excluded", #"{"participantId":"P-3","reason":"health_medical"}"#, id: "x-3"),
    Line.void("reg-EMP-2", eventId: "v-2"),
]

/// The rule state as hex (`key=value` lines), for comparing a store's kept state with a golden copy.
func ruleStateDump(_ store: LedgerStore) throws -> [String] {
    func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
    var lines: [String] = []
    try store.read { txn in
        try txn.forEachState(withPrefix: []) { key, value in lines.append(hex(key) + "=" + hex(value)) }
    }
    return lines
}

/// What the first revision's code (commit 2de1e0d, before revision 2) kept for ``revisionOneHistory``: its rule
/// state, key=value in hex, and its head. Written by that code, not by today's.
let revisionOneGoldenState: [String] = [
    "77662e72756c65732f656d706c6f7965722f454d502d31=0102",
    "77662e72756c65732f656d706c6f7965722f454d502d32=",
    "77662e72756c65732f7061727469636970616e742f502d31=010801055052472d31010a011001a53f15",
    "77662e72756c65732f7061727469636970616e742f502d32=010201055052472d31010b011100",
    "77662e72756c65732f7061727469636970616e742f502d33=010301055052472d32010e0000",
    "77662e72756c65732f70726f6772616d2f5052472d31=0109000201020d03",
    "77662e72756c65732f70726f6772616d2f5052472d32=010101010201",
    "77662e72756c65732f766f696465642f0000000000000004=01",
    "77662e72756c65732f766f696465642f0000000000000016=01",
]

let revisionOneGoldenHead = "25:493702003195aa1d26bc8a430238025434b29457846d5ed994ae6d1a3b711be0"

/// Schema evolution (EVENTS.md section 3): "every event a ledger accepted under an earlier version of this page
/// stays valid and keeps its meaning, so an old ledger needs no migration".
@Suite struct OldLedgerCompatibilityTests {
    /// Today's code writes a first-revision history byte for byte as the first revision's code did (the same log,
    /// the same rule state), so a ledger written before revision 2 is one today's code could have written.
    @Test func todaysCodeWritesWhatTheFirstRevisionWrote() throws {
        let ledger = try TestLedger()
        try ledger.append(revisionOneHistory)
        #expect(try ruleStateDump(ledger.store) == revisionOneGoldenState)
        #expect(ledger.head?.description == revisionOneGoldenHead)
    }

    /// A first-revision ledger takes revision-2 events, one append at a time and in a batch, and still verifies,
    /// with and without the rules.
    @Test func oldLedgerTakesRevisionTwoEvents() throws {
        let ledger = try TestLedger()
        for line in revisionOneHistory { try ledger.append(line) }
        #expect(try ruleStateDump(ledger.store) == revisionOneGoldenState)
        try ledger.append(Line.fund("F-1"))
        try ledger.append([
            Line.service("P-1", fund: "F-1", eventId: "s-2"), Line.cost("PRG-1", "F-1", eventId: "cost-1"),
            Line.gap("P-3", "2025-05-01", "2025-06-30", eventId: "gap-3"),
            Line.skillGain("P-1", program: "PRG-1", eventId: "sg-1"), Line.close("2025Q2", eventId: "close-2"),
            Line.budget("F-1", 2_000_000, eventId: "bud-1"),
            Line.event(
                "participant.service_granted", #"{"participantId":"P-1","service":"follow_up","amountCents":0}"#,
                id: "fu-1"),
        ])
        // The old rules still hold against the old state: a full program, a duplicate wage quarter, a referenced
        // registration.
        #expect(ledger.rejection(Line.wage("P-1", "2025Q2", eventId: "wg-3"))?.code == "duplicate_quarter")
        #expect(ledger.rejection(Line.pp("enrolled", "P-2", "PRG-2", eventId: "e-9"))?.code == "program_full")
        #expect(ledger.rejection(Line.void("reg-PRG-1", eventId: "v-9"))?.code == "not_voidable")
        try ledger.append(Line.void("close-2", eventId: "v-3"))
        try ledger.append(Line.close("2025Q2", eventId: "close-3"))
        #expect(try ledger.store.verify().isIntact)
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: ledger.directory.child("audit")) == nil)
    }
}
