import CanonicalJSON
import DemoGenerator
import Testing

/// Every generated line is an input event of EVENTS.md section 1 and 3: only allowed fields, valid codes.
@Suite struct DemoShapeTests {
    static let sectors: Set<String> = [
        "manufacturing", "information_technology", "health_care", "infrastructure", "clean_energy",
    ]
    static let codes: [String: Set<String>] = [
        "sector": sectors,
        "trainingType": [
            "occupational_skills", "apprenticeship", "skill_upgrading", "job_readiness", "on_the_job", "customized",
        ],
        "sex": ["female", "male", "did_not_self_identify"],
        "employmentStatus": ["employed", "unemployed", "not_in_labor_force"],
        "service": [
            "career_advising", "case_management", "job_search_assistance", "tuition", "childcare", "transportation",
            "housing", "work_supplies", "other_supportive", "follow_up",
        ],
        "credentialType": [
            "industry_certification", "occupational_license", "occupational_certificate",
            "apprenticeship_certificate", "associate_degree", "bachelor_degree", "secondary_diploma",
            "certificate_of_completion",
        ],
    ]
    /// Codes whose list depends on the type (type → key → codes).
    static let typeCodes: [String: [String: Set<String>]] = [
        "participant.employment_verified": ["source": ["ui_wage_match", "supplemental"]],
        "wages.quarter_closed": ["source": ["ui_wage_match"]],
        "fund.registered": [
            "source": ["arpa_slfrf", "wioa_adult", "wioa_dislocated_worker", "wioa_youth", "state", "private"]
        ],
        "participant.gap_in_service_planned": ["reason": ["awaiting_training_start", "health_medical", "family_care"]],
        "participant.skill_gain": [
            "gainType": [
                "educational_functioning_level", "secondary_diploma", "postsecondary_transcript", "training_milestone",
                "skills_progression",
            ]
        ],
        "program.cost_incurred": ["category": ["training_contract", "instruction", "materials", "administration"]],
    ]
    static let race: Set<String> = [
        "hispanic_latino", "american_indian_alaska_native", "asian", "black_african_american",
        "native_hawaiian_pacific_islander", "white", "did_not_self_identify",
    ]
    static let barriers: Set<String> = [
        "disability", "reentry", "opportunity_youth", "veteran", "immigrant", "english_learner",
        "low_income", "homeless", "single_parent", "long_term_unemployed",
    ]
    static let exclusions: Set<String> = [
        "institutionalized", "health_medical", "deceased", "reserve_forces_called", "foster_care",
    ]

    /// type → (required data fields, optional data fields)
    static let fields: [String: (required: Set<String>, optional: Set<String>)] = [
        "program.registered": (["programId", "name", "provider", "sector", "trainingType", "capacity"], []),
        "program.capacity_changed": (["programId", "capacity"], []),
        "employer.registered": (["employerId", "name", "sector"], []),
        "employer.hiring_committed": (["employerId", "positions"], ["programId"]),
        "participant.registered": (
            [
                "participantId", "county", "birthYear", "sex", "raceEthnicity", "barriers",
                "employmentStatus",
            ], []
        ),
        "participant.case_manager_assigned": (["participantId", "caseManagerId"], []),
        "participant.matched": (["participantId", "programId"], []),
        "participant.waitlisted": (["participantId", "programId"], []),
        "participant.enrolled": (["participantId", "programId"], []),
        "participant.service_granted": (["participantId", "service", "amountCents"], ["fundId"]),
        "participant.gap_in_service_planned": (["participantId", "reason", "startDate", "endDate"], []),
        "participant.skill_gain": (["participantId", "gainType"], ["programId"]),
        "participant.training_completed": (["participantId", "programId"], []),
        "participant.training_withdrawn": (["participantId", "programId", "reason"], []),
        "participant.credential_earned": (["participantId", "credential", "credentialType"], ["programId"]),
        "participant.hired": (["participantId", "employerId", "occupation", "hourlyWageCents", "hoursPerWeek"], []),
        "participant.employment_verified": (["participantId", "quarter", "wagesCents", "source"], ["employerId"]),
        "participant.exit_excluded": (["participantId", "reason"], []),
        "fund.registered": (["fundId", "name", "source", "budgetCents"], ["expenditureCategory"]),
        "fund.budget_changed": (["fundId", "budgetCents"], []),
        "program.cost_incurred": (["programId", "fundId", "category", "amountCents"], []),
        "wages.quarter_closed": (["quarter", "source"], []),
        "ledger.event_voided": (["targetEventId", "reason"], []),
    ]

    @Test func everyLineIsAWellFormedInputEvent() throws {
        var problems: [String] = []
        var eventIds: Set<String> = []
        var typesSeen: Set<String> = []
        for line in DemoFixture.standard.lines {
            guard case .object(let event) = try JSONParser().parse(line) else {
                problems.append("not an object")
                continue
            }
            let problem = Self.problem(in: event, eventIds: &eventIds)
            if let problem { problems.append("\(problem): \(String(decoding: line, as: UTF8.self))") }
            typesSeen.insert(event.string("type") ?? "")
            if problems.count > 20 { break }
        }
        #expect(problems.isEmpty, "\(problems)")
        #expect(typesSeen == Set(Self.fields.keys))
    }

    static func problem(in event: JSONObject, eventIds: inout Set<String>) -> String? {
        guard Set(event.keys) == ["type", "eventId", "occurredAt", "actor", "data"] else { return "envelope keys" }
        guard let type = event.string("type"), let spec = fields[type] else { return "type" }
        guard let eventId = event.string("eventId"), isIdentifier(eventId, maximum: 128, extra: ":"),
            eventIds.insert(eventId).inserted
        else { return "eventId" }
        guard let occurredAt = event.string("occurredAt"), Timestamps.minutes(occurredAt) != nil else { return "occurredAt" }
        guard let actor = event.string("actor"), let colon = actor.firstIndex(of: ":"),
            ["staff", "service", "provider", "employer", "system"].contains(String(actor[..<colon])),
            isIdentifier(String(actor[actor.index(after: colon)...]), maximum: 128, extra: ":")
        else { return "actor" }
        guard let data = event.object("data") else { return "data" }
        let keys = Set(data.keys)
        guard spec.required.isSubset(of: keys), keys.isSubset(of: spec.required.union(spec.optional)) else {
            return "data keys"
        }
        for member in data.members {
            switch member.value {
            case .null, .bool, .object: return "value of \(member.key)"
            case .string(let text) where text.isEmpty: return "empty \(member.key)"
            case .number(let number) where member.key != "hoursPerWeek" && (number.int64 ?? -1) < 0:
                return "integer \(member.key)"
            default: break
            }
            if let allowed = typeCodes[type]?[member.key] ?? codes[member.key], type != "ledger.event_voided",
                !allowed.contains(data.string(member.key) ?? "")
            {
                return "code \(member.key)"
            }
        }
        for key in ["participantId", "programId", "employerId", "caseManagerId", "fundId"] {
            if let id = data.string(key), !isIdentifier(id, maximum: 64, extra: "") { return key }
        }
        if let participant = data.string("participantId"), !(participant.hasPrefix("P-") && participant.count == 8) {
            return "pseudonymous participant id"
        }
        switch type {
        case "participant.registered":
            guard case .array(let raceCodes)? = data["raceEthnicity"], case .array(let barrierCodes)? = data["barriers"],
                let birthYear = data.integer("birthYear"), (1940...2010).contains(birthYear)
            else { return "registration" }
            let raceStrings = raceCodes.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            let barrierStrings = barrierCodes.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            guard raceStrings.count == raceCodes.count, Set(raceStrings).isSubset(of: race),
                Set(raceStrings).count == raceStrings.count,
                !raceStrings.contains("did_not_self_identify") || raceStrings.count == 1,
                Set(barrierStrings).isSubset(of: barriers), Set(barrierStrings).count == barrierStrings.count,
                barrierStrings.count == barrierCodes.count
            else { return "registration codes" }
        case "participant.exit_excluded":
            guard exclusions.contains(data.string("reason") ?? "") else { return "exclusion reason" }
        case "participant.hired":
            guard let occupation = data.string("occupation"), occupation.count == 7,
                occupation.utf8.enumerated().allSatisfy({
                    $0.offset == 2 ? $0.element == 0x2D : (0x30...0x39).contains($0.element)
                }),
                let wage = data.integer("hourlyWageCents"), wage >= 1,
                case .number(let hours)? = data["hoursPerWeek"], hours.double > 0, hours.double <= 80
            else { return "hire" }
        case "participant.employment_verified":
            guard let quarter = data.string("quarter"), IndependentOutcomes.quarter(quarter) != nil else { return "quarter" }
        case "wages.quarter_closed":
            guard let quarter = data.string("quarter").flatMap(IndependentOutcomes.quarter),
                let day = event.string("occurredAt").flatMap(Timestamps.minutes).map({ $0 / 1440 }),
                day > IndependentOutcomes.lastDay(ofQuarter: quarter)
            else { return "quarter close" }
        case "participant.gap_in_service_planned":
            guard let start = data.string("startDate").flatMap(IndependentOutcomes.day),
                let end = data.string("endDate").flatMap(IndependentOutcomes.day),
                let recorded = event.string("occurredAt").flatMap(Timestamps.minutes).map({ $0 / 1440 }),
                start <= end, end <= start + 364, recorded <= start
            else { return "gap dates" }
        case "participant.service_granted":
            let service = data.string("service") ?? ""
            let amount = data.integer("amountCents") ?? -1
            let supportive = ["childcare", "transportation", "housing", "work_supplies", "other_supportive"].contains(service)
            if supportive ? !(20_000...150_000).contains(amount) : service == "tuition" ? amount <= 0 : amount != 0 {
                return "service amount"
            }
            if service == "tuition" && data.string("fundId") == nil { return "tuition without a fund" }
        default:
            break
        }
        return nil
    }

    static func isIdentifier(_ text: String, maximum: Int, extra: String) -> Bool {
        let extraBytes = Array(extra.utf8)
        return !text.isEmpty && text.utf8.count <= maximum
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2E || byte == 0x5F || byte == 0x2D || extraBytes.contains(byte)
            }
    }

    @Test func batchesAreRecordedAfterEverythingInThemAndInOrder() throws {
        var previous = Int.min
        var lateEvents = 0
        for batch in DemoFixture.standard.batches {
            let recorded = try #require(Timestamps.minutes(batch.recordedAt))
            #expect(batch.recordedAt.hasSuffix("Z"))
            #expect(recorded > previous)
            previous = recorded
            for line in batch.lines {
                guard case .object(let event) = try JSONParser().parse(line),
                    let occurred = event.string("occurredAt").flatMap(Timestamps.minutes)
                else {
                    Issue.record("unparsable line")
                    return
                }
                #expect(occurred < recorded)
                if recorded - occurred > 14 * 1440 { lateEvents += 1 }
            }
        }
        #expect(lateEvents > 1000, "some events arrive weeks late")
        let last = try #require(DemoFixture.standard.batches.last?.recordedAt)
        #expect(last <= "2026-11-25T00:00:00Z")
    }
}

/// RFC 3339 timestamps as minutes since 1970 (UTC), for comparisons.
enum Timestamps {
    static func minutes(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 25, bytes[10] == 0x54 else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: bytes[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var offset = 0
        if bytes.count == 25 {
            guard let offsetHours = number(20..<22), let offsetMinutes = number(23..<25) else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * (bytes[19] == 0x2D ? -1 : 1)
        } else if bytes[19] != 0x5A {
            return nil
        }
        // Days from civil (Hinnant).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        return days * 1440 + hour * 60 + minute - offset
    }
}
