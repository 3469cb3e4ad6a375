import CanonicalJSON

/// Rates and counts computed from generated events (voided events left out), to compare with the targets.
struct HistoryStatistics: CustomStringConvertible {
    var countsByType: [String: Int] = [:]
    var registered = 0
    var completed = 0
    var withdrawn = 0
    var participantsWithSupport = 0
    var supportByService: [String: Int] = [:]
    var supportAmountsOutOfRange = 0
    var participantsWithEnding = 0
    var completersHired = 0
    var completers = 0
    var credentialedCompleters = 0
    var caseManagers = 0
    var maxEnrollmentsPerParticipant = 0
    var lateEvents = 0
    var hoursPerWeek: [String: Int] = [:]
    var wagesOutOfBand = 0
    var bipoc = 0
    var women = 0
    var barriers: [String: Int] = [:]

    var completionRate: Double { Double(completed) / Double(max(1, completed + withdrawn)) }
    var supportShare: Double { Double(participantsWithSupport) / Double(max(1, registered)) }
    var completerPlacement: Double { Double(completersHired) / Double(max(1, completers)) }
    var credentialShare: Double { Double(credentialedCompleters) / Double(max(1, completers)) }

    init(_ events: [JSONObject], recordedAt: [String]) {
        var voided: Set<String> = []
        for event in events where event.string("type") == "ledger.event_voided" {
            if let target = event.object("data")?.string("targetEventId") { voided.insert(target) }
        }
        var supported: Set<String> = []
        var ended: Set<String> = []
        var completerSet: Set<String> = []
        var hired: Set<String> = []
        var credentialed: Set<String> = []
        var managers: Set<String> = []
        var enrollments: [String: Int] = [:]
        for (index, event) in events.enumerated() {
            guard let type = event.string("type"), let id = event.string("eventId"), !voided.contains(id),
                let data = event.object("data")
            else { continue }
            countsByType[type, default: 0] += 1
            let participant = data.string("participantId") ?? ""
            if let occurred = event.string("occurredAt"), occurred.prefix(10) < recordedAt[index].prefix(10),
                dayGap(occurred, recordedAt[index]) > 10
            {
                lateEvents += 1
            }
            switch type {
            case "participant.registered":
                registered += 1
                if case .array(let race)? = data["raceEthnicity"],
                    race.contains(where: { $0 != .string("white") && $0 != .string("did_not_self_identify") })
                {
                    bipoc += 1
                }
                if data.string("sex") == "female" { women += 1 }
                if case .array(let codes)? = data["barriers"] {
                    for case .string(let code) in codes { barriers[code, default: 0] += 1 }
                }
            case "participant.service_granted":
                let service = data.string("service") ?? ""
                if ["transportation", "childcare", "housing", "work_supplies", "other_supportive"].contains(service) {
                    supported.insert(participant)
                    supportByService[service, default: 0] += 1
                    let amount = data.integer("amountCents") ?? 0
                    if amount < 20_000 || amount > 150_000 { supportAmountsOutOfRange += 1 }
                }
            case "participant.training_completed":
                completed += 1
                ended.insert(participant)
                completerSet.insert(participant)
            case "participant.training_withdrawn":
                withdrawn += 1
                ended.insert(participant)
            case "participant.hired":
                hired.insert(participant)
                if case .number(let hours)? = data["hoursPerWeek"] { hoursPerWeek[hours.literal, default: 0] += 1 }
                if !(1800...3000).contains(data.integer("hourlyWageCents") ?? 0) { wagesOutOfBand += 1 }
            case "participant.credential_earned":
                if data.string("credentialType") != "certificate_of_completion" { credentialed.insert(participant) }
            case "participant.case_manager_assigned":
                managers.insert(data.string("caseManagerId") ?? "")
            case "participant.enrolled":
                enrollments[participant, default: 0] += 1
            default:
                break
            }
        }
        participantsWithSupport = supported.count
        participantsWithEnding = ended.count
        completers = completerSet.count
        completersHired = completerSet.intersection(hired).count
        credentialedCompleters = completerSet.intersection(credentialed).count
        caseManagers = managers.count
        maxEnrollmentsPerParticipant = enrollments.values.max() ?? 0
    }

    var description: String {
        """
        events by type: \(countsByType.sorted { $0.key < $1.key })
        registered \(registered), completion \(completionRate) (\(completed)/\(completed + withdrawn)), \
        support share \(supportShare), support by service \(supportByService), \
        completer placement \(completerPlacement), credential share \(credentialShare), \
        case managers \(caseManagers), late events \(lateEvents), hours \(hoursPerWeek), \
        bipoc \(bipoc), women \(women), barriers \(barriers.sorted { $0.key < $1.key })
        """
    }
}

/// Days between two RFC 3339 timestamps' dates (approximate: 31-day months are fine for "weeks late").
private func dayGap(_ earlier: String, _ later: String) -> Int {
    func days(_ text: String) -> Int {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return 0 }
        return parts[0] * 372 + parts[1] * 31 + parts[2]
    }
    return days(later) - days(earlier)
}
