import CanonicalJSON
import Foundation
import LedgerStore
import Projections
import TestSupport
import Testing

/// One expected report of a fixture: `Fixtures/<name>/cases.txt` lines `EXPECTED.json REPORT [--as-of D]
/// [--at-position N] [--min-cell K] [--exit-from D] [--exit-to D] [--cross A,B] [--from D] [--to D]`. An expected file with `"$partial": true` checks only the groups it lists.
struct FixtureCase: Sendable, CustomStringConvertible {
    let fixture: String
    let expectedFile: String
    let arguments: [String]

    var description: String { "\(fixture)/\(expectedFile)" }

    static func all() -> [FixtureCase] {
        let root = FixtureLoader.fixturesDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root))?.sorted() ?? []
        var cases: [FixtureCase] = []
        for name in names {
            guard let text = try? String(contentsOfFile: "\(root)/\(name)/cases.txt", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let words = line.split(separator: " ").map(String.init)
                guard words.count >= 2 else { continue }
                cases.append(FixtureCase(fixture: name, expectedFile: words[0], arguments: Array(words.dropFirst())))
            }
        }
        return cases
    }

    func query(head: UInt64) throws -> (report: String, query: ReportQuery) {
        var query = ReportQuery(position: head)
        var index = 1
        while index < arguments.count {
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--as-of": query.asOf = try #require(Dates.parse(value))
            case "--at-position": query.position = try #require(UInt64(value))
            case "--min-cell": query.minCell = try #require(Int(value))
            case "--exit-from": query.exitFrom = try #require(Dates.parse(value))
            case "--exit-to": query.exitTo = try #require(Dates.parse(value))
            case "--from": query.windowFrom = try #require(Dates.parse(value))
            case "--to": query.windowTo = try #require(Dates.parse(value))
            case "--cross":
                query.cross = try value.split(separator: ",").map { try #require(OutcomeDimension(rawValue: String($0))) }
            default: throw FixtureError("unknown argument \(arguments[index])")
            }
            index += 2
        }
        return (arguments[0], query)
    }
}

@Suite struct FixtureTests {
    @Test(arguments: FixtureCase.all())
    func expectedReport(_ fixture: FixtureCase) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = FixtureLoader.fixturesDirectory + "/" + fixture.fixture
        let store = try FixtureLoader.store(try String(contentsOfFile: root + "/events.jsonl", encoding: .utf8), in: dir)
        let head = try store.head()?.position ?? 0
        let (report, query) = try fixture.query(head: head)
        let expected = try JSONParser().parse(
            Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + fixture.expectedFile))))

        let persistent = ReadModels(store: store)
        try persistent.catchUp()
        let replay = ReadModels(inMemoryFor: store)
        try replay.catchUp(to: query.position)
        let actual = try Self.render(report, query, persistent)
        #expect(try Self.render(report, query, replay) == actual, "in-memory replay of 1…N differs")
        // Re-deriving expectations after a rule change: WFL_FIXTURE_ACTUAL_DIR=DIR writes every actual report to
        // DIR/<fixture>/<expected file> for a reviewed comparison (the test still compares as usual).
        if let dir = ProcessInfo.processInfo.environment["WFL_FIXTURE_ACTUAL_DIR"] {
            try FileManager.default.createDirectory(atPath: "\(dir)/\(fixture.fixture)", withIntermediateDirectories: true)
            try actual.write(toFile: "\(dir)/\(fixture.fixture)/\(fixture.expectedFile)", atomically: true, encoding: .utf8)
        }
        let actualValue = try JSONParser().parse(Array(actual.utf8))
        try Self.compare(expected: expected, actual: actualValue, actualText: actual)
    }

    static func render(_ report: String, _ query: ReportQuery, _ models: ReadModels) throws -> String {
        switch report {
        case "outcomes": return try models.outcomes(query).rendered(as: .json)
        case "caseload": return try models.caseload(query).rendered(as: .json)
        case "capacity": return try models.capacity(query).rendered(as: .json)
        case "funding": return try models.funding(query).rendered(as: .json)
        default: throw FixtureError("unknown report \(report)")
        }
    }

    static func compare(expected: JSONValue, actual: JSONValue, actualText: String) throws {
        guard case .object(var expectedObject) = expected, case .object(let actualObject) = actual else {
            Issue.record("not objects")
            return
        }
        guard case .bool(true)? = expectedObject["$partial"] else {
            #expect(canonical(expected) == canonical(actual), "actual: \(actualText)")
            return
        }
        expectedObject.members.removeAll { $0.key == "$partial" }
        for member in expectedObject.members where member.key != "groups" {
            #expect(canonical(member.value) == actualObject[member.key].map(canonical), "\(member.key); actual: \(actualText)")
        }
        guard case .array(let expectedGroups)? = expectedObject["groups"], case .array(let actualGroups)? = actualObject["groups"]
        else { return }
        for group in expectedGroups {
            guard case .object(let g) = group else { continue }
            let match = actualGroups.first { candidate in
                guard case .object(let a) = candidate else { return false }
                return a["dimension"] == g["dimension"] && a["value"] == g["value"]
            }
            #expect(match.map(canonical) == canonical(group), "group \(canonical(group)); actual: \(actualText)")
        }
    }

    static func canonical(_ value: JSONValue) -> String { String(decoding: CanonicalJSON.encode(value), as: UTF8.self) }
}
