import CanonicalJSON
import DemoGenerator
import Foundation
import LedgerStore
import Projections
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
    /// A small demo, appended batch by batch through the real validating path, is accepted.
    @Test func aSmallHistoryIsAcceptedByTheLedger() throws {
        let directory = try TemporaryDirectory("demo-append")
        defer { directory.remove() }
        _ = try Self.append(DemoFixture.small, in: directory)
    }

    /// The default demo is accepted, and the product's reports on it agree with the figures of the tests' own
    /// re-implementation of the rules (``IndependentOutcomes``): the headline figures the README states.
    @Test func theDefaultHistoryIsAcceptedAndItsReportsAgreeWithTheIndependentFigures() throws {
        let directory = try TemporaryDirectory("demo-append")
        defer { directory.remove() }
        let store = try Self.append(DemoFixture.standard, in: directory)
        let head = try #require(try store.head()?.position)
        let models = ReadModels(inMemoryFor: store)
        _ = try models.catchUp()
        let expected = DemoFixture.standardOutcomes
        let outcomes = try Self.parse(try models.outcomes(ReportQuery(position: head)).rendered(as: .json))
        guard case .array(let groups)? = outcomes["groups"] else {
            Issue.record("no groups")
            return
        }
        var checkedPrograms = 0
        for case .object(let group) in groups {
            let value = group.string("value") ?? ""
            switch group.string("dimension") {
            case "all":
                #expect(group.integer("exiters") == expected.exits.count)
                Self.expect(group.object("employmentQ2"), equals: expected.all, "all")
                let completion = group.object("completionRate")
                #expect(completion?.integer("numerator") == expected.completed)
                #expect(completion?.integer("denominator") == expected.completed + expected.withdrawn)
                let retention = group.object("retentionSameEmployer")
                #expect(retention?.integer("numerator") == expected.retention.numerator)
                #expect(retention?.integer("denominator") == expected.retention.denominator)
            case "program":
                guard let employment = expected.byProgram[value], Self.isShown(group.object("employmentQ2")) else { continue }
                Self.expect(group.object("employmentQ2"), equals: employment, value)
                checkedPrograms += 1
            case "exitQuarter":
                guard let quarter = IndependentOutcomes.quarter(value), let employment = expected.byExitQuarter[quarter],
                    Self.isShown(group.object("employmentQ2"))
                else { continue }
                Self.expect(group.object("employmentQ2"), equals: employment, value)
            default:
                break
            }
        }
        #expect(checkedPrograms == 19)
        let funding = try Self.parse(try models.funding(ReportQuery(position: head)).rendered(as: .json))
        guard case .array(let programs)? = funding["programs"] else {
            Issue.record("no programs in the funding report")
            return
        }
        for case .object(let program) in programs {
            let id = program.string("programId") ?? ""
            let cost = try #require(expected.programCost[id], "\(id)")
            #expect(program.integer("cost") == cost.cents, "\(id)")
            #expect(program.integer("completed") == cost.completers, "\(id)")
        }
    }

    /// Appends every batch of `history` to a new store in `directory`, each recorded at its own time.
    static func append(_ history: GeneratedHistory, in directory: TemporaryDirectory) throws -> LedgerStore {
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
                throw error
            }
        }
        #expect(appended == history.batches.reduce(0) { $0 + $1.lines.count })
        #expect(try store.head()?.position == UInt64(appended))
        return store
    }

    static func parse(_ text: String) throws -> JSONObject {
        guard case .object(let object) = try JSONParser().parse(Array(text.utf8)) else { throw FixtureError.notAnObject }
        return object
    }

    /// Whether a metric is present and not suppressed.
    static func isShown(_ metric: JSONObject?) -> Bool {
        metric != nil && metric?["suppressed"] == nil
    }

    static func expect(_ metric: JSONObject?, equals expected: IndependentOutcomes.Employment, _ group: String) {
        #expect(metric?.integer("numerator") == expected.numerator, "\(group): \(expected)")
        #expect(metric?.integer("denominator") == expected.denominator, "\(group): \(expected)")
        #expect(metric?.integer("pending") == expected.pending, "\(group): \(expected)")
    }
}
