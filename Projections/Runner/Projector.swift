/// Where a projector's pending changes go when a chunk of events is committed: an LMDB table (inside the same
/// write transaction as the checkpoint) or an in-memory map (read-only stores).
protocol FactSink {
    /// Appends `bytes` to the value stored under `key` in the table `table`.
    mutating func append(_ bytes: [UInt8], to key: ArraySlice<UInt8>, table: String) throws
}

/// A projector folds stored events, in position order, into a read model.
///
/// The runner decodes each event once and offers it to every projector; a projector keeps what its read model
/// needs as pending changes, and hands them to a ``FactSink`` when the runner commits a chunk, in the same
/// transaction as the checkpoint (the position of the last event applied).
protocol Projector {
    /// The read model's name: its table and its checkpoint key.
    var name: String { get }
    /// Folds one event. `slot` is the event's entity in the run's ``EntityIndex``; `voidTarget` is the position a
    /// void targets (0 when unknown or not a void).
    mutating func apply(_ event: DecodedEvent, slot: Int, voidTarget: UInt64)
    /// Writes the pending changes to `sink` and forgets them.
    mutating func flush(entities: EntityIndex, to sink: inout some FactSink) throws
}

/// A read model of per-entity facts: for each participant, program and employer, the facts of the event kinds the
/// report needs, in position order. The caseload, capacity and outcomes read models are three of these.
struct EntityFactProjector: Projector {
    let name: String
    /// Bit `kind.rawValue` set: the kind is kept.
    let kinds: UInt32
    /// Keep only participation-causing services (the caseload does not read supportive ones).
    let participationServicesOnly: Bool
    private var pending: [[UInt8]] = []
    private var dirty: [Int] = []

    init(name: String, kinds: [FactKind], participationServicesOnly: Bool = false) {
        self.name = name
        self.kinds = kinds.reduce(UInt32(1) << FactKind.voided.rawValue) { $0 | UInt32(1) << $1.rawValue }
        self.participationServicesOnly = participationServicesOnly
    }

    @inline(__always)
    mutating func apply(_ event: DecodedEvent, slot: Int, voidTarget: UInt64) {
        guard kinds & (UInt32(1) << event.kind.rawValue) != 0 else { return }
        if participationServicesOnly, event.kind == .serviceGranted,
            !Vocabulary.causesParticipation(service: event.code)
        {
            return
        }
        if slot >= pending.count {
            pending.append(contentsOf: repeatElement([], count: slot - pending.count + 1))
        }
        if pending[slot].isEmpty {
            dirty.append(slot)
            pending[slot].reserveCapacity(128)
        }
        FactCodec.append(
            kind: event.kind, position: event.position, day: event.day, code: event.code, amount: event.amount,
            aux: event.kind == .voided ? voidTarget : event.aux, ref: event.ref, to: &pending[slot])
    }

    mutating func flush(entities: EntityIndex, to sink: inout some FactSink) throws {
        for slot in dirty {
            try sink.append(pending[slot], to: entities.key(slot), table: name)
            pending[slot] = []
        }
        dirty.removeAll(keepingCapacity: true)
    }
}

/// The dates of the known events (voids excepted), for the default `--as-of`: per day, the positions dated that
/// day. Key: the day as a big-endian offset number; value: LEB128 positions.
struct EventDatesProjector: Projector {
    let name = ReadModelCatalog.datesTable
    /// Index in `buffers` of each day seen in this chunk.
    private var indexOfDay: [Day: Int] = [:]
    private var days: [Day] = []
    private var buffers: [[UInt8]] = []
    /// Events mostly arrive in date order: the last day's buffer is reused without hashing.
    private var lastDay: Day = .min
    private var lastIndex = 0

    mutating func apply(_ event: DecodedEvent, slot: Int, voidTarget: UInt64) {
        guard event.kind != .voided else { return }
        if event.day != lastDay {
            lastDay = event.day
            if let index = indexOfDay[event.day] {
                lastIndex = index
            } else {
                lastIndex = buffers.count
                indexOfDay[event.day] = lastIndex
                days.append(event.day)
                buffers.append([])
            }
        }
        FactCodec.appendVarint(event.position, to: &buffers[lastIndex])
    }

    mutating func flush(entities: EntityIndex, to sink: inout some FactSink) throws {
        for (index, day) in days.enumerated() {
            try sink.append(buffers[index], to: ArraySlice(Self.key(day)), table: name)
        }
        indexOfDay.removeAll(keepingCapacity: true)
        days.removeAll(keepingCapacity: true)
        buffers.removeAll(keepingCapacity: true)
        lastDay = .min
    }

    static func key(_ day: Day) -> [UInt8] {
        let biased = UInt32(bitPattern: day) ^ 0x8000_0000
        return [
            UInt8(biased >> 24), UInt8(truncatingIfNeeded: biased >> 16), UInt8(truncatingIfNeeded: biased >> 8),
            UInt8(truncatingIfNeeded: biased),
        ]
    }

    static func day(fromKey key: UnsafeRawBufferPointer) -> Day {
        let biased = UInt32(key[0]) << 24 | UInt32(key[1]) << 16 | UInt32(key[2]) << 8 | UInt32(key[3])
        return Day(bitPattern: biased ^ 0x8000_0000)
    }
}

/// The read models and what each keeps.
enum ReadModelCatalog {
    static let caseload = "caseload"
    static let capacity = "capacity"
    static let outcomes = "outcomes"
    static let datesTable = "dates"
    static let metaTable = "meta"
    /// The funding report's read model: it shares the outcomes table (the participant facts both read, plus funds
    /// and program costs), so the log is folded into one table fewer.
    static let funding = outcomes
    static let tables = [caseload, capacity, outcomes, datesTable, metaTable]
    /// The tables of facts, each value sealed by a checksum and each table digested in the checkpoint.
    static let factTables = tables.filter { $0 != metaTable }
    /// Bumped whenever what a projector stores changes: read models of another format are rebuilt.
    static let format = "workforce-projections/5"

    /// The projectors of every read model, fed together in one pass over the log.
    struct ProjectorSet {
        var caseload = EntityFactProjector(
            name: ReadModelCatalog.caseload,
            kinds: [
                .programRegistered, .employerRegistered, .participantRegistered, .caseManagerAssigned, .matched,
                .waitlisted, .enrolled, .serviceGranted, .trainingCompleted, .trainingWithdrawn, .hired, .gapPlanned,
            ],
            participationServicesOnly: true)
        var capacity = EntityFactProjector(
            name: ReadModelCatalog.capacity,
            kinds: [
                .programRegistered, .capacityChanged, .employerRegistered, .hiringCommitted,
                .participantRegistered, .waitlisted, .enrolled, .trainingCompleted, .trainingWithdrawn, .hired,
            ])
        var outcomes = EntityFactProjector(
            name: ReadModelCatalog.outcomes,
            kinds: [
                .programRegistered, .employerRegistered, .participantRegistered, .matched, .enrolled,
                .serviceGranted, .trainingCompleted, .trainingWithdrawn, .credentialEarned, .hired,
                .employmentVerified, .exitExcluded, .gapPlanned, .skillGain, .quarterClosed, .fundRegistered,
                .budgetChanged, .costIncurred,
            ])
        var dates = EventDatesProjector()

        @inline(__always)
        mutating func apply(_ event: DecodedEvent, slot: Int, voidTarget: UInt64) {
            caseload.apply(event, slot: slot, voidTarget: voidTarget)
            capacity.apply(event, slot: slot, voidTarget: voidTarget)
            outcomes.apply(event, slot: slot, voidTarget: voidTarget)
            dates.apply(event, slot: slot, voidTarget: voidTarget)
        }

        mutating func flush(entities: EntityIndex, to sink: inout some FactSink) throws {
            try caseload.flush(entities: entities, to: &sink)
            try capacity.flush(entities: entities, to: &sink)
            try outcomes.flush(entities: entities, to: &sink)
            try dates.flush(entities: entities, to: &sink)
        }
    }
}
