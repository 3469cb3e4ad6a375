/// The rule state of one registered entity, kept in the store's rule-state database so that an append costs the
/// same at event 10 and at event 10 million. Classes: the batch caches one instance per entity and mutates it in
/// place (no copy-on-write per event); ``WorkforceRules`` writes the dirty ones back at the end of the batch.
final class ParticipantState {
    /// One participant's live enrollments and endings in one program, by position.
    struct ProgramHistory {
        var programId: String
        var enrolled: [UInt64]
        var ended: [UInt64]

        /// An enrollment after the last ending: "actively enrolled" (EVENTS.md section 3).
        var isActive: Bool { (enrolled.last ?? 0) > (ended.last ?? 0) }
    }

    /// Live events (not voided) that refer to this participant, other than its registration.
    var references: UInt64 = 0
    var programs: [ProgramHistory] = []
    /// Live wage records: quarter ordinal and position.
    var wageQuarters: [(quarter: Int, position: UInt64)] = []
    var isDirty = false

    init() {}

    func historyIndex(_ programId: String) -> Int? { programs.firstIndex { $0.programId == programId } }

    func isActive(in programId: String) -> Bool {
        guard let index = historyIndex(programId) else { return false }
        return programs[index].isActive
    }

    static let formatVersion: UInt8 = 1

    func encoded() -> [UInt8] {
        var writer = StateWriter(version: Self.formatVersion)
        writer.varint(references)
        writer.varint(programs.count)
        for history in programs {
            writer.string(history.programId)
            writer.varint(history.enrolled.count)
            for position in history.enrolled { writer.varint(position) }
            writer.varint(history.ended.count)
            for position in history.ended { writer.varint(position) }
        }
        writer.varint(wageQuarters.count)
        for record in wageQuarters {
            writer.varint(record.quarter)
            writer.varint(record.position)
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) -> ParticipantState? {
        var reader = StateReader(bytes)
        guard reader.byte() == formatVersion, let references = reader.varint(), let programCount = reader.count()
        else { return nil }
        let state = ParticipantState()
        state.references = references
        for _ in 0..<programCount {
            guard let programId = reader.string(), let enrolled = reader.positions(), let ended = reader.positions()
            else { return nil }
            state.programs.append(ProgramHistory(programId: programId, enrolled: enrolled, ended: ended))
        }
        guard let quarterCount = reader.count() else { return nil }
        for _ in 0..<quarterCount {
            guard let quarter = reader.varint(), let position = reader.varint() else { return nil }
            state.wageQuarters.append((Int(quarter), position))
        }
        return reader.isAtEnd ? state : nil
    }
}

/// A program's seats and active enrollments.
final class ProgramState {
    var references: UInt64 = 0
    /// Participants actively enrolled.
    var active: UInt64 = 0
    /// Live `registered` and `capacity_changed` events: position and seats, in position order.
    var capacities: [(position: UInt64, capacity: UInt64)] = []
    var isDirty = false

    init() {}

    /// The seats of the latest live capacity event.
    var capacity: UInt64 { capacities.last?.capacity ?? 0 }

    static let formatVersion: UInt8 = 1

    func encoded() -> [UInt8] {
        var writer = StateWriter(version: Self.formatVersion)
        writer.varint(references)
        writer.varint(active)
        writer.varint(capacities.count)
        for entry in capacities {
            writer.varint(entry.position)
            writer.varint(entry.capacity)
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) -> ProgramState? {
        var reader = StateReader(bytes)
        guard reader.byte() == formatVersion, let references = reader.varint(), let active = reader.varint(),
            let count = reader.count()
        else { return nil }
        let state = ProgramState()
        state.references = references
        state.active = active
        for _ in 0..<count {
            guard let position = reader.varint(), let capacity = reader.varint() else { return nil }
            state.capacities.append((position, capacity))
        }
        return reader.isAtEnd ? state : nil
    }
}

/// An employer: only its references matter to the rules.
typealias EmployerState = ReferenceState

/// An entity whose only rule state is how many live events refer to it (an employer, a fund): a registration
/// that live events refer to cannot be voided.
final class ReferenceState {
    var references: UInt64 = 0
    var isDirty = false

    init() {}

    static let formatVersion: UInt8 = 1

    func encoded() -> [UInt8] {
        var writer = StateWriter(version: Self.formatVersion)
        writer.varint(references)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) -> ReferenceState? {
        var reader = StateReader(bytes)
        guard reader.byte() == formatVersion, let references = reader.varint(), reader.isAtEnd else { return nil }
        let state = ReferenceState()
        state.references = references
        return state
    }
}
