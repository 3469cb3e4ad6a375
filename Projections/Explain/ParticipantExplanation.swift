/// Why one participant counts where they do in the reports: periods of participation, entry and exit dates,
/// exclusions, open enrollments, and the outcome cohorts and numerators each exited period falls in, each with the
/// positions of the events that put it there (`wfl explain`).
public struct ParticipantExplanation: Sendable, Equatable {
    /// The participant explained.
    public let participantId: String
    /// The position N the explanation was computed at.
    public let position: UInt64
    /// The as-of date D: the query's, or the latest date of the known live events.
    public let asOf: Day
    /// The position of the participant's `participant.registered`.
    public let registeredPosition: UInt64
    /// The date of the participant's `participant.registered`.
    public let registeredOn: Day
    /// The outcome groups from registration: populations, race, sex and age band (`population bipoc`, …).
    public let groups: [String]
    /// Planned gaps in service as of D, as runs of gap days (each counted from when it was recorded).
    public let gapDays: [(start: Day, end: Day)]
    /// Skill gains dated in the program year of D (positions).
    public let skillGainPositions: [UInt64]
    /// Services charged to a fund, dated ≤ D: (position, service, cents, fund).
    public let fundedServices: [(position: UInt64, service: String, cents: Int64, fund: String)]
    /// The latest `case_manager_assigned` dated ≤ D (by date, then position) and its position; `nil` when unassigned.
    public let caseManager: (id: String, position: UInt64)?
    /// Enrollments open at the end of D: the program, the `enrolled` event's position and its date.
    public let openEnrollments: [(program: String, position: UInt64, day: Day)]
    /// The periods of participation as of D, in order of entry.
    public let periods: [Period]
    /// Enrollments whose ending is dated ≤ D: (program, enrollment position, ending position, completed).
    public let completions: [(program: String, enrolled: UInt64, ending: UInt64, completed: Bool)]
    /// Supportive services dated ≤ D: total cents and the positions.
    public let supportiveCents: Int64
    /// The positions of those supportive services.
    public let supportivePositions: [UInt64]

    /// One period of participation.
    public struct Period: Sendable, Equatable {
        /// The entry date E: the date of the period's first participation-causing event.
        public let entry: Day
        /// The exit date X; `nil` while the period is open.
        public let exit: Day?
        /// T: the 90th day after the period's latest event that is not a gap day; the period exits once D reaches it.
        public let exitClock: Day
        /// The gap days skipped to reach ``exitClock``.
        public let gapDaysSkipped: Int
        /// The positions of the period's participation-causing events.
        public let eventPositions: [UInt64]
        /// The position of the `exit_excluded` dated in [E, X + 365] that excludes the period, if any.
        public let exclusionPosition: UInt64?
        /// The programs with an `enrolled` dated in [E, X], in code point order; empty for an open period.
        public let programs: [String]
        /// The positions of those enrollments.
        public let enrollmentPositions: [UInt64]
        /// Cohort and numerator lines: (metric, in cohort, numerator, evidence).
        public let measures: [Measure]
    }

    /// One exit-based metric for a period.
    public struct Measure: Sendable, Equatable {
        /// The metric's name: `exiters`, `employmentQ2`, `employmentQ4`, `retentionSameEmployer`, `credentialRate`
        /// or `placementRate`.
        public let metric: String
        /// Whether the period is in the metric's cohort (denominator).
        public let inCohort: Bool
        /// Whether the period is in the metric's numerator.
        public let inNumerator: Bool
        /// A short human-readable reason, such as the quarter or window looked at.
        public let detail: String
        /// The positions of the events that put the period in the numerator (or, for `exiters`, the exclusion).
        public let positions: [UInt64]
    }

    /// Equal when the two render the same text (tuples are not `Equatable`).
    public static func == (a: ParticipantExplanation, b: ParticipantExplanation) -> Bool {
        a.render() == b.render()
    }
}

extension ReadModels {
    /// The explanation of `participantId` at `query`, or `nil` when the participant does not count there.
    public func explain(participantId: String, query: ReportQuery) throws -> ParticipantExplanation? {
        guard let world = try world(ReadModelCatalog.outcomes, query),
            let participant = world.participants.first(where: { $0.id == participantId })
        else { return nil }
        let caseload = try self.world(ReadModelCatalog.caseload, ReportQuery(position: query.position, asOf: world.asOf))
        var assignment: Fact?
        for fact in caseload?.participants.first(where: { $0.id == participantId })?.facts ?? []
        where fact.kind == .caseManagerAssigned && fact.day <= world.asOf {
            if assignment.map({ World.isLater(fact, than: $0) }) ?? true { assignment = fact }
        }
        let asOf = world.asOf
        let timeline = ParticipantTimeline(facts: participant.facts, asOf: asOf)
        var periods: [ParticipantExplanation.Period] = []
        for period in timeline.periods {
            guard let e = ExitEvaluation(period: period, facts: participant.facts, world: world) else {
                periods.append(
                    .init(
                        entry: period.entry, exit: nil, exitClock: period.exitClock,
                        gapDaysSkipped: period.gapDaysSkipped, eventPositions: period.positions, exclusionPosition: nil,
                        programs: [], enrollmentPositions: [], measures: []))
                continue
            }
            func wages(_ q: ExitEvaluation.WageQuarter) -> String {
                var text = "quarter \(Dates.formatQuarter(q.quarter))"
                text += q.isClosed ? ", closed" : q.isPending ? ", ended but not closed: pending" : ", not ended"
                if let record = q.record, q.isClosed {
                    text += ", wages \(Format.dollars(record.amount))"
                    if !record.ref.isEmpty { text += " from \(record.ref)" }
                }
                return text
            }
            var measures: [ParticipantExplanation.Measure] = [
                .init(
                    metric: "exiters", inCohort: !e.isExcluded, inNumerator: !e.isExcluded,
                    detail: e.isExcluded
                        ? "excluded"
                        : "exit \(Dates.formatQuarter(Dates.quarter(of: e.exit))), "
                            + Dates.formatProgramYear(Dates.programYear(of: e.exit)),
                    positions: e.exclusion.map { [$0] } ?? []),
                .init(
                    metric: "employmentQ2", inCohort: e.q2.isClosed, inNumerator: e.q2.employed != nil,
                    detail: wages(e.q2), positions: e.q2.employed.map { [$0.position] } ?? []),
                .init(
                    metric: "employmentQ4", inCohort: e.q4.isClosed, inNumerator: e.q4.employed != nil,
                    detail: wages(e.q4), positions: e.q4.employed.map { [$0.position] } ?? []),
                .init(
                    metric: "retentionSameEmployer", inCohort: e.inRetentionCohort, inNumerator: e.retained,
                    detail: e.q2.employed.map { $0.ref.isEmpty ? "Q2 wage record names no employer" : "Q2 employer \($0.ref)" }
                        ?? "not employed in a closed Q2",
                    positions: e.retained ? [e.q2.employed, e.q4.employed].compactMap { $0?.position } : []),
                .init(
                    metric: "credentialRate", inCohort: e.inCredentialCohort, inNumerator: e.credential != nil,
                    detail: "window to \(Dates.format(e.exit + 365))", positions: e.credential.map { [$0] } ?? []),
                .init(
                    metric: "placementRate", inCohort: e.inPlacementCohort, inNumerator: e.hire != nil,
                    detail: "window to \(Dates.format(e.exit + 90))"
                        + (e.hire.map { ", wage \(Format.dollars($0.wageCents))/hour, \($0.days) days" } ?? ""),
                    positions: e.hire.map { [$0.position] } ?? []),
            ]
            if e.isExcluded { measures = Array(measures.prefix(1)) }
            periods.append(
                .init(
                    entry: period.entry, exit: e.exit, exitClock: period.exitClock,
                    gapDaysSkipped: period.gapDaysSkipped, eventPositions: period.positions,
                    exclusionPosition: e.exclusion, programs: e.programs, enrollmentPositions: e.enrollmentPositions,
                    measures: measures))
        }
        var completions: [(String, UInt64, UInt64, Bool)] = []
        for enrollment in timeline.enrollments where enrollment.fact.day <= asOf {
            if let ending = enrollment.ending, ending.day <= asOf {
                completions.append(
                    (enrollment.program, enrollment.fact.position, ending.position, ending.kind == .trainingCompleted))
            }
        }
        let yearStart = Dates.programYearStart(Dates.programYear(of: asOf))
        var supportive: Int64 = 0
        var supportivePositions: [UInt64] = []
        var skillGains: [UInt64] = []
        var funded: [(UInt64, String, Int64, String)] = []
        for fact in participant.facts where fact.day <= asOf {
            if fact.kind == .serviceGranted {
                if Vocabulary.isSupportive(service: fact.code) {
                    supportive += fact.amount
                    supportivePositions.append(fact.position)
                }
                if !fact.ref.isEmpty {
                    funded.append(
                        (fact.position, Vocabulary.name(fact.code, in: Vocabulary.services), fact.amount, fact.ref))
                }
            } else if fact.kind == .skillGain, fact.day >= yearStart {
                skillGains.append(fact.position)
            }
        }
        return ParticipantExplanation(
            participantId: participantId, position: query.position, asOf: asOf,
            registeredPosition: participant.registration.position, registeredOn: participant.registration.day,
            groups: OutcomesReport.registrationGroups(participant).map { dimension, value in
                "\(dimension.rawValue) \(OutcomesReport.registrationValues[dimension]?[value] ?? "")"
            },
            gapDays: timeline.gaps.map { ($0.start, $0.end) }, skillGainPositions: skillGains,
            fundedServices: funded,
            caseManager: assignment.map { ($0.ref, $0.position) },
            openEnrollments: timeline.openEnrollments.map { ($0.program, $0.fact.position, $0.fact.day) },
            periods: periods, completions: completions, supportiveCents: supportive, supportivePositions: supportivePositions)
    }
}

extension ParticipantExplanation {
    /// The explanation for people.
    public func render() -> String {
        func positions(_ list: [UInt64]) -> String { list.map(String.init).joined(separator: ", ") }
        var out = "Participant \(participantId): position \(position), as of \(Dates.format(asOf)), rule version \(ruleVersion)\n"
        out += "registered \(Dates.format(registeredOn)) (position \(registeredPosition)); groups: "
        out += groups.joined(separator: ", ") + "\n"
        out +=
            "planned gaps in service (days the exit clock skips): "
            + (gapDays.isEmpty
                ? "none" : gapDays.map { "\(Dates.format($0.start)) to \(Dates.format($0.end))" }.joined(separator: "; "))
            + "\n"
        out += "case manager: " + (caseManager.map { "\($0.id) (position \($0.position))" } ?? "unassigned") + "\n"
        out +=
            "open enrollments: "
            + (openEnrollments.isEmpty
                ? "none"
                : openEnrollments.map {
                    "\($0.program) since \(Dates.format($0.day)) (position \($0.position))"
                }.joined(separator: "; ")) + "\n"
        if periods.isEmpty { out += "no period of participation yet\n" }
        for (index, period) in periods.enumerated() {
            out += "\nperiod \(index + 1): entry \(Dates.format(period.entry)), "
            out += period.exit.map { "exit \(Dates.format($0))" } ?? "open (no exit)"
            out += "; participation events at positions \(positions(period.eventPositions))\n"
            let skipped = period.gapDaysSkipped > 0 ? ", \(period.gapDaysSkipped) gap days skipped" : ""
            if let exit = period.exit {
                out +=
                    "  exit at the last participation date \(Dates.format(exit)): no participation-causing event on "
                    + "the following days up to \(Dates.format(period.exitClock)) (90 days\(skipped)) and no "
                    + "enrollment open at the end of \(Dates.format(exit))\n"
            } else {
                out +=
                    "  open: it exits at its last participation date if nothing follows by "
                    + "\(Dates.format(period.exitClock)) (90 days\(skipped)) and no enrollment is open then\n"
            }
            guard period.exit != nil else { continue }
            if let exclusion = period.exclusionPosition {
                out += "  excluded from exit-based measures by the exclusion at position \(exclusion)\n"
                continue
            }
            out +=
                "  programs: " + (period.programs.isEmpty ? "none" : period.programs.joined(separator: ", "))
                + (period.enrollmentPositions.isEmpty
                    ? "" : " (enrollments at positions \(positions(period.enrollmentPositions)))") + "\n"
            for measure in period.measures {
                let state =
                    measure.metric == "exiters"
                    ? "counted"
                    : !measure.inCohort ? "not in cohort" : measure.inNumerator ? "cohort and numerator" : "cohort, not numerator"
                out +=
                    "  \(measure.metric): \(state) (\(measure.detail))"
                    + (measure.positions.isEmpty ? "" : "; position \(positions(measure.positions))") + "\n"
            }
        }
        out +=
            "\ncompletion rate: "
            + (completions.isEmpty
                ? "no enrollment ended as of the date"
                : completions.map {
                    "\($0.program) enrolled at \($0.enrolled), \($0.completed ? "completed" : "withdrawn") at \($0.ending)"
                }.joined(separator: "; ")) + "\n"
        out +=
            "supportive services: "
            + (supportivePositions.isEmpty
                ? "none" : "\(Format.dollars(supportiveCents)) at positions \(positions(supportivePositions))") + "\n"
        out +=
            "measurable skill gains in the program year of the as-of date: "
            + (skillGainPositions.isEmpty ? "none" : "at positions \(positions(skillGainPositions))") + "\n"
        out +=
            "services charged to funds: "
            + (fundedServices.isEmpty
                ? "none"
                : fundedServices.map { "\($0.service) \(Format.dollars($0.cents)) to \($0.fund) (position \($0.position))" }
                    .joined(separator: "; ")) + "\n"
        return out
    }
}
