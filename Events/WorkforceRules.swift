import CanonicalJSON
import LedgerStore

/// The append rules of EVENTS.md section 3, checked in log order against everything stored before and earlier
/// in the batch. A voided event counts as if it had never been appended.
///
/// The state the rules need (who is registered, live enrollments and endings by position, live capacity events,
/// live wage quarters, closed quarters, how many live events refer to each registered entity, which events are
/// voided) is kept
/// in the store's rule-state database, never rebuilt by scanning the log: an append costs the same at event 10
/// and at event 10 million. Each entity is decoded at most once per batch and written back by ``finish(in:)``.
public struct WorkforceRules: AppendRules {
    /// The decoded events the rules check, as ``EventDecoder`` produces them.
    public typealias Payload = WorkforceEvent

    var participants = EntityCache<ParticipantState>(prefix: RuleStateKey.participantPrefix, kind: "participant")
    var programs = EntityCache<ProgramState>(prefix: RuleStateKey.programPrefix, kind: "program")
    var employers = EntityCache<EmployerState>(prefix: RuleStateKey.employerPrefix, kind: "employer")
    var funds = EntityCache<FundState>(prefix: RuleStateKey.fundPrefix, kind: "fund")
    /// Closed wage quarters, by `YYYYQn`.
    var quarterCloses = EntityCache<QuarterCloseState>(prefix: RuleStateKey.quarterClosePrefix, kind: "wage quarter")
    /// Voided positions seen or made in this batch (`true`: voided).
    var voided: [UInt64: Bool] = [:]
    var newlyVoided: [UInt64] = []
    /// The target of the void whose stream was just derived, for ``check(_:stream:in:)``.
    var pendingVoidTarget: VoidTarget?

    /// A void's target, read from the ledger.
    struct VoidTarget {
        var eventId: String
        var position: UInt64
        var type: EventType?
        var payload: WorkforceEvent?
        var stream: String
    }

    /// Creates rules with empty caches: their state is read from the store's rule-state database as events need it.
    public init() {}

    // MARK: AppendRules

    /// The event's own stream or, for a void, its target's; throws `unknown_event` when a void's target is not stored.
    public mutating func stream(for event: ProposedEvent<WorkforceEvent>, in batch: AppendBatch) throws(EventRejection) -> String
    {
        if let stream = event.payload.ownStream { return stream }
        guard case .eventVoided(let void) = event.payload else { return "" }
        let target = try voidTarget(void.targetEventId, in: batch)
        pendingVoidTarget = target
        return target.stream
    }

    /// Checks `event` against the rules of EVENTS.md section 3 and records its effect in the cached rule state; throws
    /// the rule's ``EventRejection`` (`program_full`, `not_voidable`, …).
    public mutating func check(
        _ event: ProposedEvent<WorkforceEvent>, stream: String, in batch: AppendBatch
    ) throws(EventRejection) {
        let position = (batch.head?.position ?? 0) + 1
        switch event.payload {
        case .eventVoided(let void):
            let target: VoidTarget
            if let pending = pendingVoidTarget, pending.eventId == void.targetEventId {
                target = pending
            } else {
                target = try voidTarget(void.targetEventId, in: batch)
            }
            pendingVoidTarget = nil
            try applyVoid(of: target, in: batch)
        default:
            try checkAndApply(event.payload, occurredAt: event.occurredAt, at: position, in: batch)
        }
    }

    /// Writes the cached entity states and the batch's new voids back to the rule-state database; call once, before
    /// the transaction commits.
    public mutating func finish(in batch: AppendBatch) throws {
        participants.flush(to: batch)
        programs.flush(to: batch)
        employers.flush(to: batch)
        funds.flush(to: batch)
        quarterCloses.flush(to: batch)
        for position in newlyVoided { batch.setState([1], forKey: RuleStateKey.voided(position)) }
        newlyVoided.removeAll()
    }

    // MARK: Lookups

    mutating func participant(_ id: String, _ batch: AppendBatch, field: String = "/data/participantId") throws(EventRejection)
        -> ParticipantState
    {
        guard let state = try participants.get(id, in: batch) else {
            throw EventRejection(.unknownParticipant, field, "participant \(id) is not registered")
        }
        return state
    }

    mutating func program(_ id: String, _ batch: AppendBatch, field: String = "/data/programId") throws(EventRejection)
        -> ProgramState
    {
        guard let state = try programs.get(id, in: batch) else {
            throw EventRejection(.unknownProgram, field, "program \(id) is not registered")
        }
        return state
    }

    mutating func employer(_ id: String, _ batch: AppendBatch, field: String = "/data/employerId") throws(EventRejection)
        -> EmployerState
    {
        guard let state = try employers.get(id, in: batch) else {
            throw EventRejection(.unknownEmployer, field, "employer \(id) is not registered")
        }
        return state
    }

    mutating func fund(_ id: String, _ batch: AppendBatch, field: String = "/data/fundId") throws(EventRejection)
        -> FundState
    {
        guard let state = try funds.get(id, in: batch) else {
            throw EventRejection(.unknownFund, field, "fund \(id) is not registered")
        }
        return state
    }

    mutating func isVoided(_ position: UInt64, in batch: AppendBatch) throws(EventRejection) -> Bool {
        if let known = voided[position] { return known }
        let stored: [UInt8]?
        do { stored = try batch.state(forKey: RuleStateKey.voided(position)) } catch {
            throw EventRejection(storageFailure: error)
        }
        let isVoided = stored?.isEmpty == false
        voided[position] = isVoided
        return isVoided
    }

    // MARK: The rules of each type

    mutating func checkAndApply(
        _ payload: WorkforceEvent, occurredAt: String, at position: UInt64, in batch: AppendBatch
    ) throws(EventRejection) {
        switch payload {
        case .programRegistered(let e):
            guard try programs.get(e.programId, in: batch) == nil else {
                throw EventRejection(.alreadyRegistered, "/data/programId", "program \(e.programId) is already registered")
            }
            programs.create(e.programId).capacities.append((position, UInt64(e.capacity)))
        case .programCapacityChanged(let e):
            let program = try program(e.programId, batch)
            program.capacities.append((position, UInt64(e.capacity)))
            program.references += 1
            program.isDirty = true
        case .employerRegistered(let e):
            guard try employers.get(e.employerId, in: batch) == nil else {
                throw EventRejection(.alreadyRegistered, "/data/employerId", "employer \(e.employerId) is already registered")
            }
            _ = employers.create(e.employerId)
        case .participantRegistered(let e):
            guard try participants.get(e.participantId, in: batch) == nil else {
                throw EventRejection(
                    .alreadyRegistered, "/data/participantId", "participant \(e.participantId) is already registered")
            }
            _ = participants.create(e.participantId)
        case .enrolled(let e):
            let participant = try participant(e.participantId, batch)
            let program = try program(e.programId, batch)
            guard !participant.isActive(in: e.programId) else {
                throw EventRejection(
                    .alreadyEnrolled, "/data/programId",
                    "participant \(e.participantId) is already enrolled in program \(e.programId)")
            }
            guard program.active < program.capacity else {
                throw EventRejection(
                    .programFull, "/data/programId",
                    "program \(e.programId) is full (\(program.active) of \(program.capacity) seats taken)")
            }
            updateHistory(participant, program, e.programId) { $0.enrolled.append(position) }
            try addReferences(payload.references, in: batch)
        case .waitlisted(let e):
            let participant = try participant(e.participantId, batch)
            _ = try program(e.programId, batch)
            guard !participant.isActive(in: e.programId) else {
                throw EventRejection(
                    .alreadyEnrolled, "/data/programId",
                    "participant \(e.participantId) is already enrolled in program \(e.programId) and cannot be waitlisted for it"
                )
            }
            try addReferences(payload.references, in: batch)
        case .trainingCompleted(let e):
            try end(e.participantId, e.programId, at: position, in: batch)
            try addReferences(payload.references, in: batch)
        case .trainingWithdrawn(let e):
            try end(e.participantId, e.programId, at: position, in: batch)
            try addReferences(payload.references, in: batch)
        case .employmentVerified(let e):
            let participant = try participant(e.participantId, batch)
            let ordinal = e.quarter.ordinal
            if let existing = participant.wageQuarters.first(where: { $0.quarter == ordinal }) {
                throw EventRejection(
                    .duplicateQuarter, "/data/quarter",
                    "participant \(e.participantId) already has a wage record for \(e.quarter) (position "
                        + "\(existing.position)); void it before recording a correction")
            }
            participant.wageQuarters.append((ordinal, position))
            try addReferences(payload.references, in: batch)
        case .fundRegistered(let e):
            guard try funds.get(e.fundId, in: batch) == nil else {
                throw EventRejection(.alreadyRegistered, "/data/fundId", "fund \(e.fundId) is already registered")
            }
            _ = funds.create(e.fundId)
        case .gapInServicePlanned(let e):
            // The participant first, then the range (EVENTS.md section 4: the rules column's order).
            _ = try participant(e.participantId, batch)
            try GapRange.check(start: e.startDate, end: e.endDate)
            try addReferences(payload.references, in: batch)
        case .quarterClosed(let e):
            // The close's date first, then the one live close per quarter.
            try QuarterCloseDate.check(e.quarter, occurredAt: occurredAt)
            let key = e.quarter.description
            if let existing = try quarterCloses.get(key, in: batch) {
                throw EventRejection(
                    .duplicateQuarter, "/data/quarter",
                    "wage quarter \(key) is already closed (position \(existing.position)); void that close first")
            }
            quarterCloses.create(key).position = position
        case .caseManagerAssigned, .matched, .serviceGranted, .credentialEarned, .hired, .exitExcluded,
            .employerHiringCommitted, .skillGain, .fundBudgetChanged, .costIncurred:
            // Existence only: every referenced entity must be registered (participant, employer, program, then
            // fund).
            try addReferences(payload.references, in: batch)
        case .eventVoided:
            break
        }
    }

    /// An ending (`training_completed`, `training_withdrawn`): the participant must be actively enrolled.
    mutating func end(_ participantId: String, _ programId: String, at position: UInt64, in batch: AppendBatch)
        throws(EventRejection)
    {
        let participant = try participant(participantId, batch)
        let program = try program(programId, batch)
        guard participant.isActive(in: programId) else {
            throw EventRejection(
                .notEnrolled, "/data/programId", "participant \(participantId) is not enrolled in program \(programId)")
        }
        updateHistory(participant, program, programId) { $0.ended.append(position) }
    }

    /// Changes one participant's history in one program, keeping the program's active count in step.
    func updateHistory(
        _ participant: ParticipantState, _ program: ProgramState?, _ programId: String,
        _ change: (inout ParticipantState.ProgramHistory) -> Void
    ) {
        let index: Int
        if let existing = participant.historyIndex(programId) {
            index = existing
        } else {
            participant.programs.append(.init(programId: programId, enrolled: [], ended: []))
            index = participant.programs.count - 1
        }
        let wasActive = participant.programs[index].isActive
        change(&participant.programs[index])
        let isActive = participant.programs[index].isActive
        if participant.programs[index].enrolled.isEmpty, participant.programs[index].ended.isEmpty {
            participant.programs.remove(at: index)
        }
        participant.isDirty = true
        if let program, wasActive != isActive {
            if isActive { program.active += 1 } else if program.active > 0 { program.active -= 1 }
            program.isDirty = true
        }
    }

    /// Checks that every referenced entity exists, then counts the reference (nothing changes on failure).
    mutating func addReferences(_ references: EntityReferences, in batch: AppendBatch) throws(EventRejection) {
        // Checked in the order the data fields name them: participant, employer, program, fund.
        let participant = try references.participantId.map { (id) throws(EventRejection) in try self.participant(id, batch) }
        let employer = try references.employerId.map { (id) throws(EventRejection) in try self.employer(id, batch) }
        let program = try references.programId.map { (id) throws(EventRejection) in try self.program(id, batch) }
        let fund = try references.fundId.map { (id) throws(EventRejection) in try self.fund(id, batch) }
        if let participant { participant.references += 1; participant.isDirty = true }
        if let program { program.references += 1; program.isDirty = true }
        if let employer { employer.references += 1; employer.isDirty = true }
        if let fund { fund.references += 1; fund.isDirty = true }
    }
}
