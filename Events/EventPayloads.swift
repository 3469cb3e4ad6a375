/// The `data` of each event type (EVENTS.md section 3), decoded and validated. Money is integer cents.

/// `program.registered`: a training program and its seats.
public struct ProgramRegistered: Sendable, Equatable {
    public var programId: String
    public var name: String
    public var provider: String
    public var sector: Sector
    public var trainingType: TrainingType
    /// Seats (≥ 0).
    public var capacity: Int64
}

/// `program.capacity_changed`: the program's seats from now on.
public struct ProgramCapacityChanged: Sendable, Equatable {
    public var programId: String
    public var capacity: Int64
}

/// `employer.registered`.
public struct EmployerRegistered: Sendable, Equatable {
    public var employerId: String
    public var name: String
    public var sector: Sector
}

/// `employer.hiring_committed`: an employer's pledge to hire, optionally from one program's graduates.
public struct EmployerHiringCommitted: Sendable, Equatable {
    public var employerId: String
    /// Positions pledged (≥ 1).
    public var positions: Int64
    public var programId: String?
}

/// `participant.registered`: a pseudonymous person and the characteristics reports group by.
public struct ParticipantRegistered: Sendable, Equatable {
    public var participantId: String
    public var county: String
    public var birthYear: Int64
    public var sex: Sex
    /// Distinct codes; `did_not_self_identify` only alone; possibly empty.
    public var raceEthnicity: [RaceEthnicity]
    /// Distinct codes; possibly empty.
    public var barriers: [Barrier]
    public var employmentStatus: EmploymentStatus
}

/// `participant.case_manager_assigned`.
public struct CaseManagerAssigned: Sendable, Equatable {
    public var participantId: String
    public var caseManagerId: String
}

/// A participant and a program: `participant.matched`, `.waitlisted`, `.enrolled`, `.training_completed`.
public struct ParticipantProgram: Sendable, Equatable {
    public var participantId: String
    public var programId: String
}

/// `participant.service_granted`.
public struct ServiceGranted: Sendable, Equatable {
    public var participantId: String
    public var service: Service
    /// Cost in cents (≥ 0).
    public var amountCents: Int64
}

/// `participant.training_withdrawn`.
public struct TrainingWithdrawn: Sendable, Equatable {
    public var participantId: String
    public var programId: String
    public var reason: String
}

/// `participant.credential_earned`.
public struct CredentialEarned: Sendable, Equatable {
    public var participantId: String
    /// The credential's name.
    public var credential: String
    public var credentialType: CredentialType
    public var programId: String?
}

/// `participant.hired`.
public struct Hired: Sendable, Equatable {
    public var participantId: String
    public var employerId: String
    /// SOC code `NN-NNNN`.
    public var occupation: String
    /// ≥ 1.
    public var hourlyWageCents: Int64
    /// In (0, 80].
    public var hoursPerWeek: Double
}

/// A calendar quarter, `YYYYQn`.
public struct Quarter: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    /// 1…4.
    public var number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    /// A single ordinal: `year * 4 + number - 1`.
    public var ordinal: Int { year * 4 + number - 1 }

    public init(ordinal: Int) {
        self.init(year: ordinal / 4, number: ordinal % 4 + 1)
    }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { lhs.ordinal < rhs.ordinal }

    /// `2025Q1`.
    public var description: String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "Q" + String(number)
    }
}

/// `participant.employment_verified`: one quarter's wage record.
public struct EmploymentVerified: Sendable, Equatable {
    public var participantId: String
    public var quarter: Quarter
    /// All wages that quarter, in cents (≥ 0).
    public var wagesCents: Int64
    public var source: WageSource
    /// The wage record's own employer reference; need not be registered, and is no reference to one.
    public var employerId: String?
}

/// `participant.exit_excluded`.
public struct ExitExcluded: Sendable, Equatable {
    public var participantId: String
    public var reason: ExclusionReason
}

/// `ledger.event_voided`: the target counts as if it had never been appended.
public struct EventVoided: Sendable, Equatable {
    public var targetEventId: String
    public var reason: String
}
