import WorkforceEvents

/// The catalog's code lists as the read models number them: a fact's `code` is a code's index in its list's
/// `allCases` (the catalog only ever appends codes, so indexes are stable), and ``unknown`` marks a code the list
/// does not hold. Every table here is derived from `WorkforceEvents`; nothing of the domain's vocabulary is
/// written twice.
public enum Vocabulary {
    /// A code not in its list.
    public static let unknown: UInt8 = 255

    /// `sector` codes.
    public static let sectors = Sector.allCases.map(\.rawValue)
    /// `trainingType` codes.
    public static let trainingTypes = TrainingType.allCases.map(\.rawValue)
    /// `service` codes.
    public static let services = Service.allCases.map(\.rawValue)
    /// `credentialType` codes.
    public static let credentialTypes = CredentialType.allCases.map(\.rawValue)
    /// `sex` codes.
    public static let sexes = Sex.allCases.map(\.rawValue)
    /// `raceEthnicity` codes; a registration's race bits are indexed by this list.
    public static let races = RaceEthnicity.allCases.map(\.rawValue)
    /// `barriers` codes.
    public static let barriers = Barrier.allCases.map(\.rawValue)
    /// `gainType` codes.
    public static let skillGainTypes = SkillGainType.allCases.map(\.rawValue)
    /// `source` codes of a fund.
    public static let fundSources = FundSource.allCases.map(\.rawValue)
    /// `category` codes of a program cost.
    public static let costCategories = CostCategory.allCases.map(\.rawValue)

    /// The twelve outcome populations (REPORTS.md section 2), in the bit order of a registration's population bits:
    /// `bipoc`, `woman`, then one per barrier.
    public static let populations = ["bipoc", "woman"] + barriers

    /// The name of `code` in `list`, or `unknown`.
    static func name(_ code: UInt8, in list: [String]) -> String {
        Int(code) < list.count ? list[Int(code)] : "unknown"
    }

    /// The index of `value` in `list`, or ``unknown``.
    static func index<C: EventCode>(of value: C) -> UInt8 {
        UInt8(Array(C.allCases).firstIndex(of: value) ?? Int(unknown))
    }

    // MARK: Services

    /// What a service is to the reports (REPORTS.md sections 2, 3 and 6).
    public enum ServiceRole: Sendable {
        /// Causes participation; a career service in the funding report (`tuition` excepted).
        case participation
        /// A supportive service: summed as `supportiveServices`; does not cause participation.
        case supportive
        /// A contact after exit: neither participation nor supportive; a career service in the funding report.
        case followUp
    }

    /// The role of every service, by code.
    public static let serviceRoles: [ServiceRole] = Service.allCases.map { service in
        switch service {
        case .careerAdvising, .caseManagement, .jobSearchAssistance, .tuition: return .participation
        case .childcare, .transportation, .housing, .workSupplies, .otherSupportive: return .supportive
        case .followUp: return .followUp
        }
    }

    /// Whether service `code` causes participation.
    @inline(__always)
    static func causesParticipation(service code: UInt8) -> Bool {
        Int(code) < serviceRoles.count && serviceRoles[Int(code)] == .participation
    }

    /// Whether service `code` is supportive.
    @inline(__always)
    static func isSupportive(service code: UInt8) -> Bool {
        Int(code) < serviceRoles.count && serviceRoles[Int(code)] == .supportive
    }

    static let tuition = index(of: Service.tuition)
    static let secondaryDiploma = index(of: CredentialType.secondaryDiploma)
    static let certificateOfCompletion = index(of: CredentialType.certificateOfCompletion)
    static let onTheJob = index(of: TrainingType.onTheJob)
    static let customized = index(of: TrainingType.customized)
    static let jobReadiness = index(of: TrainingType.jobReadiness)
    static let female = index(of: Sex.female)
    static let white = index(of: RaceEthnicity.white)
    static let raceNotSelfIdentified = index(of: RaceEthnicity.didNotSelfIdentify)

    /// The funding report's spending category of a service charged to a fund (REPORTS.md section 6).
    static func spendingCategory(service code: UInt8) -> String? {
        guard Int(code) < Service.allCases.count else { return nil }
        switch Service.allCases[Int(code)] {
        case .tuition: return "tuition"
        case .childcare, .transportation, .housing, .workSupplies, .otherSupportive: return "supportive_services"
        case .careerAdvising, .caseManagement, .jobSearchAssistance, .followUp: return "career_services"
        }
    }
}
