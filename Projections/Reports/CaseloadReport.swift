/// The caseload report (REPORTS.md section 4): active participants under their case managers.
public struct CaseloadReport: Sendable, Equatable {
    /// The position N the report was computed at: only events at positions ≤ N were known.
    public let position: UInt64
    /// The as-of date D; `nil` when no event counts and no `--as-of` was given.
    public let asOf: Day?
    /// `true` when `--as-of` was not given and ``asOf`` is the latest date of the known events (tables say so).
    public internal(set) var asOfIsDefault = false
    /// Case managers with at least one active participant, sorted by id (code point order; `unassigned` included).
    public let caseManagers: [CaseManagerLoad]

    /// The stages, in the order summaries list them.
    public static let stages = [
        "registered", "matched", "waitlisted", "enrolled", "training_completed", "training_withdrawn", "hired",
    ]
    /// The alerts, in the order summaries list them.
    public static let alerts = ["90_days", "75_days", "60_days"]
}

/// One case manager's active participants and their summary.
public struct CaseManagerLoad: Sendable, Equatable {
    /// The id of the latest `case_manager_assigned` (by date, then position), or `unassigned`.
    public let caseManagerId: String
    /// The rows, sorted by `daysSinceActivity` descending, then `participantId`.
    public var participants: [ActiveParticipant]
    /// The number of active participants.
    public var active: Int { participants.count }

    /// Non-zero counts by stage, in ``CaseloadReport/stages`` order.
    public var byStage: [(String, Int)] {
        CaseloadReport.stages.compactMap { stage in
            let count = participants.count { $0.stage == stage }
            return count > 0 ? (stage, count) : nil
        }
    }

    /// Non-zero counts by alert, in ``CaseloadReport/alerts`` order.
    public var byAlert: [(String, Int)] {
        CaseloadReport.alerts.compactMap { alert in
            let count = participants.count { $0.alert == alert }
            return count > 0 ? (alert, count) : nil
        }
    }

    /// Equal when the id and the rows are equal (the summaries derive from the rows).
    public static func == (a: CaseManagerLoad, b: CaseManagerLoad) -> Bool {
        a.caseManagerId == b.caseManagerId && a.participants == b.participants
    }
}

/// One active participant's row.
public struct ActiveParticipant: Sendable, Equatable {
    /// The active participant: registered with no period of participation yet, or with an open one.
    public let participantId: String
    /// The type, without `participant.`, of the latest `registered`, `matched`, `waitlisted`, `enrolled`,
    /// `training_completed`, `training_withdrawn` or `hired` (by date, then position); one of ``CaseloadReport/stages``.
    public let stage: String
    /// The date of the latest participation-causing event dated ≤ D, or of registration when there is none.
    public let lastActivity: Day
    /// D − ``lastActivity``, in days.
    public let daysSinceActivity: Int
    /// `90_days`, `75_days`, `60_days` or `nil`.
    public let alert: String?
}

extension CaseloadReport {
    static func compute(world: World?, position: UInt64) -> CaseloadReport {
        guard let world else { return CaseloadReport(position: position, asOf: nil, caseManagers: []) }
        var loads: [String: [ActiveParticipant]] = [:]
        for participant in world.participants {
            let timeline = ParticipantTimeline(facts: participant.facts, asOf: world.asOf)
            guard timeline.isActive else { continue }
            var assignment: Fact?
            var stage = participant.registration
            for fact in participant.facts where fact.day <= world.asOf {
                switch fact.kind {
                case .caseManagerAssigned:
                    if assignment.map({ World.isLater(fact, than: $0) }) ?? true { assignment = fact }
                case .matched, .waitlisted, .enrolled, .trainingCompleted, .trainingWithdrawn, .hired:
                    if World.isLater(fact, than: stage) { stage = fact }
                default:
                    break
                }
            }
            let lastActivity = timeline.participationEvents.last?.day ?? participant.registration.day
            let days = Int(world.asOf - lastActivity)
            let alert: String? = days >= 90 ? "90_days" : days >= 75 ? "75_days" : days >= 60 ? "60_days" : nil
            let row = ActiveParticipant(
                participantId: participant.id, stage: Self.stageName(stage.kind), lastActivity: lastActivity,
                daysSinceActivity: days, alert: alert)
            loads[assignment?.ref ?? "unassigned", default: []].append(row)
        }
        let managers = loads.map { id, rows in
            CaseManagerLoad(
                caseManagerId: id,
                participants: rows.sorted {
                    $0.daysSinceActivity != $1.daysSinceActivity
                        ? $0.daysSinceActivity > $1.daysSinceActivity : $0.participantId.precedesByCodePoint($1.participantId)
                })
        }.sorted { $0.caseManagerId.precedesByCodePoint($1.caseManagerId) }
        return CaseloadReport(position: position, asOf: world.asOf, caseManagers: managers)
    }

    /// The stage a fact sets: its type's name without `participant.` (the catalog's names).
    static func stageName(_ kind: FactKind) -> String {
        let name = kind.typeName
        let prefix = EntityKind.participant.streamPrefix.dropLast() + "."
        return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
    }
}
