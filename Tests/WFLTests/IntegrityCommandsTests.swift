import Foundation
import LedgerStore
import TestSupport
import Testing

/// `wfl verify` and `Tools/verify_export.py` agree: on an intact store, on a tampered one, and after repair.
@Suite struct IntegrityCommandsTests {
    /// 40 filler events, one marked event at position 41, 10 more.
    func populateWithMarker(_ h: WFLHarness) throws {
        try h.append((1...40).map { event("e\($0)", "thing.happened", stream: "s-\($0 % 3)", data: #"{"n":\#($0)}"#) })
        try h.append([event("marked", "thing.happened", stream: "s-1", data: #"{"note":"TAMPER-MARKER-7731"}"#)])
        try h.append((41...50).map { event("e\($0)", "thing.happened", stream: "s-\($0 % 3)", data: #"{"n":\#($0)}"#) })
    }

    @Test func intactStorePassesBothVerifiers() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let verify = try h.wfl(["verify"])
        #expect(verify.status == 0, "\(verify.stdoutText) \(verify.stderrText)")
        let head = try h.wfl(["head"]).stdoutText.trimmingCharacters(in: .newlines)
        #expect(verify.stdoutText.hasPrefix("ok: 8 events, head \(head); tree 8:"))
        let export = try h.wfl(["events"])
        let python = try WFLHarness.verifyExport(["--digest", head], stdin: export.stdout)
        #expect(python.status == 0, "\(python.stdoutText) \(python.stderrText)")
        #expect(python.stdoutText.hasPrefix("ok: 8 events, head \(head)"))
    }

    @Test func tamperedByteIsNamedByBothAndRepairHeals() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try populateWithMarker(h)
        let file = h.store + "/data.mdb"
        let pristine = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let found = offsets(of: Array("TAMPER-MARKER-7731".utf8), in: pristine)
        try #require(!found.isEmpty)
        var tampered = pristine
        // Copy-on-write may leave stale copies of a page: change every copy, so the live one surely changes.
        for offset in found { tampered[offset + 14] = UInt8(ascii: "8") }
        try Data(tampered).write(to: URL(fileURLWithPath: file))

        let verify = try h.wfl(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stdoutText.contains("position 41"), "\(verify.stdoutText)")
        #expect(verify.stderrText.contains("41"))
        let export = try h.wfl(["events"])
        #expect(export.status == 0)
        let python = try WFLHarness.verifyExport(stdin: export.stdout)
        #expect(python.status == 1)
        #expect(python.stdoutText.contains("position 41"), "\(python.stdoutText)")

        try Data(pristine).write(to: URL(fileURLWithPath: file))
        #expect(try h.wfl(["verify"]).status == 0)
        #expect(try WFLHarness.verifyExport(stdin: try h.wfl(["events"]).stdout).status == 0)
    }

    @Test func keptDigestThatTheLogNoLongerExtendsFails() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let wrong = "4:" + String(repeating: "0", count: 64)
        let verify = try h.wfl(["verify", "--digest", wrong])
        #expect(verify.status == 1)
        #expect(verify.stdoutText.contains("position 4"))
        let python = try WFLHarness.verifyExport(["--digest", wrong], stdin: try h.wfl(["events"]).stdout)
        #expect(python.status == 1)
        #expect(python.stdoutText.contains("position 4"))
        let beyond = try h.wfl(["head"]).stdoutText.replacingOccurrences(of: "8:", with: "9:").trimmingCharacters(in: .newlines)
        #expect(try h.wfl(["verify", "--digest", beyond]).status == 1)
        #expect(try WFLHarness.verifyExport(["--digest", beyond], stdin: try h.wfl(["events"]).stdout).status == 1)
    }

    @Test func exportVerifierCatchesGapsReorderingAndEdits() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let lines = try h.wfl(["events"]).lines
        func check(_ edited: [String]) throws -> ProcessResult {
            try WFLHarness.verifyExport(stdin: Data((edited.joined(separator: "\n") + "\n").utf8))
        }
        #expect(try check(lines).status == 0)
        var gap = lines
        gap.remove(at: 3)
        let gapResult = try check(gap)
        #expect(gapResult.status == 1 && gapResult.stdoutText.contains("position 4"))
        var swapped = lines
        swapped.swapAt(2, 3)
        #expect(try check(swapped).status == 1)
        var edited = lines
        edited[5] = edited[5].replacingOccurrences(of: "PRG-07", with: "PRG-08")
        let editResult = try check(edited)
        #expect(editResult.status == 1 && editResult.stdoutText.contains("position 6"))
        #expect(try check(Array(lines.dropFirst())).status == 1)
        #expect(try check(["not json"]).status == 1)
    }

    /// Numbers and strings whose RFC 8785 forms are easy to get wrong: the Python canonicalizer must produce the
    /// same bytes the store signed.
    @Test func exportVerifierAgreesOnTrickyNumbersAndStrings() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let values = [
            "0.1", "1e-7", "1e21", "1e20", "40.0", "123456789012345680000", "5e-324", "1.7976931348623157e308", "-0.0",
            "0.000001", "333333333.33333329", "9007199254740993", "-1.5e-9", "100", "1E2", "4.50",
        ]
        var events = values.enumerated().map { index, literal in
            event("n\(index)", "thing.measured", stream: "numbers", data: #"{"v":\#(literal)}"#)
        }
        events.append(
            event(
                "s1", "thing.named", stream: "strings",
                data: #"{"\u00e9":1,"z":"\u0000\u001f\u007f\u2028","\ud83d\ude00":2,"\uffff":3,"a":"\\\"/"}"#))
        try h.append(events)
        #expect(try h.wfl(["verify"]).status == 0)
        let python = try WFLHarness.verifyExport(stdin: try h.wfl(["events"]).stdout)
        #expect(python.status == 0, "\(python.stdoutText) \(python.stderrText)")
    }

    @Test func exportVerifierUsageAndMissingFile() throws {
        #expect(try WFLHarness.verifyExport(["--digest", "nope"], stdin: Data()).status == 64)
        #expect(try WFLHarness.verifyExport(["/nonexistent/export.jsonl"], stdin: Data()).status == 66)
        let empty = try WFLHarness.verifyExport(stdin: Data())
        #expect(empty.status == 0 && empty.stdoutText == "ok: 0 events, empty ledger\n")
    }
}
