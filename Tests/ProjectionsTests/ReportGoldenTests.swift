import LedgerStore
import Projections
import TestSupport
import Testing

/// Pins the stored bytes and every report's bytes on a generated history that uses every event type, so that a
/// refactoring of the store, the catalog or the projections cannot change what a user gets without this test
/// saying so. A change of the rules (a new rule version) updates the pins, and the commit says why.
@Suite struct ReportGoldenTests {
    /// The head of the generated ledger (fixed clock), and one digest over every report at several points, in
    /// every format. On a legitimate change, the failure message gives the new values.
    static let expectedHead = "812942f6fa44da487e9520f875e6dd56e107068673fc8711a5e1e05db30b30d6"
    static let expectedReportsDigest: UInt64 = 17_218_668_472_345_012_012

    @Test func storedBytesAndReportsAreUnchanged() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var generator = HistoryGenerator(seed: 2026)
        let store = try LedgerStore(
            directory: dir.child("ledger"), configuration: StoreConfiguration(clock: { "2026-01-01T00:00:00Z" }))
        try HistoryGenerator.append(generator.generate(eventCount: 12_000), to: store, batchSize: 5_000)
        let head = try #require(try store.head())
        let models = ReadModels(store: store)
        try models.catchUp()

        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        for position in [head.position, head.position / 2, 777] {
            for asOf in [nil, Dates.parse("2024-06-30"), Dates.parse("2023-12-31")] {
                for minCell in [1, 10] {
                    var query = ReportQuery(position: position, asOf: asOf, minCell: minCell)
                    for format in ReportFormat.allCases {
                        mix(try models.outcomes(query).rendered(as: format))
                        mix(try models.caseload(query).rendered(as: format))
                        mix(try models.capacity(query).rendered(as: format))
                        mix(try models.funding(query).rendered(as: format))
                    }
                    query.exitFrom = Dates.parse("2023-07-01")
                    query.exitTo = Dates.parse("2024-06-30")
                    query.cross = [.program, .sex]
                    query.windowFrom = Dates.parse("2023-01-01")
                    mix(try models.outcomes(query).rendered(as: .json))
                    mix(try models.funding(query).rendered(as: .csv))
                }
            }
        }
        let headText = head.hash.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        #expect(headText == Self.expectedHead, "head \(head.position):\(headText)")
        #expect(digest == Self.expectedReportsDigest, "reports digest \(digest)")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
