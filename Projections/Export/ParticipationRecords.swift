/// Row-level participation as the reports see it at (N, D), for analysts' own tools (`wfl export sqlite`): each
/// enrollment with the ending that pairs with it, and each period of participation with its entry and exit.
/// Confidential: it names participants.
public struct ParticipationRecords: Sendable, Equatable {
    /// One enrollment dated ≤ D.
    public struct Enrollment: Sendable, Equatable {
        public let participantId: String
        public let programId: String
        /// The `enrolled` event's position and date.
        public let position: UInt64
        public let date: Day
        /// `training_completed` or `training_withdrawn` when its ending is dated ≤ D, else `nil` (still open).
        public let endingType: String?
        public let endingPosition: UInt64?
        public let endingDate: Day?
    }

    /// One period of participation (REPORTS.md section 2).
    public struct Period: Sendable, Equatable {
        public let participantId: String
        /// 1, 2, … per participant, in date order.
        public let sequence: Int
        /// The entry date E.
        public let entryDate: Day
        /// The latest participation-causing event's date L.
        public let lastActivityDate: Day
        /// The exit date X, or `nil` while the period is open.
        public let exitDate: Day?
        /// Whether an exit exclusion dated in [E, X + 365] (and ≤ D) takes the exited period out of every
        /// exit-based measure.
        public let excluded: Bool
        /// The programs with an `enrolled` dated in [E, X] (exited periods), sorted.
        public let programs: [String]
    }

    /// Enrollments, by participant then position.
    public let enrollments: [Enrollment]
    /// Periods, by participant then sequence.
    public let periods: [Period]
}

extension ReadModels {
    /// The enrollments and periods of participation of the participants who count at `query`; empty when no
    /// event counts.
    public func participationRecords(_ query: ReportQuery) throws -> ParticipationRecords {
        guard let world = try world(ReadModelCatalog.outcomes, query) else {
            return ParticipationRecords(enrollments: [], periods: [])
        }
        var enrollments: [ParticipationRecords.Enrollment] = []
        var periods: [ParticipationRecords.Period] = []
        for participant in world.participants {
            let timeline = ParticipantTimeline(facts: participant.facts, asOf: world.asOf)
            for enrollment in timeline.enrollments where enrollment.fact.day <= world.asOf {
                let ending = enrollment.ending.flatMap { $0.day <= world.asOf ? $0 : nil }
                enrollments.append(
                    .init(
                        participantId: participant.id, programId: enrollment.program,
                        position: enrollment.fact.position, date: enrollment.fact.day,
                        endingType: ending.map { CaseloadReport.stageName($0.kind) }, endingPosition: ending?.position,
                        endingDate: ending?.day))
            }
            for (index, period) in timeline.periods.enumerated() {
                let evaluation = ExitEvaluation(period: period, facts: participant.facts, world: world)
                periods.append(
                    .init(
                        participantId: participant.id, sequence: index + 1, entryDate: period.entry,
                        lastActivityDate: period.latest, exitDate: period.exit, excluded: evaluation?.isExcluded ?? false,
                        programs: evaluation?.programs ?? []))
            }
        }
        return ParticipationRecords(enrollments: enrollments, periods: periods)
    }
}
