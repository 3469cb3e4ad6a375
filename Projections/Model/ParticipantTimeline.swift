/// One participant's enrollments, participation-causing events and periods of participation as of D
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
    }

    let asOf: Day
    /// Every live enrollment (whatever its date) with its ending, in position order.
    let enrollments: [Enrollment]
    /// Participation-causing events dated ≤ D, in (date, position) order.
    let participationEvents: [Fact]
    let periods: [Period]

    /// Whether `fact` causes participation (REPORTS.md section 2).
    @inline(__always)
    static func causesParticipation(_ fact: Fact) -> Bool {
        switch fact.kind {
        case .matched, .enrolled, .trainingCompleted, .trainingWithdrawn: return true
        case .serviceGranted: return fact.code < Codes.firstSupportiveService
        default: return false
        }
    }

    init(facts: [Fact], asOf: Day) {
        self.asOf = asOf
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
        self.enrollments = enrollments

        var events = facts.filter { $0.day <= asOf && Self.causesParticipation($0) }
        events.sort { $0.day != $1.day ? $0.day < $1.day : $0.position < $1.position }
        self.participationEvents = events

        func openEnrollment(at day: Day) -> Bool { enrollments.contains { $0.isOpen(at: day) } }
        var periods: [Period] = []
        var current: Period?
        for event in events {
            if var period = current {
                if event.day <= period.latest + 90 || openEnrollment(at: period.latest) {
                    period.latest = max(period.latest, event.day)
                    period.positions.append(event.position)
                    current = period
                    continue
                }
                period.exit = period.latest
                periods.append(period)
            }
            current = Period(entry: event.day, latest: event.day, exit: nil, positions: [event.position])
        }
        if var period = current {
            if asOf >= period.latest + 90, !openEnrollment(at: period.latest) { period.exit = period.latest }
            periods.append(period)
        }
        self.periods = periods
    }

    /// Enrollments open at the end of D.
    var openEnrollments: [Enrollment] { enrollments.filter { $0.isOpen(at: asOf) } }

    /// Whether the participant is active: no period yet, or an open one.
    var isActive: Bool { periods.last.map { $0.exit == nil } ?? true }
}
