import LedgerStore

/// The kind of entity a stream belongs to; its raw value is the first byte of the entity's read-model key.
public enum EntityKind: UInt8, Sendable {
    case participant = 1
    case program = 2
    case employer = 3
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
/// no allocation.
enum FactDecoder {
    private static let serviceCodes = Codes.services.map { Array($0.utf8) }
    private static let credentialCodes = Codes.credentialTypes.map { Array($0.utf8) }
    private static let sectorCodes = Codes.sectors.map { Array($0.utf8) }
    private static let trainingCodes = Codes.trainingTypes.map { Array($0.utf8) }

    /// The fact kind of a type name, or `nil` for a type no report reads.
    @inline(__always)
    static func kind(_ c: UnsafeRawBufferPointer, _ r: Range<Int>) -> FactKind? {
        switch r.count {
        case 17:
            if ByteScanning.equals(c, r, "participant.hired") { return .hired }
        case 18:
            if ByteScanning.equals(c, r, "program.registered") { return .programRegistered }
        case 19:
            if ByteScanning.equals(c, r, "employer.registered") { return .employerRegistered }
            if ByteScanning.equals(c, r, "participant.matched") { return .matched }
            if ByteScanning.equals(c, r, "ledger.event_voided") { return .voided }
        case 20:
            if ByteScanning.equals(c, r, "participant.enrolled") { return .enrolled }
        case 22:
            if ByteScanning.equals(c, r, "participant.registered") { return .participantRegistered }
            if ByteScanning.equals(c, r, "participant.waitlisted") { return .waitlisted }
        case 24:
            if ByteScanning.equals(c, r, "program.capacity_changed") { return .capacityChanged }
        case 25:
            if ByteScanning.equals(c, r, "employer.hiring_committed") { return .hiringCommitted }
            if ByteScanning.equals(c, r, "participant.exit_excluded") { return .exitExcluded }
        case 27:
            if ByteScanning.equals(c, r, "participant.service_granted") { return .serviceGranted }
        case 29:
            if ByteScanning.equals(c, r, "participant.credential_earned") { return .credentialEarned }
        case 30:
            if ByteScanning.equals(c, r, "participant.training_completed") { return .trainingCompleted }
            if ByteScanning.equals(c, r, "participant.training_withdrawn") { return .trainingWithdrawn }
        case 31:
            if ByteScanning.equals(c, r, "participant.employment_verified") { return .employmentVerified }
        case 33:
            if ByteScanning.equals(c, r, "participant.case_manager_assigned") { return .caseManagerAssigned }
        default: break
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
    static func decode(
        position: UInt64, canonical c: UnsafeRawBufferPointer, type: Range<Int>, stream: Range<Int>,
        occurredAt: Range<Int>, data dataRange: Range<Int>
    ) -> DecodedEvent? {
        guard let kind = kind(c, type) else { return nil }
        let entity: EntityKind
        let idStart: Int
        if stream.count > 12, ByteScanning.equals(c, stream.lowerBound..<(stream.lowerBound + 12), "participant-") {
            entity = .participant
            idStart = stream.lowerBound + 12
        } else if stream.count > 8, ByteScanning.equals(c, stream.lowerBound..<(stream.lowerBound + 8), "program-") {
            entity = .program
            idStart = stream.lowerBound + 8
        } else if stream.count > 9, ByteScanning.equals(c, stream.lowerBound..<(stream.lowerBound + 9), "employer-") {
            entity = .employer
            idStart = stream.lowerBound + 9
        } else {
            return nil
        }
        var event = DecodedEvent(
            entity: entity, entityId: UnsafeRawBufferPointer(rebasing: c[idStart..<stream.upperBound]),
            position: position, day: ByteScanning.utcDay(c, occurredAt), kind: kind)
        let data = UnsafeRawBufferPointer(rebasing: c[dataRange])
        switch kind {
        case .programRegistered:
            var sector = Codes.unknown
            var training = Codes.unknown
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "sector") {
                    sector = ByteScanning.code(data, value, in: sectorCodes)
                } else if ByteScanning.equals(data, key, "trainingType") {
                    training = ByteScanning.code(data, value, in: trainingCodes)
                } else if ByteScanning.equals(data, key, "capacity") {
                    event.amount = ByteScanning.integer(data, value)
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
            event.code = populationBits(data)
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
                } else if ByteScanning.equals(data, key, "quarter"), value.count == 6 {
                    let year = ByteScanning.integer(data, value.lowerBound..<(value.lowerBound + 4))
                    let q = Int64(data[value.lowerBound + 5] &- UInt8(ascii: "1"))
                    event.aux = UInt64(year * 4 + q)
                }
            }
        case .voided:
            ByteScanning.forEachMember(data) { key, value in
                if ByteScanning.equals(data, key, "targetEventId") { event.voidTargetId = rebase(data, value) }
            }
        }
        return event
    }

    @inline(__always)
    private static func rebase(_ data: UnsafeRawBufferPointer, _ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: data[range])
    }

    /// The population bits of a registration: bit i is `Codes.populations[i]`.
    static func populationBits(_ data: UnsafeRawBufferPointer) -> UInt8 {
        var bits: UInt8 = 0
        ByteScanning.forEachMember(data) { key, value in
            if ByteScanning.equals(data, key, "sex") {
                if ByteScanning.equals(data, value, "female") { bits |= 1 << 1 }
            } else if ByteScanning.equals(data, key, "raceEthnicity") {
                ByteScanning.forEachString(data, in: value) { code in
                    if !ByteScanning.equals(data, code, "white"), !ByteScanning.equals(data, code, "did_not_self_identify") {
                        bits |= 1 << 0
                    }
                }
            } else if ByteScanning.equals(data, key, "barriers") {
                ByteScanning.forEachString(data, in: value) { code in
                    if ByteScanning.equals(data, code, "disability") {
                        bits |= 1 << 2
                    } else if ByteScanning.equals(data, code, "reentry") {
                        bits |= 1 << 3
                    } else if ByteScanning.equals(data, code, "opportunity_youth") {
                        bits |= 1 << 4
                    } else if ByteScanning.equals(data, code, "veteran") {
                        bits |= 1 << 5
                    } else if ByteScanning.equals(data, code, "immigrant") {
                        bits |= 1 << 6
                    }
                }
            }
        }
        return bits
    }
}
