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
        try
            (Data(WorkforceInput.program("PRG-99").utf8) + Data([0x0A, 0xEF, 0xBB, 0xBF])
            + Data(WorkforceInput.program("PRG-98").utf8))
            .write(to: URL(fileURLWithPath: later))
        let refused = try h.wfl(["import", "--format", "json", later])
        #expect(refused.status == 65)
        #expect(refused.stderrText.contains(#""line":2"#) && refused.stderrText.contains("invalid_json"))
    }

    @Test func appendSkipsAByteOrderMarkToo() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let result = try h.wfl(["append", "-"], stdin: Data([0xEF, 0xBB, 0xBF]) + Data(WorkforceInput.program("PRG-07").utf8))
        #expect(result.status == 0, "\(result.stderrText)")
    }

    @Test func aStoreThatCannotBeCreatedIsNamedAsGiven() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let store = h.directory.child("missing-parent/ledger")
        let result = try h.wfl(["append", WorkforceInput.program("PRG-07")], store: store)
        #expect(result.status == 73)
        #expect(result.stderrText.contains("at \(store):"), "\(result.stderrText)")
    }

    @Test func aStorePathWithATrailingSlashIsTheSameStore() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let store = h.directory.child("slashed")
        #expect(try h.wfl(["append", WorkforceInput.program("PRG-07")], store: store + "/").status == 0)
        #expect(try h.wfl(["head"], store: store).stdoutText.hasPrefix("1:"))
        #expect(try h.wfl(["head"], store: store + "//").stdoutText.hasPrefix("1:"))
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

/// `wfl status` reports the read models' checkpoint and lag once a report has caught them up.
@Suite struct StatusReadModelsTests {
    @Test func statusShowsCheckpointAndLag() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let file = h.directory.child("batch.jsonl")
        try WorkforceInput.jsonl(WorkforceInput.batch(participants: 3)).write(to: URL(fileURLWithPath: file))
        #expect(try h.wfl(["import", file]).status == 0)
        #expect(try h.wfl(["status"]).stdoutText.contains("read models  none"))
        #expect(try h.wfl(["report", "capacity"]).status == 0)
        let caughtUp = try h.wfl(["status"]).stdoutText
        #expect(caughtUp.contains("outcomes: checkpoint 7, caught up") && caughtUp.contains("funding: checkpoint 7"))
        #expect(caughtUp.contains("last write   ") && caughtUp.contains("disk         "))
        #expect(!caughtUp.contains("data.mdb") && !caughtUp.contains("lock.mdb"))
        #expect(try h.wfl(["append", WorkforceInput.program("PRG-99")]).status == 0)
        let status = try h.wfl(["status", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: status.stdout) as? [String: Any])
        let models = try #require(object["readModels"] as? [[String: Any]]).filter {
            ["caseload", "capacity", "outcomes", "funding"].contains($0["name"] as? String ?? "")
        }
        #expect(models.count == 4)
        #expect(try #require(object["readModels"] as? [[String: Any]]).count == 4)
        #expect(object["lastWritten"] is String && object["disk"] is [String: Any])
        let behind = try h.wfl(["status"]).stdoutText
        #expect(behind.contains("outcomes: checkpoint 7, 1 events behind (caught up by the next report)"))
        #expect(models.allSatisfy { ($0["checkpoint"] as? NSNumber)?.intValue == 7 && ($0["lag"] as? NSNumber)?.intValue == 1 })
    }
}

/// Several services creating the same store at once: the store is built aside and moved into place whole.
@Suite struct StoreCreationRaceTests {
    @Test func concurrentFirstWritesAllLandInOneStore() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let store = h.directory.child("fresh")
        let writers = 6
        let processes = try (0..<writers).map { writer -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: WFLHarness.wflPath)
            process.arguments = ["append", "--store", store, WorkforceInput.program("PRG-R\(writer)")]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try h.wfl(["head"], store: store).stdoutText.hasPrefix("\(writers):"))
        #expect(try h.wfl(["verify"], store: store).status == 0)
        // No staging directory is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.directory.path).filter { $0.contains(".creating-") }
        #expect(leftovers.isEmpty)
    }
}
