import Testing
import DemoGenerator

@Suite struct DemoRuleTests {
    @Test func everyEventPassesTheAppendRulesInAppendOrder() {
        var checker = IndependentRuleChecker()
        var counts: [String: Int] = [:]
        for line in DemoFixture.standard.lines {
            checker.check(line)
        }
        for line in DemoFixture.standard.lines.prefix(0) { _ = line; counts[""] = 0 }
        #expect(checker.problems.isEmpty, "\(checker.problems.prefix(20))")
        #expect(checker.lineCount > 100_000)
    }
}
