/// How one exited period of participation measures (REPORTS.md section 3), with the positions of the events that
/// put it in each cohort and numerator (for `wfl explain`).
struct ExitEvaluation {
    let period: ParticipantTimeline.Period
    let exit: Day
    /// Programs with an `enrolled` dated in [E, X], and those enrollments' positions.
    var programs: [String] = []
    var enrollmentPositions: [UInt64] = []
    /// Position of the exclusion dated in [E, X + 365], if any (the period is then excluded).
    var exclusion: UInt64?

    var q2Quarter: Dates.Quarter
    var q4Quarter: Dates.Quarter
    var inQ2Cohort = false
    /// The wage record of the Q2-after-exit quarter with wages > 0 (position, cents).
    var q2Wages: (position: UInt64, cents: Int64)?
    var inQ4Cohort = false
    var q4Wages: (position: UInt64, cents: Int64)?
    var inCredentialCohort = false
    var credential: UInt64?
    var inPlacementCohort = false
    /// The first hire in [E, X + 90]: position, hourly wage, days from entry.
    var hire: (position: UInt64, wageCents: Int64, days: Int64)?

    var isExcluded: Bool { exclusion != nil }

    init?(period: ParticipantTimeline.Period, facts: [Fact], programs programInfo: [String: World.ProgramInfo], asOf: Day) {
        guard let exit = period.exit else { return nil }
        self.period = period
        self.exit = exit
        let entry = period.entry
        let exitQuarter = Dates.quarter(of: exit)
        q2Quarter = exitQuarter + 2
        q4Quarter = exitQuarter + 4

        var qualifiesForCredential = false
        var firstHire: Fact?
        var hiredWithinYear = false
        var credentialCandidates: [Fact] = []
        var q2Record: Fact?
        var q4Record: Fact?
        for fact in facts where fact.day <= asOf {
            switch fact.kind {
            case .enrolled where fact.day >= entry && fact.day <= exit:
                if !programs.contains(fact.ref) { programs.append(fact.ref) }
                enrollmentPositions.append(fact.position)
                if let info = programInfo[fact.ref], info.trainingType != Codes.onTheJob, info.trainingType != Codes.customized {
                    qualifiesForCredential = true
                }
            case .exitExcluded where fact.day >= entry && fact.day <= exit + 365:
                if exclusion == nil { exclusion = fact.position }
            case .hired:
                if fact.day >= entry && fact.day <= exit + 365 { hiredWithinYear = true }
                if fact.day >= entry && fact.day <= exit + 90, firstHire.map({ World.isLater($0, than: fact) }) ?? true {
                    firstHire = fact
                }
            case .credentialEarned where fact.day >= entry && fact.day <= exit + 365:
                if fact.code != Codes.certificateOfCompletion { credentialCandidates.append(fact) }
            case .employmentVerified:
                if fact.aux == UInt64(q2Quarter), q2Record.map({ World.isLater(fact, than: $0) }) ?? true { q2Record = fact }
                if fact.aux == UInt64(q4Quarter), q4Record.map({ World.isLater(fact, than: $0) }) ?? true { q4Record = fact }
            default:
                break
            }
        }
        programs.sort { $0.precedesByCodePoint($1) }

        inQ2Cohort = Dates.lastDay(of: q2Quarter) <= asOf
        if inQ2Cohort, let record = q2Record, record.amount > 0 { q2Wages = (record.position, record.amount) }
        inQ4Cohort = Dates.lastDay(of: q4Quarter) <= asOf
        if inQ4Cohort, let record = q4Record, record.amount > 0 { q4Wages = (record.position, record.amount) }

        inCredentialCohort = exit + 365 <= asOf && qualifiesForCredential
        if inCredentialCohort {
            credential = credentialCandidates.first { $0.code != Codes.secondaryDiploma || hiredWithinYear }?.position
        }
        inPlacementCohort = exit + 90 <= asOf
        if inPlacementCohort, let first = firstHire {
            hire = (first.position, first.amount, Int64(first.day - entry))
        }
    }
}
