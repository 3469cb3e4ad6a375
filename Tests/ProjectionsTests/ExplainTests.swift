import Foundation
import LedgerStore
import Projections
import TestSupport
import Testing

@Suite struct ExplainTests {
    let wfl = BuiltExecutable.path("wfl")

    private func store(_ fixture: String, _ dir: TemporaryDirectory) throws -> String {
        let text = try String(contentsOfFile: FixtureLoader.fixturesDirectory + "/\(fixture)/events.jsonl", encoding: .utf8)
        _ = try FixtureLoader.store(text, in: dir)
        return dir.child("ledger")
    }

    @Test func explainsTheExampleWithPositions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try store("one-participant", dir)
        let result = try run(wfl, ["explain", "P-000417", "--store", path, "--as-of", "2025-12-31"])
        #expect(result.status == 0, "\(result.stderrText)")
        let text = result.stdoutText
        #expect(text.contains("exiters: counted (exit 2024Q2, PY2023)"))
        #expect(
            text.contains(
                "registered 2024-02-05 (position 4); groups: population bipoc, population woman, population reentry, "
                    + "population low_income, race black_african_american, sex female, age 25_to_34"))
        #expect(text.contains("case manager: cm-017 (position 5)"))
        #expect(text.contains("period 1: entry 2024-02-12, exit 2024-06-14; participation events at positions 6, 7, 8, 10"))
        #expect(text.contains("programs: PRG-WELD (enrollments at positions 8)"))
        #expect(text.contains("employmentQ2: not in cohort (quarter 2024Q4, ended but not closed: pending)"))
        #expect(text.contains("exit at the last participation date 2024-06-14: no participation-causing event"))
        #expect(text.contains("credentialRate: cohort and numerator (window to 2025-06-14); position 11"))
        #expect(
            text.contains("placementRate: cohort and numerator (window to 2024-09-12, wage $23.50/hour, 147 days); position 12"))
        #expect(text.contains("PRG-WELD enrolled at 8, completed at 10"))
        #expect(text.contains("supportive services: $420.00 at positions 9"))
    }

    @Test func explainsOpenEnrollmentsExclusionsAndHistory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try store("open-enrollment-two-periods", dir)
        let open = try run(wfl, ["explain", "C", "--store", path, "--as-of", "2024-12-31"])
        #expect(open.stdoutText.contains("open enrollments: PRG-1 since 2024-01-10 (position 5)"))
        #expect(open.stdoutText.contains("period 1: entry 2024-01-10, open (no exit)"))
        let twoPeriods = try run(wfl, ["explain", "E", "--store", path, "--as-of", "2024-12-31"])
        #expect(
            twoPeriods.stdoutText.contains("period 1: entry 2024-01-10, exit 2024-01-10; participation events at positions 7"))
        #expect(
            twoPeriods.stdoutText.contains("period 2: entry 2024-06-01, exit 2024-06-01; participation events at positions 8"))

        let excludedDir = try TemporaryDirectory()
        defer { excludedDir.remove() }
        let excludedPath = try store("exclusion-window", excludedDir)
        let excluded = try run(wfl, ["explain", "F", "--store", excludedPath, "--as-of", "2025-06-30"])
        #expect(excluded.stdoutText.contains("excluded from exit-based measures by the exclusion at position 9"))

        let voidsDir = try TemporaryDirectory()
        defer { voidsDir.remove() }
        let voidsPath = try store("voids-late-at-position", voidsDir)
        let before = try run(wfl, ["explain", "W", "--store", voidsPath, "--as-of", "2025-06-30", "--at-position", "9"])
        #expect(before.stdoutText.contains("wage $25.00/hour, 82 days); position 8"))
        let after = try run(wfl, ["explain", "W", "--store", voidsPath, "--as-of", "2025-06-30"])
        #expect(after.stdoutText.contains("wage $26.00/hour, 112 days); position 13"))
        #expect(try run(wfl, ["explain", "NOBODY", "--store", voidsPath]).status == 66)
        #expect(try run(wfl, ["explain", "W", "--store", voidsPath, "--at-position", "99"]).status == 64)
    }
}
