import Foundation
import TestSupport
import Testing

/// `wfl append` and `wfl import`, end to end through the built binary.
@Suite struct AppendImportCommandTests {
    static let wfl = BuiltExecutable.path("wfl")
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/ProjectionsTests/Fixtures/one-participant/events.jsonl")
        .path

    static let enrolled =
        #"{"type":"participant.enrolled","eventId":"e-2","occurredAt":"2025-03-03T14:00:00Z","actor":"staff:cm-017","data":{"participantId":"P-000417","programId":"PRG-WELD"}}"#

    @Test func importThenAppend() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.child("ledger")
        let first = try run(Self.wfl, ["import", "--store", store, Self.example])
        #expect(first.status == 0)
        #expect(first.stdoutText == "appended 14 events, skipped 0 duplicates, positions 1-14\n")
        let again = try run(
            Self.wfl, ["import", "--store", store, "--format", "json"],
            stdin: try Data(contentsOf: URL(fileURLWithPath: Self.example)))
        #expect(again.status == 0)
        #expect(
            again.stdoutText.hasPrefix(#"{"appended":0,"duplicates":14,"firstPosition":null,"lastPosition":null,"head":"14:"#))
        let append = try run(Self.wfl, ["append", "--store", store, "--format", "json", Self.enrolled])
        #expect(append.status == 0)
        #expect(
            append.stdoutText
                == #"{"position":15,"stream":"participant-P-000417","streamVersion":12,"eventId":"e-2","duplicate":false}"# + "\n"
        )
        let stdinAppend = try run(Self.wfl, ["append", "--store", store], stdin: Data((Self.enrolled + "\n").utf8))
        #expect(stdinAppend.status == 0)
        #expect(stdinAppend.stdoutText.hasPrefix("duplicate of position 15"))
    }

    @Test func rejectionsAndExitCodes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = dir.child("ledger")
        _ = try run(Self.wfl, ["import", "--store", store, Self.example])
        // Already enrolled? No: completed. Enroll again, then a full JSON error for a second enrollment.
        #expect(try run(Self.wfl, ["append", "--store", store, Self.enrolled]).status == 0)
        let twice = try run(
            Self.wfl,
            ["append", "--store", store, "--format", "json", Self.enrolled.replacingOccurrences(of: "e-2", with: "e-3")])
        #expect(twice.status == 65)
        #expect(
            twice.stderrText
                == #"{"line":1,"code":"already_enrolled","field":"/data/programId","message":"participant P-000417 is already enrolled in program PRG-WELD"}"#
                + "\n")
        let wrong = try run(
            Self.wfl,
            ["append", "--store", store, "--expected-version", "3", Self.enrolled.replacingOccurrences(of: "e-2", with: "e-4")])
        #expect(wrong.status == 75)
        #expect(wrong.stderrText.contains("[wrong_expected_version]"))
        #expect(try run(Self.wfl, ["append", "--store", store, "--expected-version", "x", Self.enrolled]).status == 64)
        #expect(try run(Self.wfl, ["import", "--store", store, dir.child("missing.jsonl")]).status == 66)
        let bad = "\n{\"type\":\"participant.nope\"}\nnot json\n"
        let batch = try run(Self.wfl, ["import", "--store", store], stdin: Data(bad.utf8))
        #expect(batch.status == 65)
        #expect(batch.stderrText.contains("line 2: /type: \"participant.nope\" is not an event type [unknown_type]"))
        #expect(batch.stderrText.contains("line 3: this is not valid JSON"))
        let head = try run(Self.wfl, ["import", "--store", store, "--format", "json"], stdin: Data())
        #expect(head.stdoutText.contains(#""head":"15:"#))
    }
}
