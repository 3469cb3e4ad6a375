/// What a report asks: the position N and date D the world is seen at, and each report's own options.
public struct ReportQuery: Sendable, Equatable {
    /// Only events at positions ≤ `position` are known.
    public var position: UInt64
    /// The as-of date; `nil` for the default (the latest date of the known live events).
    public var asOf: Day?
    /// The small-cell threshold K (≥ 1) of the outcomes report.
    public var minCell: Int
    /// Outcomes: exit-based measures count only exits on or after this date.
    public var exitFrom: Day?
    /// Outcomes: exit-based measures count only exits on or before this date.
    public var exitTo: Day?
    /// Outcomes: the two dimensions crossed (`--cross A,B`), in the order given; empty when none.
    public var cross: [OutcomeDimension]
    /// Funding: the first day of the sectoral training window (default: July 1 of the program year of D).
    public var windowFrom: Day?
    /// Funding: the last day of the sectoral training window (default: D).
    public var windowTo: Day?

    /// Creates a query at `position`; the callers check the values against the contract's ranges.
    public init(
        position: UInt64, asOf: Day? = nil, minCell: Int = 10, exitFrom: Day? = nil, exitTo: Day? = nil,
        cross: [OutcomeDimension] = [], windowFrom: Day? = nil, windowTo: Day? = nil
    ) {
        self.position = position
        self.asOf = asOf
        self.minCell = minCell
        self.exitFrom = exitFrom
        self.exitTo = exitTo
        self.cross = cross
        self.windowFrom = windowFrom
        self.windowTo = windowTo
    }
}

/// A dimension of the outcomes report (REPORTS.md section 2), in the order groups are sorted.
public enum OutcomeDimension: String, Sendable, CaseIterable, Comparable {
    case all, program, sector, population, race, sex, age, exitQuarter, exitYear

    /// The dimensions `--cross` accepts.
    public static let crossable: [OutcomeDimension] = [.program, .sector, .population, .race, .sex, .age]

    /// Whether the dimension groups participants (rather than programs or exit dates).
    var isParticipantDimension: Bool { [.all, .population, .race, .sex, .age].contains(self) }

    /// Whether the dimension's groups are exit dates: they have no completion, supportive-services or skill-gain
    /// metrics.
    var isExitDate: Bool { self == .exitQuarter || self == .exitYear }

    /// Report order.
    public static func < (a: OutcomeDimension, b: OutcomeDimension) -> Bool {
        a.order < b.order
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
