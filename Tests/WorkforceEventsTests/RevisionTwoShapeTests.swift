import CanonicalJSON
import LedgerStore
import Testing
import WorkforceEvents

private func gap(_ start: String, _ end: String, reason: String = "health_medical") -> String {
    Line.event(
        "participant.gap_in_service_planned",
        #"{"participantId":"P-1","reason":"\#(reason)","startDate":"\#(start)","endDate":"\#(end)"}"#)
}

private func fund(_ fields: String) -> String {
    Line.event("fund.registered", #"{"fundId":"F-NEW","name":"State match",\#(fields)}"#)
}

private func cost(_ fields: String) -> String {
    Line.event("program.cost_incurred", #"{"programId":"PRG-1","fundId":"F-1",\#(fields)}"#)
}

private func close(_ quarter: String, source: String = "ui_wage_match") -> String {
    Line.event("wages.quarter_closed", #"{"quarter":"\#(quarter)","source":"\#(source)"}"#, at: "2025-09-01T00:00:00Z")
}

/// The value rules of the fields revision 2 added: dates, quarters, codes, money, ids. Each bad line is refused
/// with its code and field before any append rule, and its valid neighbour appends.
let revisionTwoShapeCases: [ShapeCase] = [
    ShapeCase(
        "gap start not a date", gap("2025-02-29", "2025-03-01"), "invalid_value", "/data/startDate",
        good: gap("2024-02-29", "2024-03-01")),
    ShapeCase(
        "gap start in year 0", gap("0000-12-31", "0001-01-01"), "invalid_value", "/data/startDate",
        good: gap("0001-01-01", "0001-01-02")),
    ShapeCase(
        "gap end with a time", gap("2025-03-01", "2025-03-02T00:00:00Z"), "invalid_value", "/data/endDate",
        good: gap("2025-03-01", "2025-03-02")),
    ShapeCase(
        "gap end not zero-padded", gap("2025-03-01", "2025-3-02"), "invalid_value", "/data/endDate",
        good: gap("9999-12-01", "9999-12-31")),
    ShapeCase(
        "gap reason", gap("2025-03-01", "2025-03-02", reason: "vacation"), "invalid_value", "/data/reason",
        good: gap("2025-03-01", "2025-03-02", reason: "awaiting_training_start")),
    ShapeCase(
        "gap end missing",
        Line.event(
            "participant.gap_in_service_planned",
            #"{"participantId":"P-1","reason":"family_care","startDate":"2025-03-01"}"#), "missing_field",
        "/data/endDate", good: gap("2025-03-01", "2025-03-01")),
    ShapeCase(
        "skill gain type",
        Line.event("participant.skill_gain", #"{"participantId":"P-1","gainType":"promotion"}"#), "invalid_value",
        "/data/gainType",
        good: Line.event("participant.skill_gain", #"{"participantId":"P-1","gainType":"educational_functioning_level"}"#)),
    ShapeCase(
        "skill gain program null",
        Line.event("participant.skill_gain", #"{"participantId":"P-1","gainType":"secondary_diploma","programId":null}"#),
        "invalid_value", "/data/programId",
        good: Line.event("participant.skill_gain", #"{"participantId":"P-1","gainType":"secondary_diploma"}"#)),
    ShapeCase("close quarter 5", close("2025Q5"), "invalid_value", "/data/quarter", good: close("2025Q2")),
    ShapeCase("close quarter lower-case", close("2025q1"), "invalid_value", "/data/quarter", good: close("2025Q1")),
    ShapeCase(
        "close source supplemental", close("2025Q1", source: "supplemental"), "invalid_value", "/data/source",
        good: close("2024Q4")),
    ShapeCase(
        "close unknown field",
        Line.event(
            "wages.quarter_closed", #"{"quarter":"2025Q1","source":"ui_wage_match","participantId":"P-1"}"#,
            at: "2025-09-01T00:00:00Z"), "unknown_field", "/data/participantId", good: close("2025Q1")),
    ShapeCase(
        "fund source", fund(#""source":"federal","budgetCents":0"#), "invalid_value", "/data/source",
        good: fund(#""source":"private","budgetCents":0"#)),
    ShapeCase(
        "fund budget negative", fund(#""source":"state","budgetCents":-1"#), "invalid_value", "/data/budgetCents",
        good: fund(#""source":"state","budgetCents":0"#)),
    ShapeCase(
        "fund budget fraction", fund(#""source":"state","budgetCents":10.5"#), "invalid_value", "/data/budgetCents",
        good: fund(#""source":"state","budgetCents":9007199254740991"#)),
    ShapeCase(
        "fund category empty", fund(#""source":"wioa_youth","budgetCents":1,"expenditureCategory":"""#), "invalid_value",
        "/data/expenditureCategory", good: fund(#""source":"wioa_youth","budgetCents":1,"expenditureCategory":"2.10""#)),
    ShapeCase(
        "fund category a number", fund(#""source":"wioa_adult","budgetCents":1,"expenditureCategory":2.10"#),
        "invalid_value", "/data/expenditureCategory", good: fund(#""source":"wioa_adult","budgetCents":1"#)),
    ShapeCase(
        "fund id", Line.event("fund.registered", #"{"fundId":"F 1","name":"N","source":"state","budgetCents":1}"#),
        "invalid_value", "/data/fundId",
        good: Line.event("fund.registered", #"{"fundId":"F.1","name":"N","source":"state","budgetCents":1}"#)),
    ShapeCase(
        "budget missing", Line.event("fund.budget_changed", #"{"fundId":"F-1"}"#), "missing_field", "/data/budgetCents",
        good: Line.event("fund.budget_changed", #"{"fundId":"F-1","budgetCents":0}"#)),
    ShapeCase(
        "cost category", cost(#""category":"travel","amountCents":1"#), "invalid_value", "/data/category",
        good: cost(#""category":"materials","amountCents":1"#)),
    ShapeCase(
        "cost negative", cost(#""category":"instruction","amountCents":-5"#), "invalid_value", "/data/amountCents",
        good: cost(#""category":"administration","amountCents":0"#)),
    ShapeCase(
        "service fund id",
        Line.event(
            "participant.service_granted", #"{"participantId":"P-1","service":"follow_up","amountCents":0,"fundId":"F/1"}"#),
        "invalid_value", "/data/fundId",
        good: Line.event(
            "participant.service_granted", #"{"participantId":"P-1","service":"follow_up","amountCents":0,"fundId":"F-1"}"#)),
]

@Suite struct RevisionTwoShapeTests {
    @Test(arguments: revisionTwoShapeCases)
    func badLineIsRejectedAndNothingWritten(_ shape: ShapeCase) throws {
        let ledger = try TestLedger()
        try ledger.append(basicsWithFund)
        let before = ledger.head
        var error: LedgerWriteError?
        do { _ = try ledger.writer.append(jsonl: shape.bad) } catch let caught { error = caught }
        guard case .rejected(let lines, let total)? = error else {
            Issue.record("expected a rejection, got \(String(describing: error))")
            return
        }
        #expect(total == 1)
        #expect(lines.first?.code == shape.code)
        #expect(lines.first?.field == shape.field)
        #expect(ledger.head == before)
    }

    @Test(arguments: revisionTwoShapeCases)
    func validNeighbourIsAppendedAsRFC8785(_ shape: ShapeCase) throws {
        let ledger = try TestLedger()
        try ledger.append(basicsWithFund)
        #expect(try ledger.writer.append(jsonl: shape.good).appended == 1)
        let event = try EventDecoder().decode(shape.good)
        guard case .object(let envelope) = try JSONParser().parse(shape.good), case .object(let data)? = envelope["data"] else {
            Issue.record("not an object")
            return
        }
        #expect(event.data == CanonicalJSON.encode(.object(data)))
    }

    @Test func datesAndQuarters() {
        #expect(CalendarDate("2024-02-29")?.dayNumber == CalendarDate("2024-03-01").map { $0.dayNumber - 1 })
        #expect(CalendarDate("0001-01-01")?.dayNumber == 0)
        #expect(CalendarDate("9999-12-31")?.nextDay == nil)
        #expect(CalendarDate("0001-01-01")?.previousDay == nil)
        #expect(CalendarDate("2025-12-31")?.nextDay?.description == "2026-01-01")
        #expect(CalendarDate(utcDateOf: "2025-03-31T22:30:00-05:00")?.description == "2025-04-01")
        #expect(CalendarDate(utcDateOf: "2025-01-01T01:00:00+02:00")?.description == "2024-12-31")
        #expect(CalendarDate(utcDateOf: "2025-06-30T23:59:59.999Z")?.description == "2025-06-30")
        #expect(Quarter(year: 2024, number: 1).lastDay?.description == "2024-03-31")
        #expect(Quarter(year: 2025, number: 4).lastDay?.description == "2025-12-31")
        // 2025-01-01 + 364 days is 2025-12-31; in a leap year, 2024-12-30.
        #expect(CalendarDate("2025-01-01")?.adding(days: 364)?.description == "2025-12-31")
        #expect(CalendarDate("2024-01-01")?.adding(days: 364)?.description == "2024-12-30")
    }
}
