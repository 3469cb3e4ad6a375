import WorkforceEvents

/// What a stored event contributes to the read models, reduced to the few fields the reports use.
///
/// Facts are kept per entity (participant, program, employer, fund, wage quarter: the event's stream) in position
/// order, so that any (position N, date D) can be answered by filtering them: positions ≤ N, voids known at N
/// applied, dates ≤ D. What each field holds depends on the kind; ``FactKind`` documents it.
public struct Fact: Sendable, Equatable {
    /// The event's global position.
    public var position: UInt64
    /// The UTC calendar date of `occurredAt`.
    public var day: Day
    /// The kind of event the fact comes from.
    public var kind: FactKind
    /// A small code: an index into one of the catalog's code lists (``Vocabulary``), by kind.
    public var code: UInt8
    /// Cents, seats, positions, a birth year or a start day, by kind.
    public var amount: Int64
    /// A quarter, population bits, an end day, or the position a void targets, by kind.
    public var aux: UInt64
    /// The id the event names (a program, employer, case manager or fund), or a short text; "" when none.
    public var ref: String

    /// Creates a fact; the fields a kind does not use stay 0 or empty.
    public init(
        position: UInt64, day: Day, kind: FactKind, code: UInt8 = 0, amount: Int64 = 0, aux: UInt64 = 0, ref: String = ""
    ) {
        self.position = position
        self.day = day
        self.kind = kind
        self.code = code
        self.amount = amount
        self.aux = aux
        self.ref = ref
    }
}

/// The kinds of fact, one per event type the reports read, with what each fact field holds.
public enum FactKind: UInt8, Sendable, CaseIterable {
    /// `code`: sector | trainingType << 4; `amount`: capacity; `ref`: the program's name.
    case programRegistered = 1
    /// `amount`: capacity.
    case capacityChanged
    case employerRegistered
    /// `amount`: positions; `ref`: the program it names, if any.
    case hiringCommitted
    /// `code`: sex; `amount`: birth year; `aux`: population bits | race bits << 16 (``Vocabulary``).
    case participantRegistered
    /// `ref`: the case manager.
    case caseManagerAssigned
    /// `ref`: the program.
    case matched
    /// `ref`: the program.
    case waitlisted
    /// `ref`: the program.
    case enrolled
    /// `code`: the service; `amount`: cents; `ref`: the fund charged, if any.
    case serviceGranted
    /// `ref`: the program.
    case trainingCompleted
    /// `ref`: the program.
    case trainingWithdrawn
    /// `code`: the credential type; `ref`: the program, if any.
    case credentialEarned
    /// `amount`: hourly wage cents; `ref`: the employer.
    case hired
    /// `amount`: wages cents; `aux`: the quarter; `ref`: the wage record's employer id, if any.
    case employmentVerified
    case exitExcluded
    /// `aux`: the voided position (0 when the target is unknown).
    case voided
    /// `amount`: the start day; `aux`: the end day (as a bit pattern); the fact's day is the day it was recorded.
    case gapPlanned
    /// `code`: the gain type; `ref`: the program, if any.
    case skillGain
    /// `aux`: the quarter closed.
    case quarterClosed
    /// `code`: the source; `amount`: budget cents; `ref`: the expenditure category, if any.
    case fundRegistered
    /// `amount`: budget cents.
    case budgetChanged
    /// `code`: the category; `amount`: cents; `ref`: the fund charged.
    case costIncurred

    /// The catalog's event type this kind comes from (the inverse of ``init(_:)``, a bijection a test checks).
    public var eventType: EventType { Self.eventTypes[self] ?? .eventVoided }

    private static let eventTypes = Dictionary(uniqueKeysWithValues: EventType.allCases.map { (FactKind($0), $0) })

    /// The kind of fact an event type gives; every type of the catalog is read by some report. The switch is
    /// exhaustive, so a type added to the catalog does not compile until the reports decide what it means.
    public init(_ type: EventType) {
        switch type {
        case .programRegistered: self = .programRegistered
        case .programCapacityChanged: self = .capacityChanged
        case .employerRegistered: self = .employerRegistered
        case .employerHiringCommitted: self = .hiringCommitted
        case .participantRegistered: self = .participantRegistered
        case .caseManagerAssigned: self = .caseManagerAssigned
        case .matched: self = .matched
        case .waitlisted: self = .waitlisted
        case .enrolled: self = .enrolled
        case .serviceGranted: self = .serviceGranted
        case .trainingCompleted: self = .trainingCompleted
        case .trainingWithdrawn: self = .trainingWithdrawn
        case .credentialEarned: self = .credentialEarned
        case .hired: self = .hired
        case .employmentVerified: self = .employmentVerified
        case .exitExcluded: self = .exitExcluded
        case .eventVoided: self = .voided
        case .gapInServicePlanned: self = .gapPlanned
        case .skillGain: self = .skillGain
        case .quarterClosed: self = .quarterClosed
        case .fundRegistered: self = .fundRegistered
        case .fundBudgetChanged: self = .budgetChanged
        case .costIncurred: self = .costIncurred
        }
    }

    /// The catalog's type name of the events this kind comes from.
    public var typeName: String { eventType.rawValue }

    /// Whether the kind ends an enrollment.
    var isEnding: Bool { self == .trainingCompleted || self == .trainingWithdrawn }
}
