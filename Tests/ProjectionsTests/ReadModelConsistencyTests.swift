import Foundation
import LedgerStore
import TestSupport
import Testing

@testable import Projections

/// Caught-up read models, fed in uneven chunks and several catch-ups, answer exactly as a from-scratch rebuild and
/// as an in-memory replay of positions 1…N, at several positions and dates.
@Suite struct ReadModelConsistencyTests {
    @Test func caughtUpEqualsRebuildAndReplayOnAGeneratedHistory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var generator = HistoryGenerator(seed: 42)
        let events = generator.generate(eventCount: 50_000)
        #expect(events.count >= 50_000)
        let store = try LedgerStore(directory: dir.child("ledger"))
        let firstPart = events.count * 3 / 5
        try HistoryGenerator.append(Array(events[..<firstPart]), to: store)

        // Incremental: catch up part of the log, append the rest, catch up again in small chunks.
        let incremental = ReadModels(store: store)
        incremental.chunkSize = 7_919
        try incremental.catchUp(to: 10_000)
        try incremental.catchUp()
        try HistoryGenerator.append(Array(events[firstPart...]), to: store)
        let head = try #require(try store.head()).position
        #expect(try incremental.catchUp() == head)

        let rebuilt = ReadModels(store: store, directory: dir.child("rebuilt"))
        try rebuilt.rebuild()
        #expect(try rebuilt.checkpoint() == head)

        let positions: [UInt64] = [head, head - 1, head * 3 / 4, UInt64(firstPart), 12_345, 60]
        let dates: [Day?] = [nil, Dates.parse("2024-06-30"), Dates.parse("2025-01-01"), Dates.parse("2023-03-31")]
        for position in positions {
            let replay = ReadModels(inMemoryFor: store)
            try replay.catchUp(to: position)
            for date in dates {
                var query = ReportQuery(position: position, asOf: date, minCell: position % 2 == 0 ? 1 : 5)
                if position % 3 == 0 {
                    query.exitFrom = Dates.parse("2023-07-01")
                    query.exitTo = Dates.parse("2024-06-30")
                    query.cross = [.program, .population]
                    query.windowFrom = Dates.parse("2023-01-01")
                }
                let expected = try reports(replay, query)
                #expect(try reports(incremental, query) == expected, "N=\(position) D=\(String(describing: date))")
                #expect(try reports(rebuilt, query) == expected, "N=\(position) D=\(String(describing: date))")
            }
        }
        // The generated history exercises the rules: exiters, voids, open enrollments.
        let outcomes = try incremental.outcomes(ReportQuery(position: head, minCell: 1))
        let all = try #require(outcomes.groups.first)
        #expect(all.exiters > 500)
        #expect(all.placementRate.numerator > 0 && all.credentialRate.denominator > 0 && all.employmentQ2.numerator > 0)
        #expect(all.retentionSameEmployer.numerator > 0 && all.employmentQ2.pending > 0)
        #expect((all.measurableSkillGains?.denominator ?? 0) > 0)
        let funding = try incremental.funding(ReportQuery(position: head))
        #expect(funding.funds.count == 3 && funding.funds.allSatisfy { $0.spent > 0 })
        #expect(funding.programs.contains { $0.costPerCompleted != nil })
        #expect(try !incremental.caseload(ReportQuery(position: head)).caseManagers.isEmpty)
    }

    private func reports(_ models: ReadModels, _ query: ReportQuery) throws -> [String] {
        [
            try models.outcomes(query).rendered(as: .json),
            try models.caseload(query).rendered(as: .json),
            try models.capacity(query).rendered(as: .json),
            try models.funding(query).rendered(as: .json),
        ]
    }

    @Test func replacedStoreIsDetectedAndRebuilt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var generator = HistoryGenerator(seed: 7)
        let events = generator.generate(eventCount: 2_000)
        let first = try LedgerStore(directory: dir.child("a"))
        try HistoryGenerator.append(events, to: first)
        let models = ReadModels(store: first, directory: dir.child("models"))
        try models.catchUp()
        // Another store with a different history, same read-model directory: the checkpoint's hash differs.
        var other = HistoryGenerator(seed: 8)
        let second = try LedgerStore(directory: dir.child("b"))
        try HistoryGenerator.append(other.generate(eventCount: 2_500), to: second)
        let reused = ReadModels(store: second, directory: dir.child("models"))
        try reused.catchUp()
        let replay = ReadModels(inMemoryFor: second)
        try replay.catchUp()
        let head = try #require(try second.head()).position
        let query = ReportQuery(position: head, minCell: 1)
        #expect(try reused.outcomes(query) == replay.outcomes(query))
    }
}
