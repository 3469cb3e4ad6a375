import CanonicalJSON
import LedgerStore
import Testing
import WorkforceEvents

/// One field rule of EVENTS.md: a bad line (its code and field) and its valid neighbour.
struct ShapeCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bad: [UInt8]
    let code: String
    let field: String
    let good: [UInt8]

    init(_ name: String, _ bad: String, _ code: String, _ field: String, good: String) {
        self.init(name, Array(bad.utf8), code, field, good: good)
    }

    init(_ name: String, _ bad: [UInt8], _ code: String, _ field: String, good: String) {
        self.name = name
        self.bad = bad
        self.code = code
        self.field = field
        self.good = Array(good.utf8)
    }

    var testDescription: String { "\(name) -> \(code) \(field)" }
}

private func service(_ data: String = #""participantId":"P-1","service":"tuition","amountCents":100"#) -> String {
    Line.event("participant.service_granted", "{\(data)}")
}

private func envelope(_ members: String) -> String { "{\(members)}" }

private let svcData = #"{"participantId":"P-1","service":"tuition","amountCents":1}"#
private let envOK = #""type":"participant.service_granted","occurredAt":"2025-03-03T14:00:00Z","actor":"staff:a""#

private func at(_ time: String) -> String { Line.event("participant.service_granted", svcData, at: time) }
private func actor(_ actor: String) -> String { Line.event("participant.service_granted", svcData, actor: actor) }
private func id(_ id: String) -> String { Line.event("participant.service_granted", svcData, id: id) }
private func program(_ fields: String) -> String {
    Line.event(
        "program.registered",
        #"{"programId":"PRG-X","name":"N","provider":"P","sector":"manufacturing","trainingType":"apprenticeship",\#(fields)}"#)
}
private func person(_ fields: String, id: String = "P-NEW") -> String {
    Line.event(
        "participant.registered",
        #"{"participantId":"\#(id)","county":"Hartford","sex":"male","employmentStatus":"employed",\#(fields)}"#)
}
private let personRest = #""birthYear":1990,"raceEthnicity":[],"barriers":[]"#
private func hired(_ fields: String) -> String {
    Line.event("participant.hired", #"{"participantId":"P-1","employerId":"EMP-1",\#(fields)}"#)
}
private let hiredRest = #""occupation":"51-4121","hourlyWageCents":2350"#
private func wage(_ fields: String) -> String {
    Line.event("participant.employment_verified", #"{"participantId":"P-1","source":"supplemental",\#(fields)}"#)
}
private let large = String(repeating: "x", count: 65_536)

let shapeCases: [ShapeCase] = [
    // invalid_json
    ShapeCase("not JSON", "hello", "invalid_json", "", good: service()),
    ShapeCase("array", "[1,2]", "invalid_json", "", good: service()),
    ShapeCase("string", #""event""#, "invalid_json", "", good: service()),
    ShapeCase("truncated", String(service().dropLast(3)), "invalid_json", "", good: service()),
    ShapeCase("trailing data", service() + " {}", "invalid_json", "", good: service() + "  "),
    ShapeCase(
        "duplicate key", envelope(envOK + #","data":\#(svcData),"data":\#(svcData)"#), "invalid_json", "",
        good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase("NUL byte", Array(service().utf8) + [0], "invalid_json", "", good: service()),
    ShapeCase(
        "NUL in string", service(#""participantId":"P-1","service":"tuition\#u{0}","amountCents":1"#), "invalid_json", "",
        good: service()),
    ShapeCase(
        "invalid UTF-8",
        Array(
            #"{"type":"participant.service_granted","occurredAt":"2025-03-03T14:00:00Z","actor":"staff:a","data":{"participantId":"P-1","service":"tuition","amountCents":1,"x":""#
                .utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8), "invalid_json", "", good: service()),
    ShapeCase(
        "deep nesting",
        Line.event(
            "participant.service_granted",
            #"{"participantId":"P-1","service":"tuition","amountCents":1,"x":\#(String(repeating: "[", count: 10_000))\#(String(repeating: "]", count: 10_000))}"#
        ), "invalid_json", "", good: service()),
    // too_large
    ShapeCase(
        "65,537 bytes",
        Line.event("ledger.event_voided", #"{"targetEventId":"reg-P-1","reason":"\#(large.prefix(65_537 - 136))"}"#), "too_large",
        "", good: Line.event("ledger.event_voided", #"{"targetEventId":"reg-EMP-1","reason":"\#(large.prefix(65_536 - 138))"}"#)),
    // unknown_type, unknown_field, missing_field
    ShapeCase("unknown type", Line.event("participant.enroled", svcData), "unknown_type", "/type", good: service()),
    ShapeCase(
        "envelope extra", envelope(envOK + #","data":\#(svcData),"position":3"#), "unknown_field", "/position",
        good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "envelope hash", envelope(envOK + #","data":\#(svcData),"hash":"ab""#), "unknown_field", "/hash",
        good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "pointer escape", envelope(envOK + #","data":\#(svcData),"a/b~":1"#), "unknown_field", "/a~1b~0",
        good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "data extra", service(#""participantId":"P-1","service":"tuition","amountCents":1,"note":"x""#), "unknown_field",
        "/data/note", good: service()),
    ShapeCase(
        "data typo", Line.event("participant.matched", #"{"participantId":"P-1","progamId":"PRG-1"}"#), "unknown_field",
        "/data/progamId", good: Line.event("participant.matched", #"{"participantId":"P-1","programId":"PRG-1"}"#)),
    ShapeCase(
        "no type", envelope(#""occurredAt":"2025-03-03T14:00:00Z","actor":"staff:a","data":\#(svcData)"#), "missing_field",
        "/type", good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "no occurredAt", envelope(#""type":"participant.service_granted","actor":"staff:a","data":\#(svcData)"#), "missing_field",
        "/occurredAt", good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "no actor", envelope(#""type":"participant.service_granted","occurredAt":"2025-03-03T14:00:00Z","data":\#(svcData)"#),
        "missing_field", "/actor", good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase("no data", envelope(envOK), "missing_field", "/data", good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "no data field", service(#""participantId":"P-1","service":"tuition""#), "missing_field", "/data/amountCents",
        good: service()),
    // null, types, empty strings
    ShapeCase(
        "null data field", service(#""participantId":"P-1","service":"tuition","amountCents":null"#), "invalid_value",
        "/data/amountCents", good: service()),
    ShapeCase(
        "null optional",
        Line.event(
            "participant.credential_earned",
            #"{"participantId":"P-1","credential":"C","credentialType":"associate_degree","programId":null}"#), "invalid_value",
        "/data/programId",
        good: Line.event(
            "participant.credential_earned", #"{"participantId":"P-1","credential":"C","credentialType":"associate_degree"}"#)),
    ShapeCase(
        "null eventId", envelope(envOK + #","eventId":null,"data":\#(svcData)"#), "invalid_value", "/eventId",
        good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "null data", envelope(envOK + #","data":null"#), "invalid_value", "/data", good: envelope(envOK + #","data":\#(svcData)"#)
    ),
    ShapeCase(
        "data not object", envelope(envOK + #","data":[1]"#), "invalid_value", "/data",
        good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "type not string", envelope(#""type":7,"occurredAt":"2025-03-03T14:00:00Z","actor":"staff:a","data":\#(svcData)"#),
        "invalid_value", "/type", good: envelope(envOK + #","data":\#(svcData)"#)),
    ShapeCase(
        "empty string",
        program(#""capacity":1,"x":1"#).replacingOccurrences(#""name":"N""#, #""name":"""#).replacingOccurrences(#","x":1"#, ""),
        "invalid_value", "/data/name", good: program(#""capacity":1"#)),
    ShapeCase(
        "id not string", Line.event("participant.matched", #"{"participantId":1,"programId":"PRG-1"}"#), "invalid_value",
        "/data/participantId", good: Line.event("participant.matched", #"{"participantId":"P-1","programId":"PRG-1"}"#)),
    // integers
    ShapeCase("fraction", program(#""capacity":1.0"#), "invalid_value", "/data/capacity", good: program(#""capacity":1"#)),
    ShapeCase("exponent", program(#""capacity":1e2"#), "invalid_value", "/data/capacity", good: program(#""capacity":100"#)),
    ShapeCase("negative", program(#""capacity":-1"#), "invalid_value", "/data/capacity", good: program(#""capacity":0"#)),
    ShapeCase(
        "2^53", program(#""capacity":9007199254740992"#), "invalid_value", "/data/capacity",
        good: program(#""capacity":9007199254740991"#)),
    ShapeCase(
        "huge", program(#""capacity":123456789012345678901234567890"#), "invalid_value", "/data/capacity",
        good: program(#""capacity":9007199254740991"#)),
    ShapeCase("string number", program(#""capacity":"5""#), "invalid_value", "/data/capacity", good: program(#""capacity":5"#)),
    ShapeCase("boolean", program(#""capacity":true"#), "invalid_value", "/data/capacity", good: program(#""capacity":5"#)),
    ShapeCase(
        "birthYear low", person(#""birthYear":1899,"raceEthnicity":[],"barriers":[]"#), "invalid_value", "/data/birthYear",
        good: person(#""birthYear":1900,"raceEthnicity":[],"barriers":[]"#)),
    ShapeCase(
        "birthYear high", person(#""birthYear":2101,"raceEthnicity":[],"barriers":[]"#), "invalid_value", "/data/birthYear",
        good: person(#""birthYear":2100,"raceEthnicity":[],"barriers":[]"#)),
    ShapeCase(
        "positions 0", Line.event("employer.hiring_committed", #"{"employerId":"EMP-1","positions":0}"#), "invalid_value",
        "/data/positions", good: Line.event("employer.hiring_committed", #"{"employerId":"EMP-1","positions":1}"#)),
    ShapeCase(
        "wage 0", hired(#""occupation":"51-4121","hourlyWageCents":0,"hoursPerWeek":40"#), "invalid_value",
        "/data/hourlyWageCents", good: hired(#""occupation":"51-4121","hourlyWageCents":1,"hoursPerWeek":40"#)),
    ShapeCase(
        "amount negative", service(#""participantId":"P-1","service":"tuition","amountCents":-1"#), "invalid_value",
        "/data/amountCents", good: service(#""participantId":"P-1","service":"tuition","amountCents":0"#)),
    ShapeCase(
        "wages fraction", wage(#""quarter":"2025Q1","wagesCents":10.5"#), "invalid_value", "/data/wagesCents",
        good: wage(#""quarter":"2025Q1","wagesCents":0"#)),
    // hoursPerWeek
    ShapeCase(
        "hours 0", hired(hiredRest + #","hoursPerWeek":0"#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":37.5"#)),
    ShapeCase(
        "hours 80.5", hired(hiredRest + #","hoursPerWeek":80.5"#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":80"#)),
    ShapeCase(
        "hours string", hired(hiredRest + #","hoursPerWeek":"40""#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":4e1"#)),
    ShapeCase(
        "hours a hair above 80", hired(hiredRest + #","hoursPerWeek":80.0000000000000001"#), "invalid_value",
        "/data/hoursPerWeek", good: hired(hiredRest + #","hoursPerWeek":80.000"#)),
    ShapeCase(
        "hours 0.0", hired(hiredRest + #","hoursPerWeek":0.0"#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":0.5"#)),
    ShapeCase(
        "hours -1", hired(hiredRest + #","hoursPerWeek":-1"#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":1e-3"#)),
    ShapeCase(
        "hours 100", hired(hiredRest + #","hoursPerWeek":100"#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":8e1"#)),
    ShapeCase(
        "hours 800.0", hired(hiredRest + #","hoursPerWeek":800.0"#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":0.8e2"#)),
    ShapeCase(
        "hours underflowing to 0", hired(hiredRest + #","hoursPerWeek":1e-400"#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":1e-300"#)),
    ShapeCase(
        "hours hostile exponent", hired(hiredRest + #","hoursPerWeek":1.5e-9223372036854775808"#), "invalid_value",
        "/data/hoursPerWeek", good: hired(hiredRest + #","hoursPerWeek":1.5e1"#)),
    ShapeCase(
        "hours 8000e-2", hired(hiredRest + #","hoursPerWeek":8000.0000000000001e-2"#), "invalid_value", "/data/hoursPerWeek",
        good: hired(hiredRest + #","hoursPerWeek":8000e-2"#)),
    // eventId
    ShapeCase("eventId space", id("a b"), "invalid_value", "/eventId", good: id("a.b_c:d-e")),
    ShapeCase(
        "eventId 129", id(String(repeating: "e", count: 129)), "invalid_value", "/eventId",
        good: id(String(repeating: "e", count: 128))),
    ShapeCase("eventId empty", id(""), "invalid_value", "/eventId", good: id("e")),
    ShapeCase("eventId unicode", id("é"), "invalid_value", "/eventId", good: id("e")),
    // occurredAt
    ShapeCase("no zone", at("2025-03-03T14:00:00"), "invalid_value", "/occurredAt", good: at("2025-03-03T14:00:00Z")),
    ShapeCase("lower t", at("2025-03-03t14:00:00Z"), "invalid_value", "/occurredAt", good: at("2025-03-03T14:00:00Z")),
    ShapeCase("lower z", at("2025-03-03T14:00:00z"), "invalid_value", "/occurredAt", good: at("2025-03-03T14:00:00Z")),
    ShapeCase("Feb 29 2025", at("2025-02-29T14:00:00Z"), "invalid_value", "/occurredAt", good: at("2024-02-29T14:00:00Z")),
    ShapeCase("Apr 31", at("2025-04-31T14:00:00Z"), "invalid_value", "/occurredAt", good: at("2025-04-30T14:00:00Z")),
    ShapeCase("month 13", at("2025-13-01T14:00:00Z"), "invalid_value", "/occurredAt", good: at("2025-12-01T14:00:00Z")),
    ShapeCase(
        "UTC date after 9999", at("9999-12-31T23:00:00-05:00"), "invalid_value", "/occurredAt",
        good: at("9999-12-31T18:59:59-05:00")),
    ShapeCase(
        "UTC date before 0001", at("0001-01-01T00:30:00+01:00"), "invalid_value", "/occurredAt",
        good: at("0001-01-01T01:00:00+01:00")),
    ShapeCase("year 0000", at("0000-06-01T12:00:00Z"), "invalid_value", "/occurredAt", good: at("0001-06-01T12:00:00Z")),
    ShapeCase("second 60", at("2025-03-03T14:00:60Z"), "invalid_value", "/occurredAt", good: at("2025-03-03T14:00:59Z")),
    ShapeCase("hour 24", at("2025-03-03T24:00:00Z"), "invalid_value", "/occurredAt", good: at("2025-03-03T23:59:59Z")),
    ShapeCase(
        "fraction 10", at("2025-03-03T14:00:00.1234567890Z"), "invalid_value", "/occurredAt",
        good: at("2025-03-03T14:00:00.123456789Z")),
    ShapeCase("empty fraction", at("2025-03-03T14:00:00.Z"), "invalid_value", "/occurredAt", good: at("2025-03-03T14:00:00.1Z")),
    ShapeCase(
        "offset hour 24", at("2025-03-03T14:00:00+24:00"), "invalid_value", "/occurredAt", good: at("2025-03-03T14:00:00+23:00")),
    ShapeCase(
        "offset minute 60", at("2025-03-03T14:00:00-05:60"), "invalid_value", "/occurredAt", good: at("2025-03-03T14:00:00-05:59")
    ),
    ShapeCase(
        "offset no colon", at("2025-03-03T14:00:00-0500"), "invalid_value", "/occurredAt", good: at("2025-03-03T14:00:00-05:00")),
    ShapeCase("date only", at("2025-03-03"), "invalid_value", "/occurredAt", good: at("2025-03-03T00:00:00Z")),
    // actor
    ShapeCase("actor kind", actor("robot:x"), "invalid_value", "/actor", good: actor("system:x")),
    ShapeCase("actor no id", actor("staff:"), "invalid_value", "/actor", good: actor("staff:a")),
    ShapeCase("actor no colon", actor("staff"), "invalid_value", "/actor", good: actor("provider:a:b")),
    ShapeCase("actor id chars", actor("employer:a b"), "invalid_value", "/actor", good: actor("employer:a_b")),
    ShapeCase("actor upper", actor("Staff:a"), "invalid_value", "/actor", good: actor("service:a")),
    // ids
    ShapeCase(
        "id 65", person(personRest, id: String(repeating: "p", count: 65)), "invalid_value", "/data/participantId",
        good: person(personRest, id: String(repeating: "p", count: 64))),
    ShapeCase(
        "id colon", person(personRest, id: "P:1"), "invalid_value", "/data/participantId", good: person(personRest, id: "P.1_x-2")
    ),
    ShapeCase("id empty", person(personRest, id: ""), "invalid_value", "/data/participantId", good: person(personRest, id: "Q")),
    ShapeCase(
        "unassigned", Line.event("participant.case_manager_assigned", #"{"participantId":"P-1","caseManagerId":"unassigned"}"#),
        "invalid_value", "/data/caseManagerId",
        good: Line.event("participant.case_manager_assigned", #"{"participantId":"P-1","caseManagerId":"unassigned-2"}"#)),
    ShapeCase(
        "case manager chars", Line.event("participant.case_manager_assigned", #"{"participantId":"P-1","caseManagerId":"cm 1"}"#),
        "invalid_value", "/data/caseManagerId",
        good: Line.event("participant.case_manager_assigned", #"{"participantId":"P-1","caseManagerId":"cm-1"}"#)),
    ShapeCase(
        "target id", Line.event("ledger.event_voided", #"{"targetEventId":"a b","reason":"x"}"#), "invalid_value",
        "/data/targetEventId", good: Line.event("ledger.event_voided", #"{"targetEventId":"reg-EMP-1","reason":"x"}"#)),
    // codes
    ShapeCase(
        "sector", program(#""capacity":1"#).replacingOccurrences("manufacturing", "mining"), "invalid_value", "/data/sector",
        good: program(#""capacity":1"#).replacingOccurrences("manufacturing", "clean_energy")),
    ShapeCase(
        "training type", program(#""capacity":1"#).replacingOccurrences("apprenticeship", "Apprenticeship"), "invalid_value",
        "/data/trainingType", good: program(#""capacity":1"#).replacingOccurrences("apprenticeship", "on_the_job")),
    ShapeCase(
        "sex", person(personRest).replacingOccurrences(#""male""#, #""m""#), "invalid_value", "/data/sex",
        good: person(personRest).replacingOccurrences(#""male""#, #""did_not_self_identify""#)),
    ShapeCase(
        "employment status", person(personRest).replacingOccurrences(#""employed""#, #""retired""#), "invalid_value",
        "/data/employmentStatus", good: person(personRest).replacingOccurrences(#""employed""#, #""not_in_labor_force""#)),
    ShapeCase(
        "race unknown", person(#""birthYear":1990,"raceEthnicity":["asian","martian"],"barriers":[]"#), "invalid_value",
        "/data/raceEthnicity/1", good: person(#""birthYear":1990,"raceEthnicity":["asian","white"],"barriers":[]"#)),
    ShapeCase(
        "race twice", person(#""birthYear":1990,"raceEthnicity":["asian","white","asian"],"barriers":[]"#), "invalid_value",
        "/data/raceEthnicity/2", good: person(#""birthYear":1990,"raceEthnicity":["asian","white"],"barriers":[]"#)),
    ShapeCase(
        "race not alone", person(#""birthYear":1990,"raceEthnicity":["white","did_not_self_identify"],"barriers":[]"#),
        "invalid_value", "/data/raceEthnicity/1",
        good: person(#""birthYear":1990,"raceEthnicity":["did_not_self_identify"],"barriers":[]"#)),
    ShapeCase(
        "race not array", person(#""birthYear":1990,"raceEthnicity":"asian","barriers":[]"#), "invalid_value",
        "/data/raceEthnicity", good: person(#""birthYear":1990,"raceEthnicity":["asian"],"barriers":[]"#)),
    ShapeCase(
        "race null element", person(#""birthYear":1990,"raceEthnicity":[null],"barriers":[]"#), "invalid_value",
        "/data/raceEthnicity/0", good: person(#""birthYear":1990,"raceEthnicity":[],"barriers":[]"#)),
    ShapeCase(
        "barrier twice", person(#""birthYear":1990,"raceEthnicity":[],"barriers":["veteran","veteran"]"#), "invalid_value",
        "/data/barriers/1",
        good: person(#""birthYear":1990,"raceEthnicity":[],"barriers":["veteran","homeless","long_term_unemployed"]"#)),
    ShapeCase(
        "barrier unknown", person(#""birthYear":1990,"raceEthnicity":[],"barriers":["did_not_self_identify"]"#), "invalid_value",
        "/data/barriers/0", good: person(#""birthYear":1990,"raceEthnicity":[],"barriers":["single_parent"]"#)),
    ShapeCase(
        "service", service(#""participantId":"P-1","service":"lunch","amountCents":1"#), "invalid_value", "/data/service",
        good: service(#""participantId":"P-1","service":"other_supportive","amountCents":1"#)),
    ShapeCase(
        "credential type",
        Line.event("participant.credential_earned", #"{"participantId":"P-1","credential":"C","credentialType":"phd"}"#),
        "invalid_value", "/data/credentialType",
        good: Line.event(
            "participant.credential_earned", #"{"participantId":"P-1","credential":"C","credentialType":"bachelor_degree"}"#)),
    ShapeCase(
        "source", wage(#""quarter":"2025Q1","wagesCents":1"#).replacingOccurrences("supplemental", "rumor"), "invalid_value",
        "/data/source", good: wage(#""quarter":"2025Q1","wagesCents":1"#)),
    ShapeCase(
        "exclusion reason", Line.event("participant.exit_excluded", #"{"participantId":"P-1","reason":"moved"}"#),
        "invalid_value", "/data/reason",
        good: Line.event("participant.exit_excluded", #"{"participantId":"P-1","reason":"reserve_forces_called"}"#)),
    // SOC and quarter
    ShapeCase(
        "SOC no dash", hired(#""occupation":"514121","hourlyWageCents":1,"hoursPerWeek":40"#), "invalid_value",
        "/data/occupation", good: hired(#""occupation":"51-4121","hourlyWageCents":1,"hoursPerWeek":40"#)),
    ShapeCase(
        "SOC short", hired(#""occupation":"51-412","hourlyWageCents":1,"hoursPerWeek":40"#), "invalid_value", "/data/occupation",
        good: hired(#""occupation":"11-1011","hourlyWageCents":1,"hoursPerWeek":40"#)),
    ShapeCase(
        "quarter 5", wage(#""quarter":"2025Q5","wagesCents":1"#), "invalid_value", "/data/quarter",
        good: wage(#""quarter":"2025Q4","wagesCents":1"#)),
    ShapeCase(
        "quarter lower q", wage(#""quarter":"2025q1","wagesCents":1"#), "invalid_value", "/data/quarter",
        good: wage(#""quarter":"2024Q1","wagesCents":1"#)),
    ShapeCase(
        "wage employer id", wage(#""quarter":"2025Q1","wagesCents":1,"employerId":"E 1""#), "invalid_value", "/data/employerId",
        good: wage(#""quarter":"2023Q1","wagesCents":1,"employerId":"UNREGISTERED-9""#)),
]

@Suite struct ShapeRuleTests {
    @Test(arguments: shapeCases)
    func badLineIsRejectedAndNothingWritten(_ shape: ShapeCase) throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics)
        let before = ledger.head
        var error: LedgerWriteError?
        do { _ = try ledger.writer.append(jsonl: shape.bad) } catch let caught { error = caught }
        guard case .rejected(let lines, let total)? = error else {
            Issue.record("expected a rejection, got \(String(describing: error))")
            return
        }
        #expect(total == 1)
        #expect(lines.first?.line == 1)
        #expect(lines.first?.code == shape.code)
        #expect(lines.first?.field == shape.field)
        #expect(lines.first?.message.isEmpty == false)
        #expect(ledger.head == before)
        #expect(ledger.eventCount == 3)
    }

    @Test(arguments: shapeCases)
    func validNeighbourIsAppended(_ shape: ShapeCase) throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics)
        let summary = try ledger.writer.append(jsonl: shape.good)
        #expect(summary.appended == 1)
        #expect(ledger.eventCount == 4)
    }

    @Test(arguments: shapeCases)
    func dataBytesAreRFC8785(_ shape: ShapeCase) throws {
        let event = try EventDecoder().decode(shape.good)
        guard case .object(let envelope) = try JSONParser().parse(shape.good), case .object(let data)? = envelope["data"] else {
            Issue.record("not an object")
            return
        }
        #expect(event.data == CanonicalJSON.encode(.object(data)))
    }

    @Test func everyCodeHasACase() {
        let shapeCodes = Set(shapeCases.map(\.code))
        for code in ["invalid_json", "unknown_type", "unknown_field", "missing_field", "invalid_value", "too_large"] {
            #expect(shapeCodes.contains(code), "\(code)")
        }
        let tooLarge = shapeCases.first { $0.code == "too_large" }
        #expect(tooLarge?.bad.count == 65_537)
        #expect(tooLarge?.good.count == 65_536)
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        replacing(target, with: replacement)
    }
}
