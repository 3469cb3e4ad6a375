import CanonicalJSON
import DemoGenerator
import Testing

/// The default demo tells the truth the v2 reports rely on (issue 12 item 5, issue 13 item 4): planned gaps for
/// waiting participants, follow-up after exit, quarters closed about five months after they end, employer ids on
/// wage records, skill gains during training, funds and costs at realistic amounts.
@Suite struct DemoTruthTests {
    static var live: [LiveEvent] { DemoFixture.standardLive }

    /// Each participant's live events of some types, in append order.
    static func byParticipant(_ types: Set<String>) -> [String: [LiveEvent]] {
        var result: [String: [LiveEvent]] = [:]
        for event in live where types.contains(event.type) {
            result[event.data.string("participantId") ?? "", default: []].append(event)
        }
        return result
    }

    @Test func waitingParticipantsHaveAPlannedGapSoTheirExitClockStops() {
        let people = Self.byParticipant(["participant.matched", "participant.enrolled", "participant.gap_in_service_planned"])
        var longWaits = 0
        var problems: [String] = []
        for (participant, events) in people {
            let gaps: [(recorded: Int, start: Int, end: Int)] = events.compactMap { gap in
                guard gap.type == "participant.gap_in_service_planned",
                    let start = gap.data.string("startDate").flatMap(IndependentOutcomes.day),
                    let end = gap.data.string("endDate").flatMap(IndependentOutcomes.day)
                else { return nil }
                return (gap.day, start, end)
            }
            for gap in gaps where gap.recorded > gap.start || gap.end - gap.start > 364 {
                problems.append("\(participant): gap recorded after its start or too long")
            }
            let matches = events.filter { $0.type == "participant.matched" }.map(\.day)
            let enrollments = events.filter { $0.type == "participant.enrolled" }.map(\.day).sorted()
            for match in matches {
                guard let enrolled = enrollments.first(where: { $0 >= match }), enrolled - match > 30 else { continue }
                longWaits += 1
                // The days of the wait that are not gap days stay far below the 90 that would end the period.
                let open = ((match + 1)..<enrolled).filter { day in
                    !gaps.contains { max($0.start, $0.recorded) <= day && day <= $0.end }
                }
                if open.count >= 45 { problems.append("\(participant): \(open.count) days of a wait without a gap") }
            }
        }
        #expect(longWaits > 500, "the demo has participants who wait weeks for a cohort")
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        let outcomes = DemoFixture.standardOutcomes
        #expect(outcomes.exitsWithoutEnrollment * 5 < outcomes.exits.count, "exits are mostly of people who enrolled")
    }

    /// A participant who leaves training for health or family reasons and means to return gets a planned gap from
    /// the day they leave, and most come back to the same program afterwards (within one period of participation).
    @Test func healthAndFamilyGapsFollowAWithdrawalAndMostReturn() {
        let people = Self.byParticipant([
            "participant.training_withdrawn", "participant.enrolled", "participant.gap_in_service_planned",
        ])
        var pauses = 0
        var returned = 0
        var problems: [String] = []
        for (participant, events) in people {
            for gap in events where gap.type == "participant.gap_in_service_planned" {
                let reason = gap.data.string("reason") ?? ""
                guard reason != "awaiting_training_start" else { continue }
                pauses += 1
                guard
                    let withdrawal = events.first(where: {
                        $0.type == "participant.training_withdrawn" && $0.day == gap.day
                    }), let program = withdrawal.data.string("programId")
                else {
                    problems.append("\(participant): a \(reason) gap without a withdrawal that day")
                    continue
                }
                let end = gap.data.string("endDate").flatMap(IndependentOutcomes.day) ?? 0
                if events.contains(where: {
                    $0.type == "participant.enrolled" && $0.day > end - 15 && $0.data.string("programId") == program
                }) {
                    returned += 1
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(pauses > 40, "\(pauses) health and family gaps")
        #expect(returned * 2 > pauses, "\(returned) of \(pauses) come back to their program")
    }

    @Test func followUpComesAfterAnExitAndNeverExtendsParticipation() {
        let outcomes = DemoFixture.standardOutcomes
        var followUps = 0
        var problems: [String] = []
        for event in Self.live where event.type == "participant.service_granted" {
            guard event.data.string("service") == "follow_up" else { continue }
            followUps += 1
            let participant = event.data.string("participantId") ?? ""
            let exits = outcomes.exitDays[participant, default: []]
            guard let exit = exits.filter({ $0 < event.day }).max() else {
                problems.append("\(participant): follow-up on day \(event.day) before any exit")
                continue
            }
            // Not in a later period of participation either.
            if outcomes.entryDays[participant, default: []].contains(where: { exit < $0 && $0 <= event.day }) {
                problems.append("\(participant): follow-up on day \(event.day) inside a later period")
            }
            if event.data.integer("amountCents") != 0 { problems.append("\(participant): follow-up with an amount") }
        }
        #expect(followUps > 1000)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test func quartersCloseAboutFiveMonthsAfterTheyEndAndTheLatestArePending() throws {
        var closes: [Int] = []
        for event in Self.live where event.type == "wages.quarter_closed" {
            let quarter = try #require(event.data.string("quarter").flatMap(IndependentOutcomes.quarter))
            closes.append(quarter)
            let delay = event.day - IndependentOutcomes.lastDay(ofQuarter: quarter)
            #expect((135...175).contains(delay), "\(IndependentOutcomes.name(ofQuarter: quarter)) closed \(delay) days after")
            #expect(event.data.string("source") == "ui_wage_match")
            #expect(event.actor == "system:ui-wage-match")
        }
        let first = try #require(closes.min())
        let last = try #require(closes.max())
        #expect(closes == Array(first...last), "every quarter from the first is closed once, in order")
        #expect(IndependentOutcomes.name(ofQuarter: last) == "2026Q1")
        // At the head (late November 2026) the two quarters that ended after 2026Q1 are pending, not zero.
        let outcomes = DemoFixture.standardOutcomes
        let pendingQuarters = outcomes.byExitQuarter.filter { $0.value.pending > 0 && $0.value.denominator == 0 }
        #expect(pendingQuarters.count == 2, "\(outcomes.byExitQuarter)")
        #expect(outcomes.all.pending > 500)
        for (quarter, employment) in outcomes.byExitQuarter where employment.denominator >= 10 {
            #expect(employment.rate > 0.5, "no false zero in \(IndependentOutcomes.name(ofQuarter: quarter))")
        }
    }

    /// As of the end of each program year too, a quarter whose records are not all in is pending, never 0 %.
    @Test(arguments: ["2024-06-30", "2025-06-30", "2026-03-31"])
    func noExitQuarterShowsAFalseZeroAtAnEarlierDate(_ date: String) throws {
        let asOf = try #require(IndependentOutcomes.day(date))
        let outcomes = IndependentOutcomes(DemoFixture.standardEvents, asOf: asOf)
        for (quarter, employment) in outcomes.byExitQuarter where employment.denominator >= 10 {
            #expect(employment.rate > 0.5, "\(IndependentOutcomes.name(ofQuarter: quarter)) as of \(date): \(employment)")
        }
        // The quarters that ended in the last five months are pending.
        let pending = outcomes.byExitQuarter.filter { $0.value.pending > 0 }
        #expect(pending.count >= 1, "as of \(date): \(outcomes.byExitQuarter)")
        #expect(outcomes.all.pending > 100)
    }

    @Test func wageRecordsNameTheEmployerForMostHiresSoRetentionIsMeaningful() {
        let people = Self.byParticipant(["participant.hired", "participant.employment_verified"])
        var afterHire = 0
        var withEmployer = 0
        var hiringEmployer = 0
        for (_, events) in people {
            guard let hire = events.first(where: { $0.type == "participant.hired" }) else { continue }
            let hireQuarter = IndependentOutcomes.quarter(ofDay: hire.day)
            // The quarter after the hire's, from the state's match.
            for record in events where record.type == "participant.employment_verified" {
                guard record.data.string("source") == "ui_wage_match",
                    record.data.string("quarter").flatMap(IndependentOutcomes.quarter) == hireQuarter + 1
                else { continue }
                afterHire += 1
                if let employer = record.data.string("employerId") {
                    withEmployer += 1
                    if employer == hire.data.string("employerId") { hiringEmployer += 1 }
                }
            }
        }
        #expect(afterHire > 1500)
        #expect(Double(withEmployer) / Double(afterHire) > 0.9, "\(withEmployer)/\(afterHire)")
        #expect((0.6...0.92).contains(Double(hiringEmployer) / Double(afterHire)), "\(hiringEmployer)/\(afterHire)")
        let retention = DemoFixture.standardOutcomes.retention
        #expect(retention.denominator > 800)
        #expect((0.6...0.88).contains(Double(retention.numerator) / Double(retention.denominator)), "\(retention)")
    }

    @Test func skillGainsHappenDuringTrainingAndInterimMilestonesAreNotCredentials() {
        let people = Self.byParticipant([
            "participant.enrolled", "participant.training_completed", "participant.training_withdrawn",
            "participant.skill_gain",
        ])
        var gains: [String: Int] = [:]
        var outside = 0
        for (_, events) in people {
            var spans: [ClosedRange<Int>] = []
            var open: Int?
            for event in events {
                switch event.type {
                case "participant.enrolled": open = event.day
                case "participant.training_completed", "participant.training_withdrawn":
                    if let start = open { spans.append(start...max(start, event.day)) }
                    open = nil
                default: break
                }
            }
            if let start = open { spans.append(start...Int.max) }
            for event in events where event.type == "participant.skill_gain" {
                gains[event.data.string("gainType") ?? "", default: 0] += 1
                if !spans.contains(where: { $0.contains(event.day) }) { outside += 1 }
            }
        }
        #expect(outside == 0, "every skill gain falls inside an enrollment")
        #expect(gains["training_milestone", default: 0] > 300, "\(gains)")
        #expect(gains["skills_progression", default: 0] > 1000, "\(gains)")
        #expect(gains["postsecondary_transcript", default: 0] > 50, "\(gains)")
        #expect(gains["educational_functioning_level", default: 0] > 20, "\(gains)")
        var cards = 0
        for event in Self.live where event.type == "participant.credential_earned" {
            let name = event.data.string("credential") ?? ""
            let type = event.data.string("credentialType") ?? ""
            #expect(type != "apprenticeship_certificate", "no one finishes an apprenticeship inside the demo")
            if name.contains("OSHA") || name.contains("BLS") || name.contains("Interim") {
                cards += 1
                #expect(type == "certificate_of_completion", "\(name) is a safety card or milestone, not a credential")
            }
        }
        #expect(cards > 500)
    }

    @Test func fundsAndCostsArePresentAtRealisticAmounts() throws {
        var registered: [String: JSONObject] = [:]
        var budgetChanges = 0
        var categories: [String: Int] = [:]
        var chargedServices: [String: Int] = [:]
        var supportive = (charged: 0, all: 0)
        for event in Self.live {
            switch event.type {
            case "fund.registered": registered[event.data.string("fundId") ?? ""] = event.data
            case "fund.budget_changed": budgetChanges += 1
            case "program.cost_incurred": categories[event.data.string("category") ?? "", default: 0] += 1
            case "participant.service_granted":
                let service = event.data.string("service") ?? ""
                if event.data.string("fundId") != nil { chargedServices[service, default: 0] += 1 }
                if ["childcare", "transportation", "housing", "work_supplies", "other_supportive"].contains(service) {
                    supportive.all += 1
                    if event.data.string("fundId") != nil { supportive.charged += 1 }
                }
            default: break
            }
        }
        let sources = registered.values.compactMap { $0.string("source") }
        #expect(registered.count == 3)
        let arpa = try #require(registered.values.first { $0.string("source") == "arpa_slfrf" })
        #expect(arpa.integer("budgetCents") == 7_000_000_000)
        #expect(arpa.string("expenditureCategory") == "2.10")
        #expect(sources.contains { $0 == "wioa_adult" || $0 == "wioa_dislocated_worker" })
        #expect(sources.contains("state"))
        #expect(budgetChanges >= 1)
        for category in ["training_contract", "instruction", "materials", "administration"] {
            #expect(categories[category, default: 0] > 20, "\(category): \(categories)")
        }
        #expect(chargedServices["tuition", default: 0] > 500)
        #expect(Double(supportive.charged) / Double(supportive.all) > 0.85)
        let outcomes = DemoFixture.standardOutcomes
        for (fund, money) in outcomes.funds {
            #expect(money.spent <= money.budget, "\(fund) stays within its budget")
            #expect(money.spent > 0, "\(fund) is used")
        }
        for (program, cost) in outcomes.programCost where cost.completers >= 30 {
            let perCompleter = cost.cents / cost.completers
            #expect((200_000...1_550_000).contains(perCompleter), "\(program): \(perCompleter) cents per completer")
        }
    }
}
