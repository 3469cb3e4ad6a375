import CanonicalJSON
import LedgerStore

extension WorkforceRules {
    /// Finds a void's target, stored before or earlier in the batch; `unknown_event` when there is none.
    mutating func voidTarget(_ eventId: String, in batch: AppendBatch) throws(EventRejection) -> VoidTarget {
        guard let stored = try batch.storedEvent(withId: eventId) else {
            throw EventRejection(.unknownEvent, "/data/targetEventId", "no event with eventId \(eventId) is in the ledger")
        }
        let type = EventType(rawValue: stored.type)
        var payload: WorkforceEvent?
        // A stored event the catalog cannot read (another type, an older shape) has no payload: `applyVoid` refuses
        // it as not_voidable, which is the verdict EVENTS.md gives (tested by VoidTests).
        if let type, case .object(let data)? = try? JSONParser().parse(stored.data) {
            payload = try? EventDecoder.decodeData(type: type, data: data)
        }
        return VoidTarget(eventId: eventId, position: stored.position, type: type, payload: payload, stream: stored.stream)
    }

    /// Checks that `target` may be voided, then undoes its effect on the rule state as if it had never been
    /// appended.
    mutating func applyVoid(of target: VoidTarget, in batch: AppendBatch) throws(EventRejection) {
        let field = "/data/targetEventId"
        guard let type = target.type, let payload = target.payload else {
            throw EventRejection(
                .notVoidable, field, "event \(target.eventId) (position \(target.position)) is not a workforce event")
        }
        guard type != .eventVoided else {
            throw EventRejection(
                .notVoidable, field,
                "event \(target.eventId) (position \(target.position)) is itself a void, and a void cannot be voided")
        }
        guard try !isVoided(target.position, in: batch) else {
            throw EventRejection(
                .alreadyVoided, field, "event \(target.eventId) (position \(target.position)) is already voided")
        }
        switch payload {
        case .programRegistered(let e):
            try ensureUnreferenced(try programs.get(e.programId, in: batch)?.references, "program", e.programId, target)
            programs.remove(e.programId)
        case .employerRegistered(let e):
            try ensureUnreferenced(try employers.get(e.employerId, in: batch)?.references, "employer", e.employerId, target)
            employers.remove(e.employerId)
        case .participantRegistered(let e):
            try ensureUnreferenced(
                try participants.get(e.participantId, in: batch)?.references, "participant", e.participantId, target)
            participants.remove(e.participantId)
        case .programCapacityChanged(let e):
            if let program = try programs.get(e.programId, in: batch) {
                program.capacities.removeAll { $0.position == target.position }
                program.isDirty = true
            }
        case .enrolled(let e):
            try undoHistory(e.participantId, e.programId, in: batch) { history in
                history.enrolled.removeAll { $0 == target.position }
            }
        case .trainingCompleted(let e):
            try undoHistory(e.participantId, e.programId, in: batch) { history in
                history.ended.removeAll { $0 == target.position }
            }
        case .trainingWithdrawn(let e):
            try undoHistory(e.participantId, e.programId, in: batch) { history in
                history.ended.removeAll { $0 == target.position }
            }
        case .fundRegistered(let e):
            try ensureUnreferenced(try funds.get(e.fundId, in: batch)?.references, "fund", e.fundId, target)
            funds.remove(e.fundId)
        case .quarterClosed(let e):
            // The quarter is open again: a new close may be appended.
            let key = e.quarter.description
            if let state = try quarterCloses.get(key, in: batch), state.position == target.position {
                quarterCloses.remove(key)
            }
        case .employmentVerified(let e):
            if let participant = try participants.get(e.participantId, in: batch) {
                participant.wageQuarters.removeAll { $0.position == target.position }
                participant.isDirty = true
            }
        default:
            break
        }
        try removeReferences(payload.references, in: batch)
        voided[target.position] = true
        newlyVoided.append(target.position)
    }

    /// A registration that live events still refer to cannot be voided.
    func ensureUnreferenced(_ references: UInt64?, _ kind: String, _ id: String, _ target: VoidTarget) throws(EventRejection) {
        guard let references, references > 0 else { return }
        let events = references == 1 ? "1 live event still refers" : "\(references) live events still refer"
        throw EventRejection(
            .notVoidable, "/data/targetEventId",
            "the registration of \(kind) \(id) (event \(target.eventId)) cannot be voided: \(events) to \(kind) \(id); "
                + "void those first")
    }

    mutating func undoHistory(
        _ participantId: String, _ programId: String, in batch: AppendBatch,
        _ change: (inout ParticipantState.ProgramHistory) -> Void
    ) throws(EventRejection) {
        guard let participant = try participants.get(participantId, in: batch) else { return }
        let program = try programs.get(programId, in: batch)
        updateHistory(participant, program, programId, change)
    }

    mutating func removeReferences(_ references: EntityReferences, in batch: AppendBatch) throws(EventRejection) {
        if let id = references.participantId, let state = try participants.get(id, in: batch), state.references > 0 {
            state.references -= 1
            state.isDirty = true
        }
        if let id = references.programId, let state = try programs.get(id, in: batch), state.references > 0 {
            state.references -= 1
            state.isDirty = true
        }
        if let id = references.employerId, let state = try employers.get(id, in: batch), state.references > 0 {
            state.references -= 1
            state.isDirty = true
        }
        if let id = references.fundId, let state = try funds.get(id, in: batch), state.references > 0 {
            state.references -= 1
            state.isDirty = true
        }
    }
}
