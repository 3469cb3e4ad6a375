import Testing
import DemoGenerator

@Suite struct DemoRealismTests {
    @Test func ratesMatchWhatTheDemoWasBuiltFor() throws {
        let history = DemoFixture.standard
        let recordedAt = history.batches.flatMap { batch in batch.lines.map { _ in batch.recordedAt } }
        let statistics = HistoryStatistics(try history.parsed(), recordedAt: recordedAt)
        print(statistics)
        #expect(statistics.registered == 6000)
        #expect((0.70...0.80).contains(statistics.completionRate), "\(statistics)")
        #expect((0.42...0.58).contains(statistics.supportShare), "\(statistics)")
    }
}
