import CanonicalJSON
import Foundation
import LedgerStore
import Projections
import TestSupport
import Testing
import WorkforceEvents

/// Every fixture history is valid per EVENTS.md: the real decoder and rules accept it, in order, and give the same
/// reports as the generic test loader.
@Suite struct FixtureValidityTests {
    static let fixtures: [String] = {
        let root = FixtureLoader.fixturesDirectory
        return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter {
            FileManager.default.fileExists(atPath: "\(root)/\($0)/events.jsonl")
        }.sorted()
    }()

    @Test(arguments: fixtures)
    func theWorkforceRulesAcceptTheHistory(_ fixture: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = try String(contentsOfFile: FixtureLoader.fixturesDirectory + "/\(fixture)/events.jsonl", encoding: .utf8)
        let decoder = EventDecoder()
        let events = try text.split(separator: "\n").map { line in try decoder.decode(Array(line.utf8)) }
        let store = try LedgerStore(directory: dir.child("validated"))
        _ = try store.append(events, rules: { WorkforceRules() })

        let generic = try FixtureLoader.store(text, in: dir)
        let head = try #require(try store.head()).position
        let validated = ReadModels(inMemoryFor: store)
        let loaded = ReadModels(inMemoryFor: generic)
        try validated.catchUp()
        try loaded.catchUp()
        let query = ReportQuery(position: head, minCell: 1)
        #expect(try validated.outcomes(query).rendered(as: .json) == loaded.outcomes(query).rendered(as: .json))
        #expect(try validated.caseload(query).rendered(as: .json) == loaded.caseload(query).rendered(as: .json))
        #expect(try validated.capacity(query).rendered(as: .json) == loaded.capacity(query).rendered(as: .json))
    }
}

extension FixtureValidityTests {
    /// The generated histories of the consistency tests are valid too.
    @Test func generatedHistoriesAreValid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var generator = HistoryGenerator(seed: 42)
        let decoder = EventDecoder()
        let events = try generator.generate(eventCount: 50_000).map { event in
            let data = CanonicalJSON.encode(.object(JSONObject(event.data.map { JSONObject.Member(key: $0.0, value: $0.1) })))
            let line =
                #"{"type":"\#(event.type)","eventId":"\#(event.eventId)","occurredAt":"\#(event.occurredAt)","actor":"system:generator","data":"#
                + String(decoding: data, as: UTF8.self) + "}"
            return try decoder.decode(Array(line.utf8))
        }
        let store = try LedgerStore(directory: dir.child("ledger"))
        do {
            _ = try store.append(events, rules: { WorkforceRules() })
        } catch let rejection as BatchRejection {
            Issue.record("\(rejection.items.prefix(5).map { "\($0.index): \($0.rejection)" })")
        }
    }
}
