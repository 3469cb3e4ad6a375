/// The outcomes report (REPORTS.md section 3): per group, exit-based measures over its exiters, plus measurable
/// skill gains, completion rate and supportive services; suppression (small cells and complementary) decided once
/// here, so that every format and every picture hides the same cells.
public struct OutcomesReport: Sendable, Equatable {
    /// The position N the report was computed at: only events at positions ≤ N were known.
    public let position: UInt64
    /// `nil` when no event counts and no `--as-of` was given.
    public let asOf: Day?
    /// `true` when `--as-of` was not given and ``asOf`` is the latest date of the known events (tables say so).
    public internal(set) var asOfIsDefault = false
    /// The small-cell threshold K.
    public let minCell: Int
    /// The exit window's bounds as given (`nil` when not given).
    public let exitFrom: Day?
    /// The exit window's last day as given (`nil` when not given).
    public let exitTo: Day?
    /// The crossed dimensions, in the order given; empty when none.
    public let cross: [OutcomeDimension]
    /// The groups, sorted by dimension (single dimensions in ``OutcomeDimension`` order, then the cross
    /// dimension), then by value in code point order.
    public let groups: [OutcomeGroup]
    /// The names of the programs that count, by id (for people; the JSON and CSV show ids only).
    public let programNames: [String: String]

    /// `true` when suppression is off (`--min-cell 1`): the output holds small cells and is confidential.
    public var isConfidential: Bool { minCell <= 1 }
}

/// The outcome metrics, in the order the formats list them.
public enum OutcomeMetric: String, Sendable, CaseIterable {
    case exiters, employmentQ2, employmentQ4, medianEarningsQ2, retentionSameEmployer, credentialRate, placementRate
    case medianWageAtHire, medianDaysToHire, measurableSkillGains, completionRate, supportiveServices
}

/// One group of the outcomes report, with the metrics suppression hides.
public struct OutcomeGroup: Sendable, Equatable {
    /// `all`, `program`, `sector`, `population`, `race`, `sex`, `age`, `exitQuarter`, `exitYear`, or a cross
    /// dimension `A+B`.
    public let dimension: String
    /// The group within its dimension (for a cross group `a+b`).
    public let value: String
    /// Non-excluded exited periods of participation with X ≤ D inside the exit window.
    public internal(set) var exiters = 0
    /// Of the exiters whose second quarter after exit is closed, those with wages > 0 for it; `pending` counts
    /// those whose quarter ended by D but is not closed.
    public internal(set) var employmentQ2 = RateMetric()
    /// Likewise for the fourth quarter after exit.
    public internal(set) var employmentQ4 = RateMetric()
    /// The median wages, in cents, of the ``employmentQ2`` numerator in that quarter.
    public internal(set) var medianEarningsQ2 = ValuesMetric()
    /// Of the ``employmentQ2`` numerator whose record names an employer and whose fourth quarter is closed, those
    /// with wages > 0 from the same employer in the fourth quarter.
    public internal(set) var retentionSameEmployer = RateMetric()
    /// Of the exiters with X + 365 ≤ D enrolled in a program that is not `on_the_job` or `customized`, those with a
    /// counting credential dated in [E, X + 365].
    public internal(set) var credentialRate = RateMetric()
    /// Of the exiters with X + 90 ≤ D, those with a hire dated in [E, X + 90].
    public internal(set) var placementRate = RateMetric()
    /// The median hourly wage, in cents, of each placed exiter's first hire.
    public internal(set) var medianWageAtHire = ValuesMetric()
    /// The median number of days from entry to each placed exiter's first hire.
    public internal(set) var medianDaysToHire = ValuesMetric()
    /// Of the participants with an enrollment open in the program year of D, those with a skill gain in it;
    /// absent (`nil`) for exit-date groups.
    public internal(set) var measurableSkillGains: RateMetric?
    /// Completed over ended enrollments; absent (`nil`) for exit-date groups.
    public internal(set) var completionRate: RateMetric?
    /// Supportive-service cents dated ≤ D over the distinct participants who had any; absent (`nil`) for exit-date
    /// groups.
    public internal(set) var supportiveServices: SumMetric?
    /// The metrics shown as suppressed (small cells, and complementary suppression).
    public internal(set) var suppressed: Set<OutcomeMetric> = []

    init(dimension: String, value: String, hasParticipantMetrics: Bool) {
        self.dimension = dimension
        self.value = value
        if hasParticipantMetrics {
            measurableSkillGains = RateMetric()
            completionRate = RateMetric()
            supportiveServices = SumMetric()
        }
    }

    /// The denominator of `metric` (the count, for `exiters`); `nil` when the group has no such metric.
    public func denominator(_ metric: OutcomeMetric) -> Int? {
        switch metric {
        case .exiters: return exiters
        case .employmentQ2: return employmentQ2.denominator
        case .employmentQ4: return employmentQ4.denominator
        case .medianEarningsQ2: return medianEarningsQ2.denominator
        case .retentionSameEmployer: return retentionSameEmployer.denominator
        case .credentialRate: return credentialRate.denominator
        case .placementRate: return placementRate.denominator
        case .medianWageAtHire: return medianWageAtHire.denominator
        case .medianDaysToHire: return medianDaysToHire.denominator
        case .measurableSkillGains: return measurableSkillGains?.denominator
        case .completionRate: return completionRate?.denominator
        case .supportiveServices: return supportiveServices?.denominator
        }
    }

    /// Whether `metric` is shown as suppressed.
    public func isSuppressed(_ metric: OutcomeMetric) -> Bool { suppressed.contains(metric) }
}

/// A rate: numerator over denominator.
public struct RateMetric: Sendable, Equatable {
    /// How many of the cohort met the measure.
    public var numerator = 0
    /// The cohort's size.
    public var denominator = 0
    /// For the employment measures: exiters whose quarter ended by D but is not closed yet.
    public var pending = 0
    /// The rate in ten-thousandths, rounded half up.
    public var rateTenThousandths: Int { Rounding.tenThousandths(numerator, denominator) }
}

/// A median over values; the denominator is their count.
public struct ValuesMetric: Sendable, Equatable {
    var values: [Int64] = []
    /// The number of values.
    public var denominator: Int { values.count }
    /// Of an odd count the middle value; of an even count the mean of the two middle values, rounded down.
    public var median: Int64 {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        let sum = sorted[middle - 1] + sorted[middle]
        return sum >= 0 ? sum / 2 : (sum - 1) / 2
    }
}

/// A sum over distinct participants.
public struct SumMetric: Sendable, Equatable {
    /// The sum, in cents.
    public var value: Int64 = 0
    /// The number of distinct participants summed, including those at 0 cents.
    public var denominator = 0
}

/// Rounding of rates and averages.
public enum Rounding {
    /// `numerator / denominator` in ten-thousandths, rounded half up (0 when the denominator is 0).
    public static func tenThousandths(_ numerator: Int, _ denominator: Int) -> Int {
        guard denominator > 0 else { return 0 }
        return (numerator * 20_000 + denominator) / (2 * denominator)
    }

    /// `value / count` in whole units, rounded half up; `nil` when `count` is 0 (`value` ≥ 0).
    public static func halfUp(_ value: Int64, _ count: Int) -> Int64? {
        guard count > 0 else { return nil }
        let divisor = Int64(count)
        return (value * 2 + divisor) / (2 * divisor)
    }
}
