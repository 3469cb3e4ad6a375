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

    /// A wage quarter after exit, as the employment measures see it.
    struct WageQuarter {
        let quarter: Dates.Quarter
        /// Closed as of D: the period is in the cohort.
        var isClosed = false
        /// Ended on or before D but not closed: the period counts as pending.
        var isPending = false
        /// The quarter's wage record dated ≤ D, if any.
        var record: Fact?
        /// The record when its wages are above 0 and the quarter is closed: the period is in the numerator.
        var employed: Fact? { isClosed ? record.flatMap { $0.amount > 0 ? $0 : nil } : nil }

        mutating func classify(in world: World) {
            isClosed = world.isClosed(quarter)
            isPending = !isClosed && Dates.lastDay(of: quarter) <= world.asOf
        }
    }

    var q2: WageQuarter
    var q4: WageQuarter
    var inCredentialCohort = false
    var credential: UInt64?
    var inPlacementCohort = false
    /// The first hire in [E, X + 90]: position, hourly wage, days from entry.
    var hire: (position: UInt64, wageCents: Int64, days: Int64)?

    var isExcluded: Bool { exclusion != nil }

    /// In the retention cohort: employed in Q2 with an employer id on the record, and Q4 closed.
    var inRetentionCohort: Bool { q2.employed.map { !$0.ref.isEmpty } ?? false && q4.isClosed }
    /// Retained: in the cohort, employed in Q4 by the same employer id.
    var retained: Bool {
        guard inRetentionCohort, let first = q2.employed, let later = q4.employed else { return false }
        return first.ref == later.ref
    }

    init?(period: ParticipantTimeline.Period, facts: [Fact], world: World) {
        guard let exit = period.exit else { return nil }
        let asOf = world.asOf
        self.period = period
        self.exit = exit
        let entry = period.entry
        let exitQuarter = Dates.quarter(of: exit)
        q2 = WageQuarter(quarter: exitQuarter + 2)
        q4 = WageQuarter(quarter: exitQuarter + 4)

        var qualifiesForCredential = false
        var firstHire: Fact?
        var hiredWithinYear = false
        var credentialCandidates: [Fact] = []
        for fact in facts where fact.day <= asOf {
            switch fact.kind {
            case .enrolled where fact.day >= entry && fact.day <= exit:
                if !programs.contains(fact.ref) { programs.append(fact.ref) }
                enrollmentPositions.append(fact.position)
                if let info = world.programs[fact.ref], info.trainingType != Vocabulary.onTheJob,
                    info.trainingType != Vocabulary.customized
                {
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
                if fact.code != Vocabulary.certificateOfCompletion { credentialCandidates.append(fact) }
            case .employmentVerified:
                if fact.aux == UInt64(q2.quarter), q2.record.map({ World.isLater(fact, than: $0) }) ?? true {
                    q2.record = fact
                }
                if fact.aux == UInt64(q4.quarter), q4.record.map({ World.isLater(fact, than: $0) }) ?? true {
                    q4.record = fact
                }
            default:
                break
            }
        }
        programs.sort { $0.precedesByCodePoint($1) }

        q2.classify(in: world)
        q4.classify(in: world)

        inCredentialCohort = exit + 365 <= asOf && qualifiesForCredential
        if inCredentialCohort {
            credential = credentialCandidates.first { $0.code != Vocabulary.secondaryDiploma || hiredWithinYear }?.position
        }
        inPlacementCohort = exit + 90 <= asOf
        if inPlacementCohort, let first = firstHire {
            hire = (first.position, first.amount, Int64(first.day - entry))
        }
    }
}
