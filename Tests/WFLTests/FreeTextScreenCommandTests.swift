import Foundation
import TestSupport
import Testing

/// The free-text screen through the CLI: `wfl import` and `wfl append` refuse personal data in free text (exit 65,
/// `invalid_value` at the field), and write nothing.
@Suite struct FreeTextScreenCommandTests {
    @Test func importRefusesAnSSNInACountyAndWritesNothing() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        var lines = WorkforceInput.batch(participants: 3)
        lines.append(WorkforceInput.participant("P-PII").replacing("\"Hartford\"", with: "\"Hartford 123-45-6789\""))
        let file = h.directory.child("batch.jsonl")
        try WorkforceInput.jsonl(lines).write(to: URL(fileURLWithPath: file))
        let result = try h.wfl(["import", "--format", "json", file])
        #expect(result.status == 65)
        #expect(
            result.stderrText.contains(#""line":\#(lines.count),"code":"invalid_value","field":"/data/county""#),
            "\(result.stderrText)")
        #expect(result.stderrText.contains("looks like it holds a Social Security number"))
        #expect(!result.stderrText.contains("123-45-6789"))
        // A refused first write leaves no store behind.
        #expect(try h.wfl(["head"]).status == 66)
    }

    @Test func appendRefusesAnEmailInAVoidReason() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        #expect(try h.wfl(["append", WorkforceInput.participant("P-1")]).status == 0)
        let void = WorkforceInput.voided("reg-P-1", eventId: "v-1").replacing(
            "entered in error", with: "duplicate of jo.doe@example.org")
        let result = try h.wfl(["append", void])
        #expect(result.status == 65)
        #expect(result.stderrText.contains("/data/reason"))
        #expect(result.stderrText.contains("an e-mail address"))
        #expect(try h.wfl(["append", WorkforceInput.voided("reg-P-1", eventId: "v-1")]).status == 0)
    }
}
