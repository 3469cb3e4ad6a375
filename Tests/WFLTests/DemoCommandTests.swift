import Foundation
import LedgerStore
import TestSupport
import Testing

/// `wfl demo`: the main job, run small.
@Suite struct DemoCommandTests {
    @Test func smallDemoPrintsTheReportsAndAVerifiableDigest() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let demo = try h.wfl(["demo", "--participants", "300", "--seed", "11"])
        #expect(demo.status == 0, "\(demo.stderrText)")
        let text = demo.stdoutText
        #expect(text.contains("Outcomes report: position"))
        #expect(text.contains("Program capacity report: position"))
        #expect(text.contains("Funding report: position"))
        #expect(text.contains("Caseload summary: position"))
        let digestLine = try #require(text.split(separator: "\n").last { $0.hasPrefix("Head digest") })
        let digest = String(try #require(digestLine.split(separator: " ").last))
        #expect(try h.wfl(["head"]).stdoutText == digest + "\n")
        #expect(try h.wfl(["verify", "--digest", digest]).status == 0)
        // The same seed gives the same ledger, down to the head digest (recordedAt is the simulated clock).
        let again = try h.wfl(["demo", "--participants", "300", "--seed", "11"], store: h.directory.child("again"))
        #expect(again.status == 0)
        #expect(again.stdoutText == text.replacingOccurrences(of: h.store, with: h.directory.child("again")))
        // A different seed, a different ledger.
        let other = try h.wfl(["demo", "--participants", "300", "--seed", "12"], store: h.directory.child("other"))
        #expect(other.status == 0)
        #expect(try h.wfl(["head"], store: h.directory.child("other")).stdoutText != digest + "\n")
    }

    @Test func demoRefusesAStoreThatHoldsEvents() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        #expect(try h.wfl(["append", WorkforceInput.program("PRG-07")]).status == 0)
        let head = try h.wfl(["head"]).stdoutText
        let demo = try h.wfl(["demo", "--participants", "20"])
        #expect(demo.status == 64)
        #expect(demo.stderrText.contains("empty store"))
        #expect(try h.wfl(["head"]).stdoutText == head)
        #expect(try h.wfl(["demo", "--participants", "0"]).status == 64)
    }

    /// The default demo's reports show the rates the generator was built for.
    @Test func defaultDemoReportsTheRatesItWasBuiltFor() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        #expect(try h.wfl(["demo"]).status == 0)
        let json = try h.wfl(["report", "outcomes", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        let all = try #require(groups.first { $0["dimension"] as? String == "all" })
        func rate(_ metric: String) throws -> Double {
            let object = try #require(all[metric] as? [String: Any], "\(metric) suppressed or absent")
            return try #require((object["rate"] as? NSNumber)?.doubleValue)
        }
        #expect((0.70...0.80).contains(try rate("completionRate")))
        #expect((0.45...0.80).contains(try rate("employmentQ2")))
        #expect((0.40...0.80).contains(try rate("placementRate")))
        #expect((0.40...0.85).contains(try rate("credentialRate")))
        let exiters = try #require((all["exiters"] as? NSNumber)?.intValue)
        #expect(exiters > 3000)
        // About half of the participants receive supportive services.
        let services = try #require(all["supportiveServices"] as? [String: Any])
        let served = try #require((services["denominator"] as? NSNumber)?.doubleValue)
        #expect((0.40...0.62).contains(served / 6000))
        // Every population group the program serves is present and large enough to be shown.
        let populations = groups.filter { $0["dimension"] as? String == "population" }.compactMap { $0["value"] as? String }
        #expect(
            populations == [
                "bipoc", "disability", "english_learner", "homeless", "immigrant", "long_term_unemployed", "low_income",
                "opportunity_youth", "reentry", "single_parent", "veteran", "woman",
            ])
        #expect(try h.wfl(["verify"]).status == 0)
    }
}
