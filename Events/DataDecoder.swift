import CanonicalJSON
import LedgerStore

/// Reads and validates the `data` object of one event type.
struct DataDecoder {
    let type: EventType
    let object: JSONObject
    /// Refuse free text that looks like personal data (``FreeTextScreen``): new input only, never stored events.
    var screensFreeText = false

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
                    programId: try entityId("programId"), name: try freeText("name"), provider: try freeText("provider"),
                    sector: try code("sector"), trainingType: try code("trainingType"),
                    capacity: try integer("capacity", minimum: 0)))
        case .programCapacityChanged:
            return .programCapacityChanged(
                ProgramCapacityChanged(
                    programId: try entityId("programId"), capacity: try integer("capacity", minimum: 0)))
        case .employerRegistered:
            return .employerRegistered(
                EmployerRegistered(
                    employerId: try entityId("employerId"), name: try freeText("name"), sector: try code("sector")))
        case .employerHiringCommitted:
            return .employerHiringCommitted(
                EmployerHiringCommitted(
                    employerId: try entityId("employerId"), positions: try integer("positions", minimum: 1),
                    programId: try optionalEntityId("programId")))
        case .participantRegistered:
            let race: [RaceEthnicity] = try codes("raceEthnicity", exclusive: .didNotSelfIdentify)
            return .participantRegistered(
                ParticipantRegistered(
                    participantId: try entityId("participantId"), county: try freeText("county"),
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
                    amountCents: try integer("amountCents", minimum: 0), fundId: try optionalEntityId("fundId")))
        case .trainingWithdrawn:
            return .trainingWithdrawn(
                TrainingWithdrawn(
                    participantId: try entityId("participantId"), programId: try entityId("programId"),
                    reason: try freeText("reason")))
        case .credentialEarned:
            return .credentialEarned(
                CredentialEarned(
                    participantId: try entityId("participantId"), credential: try freeText("credential"),
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
            let quarter = try quarter("quarter")
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
            return .eventVoided(EventVoided(targetEventId: target, reason: try freeText("reason")))
        case .gapInServicePlanned:
            // The range (endDate from startDate to 364 days after it) is an append rule, checked after the
            // participant's (EVENTS.md section 4): see ``WorkforceRules``.
            return .gapInServicePlanned(
                GapInServicePlanned(
                    participantId: try entityId("participantId"), reason: try code("reason"),
                    startDate: try date("startDate"), endDate: try date("endDate")))
        case .skillGain:
            return .skillGain(
                SkillGain(
                    participantId: try entityId("participantId"), gainType: try code("gainType"),
                    programId: try optionalEntityId("programId")))
        case .quarterClosed:
            return .quarterClosed(QuarterClosed(quarter: try quarter("quarter"), source: try code("source")))
        case .fundRegistered:
            let fundId = try entityId("fundId")
            let name = try freeText("name")
            let source: FundSource = try code("source")
            let budget = try integer("budgetCents", minimum: 0)
            let category = try value("expenditureCategory").map { (value) throws(EventRejection) in
                try string("expenditureCategory", from: value)
            }
            return .fundRegistered(
                FundRegistered(
                    fundId: fundId, name: name, source: source, budgetCents: budget, expenditureCategory: category))
        case .fundBudgetChanged:
            return .fundBudgetChanged(
                FundBudgetChanged(fundId: try entityId("fundId"), budgetCents: try integer("budgetCents", minimum: 0)))
        case .costIncurred:
            return .costIncurred(
                ProgramCostIncurred(
                    programId: try entityId("programId"), fundId: try entityId("fundId"), category: try code("category"),
                    amountCents: try integer("amountCents", minimum: 0)))
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

    /// A free-text string (`name`, `provider`, `reason`, `credential`, `county`): screened for personal data
    /// when ``screensFreeText`` is set.
    func freeText(_ key: String) throws(EventRejection) -> String {
        let text = try string(key)
        if screensFreeText, let finding = FreeTextScreen.finding(in: text) {
            throw EventRejection(.invalidValue, pointer(key), finding.message(field: key))
        }
        return text
    }

    /// A calendar date `YYYY-MM-DD` in years 0001–9999.
    func date(_ key: String) throws(EventRejection) -> CalendarDate {
        let text = try string(key)
        guard let date = CalendarDate(text) else {
            throw EventRejection(
                .invalidValue, pointer(key),
                "\(key) \"\(text)\" must be a calendar date YYYY-MM-DD in the years 0001 to 9999, like 2025-03-31")
        }
        return date
    }

    /// A calendar quarter `YYYYQn`.
    func quarter(_ key: String) throws(EventRejection) -> Quarter {
        let text = try string(key)
        guard let quarter = ValueSyntax.quarter(text) else {
            throw EventRejection(.invalidValue, pointer(key), "\(key) \"\(text)\" must look like 2025Q1 (year, Q, 1 to 4)")
        }
        return quarter
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
