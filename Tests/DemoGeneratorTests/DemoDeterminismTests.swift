import DemoGenerator
import Testing

@Suite struct DemoDeterminismTests {
    @Test func theSameSeedGivesIdenticalBytes() {
        let first = DemoHistory(participants: 700, seed: 11).jsonl()
        let second = DemoHistory(participants: 700, seed: 11).jsonl()
        #expect(first.count > 100_000)
        #expect(first == second)
    }

    @Test func batchesAndLinesAgreeWithTheJSONLForm() {
        let history = DemoHistory(participants: 300, seed: 5)
        var joined: [UInt8] = []
        for line in history.lines() {
            joined.append(contentsOf: line)
            joined.append(0x0A)
        }
        #expect(joined == history.jsonl())
    }

    @Test func anotherSeedGivesAnotherHistory() {
        let first = DemoHistory(participants: 700, seed: 11).lines()
        let second = DemoHistory(participants: 700, seed: 12).lines()
        #expect(first != second)
    }

    @Test func smallHistoriesWork() {
        let lines = DemoHistory(participants: 1, seed: 1).lines()
        #expect(lines.count >= 19 + 1)
    }
}
