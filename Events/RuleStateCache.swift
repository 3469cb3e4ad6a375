import LedgerStore

/// What the batch cache needs of an entity's state.
protocol RuleEntityState: AnyObject {
    init()
    var isDirty: Bool { get set }
    func encoded() -> [UInt8]
    static func decode(_ bytes: [UInt8]) -> Self?
}

extension ParticipantState: RuleEntityState {}
extension ProgramState: RuleEntityState {}
extension ReferenceState: RuleEntityState {}
extension QuarterCloseState: RuleEntityState {}

/// The keys of the rule-state database that ``WorkforceRules`` owns.
enum RuleStateKey {
    static let participantPrefix = Array("wf.rules/participant/".utf8)
    static let programPrefix = Array("wf.rules/program/".utf8)
    static let employerPrefix = Array("wf.rules/employer/".utf8)
    static let fundPrefix = Array("wf.rules/fund/".utf8)
    /// Closed wage quarters, by their `YYYYQn` text.
    static let quarterClosePrefix = Array("wf.rules/quarter-closed/".utf8)
    static let voidedPrefix = Array("wf.rules/voided/".utf8)

    static func voided(_ position: UInt64) -> [UInt8] {
        var key = voidedPrefix
        withUnsafeBytes(of: position.bigEndian) { key.append(contentsOf: $0) }
        return key
    }
}

/// A batch's cache of one kind of entity: each entity is read and decoded at most once per batch, mutated in
/// memory, and written back by ``flush(to:)``. An empty stored value means "not registered" (a voided
/// registration), since the state database has no delete.
struct EntityCache<State: RuleEntityState> {
    let prefix: [UInt8]
    let kind: String
    /// Each entity met in this batch, numbered: its state, or `nil` when it is not registered.
    private var entries = StringTable<State?>()
    private var removed: Set<String> = []

    init(prefix: [UInt8], kind: String) {
        self.prefix = prefix
        self.kind = kind
    }

    func key(_ id: String) -> [UInt8] { prefix + Array(id.utf8) }

    /// The entity's state, or `nil` when it is not registered.
    mutating func get(_ id: String, in batch: AppendBatch) throws(EventRejection) -> State? {
        let hash = StringTable<State?>.hash(id)
        if let number = entries.number(of: id, hash: hash) { return entries.values[number] }
        let bytes: [UInt8]?
        do { bytes = try batch.state(forKey: key(id)) } catch {
            throw EventRejection(storageFailure: error)
        }
        var state: State?
        if let bytes, !bytes.isEmpty {
            guard let decoded = State.decode(bytes) else {
                throw EventRejection(
                    storageFailure: StoreError.failure(
                        operation: "reading the rule state of \(kind) \(id)",
                        underlying: UnderlyingError(RuleStateError.unreadable)))
            }
            state = decoded
        }
        entries.insert(id, hash: hash, value: state)
        return state
    }

    /// Sets the entity's cached state, adding it when absent.
    private mutating func set(_ state: State?, for id: String) {
        let hash = StringTable<State?>.hash(id)
        if let number = entries.number(of: id, hash: hash) {
            entries.values[number] = state
        } else {
            entries.insert(id, hash: hash, value: state)
        }
    }

    /// Registers the entity: fresh state, written back at the end of the batch.
    mutating func create(_ id: String) -> State {
        let state = State()
        state.isDirty = true
        set(state, for: id)
        removed.remove(id)
        return state
    }

    /// Unregisters the entity (its registration was voided).
    mutating func remove(_ id: String) {
        set(nil, for: id)
        removed.insert(id)
    }

    /// Writes every changed entity back to the batch's rule-state database.
    mutating func flush(to batch: AppendBatch) {
        for (id, state) in zip(entries.keys, entries.values) {
            guard let state, state.isDirty else { continue }
            batch.setState(state.encoded(), forKey: key(id))
            state.isDirty = false
        }
        for id in removed {
            guard let number = entries.number(of: id, hash: StringTable<State?>.hash(id)) else { continue }
            if entries.values[number] == nil { batch.setState([], forKey: key(id)) }
        }
        removed.removeAll()
    }
}

/// Why a stored rule state could not be used.
enum RuleStateError: Error, CustomStringConvertible {
    /// The stored bytes do not decode as the state this build writes.
    case unreadable

    var description: String { "its stored bytes do not decode" }
}
