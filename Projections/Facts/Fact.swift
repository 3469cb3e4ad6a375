/// What a stored event contributes to the read models, reduced to the few fields the reports use.
///
/// Facts are kept per entity (participant, program, employer: the event's stream) in position order, so that any
/// (position N, date D) can be answered by filtering them: positions ≤ N, voids known at N applied, dates ≤ D.
public struct Fact: Sendable, Equatable {
    /// The event's global position.
    public var position: UInt64
    /// The UTC calendar date of `occurredAt`.
    public var day: Day
    /// The kind of event the fact comes from.
    public var kind: FactKind
    /// A small code: the service, credential type, population bits, or sector | trainingType << 4.
    public var code: UInt8
    /// Cents, seats or positions, by kind.
    public var amount: Int64
    /// The quarter of a wage record, or the position a void targets.
    public var aux: UInt64
    /// The id the event names: a program, employer or case manager ("" when none).
    public var ref: String

    /// Creates a fact; the fields a kind does not use stay 0 or empty.
    public init(position: UInt64, day: Day, kind: FactKind, code: UInt8 = 0, amount: Int64 = 0, aux: UInt64 = 0, ref: String = "")
    {
        self.position = position
        self.day = day
        self.kind = kind
        self.code = code
        self.amount = amount
        self.aux = aux
        self.ref = ref
    }
}

/// The kinds of fact, one per event type the reports read.
public enum FactKind: UInt8, Sendable, CaseIterable {
    case programRegistered = 1
    case capacityChanged
    case employerRegistered
    /// An `employer.hiring_committed`; the program it names, if any, is the fact's `ref`.
    case hiringCommitted
    case participantRegistered
    case caseManagerAssigned
    case matched
    case waitlisted
    case enrolled
    case serviceGranted
    case trainingCompleted
    case trainingWithdrawn
    case credentialEarned
    case hired
    case employmentVerified
    case exitExcluded
    /// A `ledger.event_voided`; the voided position is the fact's `aux`.
    case voided

    /// The event type, as stored.
    public var eventType: String {
        switch self {
        case .programRegistered: return "program.registered"
        case .capacityChanged: return "program.capacity_changed"
        case .employerRegistered: return "employer.registered"
        case .hiringCommitted: return "employer.hiring_committed"
        case .participantRegistered: return "participant.registered"
        case .caseManagerAssigned: return "participant.case_manager_assigned"
        case .matched: return "participant.matched"
        case .waitlisted: return "participant.waitlisted"
        case .enrolled: return "participant.enrolled"
        case .serviceGranted: return "participant.service_granted"
        case .trainingCompleted: return "participant.training_completed"
        case .trainingWithdrawn: return "participant.training_withdrawn"
        case .credentialEarned: return "participant.credential_earned"
        case .hired: return "participant.hired"
        case .employmentVerified: return "participant.employment_verified"
        case .exitExcluded: return "participant.exit_excluded"
        case .voided: return "ledger.event_voided"
        }
    }

    /// Whether the kind is participation-causing by its type alone (services depend on their code).
    var isEnding: Bool { self == .trainingCompleted || self == .trainingWithdrawn }
}

/// The code lists of EVENTS.md that the reports distinguish, as small numbers.
public enum Codes {
    /// `service` values; the first four cause participation, the rest are supportive.
    public static let services = [
        "career_advising", "case_management", "job_search_assistance", "tuition",
        "childcare", "transportation", "housing", "work_supplies", "other_supportive",
    ]
    /// `service` codes below this one cause participation; the others are supportive services.
    public static let firstSupportiveService: UInt8 = 4

    /// `credentialType` values, indexed by a fact's `code`.
    public static let credentialTypes = [
        "industry_certification", "occupational_license", "occupational_certificate", "apprenticeship_certificate",
        "associate_degree", "bachelor_degree", "secondary_diploma", "certificate_of_completion",
    ]
    static let secondaryDiploma: UInt8 = 6
    static let certificateOfCompletion: UInt8 = 7

    /// `sector` values, indexed by the low four bits of a program fact's `code`.
    public static let sectors = ["manufacturing", "information_technology", "health_care", "infrastructure", "clean_energy"]
    /// `trainingType` values, indexed by the high four bits of a program fact's `code`.
    public static let trainingTypes = [
        "occupational_skills", "apprenticeship", "skill_upgrading", "job_readiness", "on_the_job", "customized",
    ]
    static let onTheJob: UInt8 = 4
    static let customized: UInt8 = 5

    /// The seven population groups, in the bit order of a registration fact's `code`.
    public static let populations = ["bipoc", "woman", "disability", "reentry", "opportunity_youth", "veteran", "immigrant"]

    /// A code not in its list.
    static let unknown: UInt8 = 255
}
