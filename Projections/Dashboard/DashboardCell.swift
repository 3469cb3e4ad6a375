/// One number of the dashboard, or the reason it is not shown.
///
/// The page's only way to hold a number is ``shown(_:)``: a suppressed cell is ``suppressed`` and carries nothing,
/// so no chart, table, label or attribute can print a value the reports hide. Cells of the outcomes report and the
/// funnel are made by ``outcome(_:_:_:)`` and ``funnel(_:_:)``, which read the value only when the report shows it.
public enum DashboardCell: Sendable, Equatable {
    /// A number the reports show.
    case shown(Figure)
    /// Hidden by small-cell or complementary suppression.
    case suppressed
    /// A wage quarter that has ended but whose wage data is not closed yet: not a zero.
    case pending
    /// A wage quarter that has not ended yet.
    case notDue
    /// No value (e.g. a cost per completer with no completer, a utilization with no seats).
    case none

    /// The cell of `metric` in `group`: `value` is read only when the report shows the metric.
    static func outcome(_ group: OutcomeGroup, _ metric: OutcomeMetric, _ value: (OutcomeGroup) -> Figure?) -> Self {
        if group.isSuppressed(metric) { return .suppressed }
        return value(group).map(DashboardCell.shown) ?? .none
    }

    /// The funnel's count at `stage` of `row`, read only when shown.
    static func funnel(_ row: FunnelReport.Row, _ stage: FunnelReport.Stage) -> Self {
        row.isSuppressed(stage) ? .suppressed : .shown(.count(Int64(row.count(stage))))
    }

    /// The figure, when shown.
    var figure: Figure? {
        if case .shown(let figure) = self { return figure }
        return nil
    }
}

/// A shown number with its unit, which says how it is written and drawn.
public struct Figure: Sendable, Equatable {
    /// How a figure is written.
    public enum Unit: Sendable, Equatable {
        /// People, events or seats.
        case count
        /// A rate in ten-thousandths (written as a percentage with one decimal).
        case rate
        /// Cents (written in dollars).
        case cents
        /// Days.
        case days
    }

    /// The value in the unit's smallest step.
    public let value: Int64
    /// Its unit.
    public let unit: Unit
    /// A rate's numerator and denominator, written beside it in tables ("390 of 540").
    public let ofTotal: (numerator: Int, denominator: Int)?

    static func count(_ value: Int64) -> Figure { Figure(value: value, unit: .count, ofTotal: nil) }
    static func cents(_ value: Int64) -> Figure { Figure(value: value, unit: .cents, ofTotal: nil) }
    static func days(_ value: Int64) -> Figure { Figure(value: value, unit: .days, ofTotal: nil) }
    static func rate(_ metric: RateMetric) -> Figure {
        Figure(
            value: Int64(metric.rateTenThousandths), unit: .rate,
            ofTotal: (metric.numerator, metric.denominator))
    }
    static func rate(tenThousandths: Int) -> Figure { Figure(value: Int64(tenThousandths), unit: .rate, ofTotal: nil) }

    public static func == (a: Figure, b: Figure) -> Bool {
        a.value == b.value && a.unit == b.unit && a.ofTotal?.numerator == b.ofTotal?.numerator
            && a.ofTotal?.denominator == b.ofTotal?.denominator
    }

    /// The figure for people: `72.2%`, `$9,412.00`, `1,204`, `35 days`.
    var text: String {
        switch unit {
        case .count: return Figure.grouped(value)
        case .rate: return Figure.percentOneDecimal(value)
        case .cents: return Format.dollars(value)
        case .days: return "\(Figure.grouped(value)) days"
        }
    }

    /// The figure with a rate's numerator and denominator: `72.2% (390 of 540)`.
    var longText: String {
        guard let ofTotal else { return text }
        return "\(text) (\(Figure.grouped(Int64(ofTotal.numerator))) of \(Figure.grouped(Int64(ofTotal.denominator))))"
    }

    /// Thousands separators: `12,480`.
    static func grouped(_ value: Int64) -> String {
        let sign = value < 0 ? "-" : ""
        var whole = String(value.magnitude)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        return sign + whole + grouped
    }

    /// Ten-thousandths as a percentage with one decimal, rounded half up: `7222` → `72.2%`.
    static func percentOneDecimal(_ tenThousandths: Int64) -> String {
        let tenths = (tenThousandths * 2 + 10) / 20
        return "\(grouped(tenths / 10)).\(tenths % 10)%"
    }
}
