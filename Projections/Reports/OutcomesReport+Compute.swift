/// A group's identity: dimension (single, in report order, or a cross) and value.
struct GroupKey: Hashable {
    /// The single dimension, or `nil` for a cross group.
    let dimension: OutcomeDimension?
    /// The dimension's name (`program+population` for a cross group).
    let name: String
    let value: String

    init(_ dimension: OutcomeDimension, _ value: String) {
        self.dimension = dimension
        self.name = dimension.rawValue
        self.value = value
    }

    init(cross a: GroupKey, _ b: GroupKey) {
        dimension = nil
        name = a.name + "+" + b.name
        value = a.value + "+" + b.value
    }

    /// Report order: single dimensions in order, then the cross dimension; then by value in code point order.
    static func < (a: GroupKey, b: GroupKey) -> Bool {
        switch (a.dimension, b.dimension) {
        case (let x?, let y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a.value.precedesByCodePoint(b.value)
        }
    }
}

/// The groups a unit (an exited period, an enrollment or a participant) belongs to, with the cross groups of
/// their pairs.
struct Membership {
    var keys: [GroupKey] = []

    mutating func add(_ dimension: OutcomeDimension, _ value: String) {
        let key = GroupKey(dimension, value)
        if !keys.contains(key) { keys.append(key) }
    }

    /// These groups plus the cross groups of `cross` (A, B): every pair of a value of A and a value of B.
    func withCross(_ cross: [OutcomeDimension]) -> [GroupKey] {
        guard cross.count == 2 else { return keys }
        var result = keys
        for a in keys where a.dimension == cross[0] {
            for b in keys where b.dimension == cross[1] { result.append(GroupKey(cross: a, b)) }
        }
        return result
    }
}

extension OutcomesReport {
    /// The age bands of the `age` dimension.
    static func ageBand(_ age: Int) -> String {
        switch age {
        case ...24: return "under_25"
        case 25...34: return "25_to_34"
        case 35...44: return "35_to_44"
        case 45...54: return "45_to_54"
        default: return "55_and_over"
        }
    }

    /// Every age band.
    static let ageBands = ["under_25", "25_to_34", "35_to_44", "45_to_54", "55_and_over"]
    /// The race groups: the codes and `not_reported`.
    static let raceGroups = Vocabulary.races + ["not_reported"]

    /// The participant's groups in the dimensions that come from registration (`all` included).
    static func personGroups(_ participant: World.ParticipantFacts) -> Membership {
        var groups = Membership()
        groups.add(.all, "all")
        for (bit, name) in Vocabulary.populations.enumerated() where participant.populations & (1 << bit) != 0 {
            groups.add(.population, name)
        }
        if participant.races == 0 {
            groups.add(.race, "not_reported")
        } else {
            for (bit, name) in Vocabulary.races.enumerated() where participant.races & (1 << bit) != 0 {
                groups.add(.race, name)
            }
        }
        if Int(participant.sex) < Vocabulary.sexes.count { groups.add(.sex, Vocabulary.sexes[Int(participant.sex)]) }
        groups.add(.age, ageBand(participant.age))
        return groups
    }

    /// Computes the report from the outcomes read model's facts.
    static func compute(world: World?, query: ReportQuery) -> OutcomesReport {
        var accumulator = Accumulator(cross: query.cross)
        accumulator.create(.all, "all")
        for name in Vocabulary.populations { accumulator.create(.population, name) }
        for name in raceGroups { accumulator.create(.race, name) }
        for name in Vocabulary.sexes { accumulator.create(.sex, name) }
        for name in ageBands { accumulator.create(.age, name) }
        var names: [String: String] = [:]
        if let world {
            for program in world.programs.values {
                accumulator.create(.program, program.id)
                accumulator.create(.sector, Vocabulary.name(program.sector, in: Vocabulary.sectors))
                names[program.id] = program.name
            }
            for participant in world.participants {
                accumulator.add(participant, world: world, query: query)
            }
        }
        var groups = accumulator.groups.filter { $0.key.dimension != nil || $0.value.exiters > 0 }
            .sorted { $0.key < $1.key }.map(\.value)
        Suppression.apply(to: &groups, minCell: query.minCell)
        return OutcomesReport(
            position: query.position, asOf: world?.asOf, minCell: query.minCell, exitFrom: query.exitFrom,
            exitTo: query.exitTo, cross: query.cross, groups: groups, programNames: names)
    }

    /// The groups being summed.
    struct Accumulator {
        let cross: [OutcomeDimension]
        var groups: [GroupKey: OutcomeGroup] = [:]

        mutating func create(_ dimension: OutcomeDimension, _ value: String) {
            create(GroupKey(dimension, value))
        }

        private mutating func create(_ key: GroupKey) {
            guard groups[key] == nil else { return }
            groups[key] = OutcomeGroup(
                dimension: key.name, value: key.value, hasParticipantMetrics: !(key.dimension?.isExitDate ?? false))
        }

        private mutating func update(_ keys: [GroupKey], _ body: (inout OutcomeGroup) -> Void) {
            for key in keys {
                create(key)
                if var group = groups[key] {
                    body(&group)
                    groups[key] = group
                }
            }
        }

        /// Adds one participant to every group they count in.
        mutating func add(_ participant: World.ParticipantFacts, world: World, query: ReportQuery) {
            let asOf = world.asOf
            let person = OutcomesReport.personGroups(participant)
            let timeline = ParticipantTimeline(facts: participant.facts, asOf: asOf)
            func programGroups(_ programs: [String], into membership: inout Membership) {
                for program in programs {
                    guard let info = world.programs[program] else { continue }
                    membership.add(.program, program)
                    membership.add(.sector, Vocabulary.name(info.sector, in: Vocabulary.sectors))
                }
            }

            // Exit-based measures, per exited period inside the exit window.
            for period in timeline.periods {
                guard let exit = period.exit, exit >= query.exitFrom ?? .min, exit <= query.exitTo ?? .max,
                    let evaluation = ExitEvaluation(period: period, facts: participant.facts, world: world),
                    !evaluation.isExcluded
                else { continue }
                var membership = person
                programGroups(evaluation.programs, into: &membership)
                membership.add(.exitQuarter, Dates.formatQuarter(Dates.quarter(of: exit)))
                membership.add(.exitYear, Dates.formatProgramYear(Dates.programYear(of: exit)))
                update(membership.withCross(cross)) { $0.add(evaluation) }
            }

            // Completion rate: each enrollment dated ≤ D whose ending is dated ≤ D.
            for enrollment in timeline.enrollments where enrollment.fact.day <= asOf {
                guard let ending = enrollment.ending, ending.day <= asOf else { continue }
                var membership = person
                programGroups([enrollment.program], into: &membership)
                let completed = ending.kind == .trainingCompleted
                update(membership.withCross(cross)) { $0.addCompletion(completed) }
            }

            // Supportive services dated ≤ D; skill gains in the program year of D.
            let yearStart = Dates.programYearStart(Dates.programYear(of: asOf))
            var supportive: Int64 = 0
            var hasSupportive = false
            var hasSkillGain = false
            var enrolledPrograms: [String] = []
            for fact in participant.facts where fact.day <= asOf {
                switch fact.kind {
                case .serviceGranted where Vocabulary.isSupportive(service: fact.code):
                    supportive += fact.amount
                    hasSupportive = true
                case .enrolled:
                    if !enrolledPrograms.contains(fact.ref) { enrolledPrograms.append(fact.ref) }
                case .skillGain where fact.day >= yearStart:
                    hasSkillGain = true
                default:
                    break
                }
            }
            if hasSupportive {
                var membership = person
                programGroups(enrolledPrograms, into: &membership)
                update(membership.withCross(cross)) { $0.addSupportive(supportive) }
            }
            var openInYear: [String] = []
            for enrollment in timeline.enrollments
            where enrollment.fact.day <= asOf && (enrollment.ending.map { $0.day >= yearStart } ?? true) {
                if !openInYear.contains(enrollment.program) { openInYear.append(enrollment.program) }
            }
            if !openInYear.isEmpty {
                var membership = person
                programGroups(openInYear, into: &membership)
                update(membership.withCross(cross)) { $0.addSkillGain(hasSkillGain) }
            }
        }
    }
}

extension OutcomeGroup {
    mutating func add(_ e: ExitEvaluation) {
        exiters += 1
        if e.q2.isPending { employmentQ2.pending += 1 }
        if e.q2.isClosed {
            employmentQ2.denominator += 1
            if let record = e.q2.employed {
                employmentQ2.numerator += 1
                medianEarningsQ2.values.append(record.amount)
            }
        }
        if e.q4.isPending { employmentQ4.pending += 1 }
        if e.q4.isClosed {
            employmentQ4.denominator += 1
            if e.q4.employed != nil { employmentQ4.numerator += 1 }
        }
        if e.inRetentionCohort {
            retentionSameEmployer.denominator += 1
            if e.retained { retentionSameEmployer.numerator += 1 }
        }
        if e.inCredentialCohort {
            credentialRate.denominator += 1
            if e.credential != nil { credentialRate.numerator += 1 }
        }
        if e.inPlacementCohort {
            placementRate.denominator += 1
            if let hire = e.hire {
                placementRate.numerator += 1
                medianWageAtHire.values.append(hire.wageCents)
                medianDaysToHire.values.append(hire.days)
            }
        }
    }

    mutating func addCompletion(_ completed: Bool) {
        guard completionRate != nil else { return }
        completionRate?.denominator += 1
        if completed { completionRate?.numerator += 1 }
    }

    mutating func addSupportive(_ cents: Int64) {
        guard supportiveServices != nil else { return }
        supportiveServices?.value += cents
        supportiveServices?.denominator += 1
    }

    mutating func addSkillGain(_ gained: Bool) {
        guard measurableSkillGains != nil else { return }
        measurableSkillGains?.denominator += 1
        if gained { measurableSkillGains?.numerator += 1 }
    }
}
