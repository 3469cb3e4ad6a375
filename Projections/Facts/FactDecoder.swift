import LedgerStore
import WorkforceEvents

/// The kind of entity a stream belongs to; its raw value is the first byte of the entity's read-model key.
public enum EntityKind: UInt8, Sendable, CaseIterable {
    case participant = 1
    case program = 2
    case employer = 3
    case fund = 4
    /// A wage quarter (`wages-<quarter>`).
    case wages = 5

    /// The catalog's kind of stream this entity's events belong to.
    var streamKind: StreamKind {
        switch self {
        case .participant: return .participant
        case .program: return .program
        case .employer: return .employer
        case .fund: return .fund
        case .wages: return .wages
        }
    }

    /// The stream name's prefix for this kind of entity (the catalog's).
    var streamPrefix: String { streamKind.prefix }
}

/// One stored event decoded into a fact, borrowing the event's bytes (valid only while the view is).
struct DecodedEvent {
    var entity: EntityKind
    /// The entity id's bytes (the stream name after its prefix).
    var entityId: UnsafeRawBufferPointer
    var position: UInt64
    var day: Day
    var kind: FactKind
    var code: UInt8 = 0
    var amount: Int64 = 0
    var aux: UInt64 = 0
    /// The bytes of the id the event names ("" when none).
    var ref: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// For a void: the target's event id, resolved to a position by the caller.
    var voidTargetId: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
}

/// Decodes stored events into facts with a hand-written scanner over their canonical bytes: no JSON parser,
/// no allocation. The type names, stream prefixes and code lists it matches are the catalog's (``FactKind``,
/// ``EntityKind``, ``Vocabulary``).
enum FactDecoder {
    private static func utf8(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }
    private static let serviceCodes = utf8(Vocabulary.services)
    private static let credentialCodes = utf8(Vocabulary.credentialTypes)
    private static let sectorCodes = utf8(Vocabulary.sectors)
    private static let trainingCodes = utf8(Vocabulary.trainingTypes)
    private static let sexCodes = utf8(Vocabulary.sexes)
    private static let raceCodes = utf8(Vocabulary.races)
    private static let barrierCodes = utf8(Vocabulary.barriers)
    private static let gainCodes = utf8(Vocabulary.skillGainTypes)
    private static let fundSourceCodes = utf8(Vocabulary.fundSources)
    private static let costCategoryCodes = utf8(Vocabulary.costCategories)

    /// Fact kinds by the byte length of their type name, then name: a type is found by its length and one or
    /// two comparisons.
    private static let kindsByLength: [[(name: [UInt8], kind: FactKind)]] = {
        var table = Array(repeating: [(name: [UInt8], kind: FactKind)](), count: 64)
        for type in EventType.allCases {
            let kind = FactKind(type)
            let name = Array(type.rawValue.utf8)
            table[name.count].append((name, kind))
        }
        return table
    }()

    /// Entity kinds with their prefix bytes.
    private static let prefixes: [(prefix: [UInt8], kind: EntityKind)] = EntityKind.allCases.map {
        (Array($0.streamPrefix.utf8), $0)
    }

    /// The fact kind of a type name, or `nil` for a type no report reads.
    @inline(__always)
    static func kind(_ c: UnsafeRawBufferPointer, _ r: Range<Int>) -> FactKind? {
        guard r.count < kindsByLength.count else { return nil }
        for candidate in kindsByLength[r.count] where ByteScanning.equals(c, r, candidate.name) {
            return candidate.kind
        }
        return nil
    }

    /// Decodes `view`, or returns `nil` when no report reads it.
    static func decode(_ view: StoredEventView) -> DecodedEvent? {
        decode(
            position: view.position, canonical: view.canonical, type: view.ranges.type, stream: view.ranges.stream,
            occurredAt: view.ranges.occurredAt, data: view.ranges.data)
    }

    /// Decodes a stored event from its canonical bytes and the ranges of the envelope fields it needs.
    @inline(__always)
    private static func decode(
        position: UInt64, canonical c: UnsafeRawBufferPointer, type: Range<Int>, stream: Range<Int>,
        occurredAt: Range<Int>, data dataRange: Range<Int>
    ) -> DecodedEvent? {
        guard let kind = kind(c, type) else { return nil }
        var entity: EntityKind?
        var idStart = 0
        for (prefix, candidate) in prefixes where stream.count > prefix.count {
            if ByteScanning.equals(c, stream.lowerBound..<(stream.lowerBound + prefix.count), prefix) {
                entity = candidate
                idStart = stream.lowerBound + prefix.count
                break
            }
        }
        guard let entity else { return nil }
        var event = DecodedEvent(
            entity: entity, entityId: UnsafeRawBufferPointer(rebasing: c[idStart..<stream.upperBound]),
            position: position, day: ByteScanning.utcDay(c, occurredAt), kind: kind)
        let data = UnsafeRawBufferPointer(rebasing: c[dataRange])
        decodeData(data, into: &event)
        return event
    }

    /// Fills the kind's fields from the event's `data` object.
    @inline(__always)
    private static func decodeData(_ data: UnsafeRawBufferPointer, into event: inout DecodedEvent) {
        switch event.kind {
        case .programRegistered:
            var sector = Vocabulary.unknown
            var training = Vocabulary.unknown
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "sector") {
                    sector = ByteScanning.code(data, value, in: sectorCodes)
                } else if ByteScanning.equals(data, key, "trainingType") {
                    training = ByteScanning.code(data, value, in: trainingCodes)
                } else if ByteScanning.equals(data, key, "capacity") {
                    event.amount = ByteScanning.integer(data, value)
                } else if ByteScanning.equals(data, key, "name") {
                    event.ref = rebase(data, value)
                }
            }
            event.code = (sector & 0x0F) | (training << 4)
        case .capacityChanged:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "capacity") { event.amount = ByteScanning.integer(data, value) }
            }
        case .employerRegistered, .exitExcluded:
            break
        case .hiringCommitted:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "positions") {
                    event.amount = ByteScanning.integer(data, value)
                } else if ByteScanning.equals(data, key, "programId") {
                    event.ref = rebase(data, value)
                }
            }
        case .participantRegistered:
            decodeRegistration(data, into: &event)
        case .caseManagerAssigned:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "caseManagerId") { event.ref = rebase(data, value) }
            }
        case .matched, .waitlisted, .enrolled, .trainingCompleted, .trainingWithdrawn:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "programId") { event.ref = rebase(data, value) }
            }
        case .serviceGranted:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "service") {
                    event.code = ByteScanning.code(data, value, in: serviceCodes)
                } else if ByteScanning.equals(data, key, "amountCents") {
                    event.amount = ByteScanning.integer(data, value)
                } else if ByteScanning.equals(data, key, "fundId") {
                    event.ref = rebase(data, value)
                }
            }
        case .credentialEarned:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "credentialType") {
                    event.code = ByteScanning.code(data, value, in: credentialCodes)
                } else if ByteScanning.equals(data, key, "programId") {
                    event.ref = rebase(data, value)
                }
            }
        case .hired:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "hourlyWageCents") {
                    event.amount = ByteScanning.integer(data, value)
                } else if ByteScanning.equals(data, key, "employerId") {
                    event.ref = rebase(data, value)
                }
            }
        case .employmentVerified:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "wagesCents") {
                    event.amount = ByteScanning.integer(data, value)
                } else if ByteScanning.equals(data, key, "quarter") {
                    event.aux = quarter(data, value)
                } else if ByteScanning.equals(data, key, "employerId") {
                    event.ref = rebase(data, value)
                }
            }
        case .voided:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "targetEventId") { event.voidTargetId = rebase(data, value) }
            }
        case .gapPlanned:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "startDate") {
                    event.amount = Int64(ByteScanning.date(data, value))
                } else if ByteScanning.equals(data, key, "endDate") {
                    event.aux = UInt64(UInt32(bitPattern: ByteScanning.date(data, value)))
                }
            }
        case .skillGain:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "gainType") {
                    event.code = ByteScanning.code(data, value, in: gainCodes)
                } else if ByteScanning.equals(data, key, "programId") {
                    event.ref = rebase(data, value)
                }
            }
        case .quarterClosed:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "quarter") { event.aux = quarter(data, value) }
            }
        case .fundRegistered:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "source") {
                    event.code = ByteScanning.code(data, value, in: fundSourceCodes)
                } else if ByteScanning.equals(data, key, "budgetCents") {
                    event.amount = ByteScanning.integer(data, value)
                } else if ByteScanning.equals(data, key, "expenditureCategory") {
                    event.ref = rebase(data, value)
                }
            }
        case .budgetChanged:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "budgetCents") { event.amount = ByteScanning.integer(data, value) }
            }
        case .costIncurred:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "category") {
                    event.code = ByteScanning.code(data, value, in: costCategoryCodes)
                } else if ByteScanning.equals(data, key, "amountCents") {
                    event.amount = ByteScanning.integer(data, value)
                } else if ByteScanning.equals(data, key, "fundId") {
                    event.ref = rebase(data, value)
                }
            }
        }
    }

    @inline(__always)
    private static func rebase(_ data: UnsafeRawBufferPointer, _ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: data[range])
    }

    /// A `YYYYQn` quarter as a ``Dates/Quarter`` number (0 when malformed: the catalog validated it).
    @inline(__always)
    private static func quarter(_ data: UnsafeRawBufferPointer, _ value: Range<Int>) -> UInt64 {
        guard value.count == 6 else { return 0 }
        let year = ByteScanning.integer(data, value.lowerBound..<(value.lowerBound + 4))
        let q = Int64(data[value.lowerBound + 5] &- UInt8(ascii: "1"))
        return UInt64(year * 4 + q)
    }

    /// A registration's sex (`code`), birth year (`amount`), population and race bits (`aux`, see ``FactKind``).
    private static func decodeRegistration(_ data: UnsafeRawBufferPointer, into event: inout DecodedEvent) {
        var populations: UInt64 = 0
        var races: UInt64 = 0
        var sex = Vocabulary.unknown
        ByteScanning.forEachMember(data) { key, value in
            if ByteScanning.equals(data, key, "sex") {
                sex = ByteScanning.code(data, value, in: sexCodes)
            } else if ByteScanning.equals(data, key, "birthYear") {
                event.amount = ByteScanning.integer(data, value)
            } else if ByteScanning.equals(data, key, "raceEthnicity") {
                ByteScanning.forEachString(data, in: value) { range in
                    let code = ByteScanning.code(data, range, in: raceCodes)
                    guard code != Vocabulary.unknown else { return }
                    races |= 1 << UInt64(code)
                    if code != Vocabulary.white, code != Vocabulary.raceNotSelfIdentified { populations |= 1 }
                }
            } else if ByteScanning.equals(data, key, "barriers") {
                ByteScanning.forEachString(data, in: value) { range in
                    let code = ByteScanning.code(data, range, in: barrierCodes)
                    if code != Vocabulary.unknown { populations |= 1 << (UInt64(code) + 2) }
                }
            }
        }
        if sex == Vocabulary.female { populations |= 1 << 1 }
        event.code = sex
        event.aux = populations | races << 16
    }
}
