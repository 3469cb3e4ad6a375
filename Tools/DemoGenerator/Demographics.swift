/// What a participant reports at registration (no names, addresses, birth dates or contact details).
struct Profile {
    let county: String
    let birthYear: Int
    let sex: StaticString
    let raceEthnicity: [StaticString]
    let barriers: [StaticString]
    let employmentStatus: StaticString
    let flags: PersonFlags
}

/// Draws registration profiles at rates assumed for the populations CareerConneCT prioritizes
/// (see notes/demo-decisions.md for the sources and which numbers are assumptions).
enum Demographics {
    /// Race and ethnicity answers with weights (arrays in the order EVENTS.md lists the codes).
    static let raceAnswers: [(codes: [StaticString], weight: Double)] = [
        (["white"], 36), (["black_african_american"], 23), (["hispanic_latino"], 17),
        (["hispanic_latino", "white"], 6), (["hispanic_latino", "black_african_american"], 2),
        (["asian"], 4), (["black_african_american", "white"], 1.5), (["american_indian_alaska_native", "white"], 0.6),
        (["american_indian_alaska_native"], 0.3), (["native_hawaiian_pacific_islander"], 0.3),
        (["hispanic_latino", "american_indian_alaska_native"], 0.3), (["did_not_self_identify"], 6), ([], 1),
    ]

    static func draw(on day: Int, program: ProgramSpec, rng: inout RandomSource) -> Profile {
        var flags: PersonFlags = []
        let countyIndex = rng.pick(weights: ReferenceTables.counties.map(\.weight))
        // Sex: the program's share of women; a few do not answer.
        let sexDraw = rng.unit()
        let sex: StaticString
        if sexDraw < 0.025 {
            sex = "did_not_self_identify"
        } else if sexDraw < 0.025 + 0.975 * program.femaleShare {
            sex = "female"
            flags.insert(.female)
        } else {
            sex = "male"
        }
        // Age: about one in six is 18-24; the rest 25-64, most in their late twenties to forties.
        let age: Int
        if rng.chance(0.17) {
            age = rng.int(in: 18...24)
            flags.insert(.youth)
        } else {
            let u = rng.unit()
            age = 25 + Int(39.0 * u * u * 0.6 + 39.0 * u * 0.4)
        }
        let year = SimulatedCalendar.civil(day).year
        let birthYear = year - age - (rng.chance(0.5) ? 1 : 0)
        let race = raceAnswers[rng.pick(weights: raceAnswers.map(\.weight))].codes
        // Employment at registration.
        let employment: StaticString
        let employmentDraw = rng.unit()
        if program.trainsIncumbents ? employmentDraw < 0.92 : employmentDraw < 0.24 {
            employment = "employed"
            flags.insert(.employed)
        } else if employmentDraw < (flags.contains(.youth) ? 0.6 : 0.8) || program.trainsIncumbents {
            employment = "unemployed"
        } else {
            employment = "not_in_labor_force"
        }
        var barriers: [StaticString] = []
        let female = flags.contains(.female)
        func add(_ flag: PersonFlags, _ code: StaticString, _ probability: Double, _ rng: inout RandomSource) {
            if rng.chance(probability) {
                flags.insert(flag)
                barriers.append(code)
            }
        }
        add(.disability, "disability", 0.09, &rng)
        add(.reentry, "reentry", female ? 0.05 : 0.13, &rng)
        if flags.contains(.youth) && !flags.contains(.employed) { add(.opportunityYouth, "opportunity_youth", 0.7, &rng) }
        if age >= 22 { add(.veteran, "veteran", female ? 0.02 : 0.07, &rng) }
        add(.immigrant, "immigrant", 0.15, &rng)
        if flags.contains(.immigrant) { add(.englishLearner, "english_learner", 0.45, &rng) }
        add(.lowIncome, "low_income", program.trainsIncumbents ? 0.3 : 0.6, &rng)
        add(.homeless, "homeless", 0.03, &rng)
        add(.singleParent, "single_parent", female ? 0.22 : 0.05, &rng)
        if sameText(employment, "unemployed") { add(.longTermUnemployed, "long_term_unemployed", 0.3, &rng) }
        return Profile(
            county: ReferenceTables.counties[countyIndex].name, birthYear: birthYear, sex: sex, raceEthnicity: race,
            barriers: barriers, employmentStatus: employment, flags: flags)
    }
}
