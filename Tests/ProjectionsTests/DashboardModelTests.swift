import LedgerStore
import TestSupport
import Testing

@testable import Projections

/// The dashboard's data model: a suppressed figure has no way into the page.
@Suite struct DashboardModelTests {
    /// The page of the suppression history (37 women, 43 men) at `minCell`.
    static func page(minCell: Int) throws -> DashboardPage {
        let dir = try TemporaryDirectory("dashboard-model")
        defer { dir.remove() }
        let store = try FixtureLoader.store(SuppressionHistory.jsonl(female: 37, male: 43), in: dir)
        let head = try #require(try store.head())
        let models = ReadModels(inMemoryFor: store)
        try models.catchUp(to: head.position)
        let query = ReportQuery(position: head.position, asOf: Dates.parse(SuppressionHistory.asOf), minCell: minCell)
        return try models.dashboard(query, digest: head)
    }

    /// Every integer and every string held anywhere in `value`, through all its stored properties.
    static func leaves(of value: Any, into found: inout (integers: [Int64], strings: [String])) {
        switch value {
        case let number as Int: found.integers.append(Int64(number))
        case let number as Int64: found.integers.append(number)
        case let number as UInt64: found.integers.append(Int64(truncatingIfNeeded: number))
        case let number as Int32: found.integers.append(Int64(number))
        case let text as String: found.strings.append(text)
        default:
            for child in Mirror(reflecting: value).children { leaves(of: child.value, into: &found) }
        }
    }

    @Test func suppressedFiguresAreNotInTheModel() throws {
        var open: (integers: [Int64], strings: [String]) = ([], [])
        Self.leaves(of: try Self.page(minCell: 1), into: &open)
        #expect(open.integers.contains(37) && open.integers.contains(43), "the control: unsuppressed, both are there")

        let page = try Self.page(minCell: 50)
        var found: (integers: [Int64], strings: [String]) = ([], [])
        Self.leaves(of: page, into: &found)
        #expect(!found.integers.contains(37))
        #expect(!found.integers.contains(43))
        #expect(!found.strings.contains { $0.contains("37") || $0.contains("43") })
        let equity = try #require(page.sections.first { $0.id == "equity" })
        let sex = try #require(equity.tables.first { $0.caption == "Outcomes by sex" })
        let female = try #require(sex.rows.first { $0.header == "Female" })
        #expect(female.entries.first == .cell(.suppressed))
        let all = try #require(sex.rows.first { $0.header == "Program-wide" })
        #expect(all.entries.first == .cell(.shown(.count(80))))
    }

    @Test func funnelCountsFollowTheirStagesAndAreSuppressedBelowK() throws {
        let page = try Self.page(minCell: 50)
        let funnel = try #require(page.sections.first { $0.id == "funnel" })
        let table = try #require(funnel.tables.first)
        let all = try #require(table.rows.first)
        #expect(all.entries == [80, 80, 80, 80].map { .cell(.shown(.count($0))) } + [.cell(.suppressed)])
        let sector = try #require(table.rows.last)
        #expect(sector.header == "Manufacturing")
        #expect(sector.entries == [.cell(.none)] + [80, 80, 80].map { .cell(.shown(.count($0))) } + [.cell(.suppressed)])
    }

    @Test func chartScalesAreRoundAndGeometryHasOneDecimal() {
        #expect(BarChart.scale(max: 80, unit: .count).ticks == [0, 20, 40, 60, 80])
        #expect(BarChart.scale(max: 7, unit: .count).ticks == [0, 2, 4, 6, 8])
        #expect(BarChart.scale(max: 13_000, unit: .rate).ticks.last == 15_000)
        #expect(BarChart.scale(max: 0, unit: .cents).ticks == [0, 1])
        #expect(HTMLText.tenths(3_700) == "370.0")
        #expect(HTMLText.tenths(-5) == "-0.5")
        #expect(HTMLText.escape("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
        #expect(Figure.percentOneDecimal(7_225) == "72.3%")
        #expect(Figure.grouped(1_234_567) == "1,234,567")
    }
}

/// The funnel's suppression: below K, and the complement of a lone suppressed sector at a stage.
@Suite struct FunnelSuppressionTests {
    static func row(_ name: String, _ counts: [Int]) -> FunnelReport.Row {
        var row = FunnelReport.Row(name: name)
        row.counts = counts
        return row
    }

    @Test func aLoneSuppressedSectorTakesTheSmallestShownOneWithIt() {
        var overall = Self.row("all", [100, 90, 80, 70, 60])
        var sectors = [
            Self.row("clean_energy", [0, 12, 11, 4, 0]), Self.row("health_care", [0, 50, 40, 36, 30]),
            Self.row("manufacturing", [0, 28, 29, 30, 30]),
        ]
        FunnelReport.suppress(&overall, &sectors, minCell: 10)
        #expect(overall.suppressed.isEmpty)
        // completed: clean energy (4) is below K; manufacturing (30, the smallest shown) goes with it.
        #expect(sectors[0].suppressed == Set<FunnelReport.Stage>([.completed, .hired]))
        #expect(sectors[2].isSuppressed(.completed))
        #expect(!sectors[1].isSuppressed(.completed))
        // hired: clean energy's 0 reveals no one; nothing else is hidden.
        #expect(!sectors[1].isSuppressed(.hired) && !sectors[2].isSuppressed(.hired))
        // matched and enrolled: nothing below K.
        #expect(!sectors.contains { $0.isSuppressed(.matched) || $0.isSuppressed(.enrolled) })

        var open = Self.row("all", [5, 4, 3, 2, 1])
        var none: [FunnelReport.Row] = [Self.row("health_care", [0, 4, 3, 2, 1])]
        FunnelReport.suppress(&open, &none, minCell: 1)
        #expect(open.suppressed.isEmpty && none[0].suppressed.isEmpty)
    }
}
