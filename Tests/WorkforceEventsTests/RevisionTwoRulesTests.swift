import LedgerStore
import Testing
import WorkforceEvents

/// The basics and a fund: what the revision-2 rule tests start from.
let basicsWithFund = Line.basics + [Line.fund("F-1")]

/// The append rules of the types, codes and fields revision 2 of EVENTS.md added: funds, costs, fund charges,
/// planned gaps, skill gains and wage-quarter closes.
let revisionTwoRuleCases: [RuleCase] = [
    // participant.gap_in_service_planned
    RuleCase(
        name: "gap of an unknown participant", history: Line.basics,
        bad: Line.gap("P-2", "2025-03-01", "2025-04-01", eventId: "g"), code: "unknown_participant",
        field: "/data/participantId", good: Line.gap("P-1", "2025-03-01", "2025-04-01", eventId: "g")),
    RuleCase(
        name: "unknown participant before the gap's range", history: Line.basics,
        bad: Line.gap("P-2", "2025-03-01", "2024-04-01", eventId: "g"), code: "unknown_participant",
        field: "/data/participantId", good: Line.gap("P-1", "2025-03-01", "2025-03-01", eventId: "g")),
    RuleCase(
        name: "gap ending before it starts", history: Line.basics,
        bad: Line.gap("P-1", "2025-03-01", "2025-02-28", eventId: "g"), code: "invalid_value", field: "/data/endDate",
        good: Line.gap("P-1", "2025-03-01", "2025-03-01", eventId: "g")),
    RuleCase(
        name: "gap of 365 days after its start", history: Line.basics,
        bad: Line.gap("P-1", "2025-01-01", "2026-01-01", eventId: "g"), code: "invalid_value", field: "/data/endDate",
        good: Line.gap("P-1", "2025-01-01", "2025-12-31", eventId: "g")),
    RuleCase(
        name: "gap over a leap day", history: Line.basics,
        bad: Line.gap("P-1", "2024-01-01", "2024-12-31", eventId: "g"), code: "invalid_value", field: "/data/endDate",
        good: Line.gap("P-1", "2024-01-01", "2024-12-30", eventId: "g")),
    // participant.skill_gain
    RuleCase(
        name: "skill gain of an unknown participant", history: Line.basics,
        bad: Line.skillGain("P-2", program: "PRG-1", eventId: "s"), code: "unknown_participant",
        field: "/data/participantId", good: Line.skillGain("P-1", program: "PRG-1", eventId: "s")),
    RuleCase(
        name: "skill gain in an unknown program", history: Line.basics,
        bad: Line.skillGain("P-1", program: "PRG-2", eventId: "s"), code: "unknown_program", field: "/data/programId",
        good: Line.skillGain("P-1", program: nil, eventId: "s")),
    // wages.quarter_closed
    RuleCase(
        name: "quarter closed on its last day", history: [],
        bad: Line.close("2025Q1", at: "2025-03-31T23:59:59Z", eventId: "q"), code: "invalid_value", field: "/data/quarter",
        good: Line.close("2025Q1", at: "2025-04-01T00:00:00Z", eventId: "q")),
    RuleCase(
        name: "quarter closed on its last day in UTC, the next day in its offset", history: [],
        bad: Line.close("2025Q2", at: "2025-07-01T01:00:00+02:00", eventId: "q"), code: "invalid_value",
        field: "/data/quarter", good: Line.close("2025Q2", at: "2025-06-30T21:00:00-05:00", eventId: "q")),
    RuleCase(
        name: "quarter closed before it starts", history: [],
        bad: Line.close("2025Q4", at: "2025-03-03T14:00:00Z", eventId: "q"), code: "invalid_value", field: "/data/quarter",
        good: Line.close("2024Q4", at: "2025-03-03T14:00:00Z", eventId: "q")),
    RuleCase(
        name: "quarter closed twice", history: [Line.close("2025Q1", eventId: "q1")],
        bad: Line.close("2025Q1", eventId: "q2"), code: "duplicate_quarter", field: "/data/quarter",
        good: Line.close("2025Q2", eventId: "q2")),
    RuleCase(
        name: "close date before duplicate_quarter", history: [Line.close("2025Q3", at: "2025-10-02T00:00:00Z", eventId: "q1")],
        bad: Line.close("2025Q3", at: "2025-09-30T12:00:00Z", eventId: "q2"), code: "invalid_value", field: "/data/quarter",
        good: Line.close("2025Q2", at: "2025-09-30T12:00:00Z", eventId: "q2")),
    // fund.registered, fund.budget_changed
    RuleCase(
        name: "fund registered twice", history: basicsWithFund,
        bad: Line.fund("F-1", eventId: "again"), code: "already_registered", field: "/data/fundId",
        good: Line.fund("F-2", eventId: "again")),
    RuleCase(
        name: "budget of an unknown fund", history: basicsWithFund,
        bad: Line.budget("F-2", 5, eventId: "b"), code: "unknown_fund", field: "/data/fundId",
        good: Line.budget("F-1", 5, eventId: "b")),
    // program.cost_incurred
    RuleCase(
        name: "cost of an unknown program", history: basicsWithFund,
        bad: Line.cost("PRG-2", "F-1", eventId: "c"), code: "unknown_program", field: "/data/programId",
        good: Line.cost("PRG-1", "F-1", eventId: "c")),
    RuleCase(
        name: "cost charged to an unknown fund", history: basicsWithFund,
        bad: Line.cost("PRG-1", "F-2", eventId: "c"), code: "unknown_fund", field: "/data/fundId",
        good: Line.cost("PRG-1", "F-1", eventId: "c")),
    RuleCase(
        name: "program checked before fund", history: basicsWithFund,
        bad: Line.cost("PRG-2", "F-2", eventId: "c"), code: "unknown_program", field: "/data/programId",
        good: Line.cost("PRG-1", "F-1", eventId: "c")),
    // participant.service_granted with a fund
    RuleCase(
        name: "service charged to an unknown fund", history: basicsWithFund,
        bad: Line.service("P-1", fund: "F-2", eventId: "s"), code: "unknown_fund", field: "/data/fundId",
        good: Line.service("P-1", fund: "F-1", eventId: "s")),
    RuleCase(
        name: "participant checked before fund", history: basicsWithFund,
        bad: Line.service("P-2", fund: "F-2", eventId: "s"), code: "unknown_participant", field: "/data/participantId",
        good: Line.service("P-1", fund: nil, eventId: "s")),
    RuleCase(
        name: "follow-up service", history: Line.basics,
        bad: Line.event(
            "participant.service_granted", #"{"participantId":"P-1","service":"follow_ups","amountCents":0}"#, id: "s"),
        code: "invalid_value", field: "/data/service",
        good: Line.event(
            "participant.service_granted", #"{"participantId":"P-1","service":"follow_up","amountCents":0}"#, id: "s")),
    // Voids of registrations that live revision-2 events refer to.
    RuleCase(
        name: "fund charged by a service", history: basicsWithFund + [Line.service("P-1", fund: "F-1", eventId: "s")],
        bad: Line.void("reg-F-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("s", eventId: "v")),
    RuleCase(
        name: "fund charged by a cost", history: basicsWithFund + [Line.cost("PRG-1", "F-1", eventId: "c")],
        bad: Line.void("reg-F-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("c", eventId: "v")),
    RuleCase(
        name: "fund with a budget change", history: basicsWithFund + [Line.budget("F-1", 5, eventId: "b")],
        bad: Line.void("reg-F-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("b", eventId: "v")),
    RuleCase(
        name: "program with a cost", history: basicsWithFund + [Line.cost("PRG-1", "F-1", eventId: "c")],
        bad: Line.void("reg-PRG-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("c", eventId: "v")),
    RuleCase(
        name: "participant with a gap", history: Line.basics + [Line.gap("P-1", "2025-03-01", "2025-04-01", eventId: "g")],
        bad: Line.void("reg-P-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("g", eventId: "v")),
    RuleCase(
        name: "program with a skill gain", history: Line.basics + [Line.skillGain("P-1", program: "PRG-1", eventId: "s")],
        bad: Line.void("reg-PRG-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("s", eventId: "v")),
]

@Suite struct RevisionTwoRulesTests {
    @Test(arguments: revisionTwoRuleCases)
    func ruleRejectsAndWritesNothing(_ rule: RuleCase) throws {
        let ledger = try TestLedger()
        try ledger.append(rule.history)
        let before = ledger.head
        let state = try ruleStateDump(ledger.store)
        let rejection = ledger.rejection(rule.bad)
        #expect(rejection?.code == rule.code)
        #expect(rejection?.field == rule.field)
        #expect(ledger.head == before)
        #expect(ledger.eventCount == UInt64(rule.history.count))
        #expect(try ruleStateDump(ledger.store) == state)
    }

    @Test(arguments: revisionTwoRuleCases)
    func validNeighbourIsAccepted(_ rule: RuleCase) throws {
        let ledger = try TestLedger()
        try ledger.append(rule.history)
        let summary = try ledger.append(rule.good)
        #expect(summary.appended == 1)
    }

    /// A batch with a rejected revision-2 event writes nothing, not even its valid lines.
    @Test func rejectedBatchWritesNothing() throws {
        let ledger = try TestLedger()
        try ledger.append(basicsWithFund)
        let before = ledger.head
        let state = try ruleStateDump(ledger.store)
        let rejections = ledger.rejections([
            Line.cost("PRG-1", "F-1", eventId: "c1"), Line.close("2025Q1", eventId: "q1"),
            Line.close("2025Q1", eventId: "q2"), Line.budget("F-9", 1, eventId: "b"),
            Line.gap("P-1", "2025-01-01", "2026-01-01", eventId: "g"),
        ])
        #expect(rejections.map(\.line) == [3, 4, 5])
        #expect(rejections.map(\.code) == ["duplicate_quarter", "unknown_fund", "invalid_value"])
        #expect(rejections.map(\.field) == ["/data/quarter", "/data/fundId", "/data/endDate"])
        #expect(ledger.head == before)
        #expect(try ruleStateDump(ledger.store) == state)
        // The valid lines were not kept either: the quarter is still open and the cost's id is free.
        try ledger.append([Line.close("2025Q1", eventId: "q1"), Line.cost("PRG-1", "F-1", eventId: "c1")])
    }

    @Test func messagesSayWhy() throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics + [Line.close("2025Q1", eventId: "q1")])
        #expect(
            ledger.rejection(Line.gap("P-1", "2025-01-01", "2026-01-01", eventId: "g"))?.message
                == "endDate 2026-01-01 is 365 days after startDate 2025-01-01; a planned gap ends at most 364 days "
                + "after it starts (2025-12-31)")
        #expect(
            ledger.rejection(Line.close("2025Q2", at: "2025-06-30T12:00:00Z", eventId: "q2"))?.message
                == "quarter 2025Q2 ends on 2025-06-30; it can be closed only after that (the event's UTC date is 2025-06-30)")
        #expect(
            ledger.rejection(Line.close("2025Q1", eventId: "q2"))?.message
                == "wage quarter 2025Q1 is already closed (position 4); void that close first")
        #expect(ledger.rejection(Line.budget("F-9", 1, eventId: "b"))?.message == "fund F-9 is not registered")
    }

    @Test func streams() throws {
        let ledger = try TestLedger()
        let summary = try ledger.append(
            basicsWithFund + [
                Line.budget("F-1", 7, eventId: "b"), Line.cost("PRG-1", "F-1", eventId: "c"),
                Line.close("2025Q1", eventId: "q"), Line.gap("P-1", "2025-03-01", "2025-04-01", eventId: "g"),
                Line.skillGain("P-1", program: "PRG-1", eventId: "s"), Line.service("P-1", fund: "F-1", eventId: "t"),
                Line.void("q", eventId: "v"),
            ])
        #expect(
            summary.outcomes.map(\.outcome.stream) == [
                "program-PRG-1", "employer-EMP-1", "participant-P-1", "fund-F-1", "fund-F-1", "program-PRG-1",
                "wages-2025Q1", "participant-P-1", "participant-P-1", "participant-P-1", "wages-2025Q1",
            ])
        #expect(summary.outcomes.map(\.outcome.streamVersion) == [1, 1, 1, 1, 2, 2, 1, 2, 3, 4, 2])
    }

    /// The rule state is kept in the store between appends (each append here is its own transaction), and
    /// `verify --rules` (``RuleAudit``) rebuilds the same state from the log.
    @Test func stateSurvivesAppendsAndMatchesTheAudit() throws {
        let ledger = try TestLedger()
        for line in basicsWithFund + [
            Line.close("2025Q1", eventId: "q1"), Line.cost("PRG-1", "F-1", eventId: "c1"),
            Line.service("P-1", fund: "F-1", eventId: "s1"), Line.gap("P-1", "2025-03-01", "2025-04-01", eventId: "g1"),
            Line.skillGain("P-1", program: "PRG-1", eventId: "k1"), Line.fund("F-2"), Line.budget("F-2", 9, eventId: "b2"),
        ] {
            try ledger.append(line)
        }
        #expect(ledger.rejection(Line.close("2025Q1", eventId: "q2"))?.code == "duplicate_quarter")
        #expect(ledger.rejection(Line.void("reg-F-1", eventId: "v"))?.code == "not_voidable")
        #expect(ledger.rejection(Line.void("reg-F-2", eventId: "v"))?.code == "not_voidable")
        try ledger.append(Line.void("b2", eventId: "v1"))
        try ledger.append(Line.void("reg-F-2", eventId: "v2"))
        #expect(ledger.rejection(Line.budget("F-2", 1, eventId: "b3"))?.code == "unknown_fund")
        let scratch = ledger.directory.child("audit")
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: scratch) == nil)
    }
}
