import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `wfl import` reads its input once and never rewinds it: pipes, FIFOs and process substitution work; an endless
/// line ends at once as `too_large`; a closed standard input is an I/O error.
@Suite struct ImportInputTests {
    /// A batch of 41 valid events in `<tmp>/batch.jsonl`.
    func batchFile(_ h: WFLHarness) throws -> String {
        let path = h.directory.child("batch.jsonl")
        try WorkforceInput.jsonl(WorkforceInput.batch(participants: 20)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs `script` with `sh` (`$0` is wfl, `$1` the store, `$2` the batch file).
    func shell(_ h: WFLHarness, _ script: String, batch: String, shell: String = "/bin/sh") throws -> ProcessResult {
        try run(shell, ["-c", script, WFLHarness.wflPath, h.store, batch])
    }

    @Test func processSubstitutionAndPipesAreReadOnce() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        let h = try WFLHarness()
        defer { h.remove() }
        let batch = try batchFile(h)
        let substituted = try shell(h, #""$0" import --store "$1" <(cat "$2")"#, batch: batch, shell: "/bin/bash")
        #expect(substituted.status == 0, "\(substituted.stderrText)")
        #expect(substituted.stdoutText.hasPrefix("appended 41 events"))
        let piped = try shell(h, #"cat "$2" | "$0" import --store "$1""#, batch: batch)
        #expect(piped.status == 0)
        #expect(piped.stdoutText.hasPrefix("appended 0 events, skipped 41 duplicates"))
    }

    @Test func aFIFOIsReadOnce() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let batch = try batchFile(h)
        let fifo = h.directory.child("events.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try shell(
            h,
            #"cat "$2" > "$3" & "$0" import --store "$1" "$3"; status=$?; wait; exit $status"#
                .replacingOccurrences(of: "\"$3\"", with: "'\(fifo)'"), batch: batch)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasPrefix("appended 41 events"))
    }

    /// A batch read from a pipe that fills the map is run again by the store on a larger map: the second run reads
    /// the spool of what the first read, then the rest of the pipe; every event lands once.
    @Test func aPipedBatchRunAgainOnAGrownMapReadsItsSpool() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let path = h.directory.child("big.jsonl")
        try WorkforceInput.jsonl(WorkforceInput.batch(participants: 1_500, capacity: 2_000)).write(to: URL(fileURLWithPath: path))
        let result = try run(
            "/bin/sh", ["-c", #"cat "$2" | "$0" import --store "$1""#, WFLHarness.wflPath, h.store, path],
            environment: ["WFL_INITIAL_MAP_SIZE": "\(1 << 18)"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasPrefix("appended 3001 events"), "\(result.stdoutText)")
        #expect(try h.wfl(["verify"]).status == 0)
        let status = try h.wfl(["status", "--format", "json"]).stdoutText
        #expect(!status.contains("\"mapSizeBytes\":262144,"), "the map grew: the batch ran more than once")
    }

    @Test func anEndlessLineEndsAtOnceAsTooLarge() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let result = try shell(h, #"exec "$0" import --store "$1" --format json < /dev/zero"#, batch: "")
        #expect(result.status == 65)
        #expect(result.stderrText.contains("\"code\":\"too_large\""), "\(result.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: h.store))
    }

    @Test func aClosedStandardInputIsAnIOError() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let result = try shell(h, #"exec "$0" import --store "$1" <&-"#, batch: "")
        #expect(result.status == 74, "\(result.stdoutText)")
        #expect(result.stderrText.contains("standard input"))
        #expect(!FileManager.default.fileExists(atPath: h.store))
    }
}
