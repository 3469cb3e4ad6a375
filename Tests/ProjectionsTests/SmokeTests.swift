import Foundation
import LedgerStore
import Projections
import Testing
import TestSupport

@Suite struct SmokeTests {
    @Test func examplePrints() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = try String(contentsOfFile: FixtureLoader.fixturesDirectory + "/one-participant.jsonl", encoding: .utf8)
        let store = try FixtureLoader.store(text, in: dir)
        let models = ReadModels(store: store)
        try models.catchUp()
        let query = ReportQuery(position: 14, asOf: Dates.parse("2025-12-31"), minCell: 1)
        print(try models.outcomes(query).rendered(as: .json))
        print(try models.outcomes(query).rendered(as: .table))
        print(try models.caseload(ReportQuery(position: 14)).rendered(as: .json))
        print(try models.capacity(ReportQuery(position: 14)).rendered(as: .json))
        print(try models.capacity(ReportQuery(position: 14)).rendered(as: .table))
    }
}
