/// A program as the simulation tracks it.
struct ProgramState {
    let spec: ProgramSpec
    /// `PRG-01` …
    let id: String
    /// `01` … (for event ids).
    let tag: String
    let launchDay: Int
    /// Weeks between cohort starts.
    let cadenceWeeks: Int
    /// Relative share of new participants it attracts once launched.
    let demandWeight: Double
    /// After this day no one new is matched to it; it closes when its queue is empty.
    let windDownDay: Int
    var launched = false
    var closed = false
    /// The capacity of its latest `registered` / `capacity_changed`.
    var capacity = 0
    /// The smallest capacity in force at any point of the current batch (capacity changes are never late).
    var capacityThisWeek = 0
    /// Active enrollments as the ledger sees them: enrollments appended minus endings and voids appended
    /// in closed batches (conservative inside the current batch).
    var ledgerActive = 0
    /// Participants matched or waitlisted, waiting for a cohort, in order.
    var queue: [Int] = []
    var capacityChanges = 0
    var restoreCapacityTo = 0
    /// Employers that committed to hire its graduates.
    var committedEmployers: [Int] = []
    /// The day its next cohort starts (scheduled), for the planned gaps of the participants waiting for it.
    var nextCohortDay = Int.max
    /// Cost events emitted so far (for their event ids).
    var costEvents = 0
    /// Direct costs of the current month not yet matched by an administration charge, in cents.
    var adminAccrual = 0
}

/// An employer as the simulation tracks it.
struct EmployerState {
    let name: String
    let sector: Int
    /// `EMP-001` …
    let id: String
    let actor: String
    let joinDay: Int
    var registered = false
    var commitments = 0
}

/// A case manager (`cm-NNN`).
struct CaseManager {
    let id: String
    let actor: String
    /// Participants currently in the caseload (registered, not yet exited).
    var load = 0
    var active = true
}

/// One job: a span of days at an hourly wage.
struct EmploymentSpell {
    let start: Int
    /// The first day no longer employed (Int.max: still employed).
    var end: Int
    let hourlyCents: Int
    let hoursPerWeek: Double
    /// The wage record's employer reference (`EMP-…` or a UI account `UI-…`), or nil when the match has none.
    let employerReference: String?
}

/// A subsidized on-the-job placement: the host employer and the job.
struct OnTheJobPlacement {
    let employer: Int
    let occupation: String
    let hourlyCents: Int
}

/// Where a participant is in the program.
enum Stage {
    case registered, advised, queued, waitlisted, enrolled, searching, done, exited
}

/// Barrier and population flags.
struct PersonFlags: OptionSet {
    let rawValue: UInt16
    static let disability = PersonFlags(rawValue: 1 << 0)
    static let reentry = PersonFlags(rawValue: 1 << 1)
    static let opportunityYouth = PersonFlags(rawValue: 1 << 2)
    static let veteran = PersonFlags(rawValue: 1 << 3)
    static let immigrant = PersonFlags(rawValue: 1 << 4)
    static let englishLearner = PersonFlags(rawValue: 1 << 5)
    static let lowIncome = PersonFlags(rawValue: 1 << 6)
    static let homeless = PersonFlags(rawValue: 1 << 7)
    static let singleParent = PersonFlags(rawValue: 1 << 8)
    static let longTermUnemployed = PersonFlags(rawValue: 1 << 9)
    static let employed = PersonFlags(rawValue: 1 << 10)
    static let female = PersonFlags(rawValue: 1 << 11)
    static let youth = PersonFlags(rawValue: 1 << 12)
}

/// A participant as the simulation tracks it.
struct Participant {
    /// `P-100001` …
    let id: String
    let number: Int
    let registrationDay: Int
    let flags: PersonFlags
    var intendedProgram: Int
    var caseManager = -1
    /// Counter for this participant's event ids.
    var counter = 0
    /// Bumped whenever a plan changes, so that stale scheduled actions do nothing.
    var serial = 0
    var stage = Stage.registered
    var program = -1
    var enrollDay = 0
    var plannedEndDay = 0
    var completes = false
    var waitCount = 0
    var lastEndedProgram = -1
    var lastEndBatch = -1
    var lastParticipationDay = Int.min
    var periods = 0
    var inCaseload = false
    var spells: [EmploymentSpell] = []
    /// The on-the-job placement of the current enrollment, if any.
    var onTheJob: OnTheJobPlacement?
    /// Planned gaps in service recorded for this participant (each recorded on its first day).
    var gaps: [(start: Int, end: Int)] = []
    /// The fund that pays this participant's individual tuition and supportive services (index into the
    /// simulation's funds), or −1 when the program's main fund pays.
    var fund = -1
    /// Quarters whose wages the quarterly match reports for this participant.
    var trackFromQuarter = Int.max
    var trackUntilQuarter = Int.max

    init(id: String, number: Int, registrationDay: Int, flags: PersonFlags, intendedProgram: Int) {
        self.id = id
        self.number = number
        self.registrationDay = registrationDay
        self.flags = flags
        self.intendedProgram = intendedProgram
    }

    /// The next event id for this participant, `<prefix>-<number>-<n>`.
    mutating func nextEventId(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(number)-\(counter)"
    }

    /// The day after which a period of participation whose last participation-causing event was on `last` has
    /// exited: the 91st day after it that is not a planned-gap day (REPORTS.md section 2).
    func exitClockDay(after last: Int) -> Int {
        var day = last
        var counted = 0
        while counted < 91 {
            day += 1
            if !gaps.contains(where: { $0.start <= day && day <= $0.end }) { counted += 1 }
        }
        return day
    }

    /// Whether a job is held on `day`.
    func isEmployed(on day: Int) -> Bool {
        spells.contains { $0.start <= day && day < $0.end }
    }
}

/// Supportive services (REPORTS.md: not participation-causing).
enum SupportKind {
    case transportation, childcare, otherSupportive, workSupplies, housing

    var code: StaticString {
        switch self {
        case .transportation: return "transportation"
        case .childcare: return "childcare"
        case .otherSupportive: return "other_supportive"
        case .workSupplies: return "work_supplies"
        case .housing: return "housing"
        }
    }
}

/// Exit exclusion reasons (EVENTS.md `participant.exit_excluded`).
enum ExclusionReason {
    case institutionalized, healthMedical, deceased, reserveForcesCalled, fosterCare

    var code: StaticString {
        switch self {
        case .institutionalized: return "institutionalized"
        case .healthMedical: return "health_medical"
        case .deceased: return "deceased"
        case .reserveForcesCalled: return "reserve_forces_called"
        case .fosterCare: return "foster_care"
        }
    }
}
