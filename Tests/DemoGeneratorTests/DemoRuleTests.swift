import DemoGenerator
import Testing

@Suite struct DemoRuleTests {
    /// An independent checker of EVENTS.md section 3 finds no rejection in append order.
    @Test func everyEventPassesTheAppendRulesInAppendOrder() {
        var checker = IndependentRuleChecker()
        for line in DemoFixture.standard.lines { checker.check(line) }
        #expect(checker.problems.isEmpty, "\(checker.problems.prefix(20))")
        #expect(checker.lineCount > 100_000)
    }

    /// The checker itself rejects what it should (so that a silent checker cannot pass the test above).
    @Test func theCheckerCatchesViolations() {
        var checker = IndependentRuleChecker()
        let lines = [
            #"{"type":"program.registered","eventId":"a","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"programId":"G","name":"n","provider":"p","sector":"manufacturing","trainingType":"customized","capacity":1}}"#,
            #"{"type":"participant.registered","eventId":"b","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P1","county":"Hartford","birthYear":1990,"sex":"male","raceEthnicity":[],"barriers":[],"employmentStatus":"employed"}}"#,
            #"{"type":"participant.registered","eventId":"c","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P2","county":"Hartford","birthYear":1990,"sex":"male","raceEthnicity":[],"barriers":[],"employmentStatus":"employed"}}"#,
            #"{"type":"participant.enrolled","eventId":"d","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P1","programId":"G"}}"#,
            #"{"type":"participant.enrolled","eventId":"e","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P2","programId":"G"}}"#,
            #"{"type":"participant.training_completed","eventId":"f","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P2","programId":"G"}}"#,
            #"{"type":"ledger.event_voided","eventId":"g","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"targetEventId":"d","reason":"r"}}"#,
            #"{"type":"participant.enrolled","eventId":"h","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P2","programId":"G"}}"#,
            #"{"type":"ledger.event_voided","eventId":"i","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"targetEventId":"d","reason":"r"}}"#,
            #"{"type":"participant.service_granted","eventId":"j","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P1","service":"tuition","amountCents":5,"fundId":"F"}}"#,
            #"{"type":"fund.registered","eventId":"k","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"fundId":"F","name":"n","source":"state","budgetCents":1}}"#,
            #"{"type":"program.cost_incurred","eventId":"l","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"programId":"G","fundId":"F","category":"materials","amountCents":5}}"#,
            #"{"type":"participant.gap_in_service_planned","eventId":"m","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P1","reason":"family_care","startDate":"2024-01-01","endDate":"2024-12-31"}}"#,
            #"{"type":"participant.gap_in_service_planned","eventId":"n","occurredAt":"2024-01-01T10:00:00Z","actor":"staff:x","data":{"participantId":"P1","reason":"family_care","startDate":"2024-01-01","endDate":"2024-12-30"}}"#,
            #"{"type":"wages.quarter_closed","eventId":"o","occurredAt":"2024-03-31T23:00:00Z","actor":"system:x","data":{"quarter":"2024Q1","source":"ui_wage_match"}}"#,
            #"{"type":"wages.quarter_closed","eventId":"p","occurredAt":"2024-04-01T00:00:00Z","actor":"system:x","data":{"quarter":"2024Q1","source":"ui_wage_match"}}"#,
            #"{"type":"wages.quarter_closed","eventId":"q","occurredAt":"2024-05-01T00:00:00Z","actor":"system:x","data":{"quarter":"2024Q1","source":"ui_wage_match"}}"#,
            #"{"type":"ledger.event_voided","eventId":"r","occurredAt":"2024-05-01T00:00:00Z","actor":"staff:x","data":{"targetEventId":"p","reason":"r"}}"#,
            #"{"type":"wages.quarter_closed","eventId":"s","occurredAt":"2024-05-02T00:00:00Z","actor":"system:x","data":{"quarter":"2024Q1","source":"ui_wage_match"}}"#,
        ]
        for line in lines { checker.check(Array(line.utf8)) }
        #expect(
            checker.problems.map(\.code) == [
                "program_full", "not_enrolled", "already_voided", "unknown_fund", "invalid_value", "invalid_value",
                "duplicate_quarter",
            ])
    }
}
