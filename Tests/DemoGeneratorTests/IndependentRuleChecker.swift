import CanonicalJSON

/// A small re-implementation of the append rules of EVENTS.md section 3, written from the spec and independent
/// of WorkforceEvents, to check the demo history line by line in append order.
struct IndependentRuleChecker {
    struct Problem: CustomStringConvertible {
        let line: Int
        let code: String
        let detail: String
        var description: String { "line \(line): \(code) \(detail)" }
    }

    private struct StoredEvent {
        let type: String
        let participant: String?
        let program: String?
        let quarter: String?
        var voided = false
    }

    private var participants: Set<String> = []
    private var programs: [String: Int] = [:]  // capacity
    private var employers: Set<String> = []
    private var funds: Set<String> = []
    /// Live quarter closes: quarter → event id.
    private var closedQuarters: [String: String] = [:]
    private var events: [String: StoredEvent] = [:]
    /// Per participant and program: the live enrollment/ending event ids in position order.
    private var enrollmentHistory: [String: [(id: String, isEnrollment: Bool)]] = [:]
    private var activeByProgram: [String: Set<String>] = [:]
    private var wageRecords: [String: String] = [:]
    private(set) var problems: [Problem] = []
    private(set) var lineCount = 0

    mutating func check(_ bytes: [UInt8]) {
        lineCount += 1
        let line = lineCount
        guard case .object(let envelope)? = try? JSONParser().parse(bytes),
            case .string(let type)? = envelope["type"], case .string(let eventId)? = envelope["eventId"],
            case .object(let data)? = envelope["data"]
        else {
            problems.append(Problem(line: line, code: "invalid_json", detail: ""))
            return
        }
        func string(_ key: String) -> String? {
            if case .string(let value)? = data[key] { return value }
            return nil
        }
        func fail(_ code: String, _ detail: String = "") {
            problems.append(Problem(line: line, code: code, detail: "\(type) \(eventId) \(detail)"))
        }
        if events[eventId] != nil { return fail("duplicate_event_id") }
        let participant = string("participantId")
        let program = string("programId")
        if let participant, type != "participant.registered", !participants.contains(participant) {
            return fail("unknown_participant")
        }
        if let program, type != "program.registered", programs[program] == nil { return fail("unknown_program") }
        if let employer = string("employerId"), type == "participant.hired" || type == "employer.hiring_committed",
            !employers.contains(employer)
        {
            return fail("unknown_employer")
        }
        if let fund = string("fundId"), type != "fund.registered", !funds.contains(fund) { return fail("unknown_fund") }
        let key = "\(participant ?? "")|\(program ?? "")"
        switch type {
        case "program.registered":
            guard let program, programs[program] == nil else { return fail("already_registered") }
            guard case .number(let capacity)? = data["capacity"], let value = capacity.int64 else { return fail("invalid_value") }
            programs[program] = Int(value)
        case "program.capacity_changed":
            guard let program, case .number(let capacity)? = data["capacity"], let value = capacity.int64 else {
                return fail("invalid_value")
            }
            programs[program] = Int(value)
        case "employer.registered":
            guard let employer = string("employerId"), !employers.contains(employer) else { return fail("already_registered") }
            employers.insert(employer)
        case "participant.registered":
            guard let participant, !participants.contains(participant) else { return fail("already_registered") }
            participants.insert(participant)
        case "fund.registered":
            guard let fund = string("fundId"), !funds.contains(fund) else { return fail("already_registered") }
            funds.insert(fund)
        case "participant.gap_in_service_planned":
            guard let start = string("startDate").flatMap(IndependentOutcomes.day),
                let end = string("endDate").flatMap(IndependentOutcomes.day), start <= end, end <= start + 364
            else { return fail("invalid_value", "/data/endDate") }
        case "wages.quarter_closed":
            guard let quarter = string("quarter"), let index = IndependentOutcomes.quarter(quarter),
                case .string(let occurredAt)? = envelope["occurredAt"],
                let day = Timestamps.minutes(occurredAt).map({ $0 / 1440 }),
                day > IndependentOutcomes.lastDay(ofQuarter: index)
            else { return fail("invalid_value", "/data/quarter") }
            if closedQuarters[quarter] != nil { return fail("duplicate_quarter") }
            closedQuarters[quarter] = eventId
        case "participant.waitlisted":
            if isActive(key) { return fail("already_enrolled") }
        case "participant.enrolled":
            guard let program, let participant else { return fail("missing_field") }
            if isActive(key) { return fail("already_enrolled") }
            if activeByProgram[program, default: []].count >= programs[program] ?? 0 { return fail("program_full") }
            enrollmentHistory[key, default: []].append((eventId, true))
            refresh(key, participant: participant, program: program)
        case "participant.training_completed", "participant.training_withdrawn":
            guard let program, let participant else { return fail("missing_field") }
            if !isActive(key) { return fail("not_enrolled") }
            enrollmentHistory[key, default: []].append((eventId, false))
            refresh(key, participant: participant, program: program)
        case "participant.employment_verified":
            let wageKey = "\(participant ?? "")|\(string("quarter") ?? "")"
            if wageRecords[wageKey] != nil { return fail("duplicate_quarter") }
            wageRecords[wageKey] = eventId
        case "ledger.event_voided":
            guard let target = string("targetEventId"), var stored = events[target] else { return fail("unknown_event") }
            if stored.voided { return fail("already_voided") }
            if stored.type == "ledger.event_voided" || stored.type.hasSuffix(".registered") { return fail("not_voidable") }
            stored.voided = true
            events[target] = stored
            if stored.type == "wages.quarter_closed", let quarter = stored.quarter { closedQuarters[quarter] = nil }
            if stored.type == "participant.employment_verified" {
                wageRecords["\(stored.participant ?? "")|\(stored.quarter ?? "")"] = nil
            }
            if let p = stored.participant, let g = stored.program {
                let targetKey = "\(p)|\(g)"
                enrollmentHistory[targetKey]?.removeAll { $0.id == target }
                refresh(targetKey, participant: p, program: g)
            }
        default:
            break
        }
        events[eventId] = StoredEvent(type: type, participant: participant, program: program, quarter: string("quarter"))
    }

    /// Actively enrolled: the latest live enrollment or ending (by position) is an enrollment.
    private func isActive(_ key: String) -> Bool {
        enrollmentHistory[key]?.last?.isEnrollment ?? false
    }

    private mutating func refresh(_ key: String, participant: String, program: String) {
        if isActive(key) {
            activeByProgram[program, default: []].insert(participant)
        } else {
            activeByProgram[program]?.remove(participant)
        }
    }
}
