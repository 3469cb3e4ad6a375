/// The funding report (REPORTS.md section 6): each fund's budget and spending by category, each program's cost
/// per person enrolled, completing and hired, and the sectoral training indicators of a window. Not suppressed:
/// it shows money and counts per fund and program, no person.
public struct FundingReport: Sendable, Equatable {
    /// The position N the report was computed at.
    public let position: UInt64
    /// The as-of date D; `nil` when no event counts and no `--as-of` was given.
    public let asOf: Day?
    /// `true` when `--as-of` was not given and ``asOf`` is the latest date of the known events (tables say so).
    public internal(set) var asOfIsDefault = false
    /// The sectoral window's first day, as given or defaulted (`nil` when there is nothing to default from).
    public let windowFrom: Day?
    /// The sectoral window's last day, as given or defaulted.
    public let windowTo: Day?
    /// One row per registered fund, sorted by id.
    public let funds: [FundRow]
    /// One row per registered program, sorted by id.
    public let programs: [ProgramCostRow]
    /// Workers enrolled in and completing sectoral training in the window.
    public let sectoralTraining: SectoralTraining

    /// The spending categories, in the order the report lists them.
    public static let categories =
        Vocabulary.costCategories + ["tuition", "supportive_services", "career_services"]
}

/// One fund's row.
public struct FundRow: Sendable, Equatable {
    /// The fund.
    public let fundId: String
    /// Its `source` code.
    public let source: String
    /// Its Treasury expenditure category, if registered with one.
    public let expenditureCategory: String?
    /// Budget cents of its latest registration or budget change (by date, then position) dated ≤ D.
    public let budget: Int64
    /// Spending charged to it, per category (only non-zero categories), in cents.
    public internal(set) var byCategory: [String: Int64] = [:]
    /// Distinct participants with a service charged to it, or enrolled ≤ D in a program with a cost charged to it.
    public internal(set) var participantsServed = 0
    /// The sum of ``byCategory``.
    public var spent: Int64 { byCategory.values.reduce(0, +) }
    /// budget − spent (negative when over budget).
    public var remaining: Int64 { budget - spent }
}

/// One program's cost and counts.
public struct ProgramCostRow: Sendable, Equatable {
    /// The program.
    public let programId: String
    /// Its name, for people (not in JSON or CSV).
    public let name: String
    /// Its `trainingType` code.
    public let trainingType: String
    /// Its costs dated ≤ D plus the fund-charged tuition of its enrollees granted while enrolled, in cents.
    public internal(set) var cost: Int64 = 0
    /// Distinct participants with an `enrolled` in it dated ≤ D.
    public internal(set) var enrolled = 0
    /// Distinct participants with a `training_completed` dated ≤ D closing such an enrollment.
    public internal(set) var completed = 0
    /// Of those completers, the ones hired on or after a counted completion, dated ≤ D.
    public internal(set) var hired = 0
    /// The positions of the cost lines and tuition services counted in ``cost`` (for `wfl explain --program`).
    public internal(set) var costPositions: [UInt64] = []

    /// cost / enrolled in whole cents, rounded half up; `nil` when no one enrolled.
    public var costPerEnrolled: Int64? { Rounding.halfUp(cost, enrolled) }
    /// cost / completed, rounded half up; `nil` when no one completed.
    public var costPerCompleted: Int64? { Rounding.halfUp(cost, completed) }
    /// cost / hired, rounded half up; `nil` when no completer was hired.
    public var costPerHired: Int64? { Rounding.halfUp(cost, hired) }
}

/// Treasury's sectoral training indicators (expenditure category 2.10): programs that are not `job_readiness`.
public struct SectoralTraining: Sendable, Equatable {
    /// Distinct participants with an `enrolled` dated in the window in such a program.
    public internal(set) var workersEnrolled = 0
    /// Distinct participants with a `training_completed` dated in the window of such a program.
    public internal(set) var workersCompleted = 0
    /// The same per sector, for every sector of a registered program, sorted by sector.
    public internal(set) var bySector: [(sector: String, enrolled: Int, completed: Int)] = []

    public static func == (a: SectoralTraining, b: SectoralTraining) -> Bool {
        a.workersEnrolled == b.workersEnrolled && a.workersCompleted == b.workersCompleted
            && a.bySector.elementsEqual(b.bySector) { $0 == $1 }
    }
}

extension FundingReport {
    static func compute(world: World?, query: ReportQuery) -> FundingReport {
        guard let world else {
            return FundingReport(
                position: query.position, asOf: nil, windowFrom: query.windowFrom, windowTo: query.windowTo, funds: [],
                programs: [], sectoralTraining: SectoralTraining())
        }
        let asOf = world.asOf
        let windowFrom = query.windowFrom ?? Dates.programYearStart(Dates.programYear(of: asOf))
        let windowTo = query.windowTo ?? asOf
        var funds: [String: FundRow] = [:]
        for info in world.funds.values {
            funds[info.id] = FundRow(
                fundId: info.id, source: Vocabulary.name(info.source, in: Vocabulary.fundSources),
                expenditureCategory: info.expenditureCategory, budget: info.budget)
        }
        var programs: [String: ProgramCostRow] = [:]
        var served: [String: Set<String>] = [:]
        /// Funds that paid each program's costs dated ≤ D.
        var programFunds: [String: Set<String>] = [:]
        for info in world.programs.values {
            var row = ProgramCostRow(
                programId: info.id, name: info.name,
                trainingType: Vocabulary.name(info.trainingType, in: Vocabulary.trainingTypes))
            for cost in info.costs {
                row.cost += cost.amount
                row.costPositions.append(cost.position)
                let category = Vocabulary.name(cost.code, in: Vocabulary.costCategories)
                funds[cost.ref]?.byCategory[category, default: 0] += cost.amount
                programFunds[info.id, default: []].insert(cost.ref)
            }
            programs[info.id] = row
        }
        var sectoral = SectoralTraining()
        var sectorCounts: [String: (enrolled: Int, completed: Int)] = [:]
        for info in world.programs.values {
            sectorCounts[Vocabulary.name(info.sector, in: Vocabulary.sectors)] = (0, 0)
        }
        let windowEnd = min(windowTo, asOf)
        for participant in world.participants {
            var services: [Fact] = []
            var hires: [Day] = []
            var enrolledIn: Set<String> = []
            var sectoralEnrolled: Set<String> = []
            var sectoralCompleted: Set<String> = []
            for fact in participant.facts where fact.day <= asOf {
                switch fact.kind {
                case .serviceGranted:
                    services.append(fact)
                    guard !fact.ref.isEmpty, let category = Vocabulary.spendingCategory(service: fact.code) else {
                        continue
                    }
                    if funds[fact.ref] != nil {
                        funds[fact.ref]?.byCategory[category, default: 0] += fact.amount
                        served[fact.ref, default: []].insert(participant.id)
                    }
                case .hired:
                    hires.append(fact.day)
                case .enrolled:
                    enrolledIn.insert(fact.ref)
                    if let info = world.programs[fact.ref], info.trainingType != Vocabulary.jobReadiness,
                        fact.day >= windowFrom, fact.day <= windowEnd
                    {
                        sectoralEnrolled.insert(Vocabulary.name(info.sector, in: Vocabulary.sectors))
                    }
                case .trainingCompleted:
                    if let info = world.programs[fact.ref], info.trainingType != Vocabulary.jobReadiness,
                        fact.day >= windowFrom, fact.day <= windowEnd
                    {
                        sectoralCompleted.insert(Vocabulary.name(info.sector, in: Vocabulary.sectors))
                    }
                default:
                    break
                }
            }
            for program in enrolledIn {
                programs[program]?.enrolled += 1
                for fund in programFunds[program] ?? [] where funds[fund] != nil {
                    served[fund, default: []].insert(participant.id)
                }
            }
            if !sectoralEnrolled.isEmpty { sectoral.workersEnrolled += 1 }
            if !sectoralCompleted.isEmpty { sectoral.workersCompleted += 1 }
            for sector in sectoralEnrolled { sectorCounts[sector]?.enrolled += 1 }
            for sector in sectoralCompleted { sectorCounts[sector]?.completed += 1 }

            // Completions and hires: endings dated ≤ D closing an enrollment dated ≤ D.
            var completionDays: [String: [Day]] = [:]
            // Tuition charged to a fund, granted from an enrollment's date to its ending's date or D.
            var tuition: [String: Set<UInt64>] = [:]
            for enrollment in ParticipantTimeline.enrollments(of: participant.facts) where enrollment.fact.day <= asOf {
                if let ending = enrollment.ending, ending.day <= asOf, ending.kind == .trainingCompleted {
                    completionDays[enrollment.program, default: []].append(ending.day)
                }
                let last = min(enrollment.ending?.day ?? asOf, asOf)
                for service in services
                where service.code == Vocabulary.tuition && !service.ref.isEmpty && service.day >= enrollment.fact.day
                    && service.day <= last
                {
                    tuition[enrollment.program, default: []].insert(service.position)
                }
            }
            for (program, days) in completionDays {
                programs[program]?.completed += 1
                if let lastHire = hires.max(), days.contains(where: { $0 <= lastHire }) { programs[program]?.hired += 1 }
            }
            for (program, positions) in tuition {
                for service in services where positions.contains(service.position) {
                    programs[program]?.cost += service.amount
                    programs[program]?.costPositions.append(service.position)
                }
            }
        }
        for (fund, people) in served { funds[fund]?.participantsServed = people.count }
        sectoral.bySector = sectorCounts.keys.sorted { $0.precedesByCodePoint($1) }.map { sector in
            (sector, sectorCounts[sector]?.enrolled ?? 0, sectorCounts[sector]?.completed ?? 0)
        }
        return FundingReport(
            position: query.position, asOf: asOf, windowFrom: windowFrom, windowTo: windowTo,
            funds: funds.values.sorted { $0.fundId.precedesByCodePoint($1.fundId) },
            programs: programs.values.map { row in
                var row = row
                row.costPositions.sort()
                return row
            }.sorted { $0.programId.precedesByCodePoint($1.programId) },
            sectoralTraining: sectoral)
    }
}
