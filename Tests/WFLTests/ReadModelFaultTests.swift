import Foundation
import LedgerStore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The read models under faults: a rebuild running beside reports, flipped bits, truncated files. A report is the
/// correct one or fails non-zero; never a wrong answer with exit 0, never a crash.
@Suite(.serialized) struct ReadModelFaultTests {
    /// A demo ledger of 150 participants with its read models, and the correct outcomes and capacity reports.
    static func demoStore(_ h: WFLHarness) throws -> (outcomes: String, capacity: String) {
        let demo = try h.wfl(["demo", "--participants", "150"])
        try #require(demo.status == 0, "\(demo.stderrText)")
        let outcomes = try h.wfl(["report", "outcomes", "--format", "json", "--min-cell", "1"])
        let capacity = try h.wfl(["report", "capacity", "--format", "json"])
        try #require(outcomes.status == 0 && capacity.status == 0)
        return (outcomes.stdoutText, capacity.stdoutText)
    }

    /// `wfl rebuild` in a loop in another process while reports run: every report is the expected one.
    @Test func reportsBesideARebuildLoopAreNeverPartial() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let expected = try Self.demoStore(h)
        let loop = Process()
        loop.executableURL = URL(fileURLWithPath: "/bin/sh")
        loop.arguments = [
            "-c", "for i in $(seq 25); do \"$0\" rebuild --store \"$1\" >/dev/null || exit 1; done", WFLHarness.wflPath, h.store,
        ]
        try loop.run()
        var reports = 0
        while loop.isRunning || reports < 20 {
            let result = try h.wfl(["report", "capacity", "--format", "json"])
            #expect(result.status == 0, "\(result.stderrText)")
            #expect(result.stdoutText == expected.capacity)
            reports += 1
            if reports > 400 { break }
        }
        loop.waitUntilExit()
        #expect(loop.terminationStatus == 0)
        #expect(reports >= 20)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.store).filter { $0.contains("readmodels.") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Many trials of one flipped bit anywhere in readmodels/data.mdb: the report equals the correct one, or fails
    /// non-zero (LMDB's own assertion may abort on some pages; see the README). Never a wrong answer with exit 0.
    @Test func aFlippedBitNeverGivesAWrongReport() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let expected = try Self.demoStore(h)
        let path = h.store + "/readmodels/data.mdb"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var generator = SeededGenerator(seed: 11)
        var correct = 0
        var refused = 0
        for trial in 0..<120 {
            var damaged = original
            let offset = Int.random(in: 0..<damaged.count, using: &generator)
            damaged[offset] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            try FileManager.default.removeItem(atPath: h.store + "/readmodels")
            try FileManager.default.createDirectory(atPath: h.store + "/readmodels", withIntermediateDirectories: false)
            try damaged.write(to: URL(fileURLWithPath: path))
            let report = try h.wfl(["report", "outcomes", "--format", "json", "--min-cell", "1"])
            if report.status == 0 {
                #expect(report.stdoutText == expected.outcomes, "trial \(trial): bit at byte \(offset) gave a wrong report")
                correct += 1
            } else {
                refused += 1
            }
        }
        #expect(correct + refused == 120)
        #expect(correct > 60, "damage is repaired (rebuilt) rather than refused: \(correct) correct, \(refused) refused")
    }

    /// `wfl verify` compares the read models with a fresh replay: damage to them is exit 2 (never 1: the ledger is
    /// intact), and after `wfl rebuild` they match again.
    @Test func verifyReportsDamagedReadModelsWithTheirOwnExitCode() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        _ = try Self.demoStore(h)
        let intact = try h.wfl(["verify"])
        #expect(intact.status == 0)
        #expect(intact.stdoutText.contains("the read models match the log"))
        let path = h.store + "/readmodels/data.mdb"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var generator = SeededGenerator(seed: 3)
        var damaged = 0
        for _ in 0..<30 {
            var bytes = original
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            try FileManager.default.removeItem(atPath: h.store + "/readmodels")
            try FileManager.default.createDirectory(atPath: h.store + "/readmodels", withIntermediateDirectories: false)
            try bytes.write(to: URL(fileURLWithPath: path))
            let verify = try h.wfl(["verify"])
            #expect(verify.status == 0 || verify.status == 2, "\(verify.status): \(verify.stdoutText) \(verify.stderrText)")
            if verify.status == 2 {
                damaged += 1
                #expect(verify.stdoutText.contains("FAILED read models"))
            }
        }
        #expect(damaged > 0)
        #expect(try h.wfl(["rebuild"]).status == 0)
        #expect(try h.wfl(["verify"]).stdoutText.contains("the read models match the log"))
    }

    /// Truncated read models: every report is correct (they are rebuilt) and `wfl rebuild` repairs them; no SIGBUS.
    @Test func truncatedReadModelsAreRepairedNotCrashedOn() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let expected = try Self.demoStore(h)
        let path = h.store + "/readmodels/data.mdb"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var generator = SeededGenerator(seed: 5)
        for trial in 0..<16 {
            try original.write(to: URL(fileURLWithPath: path))
            let length = trial == 0 ? 0 : Int.random(in: 1..<original.count, using: &generator)
            #expect(truncate(path, off_t(length)) == 0)
            if trial % 2 == 0 {
                let report = try h.wfl(["report", "capacity", "--format", "json"])
                #expect(report.status == 0, "truncated to \(length): \(report.status) \(report.stderrText)")
                #expect(report.stdoutText == expected.capacity)
            } else {
                let rebuild = try h.wfl(["rebuild"])
                #expect(rebuild.status == 0, "truncated to \(length): \(rebuild.status) \(rebuild.stderrText)")
                #expect(try h.wfl(["report", "capacity", "--format", "json"]).stdoutText == expected.capacity)
            }
        }
    }
}

/// A small deterministic generator (SplitMix64) for reproducible trials.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
