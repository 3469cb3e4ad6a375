import Foundation
import LedgerStore
import TestSupport
import Testing

@testable import Projections

@Suite struct DecodingTests {
    /// The second-thread feed hands over every decodable event of the range once, in position order, across chunk
    /// boundaries, with the last position read and its hash; a range past the head ends at the head.
    @Test func eventFeedDeliversTheRangeInOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var generator = HistoryGenerator(seed: 9)
        let store = try LedgerStore(directory: dir.child("ledger"))
        try HistoryGenerator.append(generator.generate(eventCount: 3 * EventFeed.chunkSize + 100), to: store)
        let head = try #require(try store.head())
        var expected: [UInt64] = []
        try store.read { txn in
            try txn.forEachEvent(from: 5, to: head.position - 3) { view in
                if FactDecoder.decode(view) != nil { expected.append(view.position) }
                return true
            }
        }
        let feed = EventFeed(store: store, from: 5, to: head.position - 3)
        var seen: [UInt64] = []
        var chunks = 0
        while true {
            let chunk = feed.next()
            seen += chunk.items.map(\.event.position)
            chunks += 1
            if chunk.isLast { break }
        }
        let end = try feed.finish()
        #expect(seen == expected)
        #expect(chunks > 3)
        #expect(end.position == head.position - 3)
        let hash = try store.read { txn in try txn.withEvent(at: head.position - 3) { $0.map { Array($0.hash) } } }
        #expect(end.hash == hash)

        let past = EventFeed(store: store, from: head.position - 1, to: head.position + 10)
        while !past.next().isLast {}
        #expect(try past.finish().position == head.position)
    }

    /// A record that cannot be read, past the first chunks: the feed hands over what it read, then its last chunk,
    /// and `finish()` throws; nothing waits forever (the reading thread ends its transaction only after `finish()`).
    @Test(.timeLimit(.minutes(1)))
    func eventFeedReportsAnUnreadableRecordAfterItsChunks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.child("ledger")
        let count = 2 * EventFeed.chunkSize + 50
        do {
            var generator = HistoryGenerator(seed: 11)
            let store = try LedgerStore(directory: path)
            try HistoryGenerator.append(generator.generate(eventCount: count), to: store)
            _ = try store.append(
                [
                    ProposedEvent(
                        type: "thing.marked", eventId: "marked", occurredAt: "2025-03-03T14:00:00Z",
                        actor: "system:test", data: Array(#"{"note":"FEED-MARKER-77"}"#.utf8), payload: "s-marked")
                ], rules: { StreamNamedRules() })
        }
        // Break the marked record's opening brace in every copy in the file: neither parser can read it.
        let file = path + "/data.mdb"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let marker = Array("FEED-MARKER-77".utf8)
        let opening = Array(#"{"actor":"system:test""#.utf8)
        var broken = 0
        for offset in offsets(of: marker, in: bytes) {
            let window = Array(bytes[max(0, offset - 200)..<offset])
            guard let start = offsets(of: opening, in: window).last else { continue }
            bytes[max(0, offset - 200) + start] = UInt8(ascii: "x")
            broken += 1
        }
        try #require(broken > 0)
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        let store = try LedgerStore(directory: path, configuration: StoreConfiguration(mode: .readOnly))
        let head = try #require(try store.head())
        let feed = EventFeed(store: store, from: 1, to: head.position)
        var delivered = 0
        while true {
            let chunk = feed.next()
            delivered += chunk.items.count
            if chunk.isLast { break }
        }
        #expect(delivered >= EventFeed.chunkSize)
        #expect(throws: (any Error).self) { try feed.finish() }
    }

    @Test(arguments: [
        ("2024-03-31T22:30:00-05:00", "2024-04-01"), ("2024-07-01T01:00:00.123456+14:00", "2024-06-30"),
        ("2024-12-31T23:59:59Z", "2024-12-31"), ("2025-01-01T00:30:00+01:00", "2024-12-31"),
        ("2024-02-28T20:00:00-04:00", "2024-02-29"), ("2023-12-31T23:00:00.5-01:00", "2024-01-01"),
    ])
    func utcDayConvertsOffsets(_ timestamp: String, _ day: String) {
        let bytes = Array(timestamp.utf8)
        let parsed = bytes.withUnsafeBytes { ByteScanning.utcDay($0, 0..<bytes.count) }
        #expect(Dates.format(parsed) == day)
    }

    @Test func quartersAndDates() {
        let q = Dates.quarter(of: Dates.parse("2025-08-15")!)
        #expect(Dates.formatQuarter(q) == "2025Q3")
        #expect(Dates.formatQuarter(q + 2) == "2026Q1")
        #expect(Dates.format(Dates.lastDay(of: q + 2)) == "2026-03-31")
        #expect(Dates.format(Dates.lastDay(of: q - 1)) == "2025-06-30")
        #expect(Dates.parse("2025-02-29") == nil && Dates.parse("2024-02-29") != nil)
    }

    @Test func roundingAndMedians() {
        #expect(Rounding.tenThousandths(1, 3) == 3333)
        #expect(Rounding.tenThousandths(2, 3) == 6667)
        #expect(Rounding.tenThousandths(1, 8) == 1250)
        #expect(Rounding.tenThousandths(1, 20_000) == 1)  // 0.00005 rounds half up
        #expect(Format.rate(1250) == "0.125" && Format.rate(10_000) == "1" && Format.rate(7) == "0.0007")
        var metric = ValuesMetric()
        metric.values = [3, 1, 4, 2]
        #expect(metric.median == 2)
        metric.values = [5, 1, 3]
        #expect(metric.median == 3)
    }

    @Test func factCodecRoundTrips() throws {
        let facts = [
            Fact(position: 1, day: -5, kind: .programRegistered, code: 0x42, amount: 18),
            Fact(position: 300_000, day: 20_000, kind: .hired, amount: 2350, ref: "EMP-ACME"),
            Fact(position: 1 << 40, day: 19_000, kind: .voided, aux: 123_456),
            Fact(position: 7, day: 1, kind: .employmentVerified, amount: 0, aux: 8101),
            Fact(position: 8, day: 2, kind: .exitExcluded),
        ]
        var bytes: [UInt8] = []
        for fact in facts { FactCodec.append(fact, to: &bytes) }
        var decoded: [Fact] = []
        try bytes.withUnsafeBytes { try FactCodec.decode($0, into: &decoded) }
        #expect(decoded == facts)
        var truncated: [Fact] = []
        #expect(throws: ReadModelError.self) {
            try Array(bytes.dropLast()).withUnsafeBytes { try FactCodec.decode($0, into: &truncated) }
        }
    }
}

extension DecodingTests {
    @Test func entityIndexInternsShortAndLongKeysAcrossGrowth() {
        var index = EntityIndex()
        let ids = (0..<5_000).map { "P-\($0)" } + (0..<300).map { "a-very-long-participant-identifier-\($0)" }
        var slots: [Int] = []
        for id in ids {
            slots.append(Array(id.utf8).withUnsafeBytes { index.slot(.participant, $0) })
        }
        #expect(slots == Array(0..<ids.count))
        for (offset, id) in ids.enumerated().reversed() {
            #expect(Array(id.utf8).withUnsafeBytes { index.slot(.participant, $0) } == offset)
            #expect(Array(index.key(offset)) == [EntityKind.participant.rawValue] + Array(id.utf8))
        }
        // The same id under another kind is another entity.
        #expect(Array("P-1".utf8).withUnsafeBytes { index.slot(.program, $0) } == ids.count)
        #expect(index.count == ids.count + 1)
    }
}
