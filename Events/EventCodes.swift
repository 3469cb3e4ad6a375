/// A closed list of lower-case snake-case codes (EVENTS.md section 3): a value outside the list is an error.
///
/// The lists are the catalog's vocabulary for every module: `allCases` order is stable. Codes are only ever added,
/// at the end of their list (EVENTS.md "Schema evolution"), so an index into `allCases` keeps its meaning.
public protocol EventCode: RawRepresentable<String>, CaseIterable, Sendable, Hashable {
    /// What the code names, for error messages ("sector", "barrier").
    static var codeListName: String { get }
}

extension EventCode {
    /// The code for `text`, or `nil` when `text` is not on the list.
    @inline(__always)
    static func code(_ text: String) -> Self? { Self(rawValue: text) }

    /// The codes of the list, comma-separated, for error messages.
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The industry sector of a program or employer.
public enum Sector: String, EventCode {
    case manufacturing, informationTechnology = "information_technology", healthCare = "health_care"
    case infrastructure, cleanEnergy = "clean_energy"
    /// Names the list in error messages.
    public static let codeListName = "sector"
}

/// The kind of training a program delivers. `onTheJob` and `customized` are employer-based: their programs are
/// outside the credential-rate cohort.
public enum TrainingType: String, EventCode {
    case occupationalSkills = "occupational_skills", apprenticeship, skillUpgrading = "skill_upgrading"
    case jobReadiness = "job_readiness", onTheJob = "on_the_job", customized
    /// Names the list in error messages.
    public static let codeListName = "training type"
}

/// A participant's self-identified sex.
public enum Sex: String, EventCode {
    case female, male, didNotSelfIdentify = "did_not_self_identify"
    /// Names the list in error messages.
    public static let codeListName = "sex"
}

/// A participant's self-identified race or ethnicity (several may apply). Every code but `white` and
/// `didNotSelfIdentify` puts the participant in the `bipoc` population.
public enum RaceEthnicity: String, EventCode {
    case hispanicLatino = "hispanic_latino", americanIndianAlaskaNative = "american_indian_alaska_native", asian
    case blackAfricanAmerican = "black_african_american"
    case nativeHawaiianPacificIslander = "native_hawaiian_pacific_islander", white
    /// Valid only as the sole code of a participant's list.
    case didNotSelfIdentify = "did_not_self_identify"
    /// Names the list in error messages.
    public static let codeListName = "race or ethnicity"
}

/// A barrier to employment a participant faces. `disability`, `reentry`, `opportunityYouth`, `veteran` and
/// `immigrant` are also report populations.
public enum Barrier: String, EventCode {
    case disability, reentry, opportunityYouth = "opportunity_youth", veteran, immigrant
    case englishLearner = "english_learner", lowIncome = "low_income", homeless, singleParent = "single_parent"
    case longTermUnemployed = "long_term_unemployed"
    /// Names the list in error messages.
    public static let codeListName = "barrier"
}

/// A participant's employment status at registration.
public enum EmploymentStatus: String, EventCode {
    case employed, unemployed, notInLaborForce = "not_in_labor_force"
    /// Names the list in error messages.
    public static let codeListName = "employment status"
}

/// A service granted to a participant. `careerAdvising`, `caseManagement`, `jobSearchAssistance` and `tuition`
/// cause participation; `childcare` … `otherSupportive` are supportive services, which do not and are summed as
/// `supportiveServices`; `followUp` (a contact after exit) does neither, so it never delays an exit.
/// New codes are only ever appended: the order of `allCases` is stable.
public enum Service: String, EventCode {
    case careerAdvising = "career_advising", caseManagement = "case_management"
    case jobSearchAssistance = "job_search_assistance", tuition, childcare, transportation, housing
    case workSupplies = "work_supplies", otherSupportive = "other_supportive", followUp = "follow_up"
    /// Names the list in error messages.
    public static let codeListName = "service"
}

/// The kind of credential a participant earned. A `certificateOfCompletion` never counts toward the credential
/// rate; a `secondaryDiploma` counts only with a hire in the same window.
public enum CredentialType: String, EventCode {
    case industryCertification = "industry_certification", occupationalLicense = "occupational_license"
    case occupationalCertificate = "occupational_certificate", apprenticeshipCertificate = "apprenticeship_certificate"
    case associateDegree = "associate_degree", bachelorDegree = "bachelor_degree"
    case secondaryDiploma = "secondary_diploma", certificateOfCompletion = "certificate_of_completion"
    /// Names the list in error messages.
    public static let codeListName = "credential type"
}

/// Where a quarterly wage record comes from.
public enum WageSource: String, EventCode {
    /// `uiWageMatch`: matched against unemployment-insurance wage records; `supplemental`: from other evidence.
    case uiWageMatch = "ui_wage_match", supplemental
    /// Names the list in error messages.
    public static let codeListName = "wage record source"
}

/// Why a participant is excluded from exit-based performance measures.
public enum ExclusionReason: String, EventCode {
    case institutionalized, healthMedical = "health_medical", deceased
    case reserveForcesCalled = "reserve_forces_called", fosterCare = "foster_care"
    /// Names the list in error messages.
    public static let codeListName = "exclusion reason"
}

/// Why a participant's services pause for a planned gap (`participant.gap_in_service_planned`).
public enum GapReason: String, EventCode {
    case awaitingTrainingStart = "awaiting_training_start", healthMedical = "health_medical"
    case familyCare = "family_care"
    /// Names the list in error messages.
    public static let codeListName = "gap reason"
}

/// WIOA's five kinds of measurable skill gain (`participant.skill_gain`).
public enum SkillGainType: String, EventCode {
    case educationalFunctioningLevel = "educational_functioning_level", secondaryDiploma = "secondary_diploma"
    case postsecondaryTranscript = "postsecondary_transcript", trainingMilestone = "training_milestone"
    case skillsProgression = "skills_progression"
    /// Names the list in error messages.
    public static let codeListName = "skill gain type"
}

/// Where a fund's money comes from (`fund.registered`).
public enum FundSource: String, EventCode {
    /// ARPA's State and Local Fiscal Recovery Funds.
    case arpaSLFRF = "arpa_slfrf"
    case wioaAdult = "wioa_adult", wioaDislocatedWorker = "wioa_dislocated_worker", wioaYouth = "wioa_youth"
    case state
    case `private`
    /// Names the list in error messages.
    public static let codeListName = "fund source"
}

/// What a program's cost paid for (`program.cost_incurred`).
public enum CostCategory: String, EventCode {
    case trainingContract = "training_contract", instruction, materials, administration
    /// Names the list in error messages.
    public static let codeListName = "cost category"
}

/// Where the evidence that a wage quarter is complete comes from (`wages.quarter_closed`).
public enum QuarterCloseSource: String, EventCode {
    /// Every participant has been matched against the state's unemployment-insurance wage records for the quarter.
    case uiWageMatch = "ui_wage_match"
    /// Names the list in error messages.
    public static let codeListName = "quarter close source"
}

/// The kind of actor that caused an event (the part of `actor` before the colon).
public enum ActorKind: String, EventCode {
    case staff, service, provider, employer, system
    /// Names the list in error messages.
    public static let codeListName = "actor kind"
}
