import Foundation
import LedgerStore
import TestSupport
import Testing

/// `wfl append` and `wfl import` end to end, read back with the auditor's commands.
@Suite struct WriteCommandsTests {
    @Test func appendPrintsPositionStreamAndVersionAndADuplicateIsANoOp() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let first = try h.wfl(["append", WorkforceInput.program("PRG-07")])
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("position 1") && first.stdoutText.contains("program-PRG-07"))
        let json = try h.wfl(["append", "--format", "json"], stdin: Data(WorkforceInput.participant("P-1").utf8))
        #expect(json.status == 0, "\(json.stderrText)")
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect((object["position"] as? NSNumber)?.intValue == 2)
        #expect(object["stream"] as? String == "participant-P-1")
        #expect((object["streamVersion"] as? NSNumber)?.intValue == 1)
        let head = try h.wfl(["head"]).stdoutText
        let again = try h.wfl(["append", WorkforceInput.program("PRG-07")])
        #expect(again.status == 0)
        #expect(again.stdoutText.contains("1"))
        #expect(try h.wfl(["head"]).stdoutText == head)
        #expect(try h.wfl(["verify"]).status == 0)
    }

    @Test func importPrintsASummaryAndTheLedgerVerifies() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let file = h.directory.child("batch.jsonl")
        var lines = WorkforceInput.batch(participants: 20)
        lines.insert("", at: 3)  // blank lines are skipped
        try WorkforceInput.jsonl(lines).write(to: URL(fileURLWithPath: file))
        let result = try h.wfl(["import", "--format", "json", file])
        #expect(result.status == 0, "\(result.stderrText)")
        let summary = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect((summary["appended"] as? NSNumber)?.intValue == 41)
        #expect((summary["duplicates"] as? NSNumber)?.intValue == 0)
        #expect((summary["firstPosition"] as? NSNumber)?.intValue == 1)
        #expect((summary["lastPosition"] as? NSNumber)?.intValue == 41)
        let head = try h.wfl(["head"]).stdoutText.trimmingCharacters(in: .newlines)
        #expect(summary["head"] as? String == head)

        let text = try h.wfl(["import", file])
        #expect(text.status == 0)
        #expect(text.stdoutText.contains("appended 0") && text.stdoutText.contains("41 duplicates"))
        #expect(try h.wfl(["verify"]).stdoutText.hasPrefix("ok: 41 events, head \(head); tree 41:"))
        let python = try WFLHarness.verifyExport(["--digest", head], stdin: try h.wfl(["events"]).stdout)
        #expect(python.status == 0, "\(python.stdoutText)")
        let history = try h.wfl(["history", "P-000007"])
        #expect(history.status == 0 && history.stdoutText.contains("participant.enrolled"))
    }

    @Test func importFromStandardInput() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let result = try h.wfl(["import"], stdin: WorkforceInput.jsonl(WorkforceInput.batch(participants: 3)))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try h.wfl(["head"]).stdoutText.hasPrefix("7:"))
    }

    @Test func duplicateReimportOfTheSameFileIsANoOp() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let file = h.directory.child("batch.jsonl")
        try WorkforceInput.jsonl(WorkforceInput.batch(participants: 10)).write(to: URL(fileURLWithPath: file))
        #expect(try h.wfl(["import", file]).status == 0)
        let before = try LedgerSnapshot(h)
        let again = try h.wfl(["import", "--format", "json", file])
        #expect(again.status == 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any])
        #expect((summary["appended"] as? NSNumber)?.intValue == 0)
        #expect((summary["duplicates"] as? NSNumber)?.intValue == 21)
        #expect(try LedgerSnapshot(h) == before)
    }

    @Test func aRejectedImportLeavesTheStoreUnchanged() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        #expect(
            try h.wfl(
                ["import"], stdin: WorkforceInput.jsonl(WorkforceInput.batch(program: "PRG-A", participants: 5, capacity: 5))
            ).status == 0)
        let before = try LedgerSnapshot(h)
        // Good events, then one the rules refuse (program full), then more good ones: the whole batch is refused.
        let lines = [
            WorkforceInput.program("PRG-B"),
            WorkforceInput.participant("P-000100"),
            WorkforceInput.enrolled("P-000100", in: "PRG-A", eventId: "enr-over-capacity"),
            WorkforceInput.participant("P-000101"),
            WorkforceInput.enrolled("P-000999", in: "PRG-B", eventId: "enr-unknown-participant"),
        ]
        let result = try h.wfl(["import", "--format", "json"], stdin: WorkforceInput.jsonl(lines))
        #expect(result.status == 65, "\(result.stderrText)")
        let errors = result.stderrText.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let codes = errors.map { ($0["line"] as? NSNumber)?.intValue ?? 0 }
        #expect(codes.contains(3))
        #expect(errors.contains { $0["code"] as? String == "program_full" })
        #expect(errors.allSatisfy { $0["field"] is String && $0["message"] is String })
        #expect(try LedgerSnapshot(h) == before)
        #expect(try h.wfl(["verify"]).status == 0)
    }

    /// Eight `wfl append --expected-version N` processes race on one stream: exactly one wins each version;
    /// the others exit 75 and write nothing.
    @Test func racingAppendsWithExpectedVersionHaveExactlyOneWinnerPerVersion() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        #expect(try h.wfl(["append", WorkforceInput.participant("P-RACE")]).status == 0)
        var winners: [String] = []
        for version in 1...4 {
            let processes = try (0..<8).map { racer -> (Process, Pipe, Pipe) in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: WFLHarness.wflPath)
                let event = WorkforceInput.caseManager(
                    "P-RACE", manager: "cm-\(version)-\(racer)", eventId: "race-\(version)-\(racer)")
                process.arguments = ["append", "--expected-version", String(version), event, "--store", h.store]
                let out = Pipe()
                let err = Pipe()
                process.standardOutput = out
                process.standardError = err
                try process.run()
                return (process, out, err)
            }
            var statuses: [Int32] = []
            for (racer, (process, out, err)) in processes.enumerated() {
                process.waitUntilExit()
                statuses.append(process.terminationStatus)
                let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                _ = out.fileHandleForReading.readDataToEndOfFile()
                if process.terminationStatus == 0 { winners.append("race-\(version)-\(racer)") }
                if process.terminationStatus == 75 { #expect(stderr.contains("wrong_expected_version"), "\(stderr)") }
            }
            #expect(statuses.filter { $0 == 0 }.count == 1, "version \(version): \(statuses)")
            #expect(statuses.filter { $0 == 75 }.count == 7, "version \(version): \(statuses)")
        }
        let stream = try h.wfl(["events", "--stream", "participant-P-RACE"])
        let ids = stream.lines.compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["eventId"] as? String
        }
        #expect(ids == ["reg-P-RACE"] + winners)
        #expect(try h.wfl(["verify"]).status == 0)
    }
}

/// What must not change when a write is refused: the head, the event count and every stored byte.
struct LedgerSnapshot: Equatable {
    let head: String
    let count: String
    let export: Data

    init(_ h: WFLHarness) throws {
        head = try h.wfl(["head"]).stdoutText
        let status = try h.wfl(["status", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: status.stdout) as? [String: Any]
        count = "\(object?["eventCount"] ?? "missing")"
        export = try h.wfl(["events"]).stdout
    }
}
