/// One participant's enrollments, participation-causing events, planned gaps and periods of participation as of D
/// (REPORTS.md section 2).
struct ParticipantTimeline {
    /// An `enrolled` with the ending that pairs with it: the next `training_completed` or `training_withdrawn` of
    /// the participant for the program, by position, among all known live events whatever their date.
    struct Enrollment {
        let fact: Fact
        let ending: Fact?
        var program: String { fact.ref }

        /// Open at the end of `day`: dated ≤ day, ending absent or dated after day.
        @inline(__always)
        func isOpen(at day: Day) -> Bool {
            fact.day <= day && (ending.map { $0.day > day } ?? true)
        }
    }

    /// A period of participation.
    struct Period {
        /// Entry date E.
        var entry: Day
        /// The latest event date so far, L.
        var latest: Day
        /// The exit date X, when the period has exited.
        var exit: Day?
        /// Positions of its participation-causing events.
        var positions: [UInt64]
        /// The 90th day after L that is not a gap day: the period exits at L once D reaches it with no
        /// participation-causing event after L and no enrollment open at the end of L.
        var exitClock: Day
        /// Gap days skipped between L and ``exitClock``.
        var gapDaysSkipped: Int
    }

    /// A run of gap days, [start, end], from the gaps recorded ≤ D (a gap never pauses the days before its record).
    struct GapDays {
        var start: Day
        var end: Day
    }

    let asOf: Day
    /// Every live enrollment (whatever its date) with its ending, in position order.
    let enrollments: [Enrollment]
    /// Participation-causing events dated ≤ D, in (date, position) order.
    let participationEvents: [Fact]
    /// Gap days as disjoint runs in date order.
    let gaps: [GapDays]
    let periods: [Period]

    /// Whether `fact` causes participation (REPORTS.md section 2).
    @inline(__always)
    static func causesParticipation(_ fact: Fact) -> Bool {
        switch fact.kind {
        case .matched, .enrolled, .trainingCompleted, .trainingWithdrawn: return true
        case .serviceGranted: return Vocabulary.causesParticipation(service: fact.code)
        default: return false
        }
    }

    init(facts: [Fact], asOf: Day) {
        self.asOf = asOf
        let enrollments = Self.enrollments(of: facts)
        self.enrollments = enrollments
        var gapRuns: [GapDays] = []
        for fact in facts where fact.kind == .gapPlanned && fact.day <= asOf {
            let start = max(Day(truncatingIfNeeded: fact.amount), fact.day)
            let end = Day(truncatingIfNeeded: Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: fact.aux))))
            if start <= end { gapRuns.append(GapDays(start: start, end: end)) }
        }
        self.gaps = Self.merged(gapRuns)

        var events = facts.filter { $0.day <= asOf && Self.causesParticipation($0) }
        events.sort { $0.day != $1.day ? $0.day < $1.day : $0.position < $1.position }
        self.participationEvents = events

        func openEnrollment(at day: Day) -> Bool { enrollments.contains { $0.isOpen(at: day) } }
        var periods: [Period] = []
        var current: Period?
        for event in events {
            if var period = current {
                if event.day <= period.exitClock || openEnrollment(at: period.latest) {
                    if event.day > period.latest {
                        period.latest = event.day
                        (period.exitClock, period.gapDaysSkipped) = Self.exitClock(after: event.day, gaps: gaps)
                    }
                    period.positions.append(event.position)
                    current = period
                    continue
                }
                period.exit = period.latest
                periods.append(period)
            }
            let (clock, skipped) = Self.exitClock(after: event.day, gaps: gaps)
            current = Period(
                entry: event.day, latest: event.day, exit: nil, positions: [event.position], exitClock: clock,
                gapDaysSkipped: skipped)
        }
        if var period = current {
            if asOf >= period.exitClock, !openEnrollment(at: period.latest) { period.exit = period.latest }
            periods.append(period)
        }
        self.periods = periods
    }

    /// Every live enrollment of `facts` (in position order) with the ending that pairs with it: the next
    /// completion or withdrawal for the program by position; an ending closes every open enrollment in the program.
    static func enrollments(of facts: [Fact]) -> [Enrollment] {
        var enrollments: [Enrollment] = []
        var waiting: [String: [Fact]] = [:]  // enrollments awaiting their ending, per program
        for fact in facts {
            if fact.kind == .enrolled {
                waiting[fact.ref, default: []].append(fact)
            } else if fact.kind.isEnding, let open = waiting.removeValue(forKey: fact.ref) {
                for enrolled in open { enrollments.append(Enrollment(fact: enrolled, ending: fact)) }
            }
        }
        for (_, open) in waiting { for enrolled in open { enrollments.append(Enrollment(fact: enrolled, ending: nil)) } }
        enrollments.sort { $0.fact.position < $1.fact.position }
        return enrollments
    }

    /// T: the 90th day after `latest` that is not a gap day, and how many gap days were skipped to reach it.
    static func exitClock(after latest: Day, gaps: [GapDays]) -> (Day, Int) {
        var day = latest
        var remaining: Int32 = 90
        var skipped = 0
        for run in gaps where run.end > latest {
            let start = max(run.start, latest + 1)
            let free = start - 1 - day  // non-gap days between `day` and the run
            if free >= remaining { break }
            remaining -= free
            skipped += Int(run.end - start + 1)
            day = run.end
        }
        return (day + remaining, skipped)
    }

    /// Overlapping or adjacent runs merged, in date order.
    private static func merged(_ runs: [GapDays]) -> [GapDays] {
        guard !runs.isEmpty else { return [] }
        let sorted = runs.sorted { $0.start < $1.start }
        var result = [sorted[0]]
        for run in sorted.dropFirst() {
            if run.start <= result[result.count - 1].end + 1 {
                result[result.count - 1].end = max(result[result.count - 1].end, run.end)
            } else {
                result.append(run)
            }
        }
        return result
    }

    /// Enrollments open at the end of D.
    var openEnrollments: [Enrollment] { enrollments.filter { $0.isOpen(at: asOf) } }

    /// Whether the participant is active: no period yet, or an open one.
    var isActive: Bool { periods.last.map { $0.exit == nil } ?? true }
}
