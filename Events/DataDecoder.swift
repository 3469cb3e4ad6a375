import CanonicalJSON
import LedgerStore

/// Reads and validates the `data` object of one event type.
struct DataDecoder {
    let type: EventType
    let object: JSONObject

    func decode() throws(EventRejection) -> WorkforceEvent {
        let known = type.allFields
        for member in object.members where !known.contains(where: { $0.isSameName(as: member.key) }) {
            throw EventRejection(
                .unknownField, "/data/" + ValueSyntax.pointerToken(member.key),
                "\"\(member.key)\" is not a field of \(type.rawValue); its fields are \(known.joined(separator: ", "))")
        }
        switch type {
        case .programRegistered:
            return .programRegistered(
                ProgramRegistered(
                    programId: try entityId("programId"), name: try string("name"), provider: try string("provider"),
                    sector: try code("sector"), trainingType: try code("trainingType"),
                    capacity: try integer("capacity", minimum: 0)))
        case .programCapacityChanged:
            return .programCapacityChanged(
                ProgramCapacityChanged(
                    programId: try entityId("programId"), capacity: try integer("capacity", minimum: 0)))
        case .employerRegistered:
            return .employerRegistered(
                EmployerRegistered(
                    employerId: try entityId("employerId"), name: try string("name"), sector: try code("sector")))
        case .employerHiringCommitted:
            return .employerHiringCommitted(
                EmployerHiringCommitted(
                    employerId: try entityId("employerId"), positions: try integer("positions", minimum: 1),
                    programId: try optionalEntityId("programId")))
        case .participantRegistered:
            let race: [RaceEthnicity] = try codes("raceEthnicity", exclusive: .didNotSelfIdentify)
            return .participantRegistered(
                ParticipantRegistered(
                    participantId: try entityId("participantId"), county: try string("county"),
                    birthYear: try integer("birthYear", minimum: 1900, maximum: 2100), sex: try code("sex"),
                    raceEthnicity: race, barriers: try codes("barriers", exclusive: nil),
                    employmentStatus: try code("employmentStatus")))
        case .caseManagerAssigned:
            let participantId = try entityId("participantId")
            let caseManagerId = try entityId("caseManagerId")
            guard caseManagerId != ValueSyntax.reservedCaseManagerId else {
                throw EventRejection(
                    .invalidValue, "/data/caseManagerId",
                    "\"unassigned\" is reserved for participants without a case manager and cannot be assigned")
            }
            return .caseManagerAssigned(CaseManagerAssigned(participantId: participantId, caseManagerId: caseManagerId))
        case .matched: return .matched(try participantProgram())
        case .waitlisted: return .waitlisted(try participantProgram())
        case .enrolled: return .enrolled(try participantProgram())
        case .trainingCompleted: return .trainingCompleted(try participantProgram())
        case .serviceGranted:
            return .serviceGranted(
                ServiceGranted(
                    participantId: try entityId("participantId"), service: try code("service"),
                    amountCents: try integer("amountCents", minimum: 0)))
        case .trainingWithdrawn:
            return .trainingWithdrawn(
                TrainingWithdrawn(
                    participantId: try entityId("participantId"), programId: try entityId("programId"),
                    reason: try string("reason")))
        case .credentialEarned:
            return .credentialEarned(
                CredentialEarned(
                    participantId: try entityId("participantId"), credential: try string("credential"),
                    credentialType: try code("credentialType"), programId: try optionalEntityId("programId")))
        case .hired:
            let participantId = try entityId("participantId")
            let employerId = try entityId("employerId")
            let occupation = try string("occupation")
            guard ValueSyntax.isSOCCode(occupation) else {
                throw EventRejection(
                    .invalidValue, "/data/occupation",
                    "occupation \"\(occupation)\" must be a SOC code like 51-4121 (two digits, a dash, four digits)")
            }
            return .hired(
                Hired(
                    participantId: participantId, employerId: employerId, occupation: occupation,
                    hourlyWageCents: try integer("hourlyWageCents", minimum: 1), hoursPerWeek: try hoursPerWeek()))
        case .employmentVerified:
            let participantId = try entityId("participantId")
            let quarterText = try string("quarter")
            guard let quarter = ValueSyntax.quarter(quarterText) else {
                throw EventRejection(
                    .invalidValue, "/data/quarter", "quarter \"\(quarterText)\" must look like 2025Q1 (year, Q, 1 to 4)")
            }
            return .employmentVerified(
                EmploymentVerified(
                    participantId: participantId, quarter: quarter, wagesCents: try integer("wagesCents", minimum: 0),
                    source: try code("source"), employerId: try optionalEntityId("employerId")))
        case .exitExcluded:
            return .exitExcluded(ExitExcluded(participantId: try entityId("participantId"), reason: try code("reason")))
        case .eventVoided:
            let target = try string("targetEventId")
            guard ValueSyntax.isEventId(target) else {
                throw EventRejection(
                    .invalidValue, "/data/targetEventId",
                    "targetEventId must be an eventId: 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'")
            }
            return .eventVoided(EventVoided(targetEventId: target, reason: try string("reason")))
        }
    }

    // MARK: Fields

    @inline(__always)
    func pointer(_ key: String) -> String { "/data/" + key }

    /// The value of `key`; `nil` when absent; `null` is refused.
    func value(_ key: String) throws(EventRejection) -> JSONValue? {
        guard let value = object[key] else { return nil }
        if case .null = value {
            throw EventRejection(
                .invalidValue, pointer(key), "\(key) must not be null (leave an optional field out instead)")
        }
        return value
    }

    func required(_ key: String) throws(EventRejection) -> JSONValue {
        guard let value = try value(key) else {
            throw EventRejection(.missingField, pointer(key), "\(type.rawValue) needs \"\(key)\" in its data")
        }
        return value
    }

    func string(_ key: String) throws(EventRejection) -> String {
        try string(key, from: try required(key))
    }

    func string(_ key: String, from value: JSONValue) throws(EventRejection) -> String {
        guard case .string(let text) = value else {
            throw EventRejection(.invalidValue, pointer(key), "\(key) must be a string, not \(value.kindDescription)")
        }
        guard !text.isEmpty else { throw EventRejection(.invalidValue, pointer(key), "\(key) must not be empty") }
        return text
    }

    func entityId(_ key: String) throws(EventRejection) -> String {
        try entityId(key, from: try required(key))
    }

    func optionalEntityId(_ key: String) throws(EventRejection) -> String? {
        guard let value = try value(key) else { return nil }
        return try entityId(key, from: value)
    }

    func entityId(_ key: String, from value: JSONValue) throws(EventRejection) -> String {
        let text = try string(key, from: value)
        guard ValueSyntax.isEntityId(text) else {
            throw EventRejection(
                .invalidValue, pointer(key),
                "\(key) \"\(text)\" must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'")
        }
        return text
    }

    func code<C: EventCode>(_ key: String) throws(EventRejection) -> C {
        let text = try string(key)
        guard let code = C(rawValue: text) else {
            throw EventRejection(
                .invalidValue, pointer(key),
                "\"\(text)\" is not \(C.codeListName.withIndefiniteArticle) code; use one of \(C.allowedList)")
        }
        return code
    }

    /// A list of distinct codes; `exclusive`, when present, must stand alone.
    func codes<C: EventCode>(_ key: String, exclusive: C?) throws(EventRejection) -> [C] {
        let value = try required(key)
        guard case .array(let elements) = value else {
            throw EventRejection(.invalidValue, pointer(key), "\(key) must be an array of codes, not \(value.kindDescription)")
        }
        var codes: [C] = []
        codes.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            // The pointer is spelled out only for an error.
            func field() -> String { pointer(key) + "/" + String(index) }
            guard case .string(let text) = element else {
                throw EventRejection(.invalidValue, field(), "\(key) must hold codes (strings), not \(element.kindDescription)")
            }
            guard let code = C(rawValue: text) else {
                throw EventRejection(
                    .invalidValue, field(),
                    "\"\(text)\" is not \(C.codeListName.withIndefiniteArticle) code; use one of \(C.allowedList)")
            }
            guard !codes.contains(code) else {
                throw EventRejection(.invalidValue, field(), "\(key) lists \"\(text)\" twice")
            }
            codes.append(code)
        }
        if let exclusive, codes.count > 1, let index = codes.firstIndex(of: exclusive) {
            throw EventRejection(
                .invalidValue, pointer(key) + "/" + String(index),
                "\"\(exclusive.rawValue)\" must stand alone in \(key), without other codes")
        }
        return codes
    }

    /// An integer (no fraction, no exponent, at most 2^53 − 1 in magnitude) within the bounds.
    func integer(_ key: String, minimum: Int64, maximum: Int64 = 9_007_199_254_740_991) throws(EventRejection) -> Int64 {
        let value = try required(key)
        guard case .number(let number) = value else {
            throw EventRejection(.invalidValue, pointer(key), "\(key) must be a whole number, not \(value.kindDescription)")
        }
        guard number.isIntegerLiteral else {
            throw EventRejection(
                .invalidValue, pointer(key),
                "\(key) must be a whole number written without a fraction or exponent, not \(number.literal)")
        }
        guard let integer = number.int64, integer.magnitude <= 9_007_199_254_740_991 else {
            throw EventRejection(.invalidValue, pointer(key), "\(key) \(number.literal) is too large")
        }
        guard integer >= minimum, integer <= maximum else {
            let bound = maximum == 9_007_199_254_740_991 ? "at least \(minimum)" : "between \(minimum) and \(maximum)"
            throw EventRejection(.invalidValue, pointer(key), "\(key) must be \(bound), not \(number.literal)")
        }
        return integer
    }

    func hoursPerWeek() throws(EventRejection) -> Double {
        let key = "hoursPerWeek"
        let value = try required(key)
        guard case .number(let number) = value else {
            throw EventRejection(.invalidValue, pointer(key), "\(key) must be a number, not \(value.kindDescription)")
        }
        // The stored value is the double, so it must be in (0, 80]; where the double rounds to exactly 80, the
        // literal decides: 80.0000000000000001 is a double of 80, but more than 80 all the same.
        guard number.double > 0, number.double <= 80,
            number.double < 80 || DecimalLiteral.compare(number.literal, with: 80) != .greater
        else {
            throw EventRejection(
                .invalidValue, pointer(key), "\(key) must be more than 0 and at most 80, not \(number.literal)")
        }
        return number.double
    }

    func participantProgram() throws(EventRejection) -> ParticipantProgram {
        ParticipantProgram(participantId: try entityId("participantId"), programId: try entityId("programId"))
    }
}
