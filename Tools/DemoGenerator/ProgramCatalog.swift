/// One of the 19 fictional training programs (names and providers are invented; the shape follows
/// CareerConneCT's public description, see notes/demo-decisions.md).
struct ProgramSpec {
    let name: String
    let provider: String
    /// The provider's actor id (`provider:<slug>`).
    let providerActor: String
    let sector: StaticString
    let trainingType: StaticString
    /// Length of one cohort's training, in weeks.
    let weeks: Int
    /// Seats per cohort (12-25).
    let cohortSize: Int
    /// Demand relative to the seats planned for it: above 1 fills cohorts and builds waitlists.
    let popularity: Double
    /// Weeks after the start of the history when the program is registered.
    let launchWeek: Int
    /// SOC codes of the jobs it leads to.
    let occupations: [String]
    /// Hourly wage at hire, in cents: the range of typical entry wages (BLS OEWS, Connecticut, 25th-50th pct).
    let wageLow: Int
    let wageHigh: Int
    /// The credential its completers can earn, and its type.
    let credential: String
    let credentialType: StaticString
    /// Share of completers who earn that credential (the others get a certificate of completion or none).
    let credentialShare: Double
    /// Share of women among the participants it attracts.
    let femaleShare: Double
    /// What one seat costs, in cents: the provider's contract price per enrolled participant, the tuition of an
    /// individual training account (`individualTuition`), the instruction of a state-run cohort, or the wage
    /// reimbursement of an on-the-job placement.
    let seatPriceCents: Int
    /// Whether participants are funded one by one (a `tuition` service charged to a fund at enrollment) rather
    /// than by a contract per cohort.
    var individualTuition = false
    /// A safety card most enrollees earn in the first weeks (OSHA 10, BLS): recorded as a certificate of
    /// completion, never as a credential that counts (WIOA does not count safety cards).
    var safetyCard: String? = nil
}

extension ProgramSpec {
    /// Whether it trains people already on a job (their employer or OJT host is part of the program).
    var trainsIncumbents: Bool {
        sameText(trainingType, "skill_upgrading") || sameText(trainingType, "customized")
    }
    /// Whether participants are hired by the host employer when they start.
    var isOnTheJob: Bool { sameText(trainingType, "on_the_job") }
    /// Whether its credential-rate cohort excludes it (REPORTS.md: on-the-job and customized training).
    var isCustomized: Bool { sameText(trainingType, "customized") }
}

/// Whether two static strings hold the same text (StaticString has no `==`).
func sameText(_ lhs: StaticString, _ rhs: StaticString) -> Bool {
    lhs.withUTF8Buffer { l in rhs.withUTF8Buffer { r in l.elementsEqual(r) } }
}

enum ProgramCatalog {
    /// The 19 programs, `PRG-01` … `PRG-19` in this order.
    static let programs: [ProgramSpec] = [
        // Manufacturing
        ProgramSpec(
            name: "CNC Machining Fundamentals", provider: "Valley Precision Training Alliance",
            providerActor: "provider:valley-precision", sector: "manufacturing", trainingType: "occupational_skills",
            weeks: 12, cohortSize: 16, popularity: 1.05, launchWeek: 0, occupations: ["51-4041", "51-4011"],
            wageLow: 2000, wageHigh: 2550, credential: "NIMS Measurement, Materials and Safety",
            credentialType: "industry_certification", credentialShare: 0.85, femaleShare: 0.14, seatPriceCents: 650_000,
            safetyCard: "OSHA 10-Hour General Industry Card"),
        ProgramSpec(
            name: "Welding Technology", provider: "Shoreline Trades Institute",
            providerActor: "provider:shoreline-trades", sector: "manufacturing", trainingType: "occupational_skills",
            weeks: 14, cohortSize: 14, popularity: 1.15, launchWeek: 1, occupations: ["51-4121"],
            wageLow: 2100, wageHigh: 2700, credential: "AWS D1.1 Structural Welding Certification",
            credentialType: "industry_certification", credentialShare: 0.82, femaleShare: 0.10, seatPriceCents: 720_000,
            safetyCard: "OSHA 10-Hour General Industry Card"),
        ProgramSpec(
            name: "Marine Trades Apprenticeship (Pipefitting and Shipfitting)",
            provider: "Eastern Connecticut Maritime Trades Partnership", providerActor: "provider:maritime-trades",
            sector: "manufacturing", trainingType: "apprenticeship", weeks: 40, cohortSize: 20, popularity: 1.0,
            launchWeek: 2, occupations: ["47-2152", "51-2041"], wageLow: 2200, wageHigh: 2800,
            credential: "NCCER Pipefitting Level 1", credentialType: "industry_certification",
            credentialShare: 0.74, femaleShare: 0.12, seatPriceCents: 760_000, safetyCard: "OSHA 10-Hour Construction Card"),
        ProgramSpec(
            name: "Quality Inspection and Metrology Upskilling", provider: "Valley Precision Training Alliance",
            providerActor: "provider:valley-precision", sector: "manufacturing", trainingType: "skill_upgrading",
            weeks: 6, cohortSize: 12, popularity: 0.9, launchWeek: 8, occupations: ["51-9061"],
            wageLow: 2150, wageHigh: 2650, credential: "ASQ Certified Quality Process Analyst",
            credentialType: "industry_certification", credentialShare: 0.7, femaleShare: 0.3, seatPriceCents: 280_000),
        ProgramSpec(
            name: "Advanced Assembly On-the-Job Training", provider: "Central Connecticut Manufacturers Training Fund",
            providerActor: "provider:ccmtf", sector: "manufacturing", trainingType: "on_the_job",
            weeks: 16, cohortSize: 15, popularity: 0.95, launchWeek: 4, occupations: ["51-2090", "51-2028"],
            wageLow: 1800, wageHigh: 2250, credential: "OJT Skills Attainment Record",
            credentialType: "certificate_of_completion", credentialShare: 0.95, femaleShare: 0.3, seatPriceCents: 560_000),
        // Information technology
        ProgramSpec(
            name: "IT Support Specialist (CompTIA A+)", provider: "Capitol Code and Career Lab",
            providerActor: "provider:capitol-code", sector: "information_technology",
            trainingType: "occupational_skills", weeks: 16, cohortSize: 20, popularity: 1.2, launchWeek: 0,
            occupations: ["15-1232"], wageLow: 2000, wageHigh: 2600, credential: "CompTIA A+",
            credentialType: "industry_certification", credentialShare: 0.75, femaleShare: 0.32, seatPriceCents: 560_000),
        ProgramSpec(
            name: "Cybersecurity Analyst", provider: "Elm City Cyber Academy",
            providerActor: "provider:elm-city-cyber", sector: "information_technology",
            trainingType: "occupational_skills", weeks: 24, cohortSize: 18, popularity: 1.1, launchWeek: 3,
            occupations: ["15-1212", "15-1231"], wageLow: 2500, wageHigh: 3000, credential: "CompTIA Security+",
            credentialType: "industry_certification", credentialShare: 0.7, femaleShare: 0.28, seatPriceCents: 720_000,
            individualTuition: true),
        ProgramSpec(
            name: "Full-Stack Web Development", provider: "Capitol Code and Career Lab",
            providerActor: "provider:capitol-code", sector: "information_technology",
            trainingType: "occupational_skills", weeks: 26, cohortSize: 22, popularity: 0.95, launchWeek: 26,
            occupations: ["15-1254", "15-1252"], wageLow: 2400, wageHigh: 3000,
            credential: "Full-Stack Web Developer Certificate", credentialType: "occupational_certificate",
            credentialShare: 0.8, femaleShare: 0.3, seatPriceCents: 820_000),
        ProgramSpec(
            name: "Cloud and Data Skills for Employers", provider: "Fairfield County Tech Skills Collaborative",
            providerActor: "provider:fairfield-tech", sector: "information_technology", trainingType: "customized",
            weeks: 8, cohortSize: 15, popularity: 0.85, launchWeek: 30, occupations: ["15-1244", "15-1211"],
            wageLow: 2500, wageHigh: 3000, credential: "AWS Certified Cloud Practitioner",
            credentialType: "industry_certification", credentialShare: 0.45, femaleShare: 0.35, seatPriceCents: 340_000),
        // Health care
        ProgramSpec(
            name: "Certified Nurse Aide", provider: "Greater Hartford Health Careers Network",
            providerActor: "provider:gh-health-careers", sector: "health_care", trainingType: "occupational_skills",
            weeks: 6, cohortSize: 16, popularity: 1.2, launchWeek: 0, occupations: ["31-1131"],
            wageLow: 1800, wageHigh: 2100, credential: "Connecticut Nurse Aide Registry Certification",
            credentialType: "occupational_license", credentialShare: 0.88, femaleShare: 0.86, seatPriceCents: 240_000,
            individualTuition: true),
        ProgramSpec(
            name: "Clinical Medical Assistant", provider: "Bridgeport Allied Health Institute",
            providerActor: "provider:bridgeport-allied", sector: "health_care", trainingType: "occupational_skills",
            weeks: 20, cohortSize: 20, popularity: 1.05, launchWeek: 1, occupations: ["31-9092"],
            wageLow: 1900, wageHigh: 2300, credential: "Certified Clinical Medical Assistant (CCMA)",
            credentialType: "industry_certification", credentialShare: 0.83, femaleShare: 0.88, seatPriceCents: 580_000),
        ProgramSpec(
            name: "Pharmacy Technician", provider: "Bridgeport Allied Health Institute",
            providerActor: "provider:bridgeport-allied", sector: "health_care", trainingType: "occupational_skills",
            weeks: 14, cohortSize: 16, popularity: 0.9, launchWeek: 12, occupations: ["29-2052"],
            wageLow: 1850, wageHigh: 2250, credential: "PTCB Certified Pharmacy Technician",
            credentialType: "industry_certification", credentialShare: 0.78, femaleShare: 0.75, seatPriceCents: 440_000,
            individualTuition: true),
        ProgramSpec(
            name: "Practical Nursing Pathway", provider: "Northwest Connecticut Nursing Pathways",
            providerActor: "provider:nw-nursing", sector: "health_care", trainingType: "occupational_skills",
            weeks: 43, cohortSize: 24, popularity: 1.1, launchWeek: 5, occupations: ["29-2061"],
            wageLow: 2700, wageHigh: 3000, credential: "Connecticut LPN License (NCLEX-PN)",
            credentialType: "occupational_license", credentialShare: 0.85, femaleShare: 0.87, seatPriceCents: 610_000,
            individualTuition: true),
        ProgramSpec(
            name: "Health Care Career Readiness", provider: "Greater Hartford Health Careers Network",
            providerActor: "provider:gh-health-careers", sector: "health_care", trainingType: "job_readiness",
            weeks: 5, cohortSize: 25, popularity: 0.9, launchWeek: 6, occupations: ["31-1122", "31-9099"],
            wageLow: 1800, wageHigh: 1950, credential: "BLS Provider Card (American Heart Association)",
            credentialType: "certificate_of_completion", credentialShare: 0.85, femaleShare: 0.75, seatPriceCents: 180_000),
        // Infrastructure
        ProgramSpec(
            name: "Commercial Driver's License (CDL Class A)", provider: "Nutmeg Commercial Driving Academy",
            providerActor: "provider:nutmeg-cdl", sector: "infrastructure", trainingType: "occupational_skills",
            weeks: 8, cohortSize: 12, popularity: 1.25, launchWeek: 0, occupations: ["53-3032"],
            wageLow: 2400, wageHigh: 2900, credential: "Connecticut CDL Class A",
            credentialType: "occupational_license", credentialShare: 0.84, femaleShare: 0.08, seatPriceCents: 590_000,
            individualTuition: true),
        ProgramSpec(
            name: "Utility Line Worker Training", provider: "Constitution State Construction Careers",
            providerActor: "provider:cs-construction", sector: "infrastructure",
            trainingType: "occupational_skills", weeks: 10, cohortSize: 15, popularity: 1.0, launchWeek: 2,
            occupations: ["49-9051", "47-2061"], wageLow: 2200, wageHigh: 2800,
            credential: "Utility Line Worker Pre-Apprenticeship Certificate",
            credentialType: "occupational_certificate", credentialShare: 0.82,
            femaleShare: 0.07, seatPriceCents: 650_000, safetyCard: "OSHA 10-Hour Construction Card"),
        ProgramSpec(
            name: "Highway and Bridge Construction Apprenticeship",
            provider: "Constitution State Construction Careers", providerActor: "provider:cs-construction",
            sector: "infrastructure", trainingType: "apprenticeship", weeks: 36, cohortSize: 18, popularity: 0.95,
            launchWeek: 28, occupations: ["47-2073", "47-2061"], wageLow: 2400, wageHigh: 3000,
            credential: "NCCER Heavy Highway Construction Level 1", credentialType: "industry_certification",
            credentialShare: 0.72, femaleShare: 0.09, seatPriceCents: 720_000, safetyCard: "OSHA 10-Hour Construction Card"),
        // Clean energy
        ProgramSpec(
            name: "Solar PV Installer", provider: "Green Energy Workforce Alliance of Connecticut",
            providerActor: "provider:green-energy-alliance", sector: "clean_energy",
            trainingType: "occupational_skills", weeks: 10, cohortSize: 14, popularity: 0.95, launchWeek: 10,
            occupations: ["47-2231"], wageLow: 2100, wageHigh: 2600, credential: "NABCEP PV Associate",
            credentialType: "industry_certification", credentialShare: 0.78, femaleShare: 0.12, seatPriceCents: 500_000,
            safetyCard: "OSHA 10-Hour Construction Card"),
        ProgramSpec(
            name: "Heat Pump and Energy Efficiency Technician",
            provider: "Green Energy Workforce Alliance of Connecticut",
            providerActor: "provider:green-energy-alliance", sector: "clean_energy",
            trainingType: "occupational_skills", weeks: 18, cohortSize: 16, popularity: 1.0, launchWeek: 14,
            occupations: ["49-9021", "47-4099"], wageLow: 2200, wageHigh: 2800,
            credential: "EPA Section 608 Universal Certification", credentialType: "industry_certification",
            credentialShare: 0.85, femaleShare: 0.1, seatPriceCents: 620_000),
    ]

    /// The sector codes, in the order the employer catalog uses.
    static let sectors: [StaticString] = [
        "manufacturing", "information_technology", "health_care", "infrastructure", "clean_energy",
    ]
}
