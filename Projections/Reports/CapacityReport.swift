/// The program capacity report (REPORTS.md section 5): one row per program.
public struct CapacityReport: Sendable, Equatable {
    /// The position N the report was computed at: only events at positions ≤ N were known.
    public let position: UInt64
    /// The as-of date D; `nil` when no event counts and no `--as-of` was given.
    public let asOf: Day?
    /// `true` when `--as-of` was not given and ``asOf`` is the latest date of the known events (tables say so).
    public internal(set) var asOfIsDefault = false
    /// One row per registered program, sorted by `programId` (code point order).
    public let programs: [ProgramCapacity]
}

/// One program's row.
public struct ProgramCapacity: Sendable, Equatable {
    /// The registered program.
    public let programId: String
    /// The program's name (for people; not in the JSON or CSV).
    public let name: String
    /// The program's sector code, e.g. `health_care`.
    public let sector: String
    /// Seats, from the latest (by date, then position) `registered` or `capacity_changed` dated ≤ D.
    public let capacity: Int64
    /// Participants with an open enrollment in the program at the end of D.
    public var activeEnrolled = 0
    /// Participants whose latest `waitlisted` for the program (by position) is not followed by an `enrolled` for it,
    /// both dated ≤ D.
    public var waitlisted = 0
    /// `training_completed` endings dated ≤ D that close an enrollment dated ≤ D.
    public var completed = 0
    /// `training_withdrawn` endings dated ≤ D that close an enrollment dated ≤ D.
    public var withdrawn = 0
    /// The sum of `positions` of the `hiring_committed` events dated ≤ D that name the program.
    public var hiringCommitments: Int64 = 0
    /// Participants with a `hired` dated ≤ D and on or after one of their counted completions of the program.
    public var hiredGraduates = 0

    /// max(0, capacity − activeEnrolled).
    public var seatsAvailable: Int64 { max(0, capacity - Int64(activeEnrolled)) }
    /// activeEnrolled / capacity in ten-thousandths, rounded half up; `nil` when the capacity is 0.
    public var utilizationTenThousandths: Int? {
        capacity == 0 ? nil : Rounding.tenThousandths(activeEnrolled, Int(capacity))
    }
}

extension CapacityReport {
    static func compute(world: World?, position: UInt64) -> CapacityReport {
        guard let world else { return CapacityReport(position: position, asOf: nil, programs: []) }
        let asOf = world.asOf
        var rows: [String: ProgramCapacity] = [:]
        for info in world.programs.values {
            rows[info.id] = ProgramCapacity(
                programId: info.id, name: info.name, sector: Vocabulary.name(info.sector, in: Vocabulary.sectors),
                capacity: info.capacity)
        }
        for commitment in world.commitments where !commitment.ref.isEmpty {
            rows[commitment.ref]?.hiringCommitments += commitment.amount
        }
        for participant in world.participants {
            let timeline = ParticipantTimeline(facts: participant.facts, asOf: asOf)
            // Active enrollments: participants with an open enrollment in the program.
            var openPrograms: [String] = []
            for enrollment in timeline.openEnrollments where !openPrograms.contains(enrollment.program) {
                openPrograms.append(enrollment.program)
            }
            for program in openPrograms { rows[program]?.activeEnrolled += 1 }
            // Endings dated ≤ D that close an enrollment dated ≤ D, counted once per ending.
            var countedEndings: [UInt64] = []
            var completionDays: [String: [Day]] = [:]
            for enrollment in timeline.enrollments where enrollment.fact.day <= asOf {
                guard let ending = enrollment.ending, ending.day <= asOf, !countedEndings.contains(ending.position) else {
                    continue
                }
                countedEndings.append(ending.position)
                if ending.kind == .trainingCompleted {
                    rows[enrollment.program]?.completed += 1
                    completionDays[enrollment.program, default: []].append(ending.day)
                } else {
                    rows[enrollment.program]?.withdrawn += 1
                }
            }
            // Waitlisted: the latest waitlisting (by position) not followed by an enrollment, both dated ≤ D.
            var latestWaitlist: [String: UInt64] = [:]
            var latestEnrollment: [String: UInt64] = [:]
            var hireDays: [Day] = []
            for fact in participant.facts where fact.day <= asOf {
                switch fact.kind {
                case .waitlisted: latestWaitlist[fact.ref] = fact.position
                case .enrolled: latestEnrollment[fact.ref] = fact.position
                case .hired: hireDays.append(fact.day)
                default: break
                }
            }
            for (program, position) in latestWaitlist where (latestEnrollment[program] ?? 0) < position {
                rows[program]?.waitlisted += 1
            }
            // Hired graduates: a hire dated ≤ D on or after a counted completion of the program.
            if let lastHire = hireDays.max() {
                for (program, days) in completionDays where days.contains(where: { $0 <= lastHire }) {
                    rows[program]?.hiredGraduates += 1
                }
            }
        }
        let programs = rows.values.sorted { $0.programId.precedesByCodePoint($1.programId) }
        return CapacityReport(position: position, asOf: asOf, programs: programs)
    }
}
