import Foundation
import TestSupport
import Testing

/// `wfl types`: the event catalog from the built binary.
@Suite struct TypesCommandTests {
    /// `wfl <arguments>` without a store: `types` needs none.
    func types(_ arguments: [String]) throws -> ProcessResult {
        try run(WFLHarness.wflPath, ["types"] + arguments)
    }

    /// The example line of a type's text description.
    func example(_ type: String) throws -> String {
        let text = try types([type]).stdoutText
        let lines = text.split(separator: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("  example") })
        return String(lines[index + 1].drop { $0 == " " })
    }

    @Test func oneTypeNamesItsStreamFieldsRulesErrorsAndExample() throws {
        let result = try types(["wages.quarter_closed"])
        #expect(result.status == 0)
        let text = result.stdoutText
        #expect(text.hasPrefix("wages.quarter_closed\n"))
        #expect(text.contains("  stream: wages-<quarter>\n"))
        #expect(text.contains("    quarter (required): the quarter closed\n      value: quarter YYYYQn\n"))
        #expect(text.contains("    source (required): where the evidence comes from\n"))
        #expect(text.contains("      one of: ui_wage_match\n"))
        #expect(
            text.contains("    1. the event's UTC date is after the quarter's last day: else invalid_value at /data/quarter\n"))
        #expect(text.contains("    2. no other live close of the quarter: else duplicate_quarter at /data/quarter\n"))
        #expect(text.contains("  errors: invalid_value, duplicate_quarter (rules); any event: invalid_json"))
        #expect(text.contains(#"{"type":"wages.quarter_closed","eventId":"example-wages.quarter_closed""#))
        // Only that type.
        #expect(!text.contains("fund.registered"))
    }

    @Test func everyTypeWithoutAnArgument() throws {
        let result = try types([])
        #expect(result.status == 0)
        for type in ["participant.gap_in_service_planned", "fund.budget_changed", "ledger.event_voided"] {
            #expect(result.stdoutText.contains("\n" + type + "\n") || result.stdoutText.hasPrefix(type + "\n"))
        }
    }

    @Test func unknownTypeIsWrongUsageAndListsTheTypes() throws {
        let result = try types(["fund.registerd"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("\"fund.registerd\" is not an event type; the types are: participant.registered"))
        #expect(result.stderrText.contains("fund.registered, fund.budget_changed"))
    }

    /// The examples append where they say they do: a budget change once its fund is stored, and not before.
    @Test func printedExamplesAppend() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let budget = try example("fund.budget_changed")
        let refused = try h.wfl(["append", "--format", "json", budget])
        #expect(refused.status == 65)
        #expect(refused.stderrText.contains("unknown_fund"))
        #expect(try h.wfl(["append", try example("fund.registered")]).status == 0)
        #expect(try h.wfl(["append", budget]).status == 0)
        #expect(try h.wfl(["append", try example("wages.quarter_closed")]).status == 0)
    }

    @Test func markdownIsTheDocsFile() throws {
        let result = try types(["--format", "markdown"])
        #expect(result.status == 0)
        let file = try String(contentsOfFile: WFLHarness.packageRoot + "/docs/EVENTS.md", encoding: .utf8)
        #expect(result.stdoutText == file)
        let section = try types(["participant.skill_gain", "--format", "markdown"]).stdoutText
        #expect(section.hasPrefix("### `participant.skill_gain`\n"))
        #expect(file.contains(section))
    }

    @Test func helpHasAnExample() throws {
        let result = try run(WFLHarness.wflPath, ["types", "--help"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("wfl types participant.gap_in_service_planned"))
        #expect(result.stdoutText.contains("wfl types --format markdown > docs/EVENTS.md"))
    }
}
