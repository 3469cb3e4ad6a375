/// The `data` of each event type (EVENTS.md section 3), decoded and validated. Money is integer cents.

/// `program.registered`: a training program and its seats.
public struct ProgramRegistered: Sendable, Equatable {
    /// The program's id, which names its stream `program-<programId>`.
    public var programId: String
    /// The program's display name.
    public var name: String
    /// The organization that delivers the training.
    public var provider: String
    /// The industry the program trains for.
    public var sector: Sector
    /// The kind of training; `onTheJob` and `customized` programs are outside the credential-rate cohort.
    public var trainingType: TrainingType
    /// Seats (≥ 0).
    public var capacity: Int64
}

/// `program.capacity_changed`: the program's seats from now on.
public struct ProgramCapacityChanged: Sendable, Equatable {
    /// The program whose capacity changes.
    public var programId: String
    /// Seats (≥ 0) from this event on; a cut below the active enrollments closes none of them.
    public var capacity: Int64
}

/// `employer.registered`.
public struct EmployerRegistered: Sendable, Equatable {
    /// The employer's id, which names its stream `employer-<employerId>`.
    public var employerId: String
    /// The employer's display name.
    public var name: String
    /// The employer's industry.
    public var sector: Sector
}

/// `employer.hiring_committed`: an employer's pledge to hire, optionally from one program's graduates.
public struct EmployerHiringCommitted: Sendable, Equatable {
    /// The registered employer making the pledge.
    public var employerId: String
    /// Positions pledged (≥ 1).
    public var positions: Int64
    /// The registered program whose graduates the employer will hire; `nil` for a pledge to no particular program.
    public var programId: String?
}

/// `participant.registered`: a pseudonymous person and the characteristics reports group by.
public struct ParticipantRegistered: Sendable, Equatable {
    /// The participant's pseudonymous id, which names its stream `participant-<participantId>`.
    public var participantId: String
    /// The participant's county (any non-empty string).
    public var county: String
    /// Year of birth, 1900–2100 (never the full birth date).
    public var birthYear: Int64
    /// Self-identified sex; `female` puts the participant in the `woman` population.
    public var sex: Sex
    /// Distinct codes; `did_not_self_identify` only alone; possibly empty.
    public var raceEthnicity: [RaceEthnicity]
    /// Distinct codes; possibly empty.
    public var barriers: [Barrier]
    /// Employment status at registration.
    public var employmentStatus: EmploymentStatus
}

/// `participant.case_manager_assigned`.
public struct CaseManagerAssigned: Sendable, Equatable {
    /// The registered participant being assigned.
    public var participantId: String
    /// The case manager's id; never `unassigned`, which reports reserve for participants without one.
    public var caseManagerId: String
}

/// A participant and a program: `participant.matched`, `.waitlisted`, `.enrolled`, `.training_completed`.
public struct ParticipantProgram: Sendable, Equatable {
    /// The registered participant.
    public var participantId: String
    /// The registered program.
    public var programId: String
}

/// `participant.service_granted`.
public struct ServiceGranted: Sendable, Equatable {
    /// The registered participant who receives the service.
    public var participantId: String
    /// What was provided; `childcare`, `transportation`, `housing`, `workSupplies` and `otherSupportive` are
    /// supportive services, the rest cause participation.
    public var service: Service
    /// Cost in cents (≥ 0).
    public var amountCents: Int64
    /// The registered fund charged, if any (added in revision 2).
    public var fundId: String?
}

/// `participant.training_withdrawn`.
public struct TrainingWithdrawn: Sendable, Equatable {
    /// The participant leaving training; they must be actively enrolled in `programId`.
    public var participantId: String
    /// The program left; the withdrawal closes every open enrollment of the participant in it.
    public var programId: String
    /// Why the participant left, as free text.
    public var reason: String
}

/// `participant.credential_earned`.
public struct CredentialEarned: Sendable, Equatable {
    /// The registered participant who earned the credential.
    public var participantId: String
    /// The credential's name.
    public var credential: String
    /// The credential's kind; `certificateOfCompletion` never counts toward the credential rate.
    public var credentialType: CredentialType
    /// The registered program the credential came from, if any.
    public var programId: String?
}

/// `participant.hired`.
public struct Hired: Sendable, Equatable {
    /// The registered participant hired.
    public var participantId: String
    /// The registered employer that hired them.
    public var employerId: String
    /// SOC code `NN-NNNN`.
    public var occupation: String
    /// ≥ 1.
    public var hourlyWageCents: Int64
    /// In (0, 80].
    public var hoursPerWeek: Double
}

/// A calendar quarter, `YYYYQn`.
public struct Quarter: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar year.
    public var year: Int
    /// 1…4.
    public var number: Int

    /// Creates the quarter `number` (1…4) of `year`; the values are not checked.
    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    /// A single ordinal: `year * 4 + number - 1`.
    public var ordinal: Int { year * 4 + number - 1 }

    /// Creates the quarter whose ``ordinal`` is `ordinal` (the inverse of ``ordinal`` for non-negative values).
    public init(ordinal: Int) {
        self.init(year: ordinal / 4, number: ordinal % 4 + 1)
    }

    /// Chronological order.
    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { lhs.ordinal < rhs.ordinal }

    /// `2025Q1`.
    public var description: String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "Q" + String(number)
    }
}

/// `participant.employment_verified`: one quarter's wage record.
public struct EmploymentVerified: Sendable, Equatable {
    /// The registered participant the wage record belongs to.
    public var participantId: String
    /// The calendar quarter the wages were paid in (not the event's date); at most one live record per participant
    /// and quarter.
    public var quarter: Quarter
    /// All wages that quarter, in cents (≥ 0).
    public var wagesCents: Int64
    /// Where the wage record comes from.
    public var source: WageSource
    /// The wage record's own employer reference; need not be registered, and is no reference to one.
    public var employerId: String?
}

/// `participant.exit_excluded`.
public struct ExitExcluded: Sendable, Equatable {
    /// The registered participant excluded.
    public var participantId: String
    /// Why the participant's exit is excluded from exit-based measures.
    public var reason: ExclusionReason
}

/// `ledger.event_voided`: the target counts as if it had never been appended.
public struct EventVoided: Sendable, Equatable {
    /// The `eventId` of the event voided: a stored event that is not voided already, not itself a void, and not a
    /// `*.registered` event a live event still refers to.
    public var targetEventId: String
    /// Why the event is voided, as free text.
    public var reason: String
}

/// `participant.gap_in_service_planned`: a documented, planned pause in a participant's services; the exit clock
/// does not run on its days (REPORTS.md).
public struct GapInServicePlanned: Sendable, Equatable {
    /// The registered participant whose services pause.
    public var participantId: String
    /// Why the services pause.
    public var reason: GapReason
    /// The gap's first day.
    public var startDate: CalendarDate
    /// The gap's last day: on or after `startDate`, at most 364 days after it.
    public var endDate: CalendarDate
}

/// `participant.skill_gain`: one of WIOA's measurable skill gains.
public struct SkillGain: Sendable, Equatable {
    /// The registered participant who made the gain.
    public var participantId: String
    /// The kind of gain.
    public var gainType: SkillGainType
    /// The registered program the gain came from, if any.
    public var programId: String?
}

/// `wages.quarter_closed`: the state's wage records for a quarter have all been matched, so a participant with no
/// wage record for it was not employed in it.
public struct QuarterClosed: Sendable, Equatable {
    /// The quarter closed; the event's UTC date must be after its last day, and at most one live close per quarter.
    public var quarter: Quarter
    /// Where the evidence comes from.
    public var source: QuarterCloseSource
}

/// `fund.registered`: a source of money that services and program costs are charged to.
public struct FundRegistered: Sendable, Equatable {
    /// The fund's id, which names its stream `fund-<fundId>`.
    public var fundId: String
    /// The fund's display name.
    public var name: String
    /// Where the money comes from.
    public var source: FundSource
    /// The budget in cents (≥ 0).
    public var budgetCents: Int64
    /// The funder's expenditure category, free text (e.g. `2.10`, Treasury's "Assistance to Unemployed or
    /// Underemployed Workers"), if any.
    public var expenditureCategory: String?
}

/// `fund.budget_changed`: the fund's budget from now on.
public struct FundBudgetChanged: Sendable, Equatable {
    /// The registered fund.
    public var fundId: String
    /// The budget in cents (≥ 0).
    public var budgetCents: Int64
}

/// `program.cost_incurred`: money a program spent, charged to a fund.
public struct ProgramCostIncurred: Sendable, Equatable {
    /// The registered program that spent it.
    public var programId: String
    /// The registered fund charged.
    public var fundId: String
    /// What the money paid for.
    public var category: CostCategory
    /// Cents (≥ 0).
    public var amountCents: Int64
}
