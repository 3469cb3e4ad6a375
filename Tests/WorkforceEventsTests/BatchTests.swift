import Foundation
import LedgerStore
import TestSupport
import Testing
import WorkforceEvents

/// Batches: atomic, every rejected line reported, checked against earlier lines of the same batch.
@Suite struct BatchTests {
    static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/ProjectionsTests/Fixtures/one-participant/events.jsonl").path

    @Test func exampleHistoryAppendsCleanly() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.examplePath)))
        let ledger = try TestLedger()
        let summary = try ledger.writer.append(jsonl: bytes)
        #expect(summary.appended == 14)
        #expect(summary.firstPosition == 1)
        #expect(summary.lastPosition == 14)
        #expect(summary.outcomes.last?.outcome.stream == "participant-P-000417")
        #expect(ledger.eventCount == 14)
        // Idempotent: importing it again is a no-op.
        let again = try ledger.writer.append(jsonl: bytes)
        #expect(again.appended == 0)
        #expect(again.duplicates == 14)
        #expect(again.firstPosition == nil)
        #expect(ledger.eventCount == 14)
    }

    @Test func rulesSeeEarlierLinesOfTheSameBatch() throws {
        let ledger = try TestLedger()
        let summary = try ledger.append([
            Line.program("PRG-1", capacity: 1), Line.participant("P-1"),
            Line.pp("enrolled", "P-1", "PRG-1", eventId: "e1"), Line.pp("training_completed", "P-1", "PRG-1", eventId: "c1"),
            Line.participant("P-2"), Line.pp("enrolled", "P-2", "PRG-1", eventId: "e2"),
        ])
        #expect(summary.appended == 6)
        let rejections = ledger.rejections([Line.participant("P-3"), Line.pp("enrolled", "P-3", "PRG-1", eventId: "e3")])
        #expect(rejections.map(\.line) == [2])
        #expect(rejections.map(\.code) == ["program_full"])
        #expect(ledger.eventCount == 6)
    }

    @Test func everyRejectedLineIsReportedAndNothingWritten() throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics)
        let head = ledger.head
        let lines = [
            Line.participant("P-2"),  // 1 ok
            "",  // 2 blank: skipped
            Line.pp("enrolled", "P-9", "PRG-1", eventId: "x1"),  // 3 unknown participant
            Line.pp("enrolled", "P-2", "PRG-1", eventId: "x2"),  // 4 ok
            "{not json",  // 5
            Line.participant("P-3", eventId: "bad id"),  // 6 invalid eventId: P-3 is not registered
            Line.pp("matched", "P-3", "PRG-1", eventId: "x3"),  // 7 unknown participant (line 6 was rejected)
            Line.pp("enrolled", "P-2", "PRG-1", eventId: "x4"),  // 8 already enrolled (line 4 counts)
        ]
        let rejections = ledger.rejections(lines)
        #expect(rejections.map(\.line) == [3, 5, 6, 7, 8])
        #expect(
            rejections.map(\.code) == [
                "unknown_participant", "invalid_json", "invalid_value", "unknown_participant", "already_enrolled",
            ])
        #expect(ledger.head == head)
        #expect(ledger.eventCount == 3)
    }

    @Test func threeBadLinesReportedAllThree() throws {
        let ledger = try TestLedger()
        var lines = Line.basics
        lines.append(Line.pp("training_completed", "P-1", "PRG-1", eventId: "c"))
        lines.append(Line.event("participant.matched", #"{"participantId":"P-1"}"#))
        lines.append(Line.pp("matched", "P-1", "PRG-1", eventId: "m"))
        lines.append(Line.event("participant.unknown", "{}"))
        var failure: LedgerWriteError?
        do { try ledger.append(lines) } catch { failure = error }
        guard case .rejected(let rejected, let total)? = failure else {
            Issue.record("expected a rejection")
            return
        }
        #expect(total == 3)
        #expect(rejected.map(\.line) == [4, 5, 7])
        #expect(rejected.map(\.code) == ["not_enrolled", "missing_field", "unknown_type"])
        #expect(ledger.head == nil)
    }

    @Test func reportedRejectionsAreCapped() throws {
        let ledger = try TestLedger()
        var writer = ledger.writer
        writer.maximumReportedRejections = 10
        let bytes = Array(String(repeating: "nope\n", count: 25).utf8)
        var failure: LedgerWriteError?
        do { _ = try writer.append(jsonl: bytes) } catch { failure = error }
        guard case .rejected(let rejected, let total)? = failure else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejected.count == 10)
        #expect(total == 25)
        #expect(failure?.description.contains("15 more") == true)
    }

    @Test func generatedEventIdsAreReported() throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics)
        let summary = try ledger.append(
            Line.pp("matched", "P-1", "PRG-1", eventId: nil ?? "m").replacingOccurrences(#""eventId":"m","#, ""))
        let eventId = try #require(summary.outcomes.first?.eventId)
        #expect(eventId.utf8.count == 36)
        let stored = try ledger.store.read { try $0.event(withId: eventId) }
        #expect(stored?.position == 4)
    }

    @Test func syntheticImportIsAtomicAndComplete() throws {
        let participants = 20_000  // 10 events each: 200,000 events
        let ledger = try TestLedger()
        let bytes = Synthetic.history(participants: participants)
        var progressCalls = 0
        let summary = try ledger.writer.append(progress: { _ in progressCalls += 1 }) { JSONLReader(bytes: bytes) }
        let expected = Synthetic.programs + Synthetic.employers + participants * 10
        #expect(summary.appended == expected)
        #expect(summary.outcomes.isEmpty)
        #expect(summary.lastPosition == UInt64(expected))
        #expect(progressCalls >= expected / 100_000)  // more if the store re-ran the batch after growing its map
        let report = try ledger.store.verify(against: nil, progress: nil)
        #expect(report.isIntact)
        #expect(report.eventCount == UInt64(expected))
    }

    @Test func batchRerunAfterMapGrowthReadsItsInputAgain() throws {
        let directory = try TemporaryDirectory("wfl-events-grow")
        defer { directory.remove() }
        let store = try LedgerStore(
            directory: directory.child("store"), configuration: StoreConfiguration(initialMapSize: 1 << 20))
        let bytes = Synthetic.history(participants: 2_000)
        var opened = 0
        let summary = try LedgerWriter(store: store).append {
            opened += 1
            return JSONLReader(bytes: bytes)
        }
        #expect(opened > 1)
        #expect(summary.appended == Synthetic.programs + Synthetic.employers + 20_000)
        #expect(try store.verify(against: nil, progress: nil).isIntact)
        // The rule state written by the successful run is complete: every participant completed.
        var rejection: LedgerWriteError?
        do {
            _ = try LedgerWriter(store: store).append(
                jsonl: Array(Line.pp("training_completed", "P-1999", "PRG-49", eventId: "x").utf8))
        } catch { rejection = error }
        guard case .rejected(let lines, _)? = rejection else {
            Issue.record("expected not_enrolled")
            return
        }
        #expect(lines.first?.code == "not_enrolled")
    }

    @Test func oneBadLineAtTheEndOfABigBatchWritesNothing() throws {
        let participants = 2_000
        let expected = Synthetic.programs + Synthetic.employers + participants * 10
        let bytes = Synthetic.history(participants: participants)
        let second = try TestLedger()
        var failure: LedgerWriteError?
        do { _ = try second.writer.append(jsonl: bytes + Array("\n{\"type\":1}".utf8)) } catch { failure = error }
        if case .rejected(let lines, _)? = failure {
            #expect(lines.map(\.line) == [expected + 2])  // line expected + 1 is blank
        } else {
            Issue.record("expected a rejection")
        }
        #expect(second.head == nil)
    }
}

/// A deterministic synthetic history: programs, employers, and participants through their whole path.
enum Synthetic {
    static let programs = 50
    static let employers = 20

    static func history(participants: Int) -> [UInt8] {
        var out = ""
        out.reserveCapacity(participants * 2_300)
        for g in 0..<programs { out += Line.program("PRG-\(g)", capacity: 1_000_000) + "\n" }
        for e in 0..<employers { out += Line.employer("EMP-\(e)") + "\n" }
        for p in 0..<participants {
            let pid = "P-\(p)"
            let program = "PRG-\(p % programs)"
            let employer = "EMP-\(p % employers)"
            out += Line.participant(pid) + "\n"
            out +=
                Line.event(
                    "participant.case_manager_assigned", #"{"participantId":"\#(pid)","caseManagerId":"cm-\#(p % 40)"}"#,
                    id: "\(pid)-2") + "\n"
            out +=
                Line.event(
                    "participant.service_granted", #"{"participantId":"\#(pid)","service":"career_advising","amountCents":0}"#,
                    id: "\(pid)-3") + "\n"
            out += Line.pp("matched", pid, program, eventId: "\(pid)-4") + "\n"
            out += Line.pp("enrolled", pid, program, eventId: "\(pid)-5") + "\n"
            out +=
                Line.event(
                    "participant.service_granted", #"{"participantId":"\#(pid)","service":"transportation","amountCents":42000}"#,
                    id: "\(pid)-6") + "\n"
            out += Line.pp("training_completed", pid, program, eventId: "\(pid)-7") + "\n"
            out +=
                Line.event(
                    "participant.credential_earned",
                    #"{"participantId":"\#(pid)","credential":"Welding","credentialType":"industry_certification","programId":"\#(program)"}"#,
                    id: "\(pid)-8") + "\n"
            out +=
                Line.event(
                    "participant.hired",
                    #"{"participantId":"\#(pid)","employerId":"\#(employer)","occupation":"51-4121","hourlyWageCents":2350,"hoursPerWeek":40}"#,
                    id: "\(pid)-9") + "\n"
            out += Line.wage(pid, "2025Q1", eventId: "\(pid)-10") + "\n"
        }
        return Array(out.utf8)
    }
}
