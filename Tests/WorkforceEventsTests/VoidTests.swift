import LedgerStore
import Testing
import WorkforceEvents

/// "A voided event counts as if it had never been appended": voids restore the rule state exactly.
@Suite struct VoidTests {
    @Test func voidingAnEnrollmentFreesASeat() throws {
        let ledger = try TestLedger()
        try ledger.append([
            Line.program("PRG-1", capacity: 1), Line.participant("P-1"), Line.participant("P-2"),
            Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"),
        ])
        #expect(ledger.rejection(Line.pp("enrolled", "P-2", "PRG-1", eventId: "e2"))?.code == "program_full")
        try ledger.append(Line.void("e1", eventId: "v1"))
        try ledger.append(Line.pp("enrolled", "P-2", "PRG-1", eventId: "e2"))
        // P-1 is no longer enrolled: completing is refused, and the seat is taken by P-2.
        #expect(ledger.rejection(Line.pp("training_completed", "P-1", "PRG-1", eventId: "c1"))?.code == "not_enrolled")
        #expect(ledger.rejection(Line.pp("enrolled", "P-1", "PRG-1", eventId: "e3"))?.code == "program_full")
    }

    @Test func voidingACompletionReopensTheEnrollment() throws {
        let ledger = try TestLedger()
        try ledger.append([
            Line.program("PRG-1", capacity: 1), Line.participant("P-1"), Line.participant("P-2"),
            Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"), Line.pp("training_completed", "P-1", "PRG-1", eventId: "c1"),
            Line.pp("enrolled", "P-2", "PRG-1", eventId: "e2"), Line.pp("training_completed", "P-2", "PRG-1", eventId: "c2"),
        ])
        try ledger.append(Line.void("c1", eventId: "v1"))
        #expect(ledger.rejection(Line.pp("enrolled", "P-1", "PRG-1", eventId: "e3"))?.code == "already_enrolled")
        #expect(ledger.rejection(Line.pp("waitlisted", "P-1", "PRG-1", eventId: "w"))?.code == "already_enrolled")
        // The seat is taken again.
        #expect(ledger.rejection(Line.pp("enrolled", "P-2", "PRG-1", eventId: "e4"))?.code == "program_full")
        try ledger.append(
            Line.event(
                "participant.training_withdrawn", #"{"participantId":"P-1","programId":"PRG-1","reason":"moved"}"#, id: "w1"))
        try ledger.append(Line.pp("enrolled", "P-2", "PRG-1", eventId: "e4"))
    }

    @Test func endingClosesEveryOpenEnrollment() throws {
        let ledger = try TestLedger()
        try ledger.append(
            Line.basics + [
                Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"),
                Line.pp("training_completed", "P-1", "PRG-1", eventId: "c1"), Line.pp("enrolled", "P-1", "PRG-1", eventId: "e2"),
            ])
        // Voiding the completion leaves two open enrollments; one ending closes both.
        try ledger.append([Line.void("c1", eventId: "v1"), Line.pp("training_completed", "P-1", "PRG-1", eventId: "c2")])
        #expect(ledger.rejection(Line.pp("training_completed", "P-1", "PRG-1", eventId: "c3"))?.code == "not_enrolled")
        // Voiding the later enrollment keeps the closure; voiding the ending reopens the first one.
        try ledger.append(Line.void("e2", eventId: "v2"))
        #expect(ledger.rejection(Line.pp("training_completed", "P-1", "PRG-1", eventId: "c3"))?.code == "not_enrolled")
        try ledger.append(Line.void("c2", eventId: "v3"))
        try ledger.append(Line.pp("training_completed", "P-1", "PRG-1", eventId: "c3"))
    }

    @Test func voidingAWageRecordFreesTheQuarter() throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics + [Line.wage("P-1", "2025Q1", eventId: "w1")])
        #expect(ledger.rejection(Line.wage("P-1", "2025Q1", eventId: "w2"))?.code == "duplicate_quarter")
        try ledger.append([Line.void("w1", eventId: "v1"), Line.wage("P-1", "2025Q1", eventId: "w2")])
        #expect(ledger.rejection(Line.wage("P-1", "2025Q1", eventId: "w3"))?.code == "duplicate_quarter")
    }

    @Test func voidingACapacityChangeRestoresThePreviousCapacity() throws {
        let ledger = try TestLedger()
        try ledger.append([
            Line.program("PRG-1", capacity: 1), Line.participant("P-1"), Line.participant("P-2"),
            Line.capacity("PRG-1", 2, eventId: "c2"), Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"),
        ])
        try ledger.append(Line.void("c2", eventId: "v1"))
        let rejection = ledger.rejection(Line.pp("enrolled", "P-2", "PRG-1", eventId: "e2"))
        #expect(rejection?.message == "program PRG-1 is full (1 of 1 seats taken)")
    }

    @Test func registrationsCanBeVoidedOnlyWhenNothingLiveRefersToThem() throws {
        let ledger = try TestLedger()
        try ledger.append(
            Line.basics + [
                Line.pp("matched", "P-1", "PRG-1", eventId: "m1"),
                Line.event(
                    "participant.hired",
                    #"{"participantId":"P-1","employerId":"EMP-1","occupation":"51-4121","hourlyWageCents":2000,"hoursPerWeek":40}"#,
                    id: "h1"),
                Line.event(
                    "participant.employment_verified",
                    #"{"participantId":"P-1","quarter":"2025Q1","wagesCents":1,"source":"ui_wage_match","employerId":"EMP-1"}"#,
                    id: "w1"),
            ])
        for target in ["reg-P-1", "reg-PRG-1", "reg-EMP-1"] {
            #expect(ledger.rejection(Line.void(target, eventId: "v-\(target)"))?.code == "not_voidable", "\(target)")
        }
        try ledger.append([Line.void("m1", eventId: "v1"), Line.void("h1", eventId: "v2")])
        // A wage record's employerId is no reference: the employer and program are free now.
        try ledger.append([Line.void("reg-EMP-1", eventId: "v3"), Line.void("reg-PRG-1", eventId: "v4")])
        #expect(ledger.rejection(Line.void("reg-P-1", eventId: "v5"))?.code == "not_voidable")
        try ledger.append([Line.void("w1", eventId: "v5"), Line.void("reg-P-1", eventId: "v6")])
        #expect(ledger.rejection(Line.pp("matched", "P-1", "PRG-1", eventId: "m2"))?.code == "unknown_participant")
        // The ids can be registered again.
        try ledger.append([
            Line.participant("P-1", eventId: "r2"), Line.program("PRG-1", eventId: "r3"),
            Line.pp("matched", "P-1", "PRG-1", eventId: "m2"),
        ])
        // A voided event stays voided, and a void stays unvoidable.
        #expect(ledger.rejection(Line.void("reg-P-1", eventId: "v7"))?.code == "already_voided")
        #expect(ledger.rejection(Line.void("v6", eventId: "v7"))?.code == "not_voidable")
    }

    @Test func duplicateOfAVoidedEventIsANoOp() throws {
        let ledger = try TestLedger()
        let enrollment = Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1")
        try ledger.append(Line.basics + [enrollment, Line.void("e1", eventId: "v1")])
        let head = ledger.head
        let summary = try ledger.append(enrollment)
        #expect(summary.appended == 0)
        #expect(summary.duplicates == 1)
        #expect(summary.outcomes.first?.outcome.position == 4)
        #expect(ledger.head == head)
        // Still voided: the seat is free and P-1 not enrolled.
        #expect(ledger.rejection(Line.pp("training_completed", "P-1", "PRG-1", eventId: "c"))?.code == "not_enrolled")
    }

    @Test func voidsInTheSameBatchAsTheirTargets() throws {
        let ledger = try TestLedger()
        try ledger.append([
            Line.program("PRG-1", capacity: 1), Line.participant("P-1"), Line.participant("P-2"),
            Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"), Line.void("e1", eventId: "v1"),
            Line.pp("enrolled", "P-2", "PRG-1", eventId: "e2"),
        ])
        #expect(ledger.eventCount == 6)
    }

    @Test func ruleStateIsKeptInTheStateDatabase() throws {
        let ledger = try TestLedger()
        try ledger.append([Line.program("PRG-1", capacity: 1), Line.participant("P-1"), Line.participant("P-2")])
        try ledger.append(Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"))
        var keys: [String] = []
        try ledger.store.read { txn in
            try txn.forEachState(withPrefix: Array("wf.rules/".utf8)) { key, _ in
                keys.append(String(decoding: key, as: UTF8.self))
            }
        }
        #expect(keys.sorted() == ["wf.rules/participant/P-1", "wf.rules/participant/P-2", "wf.rules/program/PRG-1"])
        #expect(ledger.rejection(Line.pp("enrolled", "P-2", "PRG-1", eventId: "e2"))?.code == "program_full")
    }
}
