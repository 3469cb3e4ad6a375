import Foundation
import TestSupport
import Testing

/// What a newcomer meets first: the version, a mistyped command, and the report flags used on the wrong report.
@Suite struct CommandLineHelpTests {
    @Test func versionNamesTheToolTheRulesAndTheCommit() throws {
        let result = try run(WFLHarness.wflPath, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdoutText.hasPrefix("wfl 2.0.0 (reports rule version 2, source commit "))
        #expect(!result.stdoutText.contains("source commit )"))
    }

    @Test func aMistypedCommandGetsASuggestion() throws {
        let result = try run(WFLHarness.wflPath, ["reprot", "outcomes", "--store", "x"])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("'reprot' is not a wfl command; did you mean 'report'?"))
        let far = try run(WFLHarness.wflPath, ["frobnicate"])
        #expect(far.status == 64 && !far.stderrText.contains("did you mean"))
    }

    @Test(arguments: [
        ["report", "capacity", "--exit-from", "2024-07-01"], ["report", "caseload", "--cross", "program,sex"],
        ["report", "outcomes", "--from", "2024-07-01"], ["report", "outcomes", "--cross", "program"],
        ["report", "outcomes", "--cross", "program,program"], ["report", "outcomes", "--cross", "program, sex"],
        ["report", "outcomes", "--cross", "program,sex,age"], ["report", "outcomes", "--cross", "exitQuarter,sex"],
        ["report", "outcomes", "--exit-from", "2025-07-01", "--exit-to", "2025-06-30"],
        ["report", "funding", "--from", "2025-07-01", "--to", "2025-06-30"], ["report", "funding", "--to", "2025-02-30"],
        ["report", "outcomes", "--columns", "exiters,nonsense"], ["explain"], ["explain", "P-1", "--program", "PRG-1"],
    ])
    func wrongUsageExits64(_ arguments: [String]) throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let result = try h.wfl(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderrText)")
    }
}
