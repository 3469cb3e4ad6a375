/// Funding: the three funds, their budgets, the programs' costs and what each cost is charged to.
///
/// CareerConneCT's money comes from ARPA's State and Local Fiscal Recovery Funds (Treasury expenditure category
/// 2.10), with WIOA Adult money for individual training accounts and on-the-job training, and a state
/// appropriation for incumbent-worker training and administration. Providers are paid per cohort (40 % when it
/// starts, 60 % after it ends), state-run cohorts as instruction, materials when a cohort starts, tuition per
/// participant at enrollment, and administration monthly at 8 % of the month's direct costs.
extension Simulation {
    static let finance = "staff:ows-finance-01"

    /// The funds, in registration order (`FundRole` indexes them).
    static let fundSpecs: [FundSpec] = [
        FundSpec(
            id: "ARPA-SLFRF-CC", name: "CareerConneCT (ARPA State Fiscal Recovery Funds)", source: "arpa_slfrf",
            expenditureCategory: "2.10", budgetCents: 7_000_000_000),
        FundSpec(
            id: "WIOA-ADULT-CT", name: "WIOA Adult (training accounts and on-the-job training)",
            source: "wioa_adult", expenditureCategory: nil, budgetCents: 300_000_000),
        FundSpec(
            id: "STATE-WTF", name: "State Workforce Training Appropriation", source: "state",
            expenditureCategory: nil, budgetCents: 300_000_000),
    ]

    /// Registers the funds on the first day (before anything is charged to them) and plans their budget changes:
    /// WIOA's next two program-year allotments each July, and a larger state appropriation for fiscal year 2026.
    /// Budgets scale with the number of participants (the named amounts are for the default 6,000).
    mutating func planFunds() {
        for spec in Self.fundSpecs {
            let budget = scaledBudget(spec.budgetCents)
            funds.append(FundState(spec: spec, budget: budget))
            var line = EventLineWriter(
                type: "fund.registered", eventId: "fund-\(spec.id)-registered", day: startDay,
                minuteOfDay: localMinute(startDay, from: 9, to: 10), localTime: true, actor: Self.finance)
            line.string("fundId", spec.id)
            line.string("name", spec.name)
            line.code("source", spec.source)
            line.integer("budgetCents", budget)
            if let category = spec.expenditureCategory { line.string("expenditureCategory", category) }
            emit(line.finish(), day: startDay, minute: 0, sortKey: Self.registrationSortKey(startDay, 0))
        }
        let wioa = FundRole.wioa.rawValue
        let state = FundRole.state.rawValue
        schedule(
            .budgetChange(fund: wioa, cents: scaledBudget(560_000_000)), on: SimulatedCalendar.day(year: 2024, month: 7, day: 1))
        schedule(
            .budgetChange(fund: wioa, cents: scaledBudget(800_000_000)), on: SimulatedCalendar.day(year: 2025, month: 7, day: 1))
        schedule(
            .budgetChange(fund: state, cents: scaledBudget(450_000_000)), on: SimulatedCalendar.day(year: 2025, month: 7, day: 1))
        var month = SimulatedCalendar.civil(startDay)
        while true {
            month.month += 1
            if month.month > 12 { (month.year, month.month) = (month.year + 1, 1) }
            let day = SimulatedCalendar.day(year: month.year, month: month.month, day: 5)
            guard day <= endDay else { break }
            schedule(.monthlyAdministration, on: day)
        }
    }

    /// A budget for this history's size: the amount for 6,000 participants, scaled, in whole dollars.
    func scaledBudget(_ cents: Int) -> Int {
        cents / 100 * participantCount / 6000 * 100
    }

    mutating func changeBudget(_ fund: Int, to cents: Int, on day: Int) {
        funds[fund].budget = cents
        funds[fund].budgetChanges += 1
        var line = EventLineWriter(
            type: "fund.budget_changed", eventId: "fund-\(funds[fund].spec.id)-budget-\(funds[fund].budgetChanges)",
            day: day, minuteOfDay: localMinute(day, from: 9, to: 12), localTime: true, actor: Self.finance)
        line.string("fundId", funds[fund].spec.id)
        line.integer("budgetCents", cents)
        emit(line.finish(), day: day, minute: 0)
    }

    /// The fund that pays a program's cohort costs: the state for incumbent-worker training, WIOA for on-the-job
    /// training, ARPA otherwise.
    func cohortFund(_ program: Int) -> Int {
        let spec = programs[program].spec
        if spec.trainsIncumbents { return FundRole.state.rawValue }
        if spec.isOnTheJob { return FundRole.wioa.rawValue }
        return FundRole.arpa.rawValue
    }

    /// Plans what a cohort of `seats` enrollees costs: materials now, then the provider's invoices (or the
    /// state's instruction, or the on-the-job reimbursements) as the cohort runs and ends.
    mutating func planCohortCosts(_ program: Int, seats: Int, startingOn day: Int) {
        guard seats > 0 else { return }
        let spec = programs[program].spec
        let fund = cohortFund(program)
        let end = day + spec.weeks * 7
        let materials = max(15_000, spec.seatPriceCents * 7 / 100) / 100 * 100
        schedule(
            .programCost(program: program, fund: fund, category: .materials, cents: seats * materials),
            on: day + rng.int(in: 0...5))
        if spec.individualTuition { return }
        let total = seats * spec.seatPriceCents
        if sameText(spec.trainingType, "job_readiness") || spec.isCustomized {
            schedule(
                .programCost(program: program, fund: fund, category: .instruction, cents: total), on: end + rng.int(in: 0...10))
        } else if spec.isOnTheJob {
            schedule(
                .programCost(program: program, fund: fund, category: .trainingContract, cents: total),
                on: end + rng.int(in: 14...30))
        } else {
            let first = total * 40 / 100
            schedule(
                .programCost(program: program, fund: fund, category: .trainingContract, cents: first),
                on: day + rng.int(in: 7...14))
            schedule(
                .programCost(program: program, fund: fund, category: .trainingContract, cents: total - first),
                on: end + rng.int(in: 14...35))
        }
    }

    /// Emits `program.cost_incurred` (administration excepted, it accrues the month's administration charge).
    mutating func chargeCost(_ program: Int, fund: Int, category: CostCategory, cents: Int, on day: Int) {
        guard cents > 0 else { return }
        programs[program].costEvents += 1
        funds[fund].spent += cents
        if category != .administration { programs[program].adminAccrual += cents }
        var line = EventLineWriter(
            type: "program.cost_incurred", eventId: "cost-\(programs[program].tag)-\(programs[program].costEvents)",
            day: day, minuteOfDay: localMinute(day, from: 9, to: 16), localTime: true, actor: Self.finance)
        line.string("programId", programs[program].id)
        line.string("fundId", funds[fund].spec.id)
        line.code("category", category.code)
        line.integer("amountCents", cents)
        emit(line.finish(), day: day, minute: 0)
    }

    /// On the 5th of each month: the previous month's administration, 8 % of each program's direct costs,
    /// charged to the state appropriation.
    mutating func chargeAdministration(on day: Int) {
        for program in programs.indices where programs[program].adminAccrual > 0 {
            let cents = programs[program].adminAccrual * 8 / 100 / 100 * 100
            programs[program].adminAccrual = 0
            chargeCost(program, fund: FundRole.state.rawValue, category: .administration, cents: cents, on: day)
        }
    }

    /// Decides who pays a new enrollee's individual tuition and supportive services: WIOA Adult for low-income
    /// participants of tuition-funded programs while its budget lasts (WIOA's priority of service), else ARPA.
    mutating func assignFund(_ person: Int, program: Int) {
        let spec = programs[program].spec
        let wioa = FundRole.wioa.rawValue
        let eligible = spec.individualTuition && people[person].flags.contains(.lowIncome)
        people[person].fund =
            eligible && funds[wioa].spent + spec.seatPriceCents <= funds[wioa].budget ? wioa : -1
    }

    /// The fund a supportive service is charged to: the participant's own fund, else ARPA; a few services are
    /// donated by community partners and charged to no fund (nil).
    mutating func supportFund(_ person: Int) -> Int? {
        if people[person].fund >= 0 { return people[person].fund }
        return rng.chance(0.06) ? nil : FundRole.arpa.rawValue
    }

    /// Individual tuition at enrollment (participation-causing), charged to the participant's fund.
    mutating func chargeTuition(_ person: Int, program: Int, on day: Int) {
        let spec = programs[program].spec
        let fund = people[person].fund >= 0 ? people[person].fund : FundRole.arpa.rawValue
        funds[fund].spent += spec.seatPriceCents
        programs[program].adminAccrual += spec.seatPriceCents
        let manager = people[person].caseManager
        var line = EventLineWriter(
            type: "participant.service_granted", eventId: people[person].nextEventId("svc"), day: day,
            minuteOfDay: localMinute(day, from: 10, to: 16), localTime: true,
            actor: manager >= 0 ? caseManagers[manager].actor : "staff:intake-team")
        line.string("participantId", people[person].id)
        line.code("service", "tuition")
        line.integer("amountCents", spec.seatPriceCents)
        line.string("fundId", funds[fund].spec.id)
        emit(line.finish(), day: day, minute: 0)
        people[person].lastParticipationDay = max(people[person].lastParticipationDay, day)
    }
}

/// A fund's registration (EVENTS.md `fund.registered`).
struct FundSpec {
    let id: String
    let name: String
    let source: StaticString
    let expenditureCategory: String?
    /// The budget for a history of 6,000 participants.
    let budgetCents: Int
}

/// A fund as the simulation tracks it.
struct FundState {
    let spec: FundSpec
    /// Its latest budget, in cents.
    var budget: Int
    /// What has been charged to it so far, in cents.
    var spent = 0
    var budgetChanges = 0
}

/// The funds by role (indexes into ``Simulation/fundSpecs``).
enum FundRole: Int {
    case arpa = 0, wioa, state
}

/// Cost categories (EVENTS.md `program.cost_incurred`).
enum CostCategory {
    case trainingContract, instruction, materials, administration

    var code: StaticString {
        switch self {
        case .trainingContract: return "training_contract"
        case .instruction: return "instruction"
        case .materials: return "materials"
        case .administration: return "administration"
        }
    }
}
