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

extension OutcomesReport {
    /// The values of each dimension that comes from registration, in the order ``registrationGroups(_:)`` indexes
    /// them: the twelve populations, the race codes and `not_reported`, the sexes, the age bands.
    static let registrationValues: [OutcomeDimension: [String]] = [
        .population: Vocabulary.populations, .race: Vocabulary.races + ["not_reported"], .sex: Vocabulary.sexes,
        .age: ["under_25", "25_to_34", "35_to_44", "45_to_54", "55_and_over"],
    ]

    /// The participant's groups in the dimensions that come from registration (`all` aside), as indexes into
    /// ``registrationValues``: what the report sums them under and what `wfl explain` names.
    static func registrationGroups(_ participant: World.ParticipantFacts) -> [(dimension: OutcomeDimension, value: Int)] {
        var groups: [(dimension: OutcomeDimension, value: Int)] = []
        for bit in Vocabulary.populations.indices where participant.populations & (1 << bit) != 0 {
            groups.append((.population, bit))
        }
        if participant.races == 0 {
            groups.append((.race, Vocabulary.races.count))  // not_reported
        } else {
            for bit in Vocabulary.races.indices where participant.races & (1 << bit) != 0 { groups.append((.race, bit)) }
        }
        if Int(participant.sex) < Vocabulary.sexes.count { groups.append((.sex, Int(participant.sex))) }
        let age = participant.age
        groups.append((.age, age <= 24 ? 0 : age <= 34 ? 1 : age <= 44 ? 2 : age <= 54 ? 3 : 4))
        return groups
    }

    /// Computes the report from the outcomes read model's facts.
    static func compute(world: World?, query: ReportQuery) -> OutcomesReport {
        var accumulator = Accumulator(cross: query.cross, programs: world.map { Array($0.programs.values) } ?? [])
        if let world {
            for participant in world.participants { accumulator.add(participant, world: world, query: query) }
        }
        var indices = accumulator.keys.indices.filter {
            accumulator.keys[$0].dimension != nil || accumulator.groups[$0].exiters > 0
        }
        indices.sort { accumulator.keys[$0] < accumulator.keys[$1] }
        var groups = indices.map { accumulator.groups[$0] }
        Suppression.apply(to: &groups, minCell: query.minCell)
        return OutcomesReport(
            position: query.position, asOf: world?.asOf, minCell: query.minCell, exitFrom: query.exitFrom,
            exitTo: query.exitTo, cross: query.cross, groups: groups,
            programNames: world.map { $0.programs.mapValues(\.name) } ?? [:])
    }

    /// The groups being summed, by dense index: a participant's groups are found by code, not by hashing names.
    struct Accumulator {
        /// A group a unit belongs to: its dimension (for pairing `--cross`) and its index.
        struct Member {
            let dimension: OutcomeDimension
            let index: Int
        }

        let cross: [OutcomeDimension]
        private(set) var keys: [GroupKey] = []
        private(set) var groups: [OutcomeGroup] = []
        private var index: [GroupKey: Int] = [:]
        private let all: Int
        /// The group of each registration value (``OutcomesReport/registrationValues``), by dimension.
        private var registration: [OutcomeDimension: [Int]] = [:]
        /// Per program: its group and its sector's group.
        private var programs: [String: (program: Member, sector: Member)] = [:]
        private var quarters: [Dates.Quarter: Int] = [:]
        private var years: [Int: Int] = [:]
        private var pairs: [Pair: Int] = [:]

        private struct Pair: Hashable {
            let a: Int
            let b: Int
        }

        /// The groups every report has: `all`, the participant dimensions, and each counting program and sector.
        init(cross: [OutcomeDimension], programs: [World.ProgramInfo]) {
            self.cross = cross
            all = 0
            _ = group(GroupKey(.all, "all"))
            for dimension in [OutcomeDimension.population, .race, .sex, .age] {
                registration[dimension] = (OutcomesReport.registrationValues[dimension] ?? []).map {
                    group(GroupKey(dimension, $0))
                }
            }
            for program in programs {
                let sector = Vocabulary.name(program.sector, in: Vocabulary.sectors)
                self.programs[program.id] = (
                    Member(dimension: .program, index: group(GroupKey(.program, program.id))),
                    Member(dimension: .sector, index: group(GroupKey(.sector, sector)))
                )
            }
        }

        /// The index of `key`, creating its group when new.
        private mutating func group(_ key: GroupKey) -> Int {
            if let existing = index[key] { return existing }
            keys.append(key)
            groups.append(
                OutcomeGroup(
                    dimension: key.name, value: key.value, hasParticipantMetrics: !(key.dimension?.isExitDate ?? false)))
            index[key] = keys.count - 1
            return keys.count - 1
        }

        /// The participant's groups from registration: `all`, populations, race, sex and age.
        private func personGroups(_ participant: World.ParticipantFacts) -> [Member] {
            [Member(dimension: .all, index: all)]
                + OutcomesReport.registrationGroups(participant).compactMap { dimension, value in
                    registration[dimension].map { Member(dimension: dimension, index: $0[value]) }
                }
        }

        /// `members` plus the groups of `programs` and their sectors (each once).
        private func adding(programs list: some Sequence<String>, to members: [Member]) -> [Member] {
            var result = members
            for program in list {
                guard let entry = programs[program] else { continue }
                if !result.contains(where: { $0.index == entry.program.index }) { result.append(entry.program) }
                if !result.contains(where: { $0.index == entry.sector.index }) { result.append(entry.sector) }
            }
            return result
        }

        /// Applies `body` to every group of `members` and to the cross groups of their pairs.
        private mutating func update(_ members: [Member], _ body: (inout OutcomeGroup) -> Void) {
            for member in members { body(&groups[member.index]) }
            guard cross.count == 2 else { return }
            for a in members where a.dimension == cross[0] {
                for b in members where b.dimension == cross[1] {
                    let pair = Pair(a: a.index, b: b.index)
                    let crossIndex: Int
                    if let existing = pairs[pair] {
                        crossIndex = existing
                    } else {
                        crossIndex = group(GroupKey(cross: keys[a.index], keys[b.index]))
                        pairs[pair] = crossIndex
                    }
                    body(&groups[crossIndex])
                }
            }
        }

        /// Adds one participant to every group they count in.
        mutating func add(_ participant: World.ParticipantFacts, world: World, query: ReportQuery) {
            let asOf = world.asOf
            let person = personGroups(participant)
            let timeline = ParticipantTimeline(facts: participant.facts, asOf: asOf)

            // Exit-based measures, per exited period inside the exit window.
            for period in timeline.periods {
                guard let exit = period.exit, exit >= query.exitFrom ?? .min, exit <= query.exitTo ?? .max,
                    let evaluation = ExitEvaluation(period: period, facts: participant.facts, world: world),
                    !evaluation.isExcluded
                else { continue }
                var members = adding(programs: evaluation.programs, to: person)
                let quarter = Dates.quarter(of: exit)
                if let existing = quarters[quarter] {
                    members.append(Member(dimension: .exitQuarter, index: existing))
                } else {
                    let created = group(GroupKey(.exitQuarter, Dates.formatQuarter(quarter)))
                    quarters[quarter] = created
                    members.append(Member(dimension: .exitQuarter, index: created))
                }
                let year = Dates.programYear(of: exit)
                if let existing = years[year] {
                    members.append(Member(dimension: .exitYear, index: existing))
                } else {
                    let created = group(GroupKey(.exitYear, Dates.formatProgramYear(year)))
                    years[year] = created
                    members.append(Member(dimension: .exitYear, index: created))
                }
                update(members) { $0.add(evaluation) }
            }

            // Completion rate: each enrollment dated ≤ D whose ending is dated ≤ D.
            for enrollment in timeline.enrollments where enrollment.fact.day <= asOf {
                guard let ending = enrollment.ending, ending.day <= asOf else { continue }
                let completed = ending.kind == .trainingCompleted
                update(adding(programs: CollectionOfOne(enrollment.program), to: person)) { $0.addCompletion(completed) }
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
                update(adding(programs: enrolledPrograms, to: person)) { $0.addSupportive(supportive) }
            }
            var openInYear: [String] = []
            for enrollment in timeline.enrollments
            where enrollment.fact.day <= asOf && (enrollment.ending.map { $0.day >= yearStart } ?? true) {
                if !openInYear.contains(enrollment.program) { openInYear.append(enrollment.program) }
            }
            if !openInYear.isEmpty {
                update(adding(programs: openInYear, to: person)) { $0.addSkillGain(hasSkillGain) }
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
