import DemoGenerator
import Foundation
import LedgerStore
import TestSupport
import Testing
import WorkforceEvents

/// The ledger clock for the demo: each batch is recorded at its own simulated time.
private final class BatchClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = "2023-07-10T06:00:00Z"
    func set(_ timestamp: String) { lock.withLock { value = timestamp } }
    func now() -> String { lock.withLock { value } }
}

@Suite struct DemoLedgerAppendTests {
    /// The whole default demo, appended batch by batch through the real validating path, is accepted.
    @Test(arguments: [DemoFixture.small, DemoFixture.standard])
    func theWholeHistoryIsAcceptedByTheLedger(history: GeneratedHistory) throws {
        let directory = try TemporaryDirectory("demo-append")
        defer { directory.remove() }
        let clock = BatchClock()
        let store = try LedgerStore(
            directory: directory.child("ledger"),
            configuration: StoreConfiguration(mode: .readWriteCreate, clock: { clock.now() }))
        let writer = LedgerWriter(store: store)
        var appended = 0
        for batch in history.batches {
            clock.set(batch.recordedAt)
            var bytes: [UInt8] = []
            for line in batch.lines {
                bytes.append(contentsOf: line)
                bytes.append(0x0A)
            }
            do {
                let summary = try writer.append(jsonl: bytes, recordOutcomes: false)
                #expect(summary.duplicates == 0)
                appended += summary.appended
            } catch {
                Issue.record("week \(batch.week) (\(batch.recordedAt)) rejected: \(error)")
                return
            }
        }
        #expect(appended == history.batches.reduce(0) { $0 + $1.lines.count })
        #expect(try store.head()?.position == UInt64(appended))
    }
}
