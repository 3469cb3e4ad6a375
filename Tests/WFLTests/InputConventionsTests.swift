import Foundation
import LedgerStore
import TestSupport
import Testing

/// What services send that the spec leaves open: `-` for standard input, a byte order mark, a refused first write.
@Suite struct InputConventionsTests {
    @Test func appendReadsStandardInputForADash() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let result = try h.wfl(["append", "-"], stdin: Data(WorkforceInput.program("PRG-07").utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try h.wfl(["head"]).stdoutText.hasPrefix("1:"))
    }

    @Test func aByteOrderMarkBeforeTheFirstLineIsIgnored() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let file = h.directory.child("bom.jsonl")
        let bytes = Data([0xEF, 0xBB, 0xBF]) + WorkforceInput.jsonl(WorkforceInput.batch(participants: 2))
        try bytes.write(to: URL(fileURLWithPath: file))
        let result = try h.wfl(["import", file])
        #expect(result.status == 0, "\(result.stderrText)")
        // A mark anywhere else is still not JSON.
        let later = h.directory.child("bom-later.jsonl")
        try (Data(WorkforceInput.program("PRG-99").utf8) + Data([0x0A, 0xEF, 0xBB, 0xBF]) + Data(WorkforceInput.program("PRG-98").utf8))
            .write(to: URL(fileURLWithPath: later))
        let refused = try h.wfl(["import", "--format", "json", later])
        #expect(refused.status == 65)
        #expect(refused.stderrText.contains(#""line":2"#) && refused.stderrText.contains("invalid_json"))
    }

    @Test func aRefusedFirstWriteLeavesNoStoreBehind() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let store = h.directory.child("never-created")
        let importResult = try h.wfl(["import"], store: store, stdin: Data("{\"type\":\"nope\"}\n".utf8))
        #expect(importResult.status == 65)
        #expect(!FileManager.default.fileExists(atPath: store))
        let appendResult = try h.wfl(["append", "{\"type\":\"nope\"}"], store: store)
        #expect(appendResult.status == 65)
        #expect(!FileManager.default.fileExists(atPath: store))
    }
}
