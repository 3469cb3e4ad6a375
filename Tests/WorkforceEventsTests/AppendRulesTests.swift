import LedgerStore
import Testing
import WorkforceEvents

/// One rule of EVENTS.md section 3: a history, a bad event after it (code, field) and a valid neighbour.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let name: String
    let history: [String]
    let bad: String
    let code: String
    let field: String
    let good: String
    var testDescription: String { "\(name) -> \(code)" }
}

private let enrolledP1 = Line.basics + [Line.pp("enrolled", "P-1", "PRG-1", eventId: "enr-1")]

let ruleCases: [RuleCase] = [
    RuleCase(
        name: "unknown participant", history: Line.basics,
        bad: Line.pp("matched", "P-2", "PRG-1", eventId: "m"), code: "unknown_participant", field: "/data/participantId",
        good: Line.pp("matched", "P-1", "PRG-1", eventId: "m")),
    RuleCase(
        name: "unknown program", history: Line.basics,
        bad: Line.pp("waitlisted", "P-1", "PRG-2", eventId: "w"), code: "unknown_program", field: "/data/programId",
        good: Line.pp("waitlisted", "P-1", "PRG-1", eventId: "w")),
    RuleCase(
        name: "unknown program (capacity)", history: Line.basics,
        bad: Line.capacity("PRG-2", 5, eventId: "c"), code: "unknown_program", field: "/data/programId",
        good: Line.capacity("PRG-1", 5, eventId: "c")),
    RuleCase(
        name: "unknown program (credential)", history: Line.basics,
        bad: Line.event(
            "participant.credential_earned",
            #"{"participantId":"P-1","credential":"C","credentialType":"secondary_diploma","programId":"PRG-9"}"#),
        code: "unknown_program", field: "/data/programId",
        good: Line.event(
            "participant.credential_earned",
            #"{"participantId":"P-1","credential":"C","credentialType":"secondary_diploma","programId":"PRG-1"}"#)),
    RuleCase(
        name: "unknown employer", history: Line.basics,
        bad: Line.event(
            "participant.hired",
            #"{"participantId":"P-1","employerId":"EMP-2","occupation":"51-4121","hourlyWageCents":2000,"hoursPerWeek":40}"#),
        code: "unknown_employer", field: "/data/employerId",
        good: Line.event(
            "participant.hired",
            #"{"participantId":"P-1","employerId":"EMP-1","occupation":"51-4121","hourlyWageCents":2000,"hoursPerWeek":40}"#)),
    RuleCase(
        name: "unknown employer (commitment)", history: Line.basics,
        bad: Line.event("employer.hiring_committed", #"{"employerId":"EMP-2","positions":3}"#), code: "unknown_employer",
        field: "/data/employerId",
        good: Line.event("employer.hiring_committed", #"{"employerId":"EMP-1","positions":3,"programId":"PRG-1"}"#)),
    RuleCase(
        name: "employer checked before program", history: Line.basics,
        bad: Line.event("employer.hiring_committed", #"{"employerId":"EMP-2","positions":3,"programId":"PRG-2"}"#),
        code: "unknown_employer", field: "/data/employerId",
        good: Line.event("employer.hiring_committed", #"{"employerId":"EMP-1","positions":3}"#)),
    RuleCase(
        name: "participant checked first", history: Line.basics,
        bad: Line.pp("enrolled", "P-2", "PRG-2", eventId: "e"), code: "unknown_participant", field: "/data/participantId",
        good: Line.pp("enrolled", "P-1", "PRG-1", eventId: "e")),
    RuleCase(
        name: "participant registered twice", history: Line.basics,
        bad: Line.participant("P-1", eventId: "again"), code: "already_registered", field: "/data/participantId",
        good: Line.participant("P-2", eventId: "again")),
    RuleCase(
        name: "program registered twice", history: Line.basics,
        bad: Line.program("PRG-1", eventId: "again"), code: "already_registered", field: "/data/programId",
        good: Line.program("PRG-2", eventId: "again")),
    RuleCase(
        name: "employer registered twice", history: Line.basics,
        bad: Line.employer("EMP-1").replacingOccurrences("reg-EMP-1", "again"), code: "already_registered",
        field: "/data/employerId",
        good: Line.employer("EMP-2")),
    RuleCase(
        name: "completed without enrollment", history: Line.basics,
        bad: Line.pp("training_completed", "P-1", "PRG-1", eventId: "c"), code: "not_enrolled", field: "/data/programId",
        good: Line.pp("matched", "P-1", "PRG-1", eventId: "c")),
    RuleCase(
        name: "completed twice", history: enrolledP1 + [Line.pp("training_completed", "P-1", "PRG-1", eventId: "c1")],
        bad: Line.pp("training_completed", "P-1", "PRG-1", eventId: "c2"), code: "not_enrolled", field: "/data/programId",
        good: Line.pp("enrolled", "P-1", "PRG-1", eventId: "c2")),
    RuleCase(
        name: "withdrawn without enrollment", history: Line.basics,
        bad: Line.event("participant.training_withdrawn", #"{"participantId":"P-1","programId":"PRG-1","reason":"moved"}"#),
        code: "not_enrolled", field: "/data/programId",
        good: Line.pp("enrolled", "P-1", "PRG-1", eventId: "e")),
    RuleCase(
        name: "enrolled twice", history: enrolledP1,
        bad: Line.pp("enrolled", "P-1", "PRG-1", eventId: "e2"), code: "already_enrolled", field: "/data/programId",
        good: Line.pp("training_completed", "P-1", "PRG-1", eventId: "e2")),
    RuleCase(
        name: "waitlisted while enrolled", history: enrolledP1,
        bad: Line.pp("waitlisted", "P-1", "PRG-1", eventId: "w"), code: "already_enrolled", field: "/data/programId",
        good: Line.pp("matched", "P-1", "PRG-1", eventId: "w")),
    RuleCase(
        name: "program full",
        history: [Line.program("PRG-1", capacity: 1)] + Array(Line.basics.dropFirst()) + [
            Line.participant("P-2"), Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"),
        ],
        bad: Line.pp("enrolled", "P-2", "PRG-1", eventId: "e2"), code: "program_full", field: "/data/programId",
        good: Line.pp("waitlisted", "P-2", "PRG-1", eventId: "e2")),
    RuleCase(
        name: "capacity 0", history: [Line.program("PRG-1", capacity: 0)] + Array(Line.basics.dropFirst()),
        bad: Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"), code: "program_full", field: "/data/programId",
        good: Line.capacity("PRG-1", 1, eventId: "e1")),
    RuleCase(
        name: "capacity lowered", history: Line.basics + [Line.capacity("PRG-1", 0, eventId: "c0")],
        bad: Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"), code: "program_full", field: "/data/programId",
        good: Line.capacity("PRG-1", 2, eventId: "e1")),
    RuleCase(
        name: "second wage record for a quarter", history: Line.basics + [Line.wage("P-1", "2025Q1", eventId: "w1")],
        bad: Line.wage("P-1", "2025Q1", eventId: "w2"), code: "duplicate_quarter", field: "/data/quarter",
        good: Line.wage("P-1", "2025Q2", eventId: "w2")),
    RuleCase(
        name: "eventId reused", history: Line.basics,
        bad: Line.participant("P-2", eventId: "reg-P-1"), code: "event_id_conflict", field: "/eventId",
        good: Line.participant("P-1", eventId: "reg-P-1")),
    RuleCase(
        name: "void of unknown event", history: Line.basics,
        bad: Line.void("nope", eventId: "v"), code: "unknown_event", field: "/data/targetEventId",
        good: Line.void("reg-EMP-1", eventId: "v")),
    RuleCase(
        name: "void twice", history: Line.basics + [Line.void("reg-EMP-1", eventId: "v1")],
        bad: Line.void("reg-EMP-1", eventId: "v2"), code: "already_voided", field: "/data/targetEventId",
        good: Line.void("reg-PRG-1", eventId: "v2")),
    RuleCase(
        name: "void of a void", history: Line.basics + [Line.void("reg-EMP-1", eventId: "v1")],
        bad: Line.void("v1", eventId: "v2"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("reg-P-1", eventId: "v2")),
    RuleCase(
        name: "void of a referenced registration", history: enrolledP1,
        bad: Line.void("reg-P-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("enr-1", eventId: "v")),
    RuleCase(
        name: "void of a program with a capacity change", history: Line.basics + [Line.capacity("PRG-1", 3, eventId: "c")],
        bad: Line.void("reg-PRG-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("c", eventId: "v")),
    RuleCase(
        name: "void of an employer with a commitment",
        history: Line.basics + [Line.event("employer.hiring_committed", #"{"employerId":"EMP-1","positions":3}"#, id: "h")],
        bad: Line.void("reg-EMP-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("h", eventId: "v")),
    RuleCase(
        name: "void of a program named by a commitment",
        history: Line.basics + [
            Line.event("employer.hiring_committed", #"{"employerId":"EMP-1","positions":3,"programId":"PRG-1"}"#, id: "h")
        ],
        bad: Line.void("reg-PRG-1", eventId: "v"), code: "not_voidable", field: "/data/targetEventId",
        good: Line.void("h", eventId: "v")),
    RuleCase(
        name: "event for an unregistered participant", history: Line.basics + [Line.void("reg-P-1", eventId: "v")],
        bad: Line.event("participant.exit_excluded", #"{"participantId":"P-1","reason":"deceased"}"#),
        code: "unknown_participant", field: "/data/participantId",
        good: Line.participant("P-1", eventId: "reg-P-1-again")),
]

@Suite struct AppendRulesTests {
    @Test(arguments: ruleCases)
    func ruleRejectsAndWritesNothing(_ rule: RuleCase) throws {
        let ledger = try TestLedger()
        try ledger.append(rule.history)
        let before = ledger.head
        let rejection = ledger.rejection(rule.bad)
        #expect(rejection?.code == rule.code)
        #expect(rejection?.field == rule.field)
        #expect(ledger.head == before)
        #expect(ledger.eventCount == UInt64(rule.history.count))
    }

    @Test(arguments: ruleCases)
    func validNeighbourIsAccepted(_ rule: RuleCase) throws {
        let ledger = try TestLedger()
        try ledger.append(rule.history)
        let summary = try ledger.append(rule.good)
        #expect(summary.appended + summary.duplicates == 1)
    }

    @Test func everyRuleCodeHasACase() {
        let codes = Set((ruleCases + revisionTwoRuleCases).map(\.code))
        for code in ErrorCode.allCases.map(\.rawValue)
        where ![
            "invalid_json", "unknown_type", "unknown_field",
            "missing_field", "invalid_value", "too_large", "wrong_expected_version",
        ].contains(code) {
            #expect(codes.contains(code), "\(code)")
        }
    }

    @Test func programFullMessageNamesSeats() throws {
        let ledger = try TestLedger()
        try ledger.append([
            Line.program("PRG-07", capacity: 2), Line.participant("A"), Line.participant("B"),
            Line.participant("C"), Line.pp("enrolled", "A", "PRG-07", eventId: "a"),
            Line.pp("enrolled", "B", "PRG-07", eventId: "b"),
        ])
        let rejection = ledger.rejection(Line.pp("enrolled", "C", "PRG-07", eventId: "c"))
        #expect(rejection?.message == "program PRG-07 is full (2 of 2 seats taken)")
        #expect(rejection?.description == "line 1: /data/programId: program PRG-07 is full (2 of 2 seats taken) [program_full]")
    }

    @Test func expectedVersion() throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics)
        // The participant stream is at version 1.
        let wrong = ledger.rejection(Line.pp("matched", "P-1", "PRG-1", eventId: "m"), expectedVersion: 0)
        #expect(wrong?.code == "wrong_expected_version")
        #expect(wrong?.message.contains("version 1") == true)
        var failure: LedgerWriteError?
        do { try ledger.append(Line.pp("matched", "P-1", "PRG-1", eventId: "m"), expectedVersion: 5) } catch { failure = error }
        #expect(failure?.isOnlyWrongExpectedVersion == true)
        let summary = try ledger.append(Line.pp("matched", "P-1", "PRG-1", eventId: "m"), expectedVersion: 1)
        #expect(summary.outcomes.first?.outcome == .appended(position: 4, stream: "participant-P-1", streamVersion: 2))
        // A new stream: expected version 0.
        #expect(try ledger.append(Line.participant("P-2"), expectedVersion: 0).appended == 1)
        // The rules come after the version check; a duplicate comes before it.
        #expect(ledger.rejection(Line.participant("P-3", eventId: "x"), expectedVersion: 3)?.code == "wrong_expected_version")
        #expect(try ledger.append(Line.participant("P-2"), expectedVersion: 7).duplicates == 1)
        // A void of an unknown event is unknown_event whatever the expected version.
        #expect(ledger.rejection(Line.void("nope", eventId: "v"), expectedVersion: 42)?.code == "unknown_event")
        // A void's stream is its target's.
        let void = try ledger.append(Line.void("m", eventId: "v"), expectedVersion: 2)
        #expect(void.outcomes.first?.outcome.stream == "participant-P-1")
        #expect(void.outcomes.first?.outcome.streamVersion == 3)
    }

    @Test func streams() throws {
        let ledger = try TestLedger()
        let summary = try ledger.append(
            Line.basics + [Line.event("employer.hiring_committed", #"{"employerId":"EMP-1","positions":3,"programId":"PRG-1"}"#)])
        #expect(
            summary.outcomes.map(\.outcome.stream) == ["program-PRG-1", "employer-EMP-1", "participant-P-1", "employer-EMP-1"])
        #expect(summary.outcomes.map(\.outcome.streamVersion) == [1, 1, 1, 2])
    }
}
