import LedgerStore

/// One workforce event's payload: a case per event type of EVENTS.md section 3.
public enum WorkforceEvent: Sendable, Equatable {
    case programRegistered(ProgramRegistered)
    case programCapacityChanged(ProgramCapacityChanged)
    case employerRegistered(EmployerRegistered)
    case employerHiringCommitted(EmployerHiringCommitted)
    case participantRegistered(ParticipantRegistered)
    case caseManagerAssigned(CaseManagerAssigned)
    case matched(ParticipantProgram)
    case waitlisted(ParticipantProgram)
    case enrolled(ParticipantProgram)
    case serviceGranted(ServiceGranted)
    case trainingCompleted(ParticipantProgram)
    case trainingWithdrawn(TrainingWithdrawn)
    case credentialEarned(CredentialEarned)
    case hired(Hired)
    case employmentVerified(EmploymentVerified)
    case exitExcluded(ExitExcluded)
    case eventVoided(EventVoided)
    case gapInServicePlanned(GapInServicePlanned)
    case skillGain(SkillGain)
    case quarterClosed(QuarterClosed)
    case fundRegistered(FundRegistered)
    case fundBudgetChanged(FundBudgetChanged)
    case costIncurred(ProgramCostIncurred)

    /// The event's `type` as written in the input and stored.
    public var type: EventType {
        switch self {
        case .programRegistered: return .programRegistered
        case .programCapacityChanged: return .programCapacityChanged
        case .employerRegistered: return .employerRegistered
        case .employerHiringCommitted: return .employerHiringCommitted
        case .participantRegistered: return .participantRegistered
        case .caseManagerAssigned: return .caseManagerAssigned
        case .matched: return .matched
        case .waitlisted: return .waitlisted
        case .enrolled: return .enrolled
        case .serviceGranted: return .serviceGranted
        case .trainingCompleted: return .trainingCompleted
        case .trainingWithdrawn: return .trainingWithdrawn
        case .credentialEarned: return .credentialEarned
        case .hired: return .hired
        case .employmentVerified: return .employmentVerified
        case .exitExcluded: return .exitExcluded
        case .eventVoided: return .eventVoided
        case .gapInServicePlanned: return .gapInServicePlanned
        case .skillGain: return .skillGain
        case .quarterClosed: return .quarterClosed
        case .fundRegistered: return .fundRegistered
        case .fundBudgetChanged: return .fundBudgetChanged
        case .costIncurred: return .costIncurred
        }
    }

    /// The participant the event is about, for `participant.*` events.
    public var participantId: String? {
        switch self {
        case .participantRegistered(let e): return e.participantId
        case .caseManagerAssigned(let e): return e.participantId
        case .matched(let e), .waitlisted(let e), .enrolled(let e), .trainingCompleted(let e): return e.participantId
        case .serviceGranted(let e): return e.participantId
        case .trainingWithdrawn(let e): return e.participantId
        case .credentialEarned(let e): return e.participantId
        case .hired(let e): return e.participantId
        case .employmentVerified(let e): return e.participantId
        case .exitExcluded(let e): return e.participantId
        case .gapInServicePlanned(let e): return e.participantId
        case .skillGain(let e): return e.participantId
        default: return nil
        }
    }

    /// The registered entities this event refers to (besides the one a `*.registered` event creates).
    /// A `*.registered` event that a live event refers to cannot be voided. The `employerId` of a wage record
    /// is not a reference.
    public var references: EntityReferences {
        switch self {
        case .programRegistered, .employerRegistered, .participantRegistered, .fundRegistered, .eventVoided,
            .quarterClosed:
            return EntityReferences()
        case .programCapacityChanged(let e): return EntityReferences(programId: e.programId)
        case .employerHiringCommitted(let e): return EntityReferences(programId: e.programId, employerId: e.employerId)
        case .caseManagerAssigned(let e): return EntityReferences(participantId: e.participantId)
        case .matched(let e), .waitlisted(let e), .enrolled(let e), .trainingCompleted(let e):
            return EntityReferences(participantId: e.participantId, programId: e.programId)
        case .serviceGranted(let e): return EntityReferences(participantId: e.participantId, fundId: e.fundId)
        case .trainingWithdrawn(let e): return EntityReferences(participantId: e.participantId, programId: e.programId)
        case .credentialEarned(let e): return EntityReferences(participantId: e.participantId, programId: e.programId)
        case .hired(let e): return EntityReferences(participantId: e.participantId, employerId: e.employerId)
        case .employmentVerified(let e): return EntityReferences(participantId: e.participantId)
        case .exitExcluded(let e): return EntityReferences(participantId: e.participantId)
        case .gapInServicePlanned(let e): return EntityReferences(participantId: e.participantId)
        case .skillGain(let e): return EntityReferences(participantId: e.participantId, programId: e.programId)
        case .fundBudgetChanged(let e): return EntityReferences(fundId: e.fundId)
        case .costIncurred(let e): return EntityReferences(programId: e.programId, fundId: e.fundId)
        }
    }

    /// The stream of every type but `ledger.event_voided` (whose stream is its target's): `participant-<id>`,
    /// `program-<id>`, `employer-<id>`, `fund-<id>` or `wages-<quarter>` (``StreamKind``).
    public var ownStream: String? {
        switch self {
        case .programRegistered(let e): return StreamKind.program.stream(for: e.programId)
        case .programCapacityChanged(let e): return StreamKind.program.stream(for: e.programId)
        case .costIncurred(let e): return StreamKind.program.stream(for: e.programId)
        case .employerRegistered(let e): return StreamKind.employer.stream(for: e.employerId)
        case .employerHiringCommitted(let e): return StreamKind.employer.stream(for: e.employerId)
        case .fundRegistered(let e): return StreamKind.fund.stream(for: e.fundId)
        case .fundBudgetChanged(let e): return StreamKind.fund.stream(for: e.fundId)
        case .quarterClosed(let e): return StreamKind.wages.stream(for: e.quarter.description)
        case .eventVoided: return nil
        default: return participantId.map { StreamKind.participant.stream(for: $0) }
        }
    }
}

/// The registered entities an event refers to.
public struct EntityReferences: Sendable, Equatable {
    /// The participant referred to, if any.
    public var participantId: String?
    /// The program referred to, if any.
    public var programId: String?
    /// The registered employer referred to, if any (never a wage record's `employerId`).
    public var employerId: String?
    /// The registered fund referred to, if any.
    public var fundId: String?

    /// Creates references to the given entities; `nil` for none of that kind.
    public init(participantId: String? = nil, programId: String? = nil, employerId: String? = nil, fundId: String? = nil) {
        self.participantId = participantId
        self.programId = programId
        self.employerId = employerId
        self.fundId = fundId
    }
}

/// The event types of EVENTS.md section 3, by their wire names.
///
/// `allCases` order is stable: types are only ever added, at the end (revision 2 added the six after
/// `eventVoided`), so an index into `allCases` keeps its meaning. ``Catalog`` describes each type.
public enum EventType: String, CaseIterable, Sendable, Hashable {
    case programRegistered = "program.registered"
    case programCapacityChanged = "program.capacity_changed"
    case employerRegistered = "employer.registered"
    case employerHiringCommitted = "employer.hiring_committed"
    case participantRegistered = "participant.registered"
    case caseManagerAssigned = "participant.case_manager_assigned"
    case matched = "participant.matched"
    case waitlisted = "participant.waitlisted"
    case enrolled = "participant.enrolled"
    case serviceGranted = "participant.service_granted"
    case trainingCompleted = "participant.training_completed"
    case trainingWithdrawn = "participant.training_withdrawn"
    case credentialEarned = "participant.credential_earned"
    case hired = "participant.hired"
    case employmentVerified = "participant.employment_verified"
    case exitExcluded = "participant.exit_excluded"
    case eventVoided = "ledger.event_voided"
    case gapInServicePlanned = "participant.gap_in_service_planned"
    case skillGain = "participant.skill_gain"
    case quarterClosed = "wages.quarter_closed"
    case fundRegistered = "fund.registered"
    case fundBudgetChanged = "fund.budget_changed"
    case costIncurred = "program.cost_incurred"

    /// The kind of the type's own stream, from its name (`fund.*`: `.fund`); `nil` for `ledger.event_voided`,
    /// which belongs to the stream of the event it voids.
    public var streamKind: StreamKind? { Self.streamKinds[index] }

    private static let streamKinds: [StreamKind?] = allCases.map { StreamKind(typeName: $0.rawValue) }

    /// The type's name hashed as the store's tables hash it, kept per type (names are hashed with a per-process seed).
    var tableHash: Int { Self.tableHashes[index] }

    private static let tableHashes: [Int] = allCases.map { StringTable<UInt64>.hash($0.rawValue) }

    /// The `data` fields of the type: required ones and optional ones.
    public var fields: (required: [String], optional: [String]) { Self.fieldTable[index] }

    /// Every `data` field name the type accepts.
    var allFields: [String] { Self.allFieldTable[index] }

    /// The type's place in `allCases` (a jump table, not a hashed look-up: it is read several times per event).
    var index: Int {
        switch self {
        case .programRegistered: 0
        case .programCapacityChanged: 1
        case .employerRegistered: 2
        case .employerHiringCommitted: 3
        case .participantRegistered: 4
        case .caseManagerAssigned: 5
        case .matched: 6
        case .waitlisted: 7
        case .enrolled: 8
        case .serviceGranted: 9
        case .trainingCompleted: 10
        case .trainingWithdrawn: 11
        case .credentialEarned: 12
        case .hired: 13
        case .employmentVerified: 14
        case .exitExcluded: 15
        case .eventVoided: 16
        case .gapInServicePlanned: 17
        case .skillGain: 18
        case .quarterClosed: 19
        case .fundRegistered: 20
        case .fundBudgetChanged: 21
        case .costIncurred: 22
        }
    }

    /// From the catalog's table (``Catalog``), the one description of each type's fields.
    private static let fieldTable: [(required: [String], optional: [String])] = allCases.map { type in
        let fields = Catalog.entry(type).fields
        return (fields.filter(\.isRequired).map(\.name), fields.filter { !$0.isRequired }.map(\.name))
    }

    private static let allFieldTable: [[String]] = fieldTable.map { $0.required + $0.optional }

    /// The type's `data` fields in RFC 8785 order (the names are ASCII, so UTF-16 order is byte order), each with
    /// its canonical `"name":` prefix.
    var canonicalFields: [(name: String, keyBytes: [UInt8])] { Self.canonicalFieldTable[index] }

    private static let canonicalFieldTable: [[(name: String, keyBytes: [UInt8])]] = allFieldTable.map { fields in
        fields.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, Array("\"\($0)\":".utf8)) }
    }

    /// `true` for the `*.registered` types, which create an entity.
    public var isRegistration: Bool {
        self == .programRegistered || self == .employerRegistered || self == .participantRegistered
            || self == .fundRegistered
    }
}
