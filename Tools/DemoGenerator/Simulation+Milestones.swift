/// What WIOA's rules expect around training: planned gaps while a participant waits for a cohort, measurable
/// skill gains and safety cards during training, and follow-up contacts after exit.
extension Simulation {
    /// Waiting this many days or more for a cohort gets a planned gap in service.
    static let gapThresholdDays = 14

    /// Records a planned gap (`awaiting_training_start`) from `day` until a week after the program's next
    /// cohort starts, when that is two weeks or more away: the exit clock does not run while the participant
    /// waits (REPORTS.md section 2). Recorded on its first day, never after, and at most 364 days long.
    mutating func planWaitGap(_ person: Int, program: Int, from day: Int) {
        let cohort = programs[program].nextCohortDay
        guard cohort != Int.max, cohort - day >= Self.gapThresholdDays else { return }
        recordGap(person, reason: .awaitingTrainingStart, from: day, to: min(cohort + 7, day + 364))
    }

    /// Emits `participant.gap_in_service_planned` for `start`…`end`, recorded by the case manager on its first day.
    mutating func recordGap(_ person: Int, reason: GapReason, from start: Int, to end: Int) {
        let manager = people[person].caseManager
        var line = EventLineWriter(
            type: "participant.gap_in_service_planned", eventId: people[person].nextEventId("gap"), day: start,
            minuteOfDay: localMinute(start), localTime: true,
            actor: manager >= 0 ? caseManagers[manager].actor : "staff:intake-team")
        line.string("participantId", people[person].id)
        line.code("reason", reason.code)
        line.date("startDate", start)
        line.date("endDate", end)
        emit(line.finish(), day: start, minute: 0)
        people[person].gaps.append((start, end))
    }

    /// A participant who leaves training for health or family reasons and means to come back: a planned gap of
    /// two to five months, then the case manager matches them to the program again (their period stays open).
    mutating func planReturnToTraining(_ person: Int, reason: GapReason, from day: Int) {
        let end = day + rng.int(in: 60...150)
        recordGap(person, reason: reason, from: day, to: end)
        schedule(.resumeTraining(person, serial: people[person].serial), on: end - rng.int(in: 0...14))
    }

    /// Back from a planned gap: matched again to the program left, if it still takes people (else the period ends
    /// as usual).
    mutating func resumeTraining(_ person: Int, serial: Int, on day: Int) {
        guard people[person].serial == serial, people[person].stage == .searching else { return }
        let program = people[person].lastEndedProgram
        let state = programs[program]
        guard state.launched, !state.closed, day < state.windDownDay else {
            schedule(.exitCheck(person, serial: serial), on: day)
            return
        }
        people[person].serial += 1
        queue(person, for: program, on: day)
    }

    /// Plans the skill gains an enrollee can show while training: a progress milestone half way through (a
    /// training milestone in apprenticeships and employer-based training, a skills exam or a college
    /// transcript in classroom training), a second one late in long programs, and an educational
    /// functioning level gain for some English learners. Each happens only if the participant is still enrolled.
    mutating func planSkillGains(_ person: Int, program index: Int, serial: Int, from start: Int, to end: Int) {
        let spec = programs[index].spec
        guard !sameText(spec.trainingType, "job_readiness") else { return }
        let length = end - start
        let gain: SkillGain
        if sameText(spec.trainingType, "occupational_skills") {
            gain = spec.weeks >= 20 && rng.chance(0.5) ? .postsecondaryTranscript : .skillsProgression
        } else {
            gain = .trainingMilestone
        }
        if length >= 21 && rng.chance(0.8) {
            schedule(.skillGain(person, serial: serial, gain: gain), on: start + length / 2)
        }
        if spec.weeks >= 24 && length >= 120 && rng.chance(0.6) {
            schedule(.skillGain(person, serial: serial, gain: gain), on: start + length * 5 / 6)
        }
        if people[person].flags.contains(.englishLearner) && length >= 42 && rng.chance(0.35) {
            schedule(.skillGain(person, serial: serial, gain: .educationalFunctioningLevel), on: start + length * 2 / 3)
        }
        if people[person].flags.contains(.opportunityYouth) && length >= 42 && rng.chance(0.05) {
            schedule(.skillGain(person, serial: serial, gain: .secondaryDiploma), on: start + length * 3 / 4)
        }
        if spec.safetyCard != nil && rng.chance(0.9) {
            schedule(.safetyCard(person, serial: serial), on: start + rng.int(in: 3...12))
        }
    }

    /// A skill gain planned during training: recorded only if the participant is still in that training.
    mutating func recordSkillGain(_ person: Int, serial: Int, gain: SkillGain, on day: Int) {
        guard people[person].serial == serial, people[person].stage == .enrolled else { return }
        emitSkillGain(person, program: people[person].program, gain: gain, on: day)
    }

    /// Emits `participant.skill_gain` (with its program, mostly), reported by the provider.
    mutating func emitSkillGain(_ person: Int, program: Int, gain: SkillGain, on day: Int) {
        var line = EventLineWriter(
            type: "participant.skill_gain", eventId: people[person].nextEventId("msg"), day: day,
            minuteOfDay: localMinute(day), localTime: true, actor: programs[program].spec.providerActor)
        line.string("participantId", people[person].id)
        line.code("gainType", gain.code)
        if rng.chance(0.9) { line.string("programId", programs[program].id) }
        emit(line.finish(), day: day, minute: 0, lateWeeks: lateness(0.3, maximum: 4))
    }

    /// A safety card early in training: a certificate of completion, not a credential that counts.
    mutating func awardSafetyCard(_ person: Int, serial: Int, on day: Int) {
        guard people[person].serial == serial, people[person].stage == .enrolled else { return }
        let program = people[person].program
        guard let card = programs[program].spec.safetyCard else { return }
        var line = EventLineWriter(
            type: "participant.credential_earned", eventId: people[person].nextEventId("cred"), day: day,
            minuteOfDay: localMinute(day), localTime: true, actor: programs[program].spec.providerActor)
        line.string("participantId", people[person].id)
        line.string("credential", card)
        line.code("credentialType", "certificate_of_completion")
        line.string("programId", programs[program].id)
        emit(line.finish(), day: day, minute: 0, lateWeeks: lateness(0.2, maximum: 3))
    }

    /// After an exit, most former trainees and everyone working get follow-up contacts for about a year
    /// (`follow_up`: they neither cause participation nor delay the exit).
    mutating func planFollowUps(_ person: Int, after day: Int) {
        let trained = people[person].lastEndedProgram >= 0
        guard trained || people[person].isEmployed(on: day), rng.chance(trained ? 0.8 : 0.4) else { return }
        schedule(.followUp(person, serial: people[person].serial, remaining: rng.int(in: 1...4)), on: day + rng.int(in: 7...45))
    }

    mutating func followUp(_ person: Int, serial: Int, remaining: Int, on day: Int) {
        guard people[person].serial == serial, people[person].stage == .exited else { return }
        let manager = people[person].caseManager
        var line = EventLineWriter(
            type: "participant.service_granted", eventId: people[person].nextEventId("svc"), day: day,
            minuteOfDay: localMinute(day), localTime: true,
            actor: manager >= 0 ? caseManagers[manager].actor : "staff:intake-team")
        line.string("participantId", people[person].id)
        line.code("service", "follow_up")
        line.integer("amountCents", 0)
        emit(line.finish(), day: day, minute: 0, lateWeeks: lateness(0.1, maximum: 2))
        if remaining > 1 {
            schedule(.followUp(person, serial: serial, remaining: remaining - 1), on: day + rng.int(in: 60...110))
        }
    }
}

/// Reasons for a planned gap in service (EVENTS.md `participant.gap_in_service_planned`).
enum GapReason {
    case awaitingTrainingStart, healthMedical, familyCare

    var code: StaticString {
        switch self {
        case .awaitingTrainingStart: return "awaiting_training_start"
        case .healthMedical: return "health_medical"
        case .familyCare: return "family_care"
        }
    }
}

/// WIOA's five measurable skill gains (EVENTS.md `participant.skill_gain`).
enum SkillGain {
    case educationalFunctioningLevel, secondaryDiploma, postsecondaryTranscript, trainingMilestone, skillsProgression

    var code: StaticString {
        switch self {
        case .educationalFunctioningLevel: return "educational_functioning_level"
        case .secondaryDiploma: return "secondary_diploma"
        case .postsecondaryTranscript: return "postsecondary_transcript"
        case .trainingMilestone: return "training_milestone"
        case .skillsProgression: return "skills_progression"
        }
    }
}
