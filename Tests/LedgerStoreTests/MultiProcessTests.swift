import Foundation
import LedgerStore
import TestSupport
import Testing

/// Several writer processes at once, and writers killed with SIGKILL in the middle of a batch.
@Suite struct MultiProcessTests {
    let torture = BuiltExecutable.path("ledger-torture")

    @Test func concurrentWriterProcessesLeaveNoGapAndLoseNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.child("ledger")
        _ = try LedgerStore(directory: path)  // create it once, so the writers race on appends only
        let writers = 8
        let perWriter = 1000
        let processes = try (0..<writers).map { writer -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: torture)
            // Half the writers state the shared stream's expected version and retry on conflicts.
            process.arguments = ["writers", path, "\(writer)", "\(perWriter)", "25"] + (writer % 2 == 0 ? ["--expected"] : [])
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })

        let store = try LedgerStore(directory: path, configuration: StoreConfiguration(mode: .readOnly))
        let total = UInt64(writers * perWriter)
        #expect(try store.head()?.position == total)
        let report = try store.verify()
        #expect(report.isIntact, "\(report)")
        try store.read { txn throws in
            // Every event exactly once, at positions 1…N.
            var seen = Set<UInt64>()
            for writer in 0..<writers {
                for i in 0..<perWriter {
                    let position = try #require(try txn.position(ofEventId: "w\(writer)-\(i)"))
                    seen.insert(position)
                }
            }
            #expect(seen == Set(1...total))
            // Stream versions gap-free: version k of a stream is its k-th event.
            for stream in ["shared"] + (0..<writers).map({ "writer-\($0)" }) {
                let positions = try txn.positions(inStream: stream)
                #expect(UInt64(positions.count) == (try txn.streamVersion(stream)))
                #expect(positions == positions.sorted())
                for (offset, position) in positions.enumerated() {
                    let event = try #require(try txn.event(at: position))
                    #expect(event.stream == stream)
                    #expect(event.streamVersion == UInt64(offset + 1))
                }
            }
            #expect(try txn.positions(inStream: "shared").count == writers * perWriter / 2)
        }
    }

    @Test func batchKilledMidwayLandsWholeOrNotAtAll() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.child("ledger")
        let batch: UInt64 = 20_000
        var generator = SystemRandomNumberGenerator()
        var committedRuns = 0
        var killedRuns = 0
        var expectedHead: UInt64 = 0
        for run in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: torture)
            process.arguments = ["bigbatch", path, "run\(run)", "\(batch)"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Kill at a random point after the batch is half staged: during staging, during the commit, or
            // (sometimes) after it. Waiting for the halfway mark keeps the test independent of the machine's speed.
            // A deadline, so that a child that hangs without printing fails the test instead of stalling it.
            var seen = ""
            var waiting = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let deadline = Date().addingTimeInterval(120)
            while !seen.contains("half staged"), Date() < deadline {
                guard poll(&waiting, 1, 1_000) > 0 else { continue }
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
            }
            usleep(UInt32.random(in: 0...150_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // The child got halfway (and may have committed since), or finished by itself: not a failure to start.
            #expect(
                seen.contains("half staged") || (process.terminationReason == .exit && process.terminationStatus == 0),
                "run \(run): the torture process never reported being half staged")
            if process.terminationReason == .uncaughtSignal { killedRuns += 1 }

            let store = try LedgerStore(directory: path)
            let head = try store.head()?.position ?? 0
            #expect(head == expectedHead || head == expectedHead + batch, "run \(run): head \(head)")
            if head == expectedHead + batch { committedRuns += 1 }
            expectedHead = head
            let report = try store.verify()
            #expect(report.isIntact, "run \(run): \(report)")
            // The Merkle tree and the log agree: verify compared every stored subtree with the log; the head the
            // store gives is the recomputed one, and a proof of the last event verifies.
            #expect(report.treeHead?.size == head && !report.treeNotBuilt, "run \(run)")
            if head > 0 {
                #expect(try store.treeHead() == report.treeHead)
                #expect(try store.inclusionProof(position: head).verify(), "run \(run)")
            }
            // All of the run's events, or none of them.
            let present = try store.read { txn in
                try [0, batch / 2, batch - 1].map { try txn.position(ofEventId: "run\(run)-\($0)") != nil }
            }
            #expect(present == [true, true, true] || present == [false, false, false])
        }
        #expect(killedRuns > 0)
        #expect(committedRuns < 12, "no kill landed before a commit: the test did not exercise a torn batch")
    }
}

/// A map grown by another process is adopted by this one, also by two of its threads at once.
@Suite struct MapAdoptionTests {
    @Test func readersAdoptAMapGrownByAnotherProcess() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.child("ledger")
        let store = try LedgerStore(directory: path, configuration: StoreConfiguration(initialMapSize: 256 << 10))
        _ = try store.append([proposed("first")], rules: { StreamNamedRules() })
        let before = try store.mapSizeInBytes()
        // Another process appends far more than the map holds: it grows the map (torture opens with 64 MiB).
        let result = try run(BuiltExecutable.path("ledger-torture"), ["bigbatch", path, "other", "30000"])
        #expect(result.status == 0, "\(result.stderrText)")
        // verify reads with two transactions at once (the chain, and the index fingerprints on another thread):
        // both meet MDB_MAP_RESIZED and must adopt the new size without waiting on each other.
        let report = try store.verify()
        #expect(report.isIntact, "\(report)")
        #expect(report.eventCount == 30_001)
        #expect(try store.mapSizeInBytes() > before)
        // And this process can still write on the adopted map.
        _ = try store.append([proposed("last")], rules: { StreamNamedRules() })
        #expect(try store.head()?.position == 30_002)
    }
}
