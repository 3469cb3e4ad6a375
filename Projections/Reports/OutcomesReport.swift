/// The outcomes report (REPORTS.md section 3): per group, exit-based measures over its exiters plus completion
/// rate and supportive services.
public struct OutcomesReport: Sendable, Equatable {
    /// The position N the report was computed at: only events at positions ≤ N were known.
    public let position: UInt64
    /// `nil` when no event counts and no `--as-of` was given.
    public let asOf: Day?
    /// The small-cell threshold K: renderers suppress a metric whose denominator is below it.
    public let minCell: Int
    /// The groups, sorted by dimension (`all`, `program`, `sector`, `population`, `exitQuarter`), then by value.
    public let groups: [OutcomeGroup]
}

/// One group of the outcomes report, unsuppressed; renderers suppress by ``OutcomesReport/minCell``.
public struct OutcomeGroup: Sendable, Equatable {
    /// `all`, `program`, `sector`, `population` or `exitQuarter`.
    public let dimension: String
    /// The group within its dimension: `all`, a program id, a sector code, a population name or a `YYYYQn` quarter.
    public let value: String
    /// Non-excluded exited periods of participation with exit ≤ D; a participant may count more than once.
    public var exiters = 0
    /// Of the exiters whose second quarter after exit ended by D, those with wages > 0 verified for that quarter.
    public var employmentQ2 = RateMetric()
    /// Of the exiters whose fourth quarter after exit ended by D, those with wages > 0 verified for that quarter.
    public var employmentQ4 = RateMetric()
    /// The median wages, in cents, of the ``employmentQ2`` numerator in that quarter.
    public var medianEarningsQ2 = ValuesMetric()
    /// Of the exiters with X + 365 ≤ D enrolled in a program that is not `on_the_job` or `customized`, those with a
    /// counting credential dated in [E, X + 365].
    public var credentialRate = RateMetric()
    /// Of the exiters with X + 90 ≤ D, those with a hire dated in [E, X + 90].
    public var placementRate = RateMetric()
    /// The median hourly wage, in cents, of each placed exiter's first hire.
    public var medianWageAtHire = ValuesMetric()
    /// The median number of days from entry to each placed exiter's first hire.
    public var medianDaysToHire = ValuesMetric()
    /// Absent (`nil`) for exit-quarter groups.
    public var completionRate: RateMetric?
    /// Supportive-service cents dated ≤ D over the distinct participants who had any; absent (`nil`) for exit-quarter
    /// groups.
    public var supportiveServices: SumMetric?

    init(dimension: String, value: String) {
        self.dimension = dimension
        self.value = value
        if dimension != "exitQuarter" {
            completionRate = RateMetric()
            supportiveServices = SumMetric()
        }
    }
}

/// A rate: numerator over denominator.
public struct RateMetric: Sendable, Equatable {
    /// How many of the cohort met the measure.
    public var numerator = 0
    /// The cohort's size.
    public var denominator = 0
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

/// Rounding of rates.
public enum Rounding {
    /// `numerator / denominator` in ten-thousandths, rounded half up (0 when the denominator is 0).
    public static func tenThousandths(_ numerator: Int, _ denominator: Int) -> Int {
        guard denominator > 0 else { return 0 }
        return (numerator * 20_000 + denominator) / (2 * denominator)
    }
}

extension OutcomesReport {
    /// Computes the report from the outcomes read model's facts.
    static func compute(world: World?, position: UInt64, minCell: Int) -> OutcomesReport {
        var groups: [GroupKey: OutcomeGroup] = [:]
        func group(_ key: GroupKey) -> GroupKey {
            if groups[key] == nil { groups[key] = OutcomeGroup(dimension: key.dimension.name, value: key.value) }
            return key
        }
        _ = group(GroupKey(.all, "all"))
        for population in Codes.populations { _ = group(GroupKey(.population, population)) }
        guard let world else {
            return OutcomesReport(position: position, asOf: nil, minCell: minCell, groups: sorted(groups))
        }
        for program in world.programs.values {
            _ = group(GroupKey(.program, program.id))
            _ = group(GroupKey(.sector, Self.sectorName(program.sector)))
        }
        for participant in world.participants {
            let timeline = ParticipantTimeline(facts: participant.facts, asOf: world.asOf)
            var personKeys = [GroupKey(.all, "all")]
            for (bit, name) in Codes.populations.enumerated() where participant.populations & (1 << bit) != 0 {
                personKeys.append(GroupKey(.population, name))
            }
            // Exit-based measures, per exited period.
            for period in timeline.periods {
                guard
                    let evaluation = ExitEvaluation(
                        period: period, facts: participant.facts, programs: world.programs, asOf: world.asOf),
                    !evaluation.isExcluded
                else { continue }
                var keys = personKeys
                var sectors: [String] = []
                for program in evaluation.programs {
                    keys.append(GroupKey(.program, program))
                    if let info = world.programs[program] {
                        let sector = Self.sectorName(info.sector)
                        if !sectors.contains(sector) { sectors.append(sector) }
                    }
                }
                for sector in sectors { keys.append(GroupKey(.sector, sector)) }
                keys.append(group(GroupKey(.exitQuarter, Dates.formatQuarter(Dates.quarter(of: evaluation.exit)))))
                for key in keys { groups[key]?.add(evaluation) }
            }
            // Completion rate and supportive services, dated ≤ D.
            var completions: [(program: String, completed: Bool)] = []
            for enrollment in timeline.enrollments where enrollment.fact.day <= world.asOf {
                if let ending = enrollment.ending, ending.day <= world.asOf {
                    completions.append((enrollment.program, ending.kind == .trainingCompleted))
                }
            }
            var supportive: Int64 = 0
            var hasSupportive = false
            var enrolledPrograms: [String] = []
            for fact in participant.facts where fact.day <= world.asOf {
                if fact.kind == .serviceGranted, fact.code >= Codes.firstSupportiveService, fact.code != Codes.unknown {
                    supportive += fact.amount
                    hasSupportive = true
                } else if fact.kind == .enrolled, !enrolledPrograms.contains(fact.ref) {
                    enrolledPrograms.append(fact.ref)
                }
            }
            for key in personKeys {
                groups[key]?.addCompletions(completions.lazy.map(\.completed))
                if hasSupportive { groups[key]?.addSupportive(supportive) }
            }
            var sectorsEnrolled: [String] = []
            for program in enrolledPrograms {
                guard let info = world.programs[program] else { continue }
                groups[GroupKey(.program, program)]?.addCompletions(
                    completions.lazy.filter { $0.program == program }.map(\.completed))
                if hasSupportive { groups[GroupKey(.program, program)]?.addSupportive(supportive) }
                let sector = Self.sectorName(info.sector)
                if !sectorsEnrolled.contains(sector) { sectorsEnrolled.append(sector) }
            }
            for sector in sectorsEnrolled where hasSupportive {
                groups[GroupKey(.sector, sector)]?.addSupportive(supportive)
            }
            // Sector completions: the enrollments in the sector's programs (whether or not still enrolled ≤ D).
            var bySector: [String: [Bool]] = [:]
            for completion in completions {
                guard let info = world.programs[completion.program] else { continue }
                bySector[Self.sectorName(info.sector), default: []].append(completion.completed)
            }
            for (sector, results) in bySector { groups[GroupKey(.sector, sector)]?.addCompletions(results) }
        }
        return OutcomesReport(position: position, asOf: world.asOf, minCell: minCell, groups: sorted(groups))
    }

    static func sectorName(_ code: UInt8) -> String {
        Int(code) < Codes.sectors.count ? Codes.sectors[Int(code)] : "unknown"
    }

    private static func sorted(_ groups: [GroupKey: OutcomeGroup]) -> [OutcomeGroup] {
        groups.sorted { a, b in
            a.key.dimension != b.key.dimension
                ? a.key.dimension.rawValue < b.key.dimension.rawValue : a.key.value.precedesByCodePoint(b.key.value)
        }.map(\.value)
    }
}

/// A group's identity: dimension (in report order) and value.
struct GroupKey: Hashable {
    enum Dimension: Int {
        case all, program, sector, population, exitQuarter
        var name: String {
            switch self {
            case .all: return "all"
            case .program: return "program"
            case .sector: return "sector"
            case .population: return "population"
            case .exitQuarter: return "exitQuarter"
            }
        }
    }
    let dimension: Dimension
    let value: String
    init(_ dimension: Dimension, _ value: String) {
        self.dimension = dimension
        self.value = value
    }
}

extension OutcomeGroup {
    mutating func add(_ e: ExitEvaluation) {
        exiters += 1
        if e.inQ2Cohort {
            employmentQ2.denominator += 1
            if let wages = e.q2Wages {
                employmentQ2.numerator += 1
                medianEarningsQ2.values.append(wages.cents)
            }
        }
        if e.inQ4Cohort {
            employmentQ4.denominator += 1
            if e.q4Wages != nil { employmentQ4.numerator += 1 }
        }
        if e.inCredentialCohort {
            credentialRate.denominator += 1
            if e.credential != nil { credentialRate.numerator += 1 }
        }
        if e.inPlacementCohort {
            placementRate.denominator += 1
            if let hire = e.hire {
                placementRate.numerator += 1
                medianWageAtHire.values.append(hire.wageCents)
                medianDaysToHire.values.append(hire.days)
            }
        }
    }

    mutating func addCompletions(_ results: some Sequence<Bool>) {
        guard completionRate != nil else { return }
        for completed in results {
            completionRate?.denominator += 1
            if completed { completionRate?.numerator += 1 }
        }
    }

    mutating func addSupportive(_ cents: Int64) {
        guard supportiveServices != nil else { return }
        supportiveServices?.value += cents
        supportiveServices?.denominator += 1
    }
}
