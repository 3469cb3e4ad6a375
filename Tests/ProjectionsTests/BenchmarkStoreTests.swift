import Foundation
import LedgerStore
import Projections
import TestSupport
import Testing

/// Writes a generated store for manual measurements (`wfl rebuild`, `wfl report` in release) when
/// `WFL_BENCH_STORE` names a directory to create and `WFL_BENCH_EVENTS` the event count. Skipped otherwise.
@Suite struct BenchmarkStoreTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WFL_BENCH_STORE"] != nil))
    func writeBenchmarkStore() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment["WFL_BENCH_STORE"])
        let count = Int(environment["WFL_BENCH_EVENTS"] ?? "") ?? 1_000_000
        var generator = HistoryGenerator(seed: 2025)
        let store = try LedgerStore(directory: path)
        try HistoryGenerator.append(generator.generate(eventCount: count), to: store)
    }
}
