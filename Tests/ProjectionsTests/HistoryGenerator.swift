import CanonicalJSON
import LedgerStore
import Projections

/// A seeded generator of valid histories (EVENTS.md rules hold in position order): programs and employers first,
/// then participants' histories interleaved, with UTC offsets, late-arriving events and a few voids.
struct HistoryGenerator {
    struct Event {
        var type: String
        var eventId: String
        var occurredAt: String
        var stream: String
        var data: [(String, JSONValue)]
    }

    private var state: UInt64

    static let participationServices = Vocabulary.services.enumerated()
        .filter { Vocabulary.serviceRoles[$0.offset] == .participation }.map(\.element)
    static let supportiveServices = Vocabulary.services.enumerated()
        .filter { Vocabulary.serviceRoles[$0.offset] == .supportive }.map(\.element)
    static let funds = ["FUND-ARPA", "FUND-WIOA", "FUND-STATE"]

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` for a UTC day and minute, written in a random offset.
    mutating func timestamp(day: Int32, minute: Int) -> String {
        let offsets = [0, -300, -240, 60, 330, -600, 840]
        let offset = pick(offsets)
        let local = Int(day) * 1440 + minute + offset
        let localDay = Int32((local - ((local % 1440) + 1440) % 1440) / 1440)
        let m = ((local % 1440) + 1440) % 1440
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let suffix = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + pad(abs(offset) / 60) + ":" + pad(abs(offset) % 60)
        return "\(Dates.format(localDay))T\(pad(m / 60)):\(pad(m % 60)):00\(suffix)"
    }

    /// About `eventCount` events.
    mutating func generate(eventCount: Int) -> [Event] {
        let start = Dates.day(year: 2023, month: 1, day: 2)
        var head: [Event] = []
        let programs = (1...24).map { "PRG-\($0)" }
        for (index, program) in programs.enumerated() {
            head.append(
                Event(
                    type: "program.registered", eventId: "reg-\(program)", occurredAt: timestamp(day: start, minute: index),
                    stream: "program-\(program)",
                    data: [
                        ("programId", .string(program)), ("name", .string("Program \(index)")), ("provider", .string("prov")),
                        ("sector", .string(pick(Vocabulary.sectors))), ("trainingType", .string(pick(Vocabulary.trainingTypes))),
                        ("capacity", .number(JSONNumber(Int64(100_000)))),
                    ]))
        }
        for (index, fund) in Self.funds.enumerated() {
            head.append(
                Event(
                    type: "fund.registered", eventId: "reg-\(fund)", occurredAt: timestamp(day: start, minute: 200 + index),
                    stream: "fund-\(fund)",
                    data: [
                        ("fundId", .string(fund)), ("name", .string("Fund \(index)")),
                        ("source", .string(Vocabulary.fundSources[index])),
                        ("budgetCents", .number(JSONNumber(Int64(int(1_000_000...900_000_000))))),
                    ] + (index == 0 ? [("expenditureCategory", .string("2.10"))] : [])))
            head.append(
                Event(
                    type: "fund.budget_changed", eventId: "budget-\(fund)", occurredAt: timestamp(day: start + 400, minute: 5),
                    stream: "fund-\(fund)",
                    data: [("fundId", .string(fund)), ("budgetCents", .number(JSONNumber(Int64(int(1_000_000...900_000_000)))))]
                ))
        }
        for (index, program) in programs.enumerated() where index % 2 == 0 {
            for costIndex in 0..<3 {
                head.append(
                    Event(
                        type: "program.cost_incurred", eventId: "cost-\(program)-\(costIndex)",
                        occurredAt: timestamp(day: start + Int32(int(1...900)), minute: 30), stream: "program-\(program)",
                        data: [
                            ("programId", .string(program)), ("fundId", .string(pick(Self.funds))),
                            ("category", .string(pick(Vocabulary.costCategories))),
                            ("amountCents", .number(JSONNumber(Int64(int(0...5_000_000))))),
                        ]))
            }
        }
        // Wage quarters closed about five months after they end, some voided and closed again.
        for quarter in Dates.quarter(of: start)...(Dates.quarter(of: start) + 14) {
            let closeDay = Dates.lastDay(of: quarter) + Int32(int(120...170))
            head.append(
                Event(
                    type: "wages.quarter_closed", eventId: "close-\(quarter)", occurredAt: timestamp(day: closeDay, minute: 720),
                    stream: "wages-\(Dates.formatQuarter(quarter))",
                    data: [("quarter", .string(Dates.formatQuarter(quarter))), ("source", .string("ui_wage_match"))]))
        }
        let employers = (1...30).map { "EMP-\($0)" }
        for employer in employers {
            head.append(
                Event(
                    type: "employer.registered", eventId: "reg-\(employer)", occurredAt: timestamp(day: start, minute: 100),
                    stream: "employer-\(employer)",
                    data: [
                        ("employerId", .string(employer)), ("name", .string("Employer")),
                        ("sector", .string(pick(Vocabulary.sectors))),
                    ]))
            head.append(
                Event(
                    type: "employer.hiring_committed", eventId: "commit-\(employer)",
                    occurredAt: timestamp(day: start + 1, minute: 100),
                    stream: "employer-\(employer)",
                    data: [
                        ("employerId", .string(employer)), ("positions", .number(JSONNumber(Int64(int(1...9))))),
                        ("programId", .string(pick(programs))),
                    ]))
        }
        var keyed: [(key: Int, order: Int, event: Event)] = []
        var order = 0
        var participant = 0
        var total = head.count
        while total < eventCount {
            participant += 1
            let id = "P-\(participant)"
            var events: [(Int32, Event)] = []
            var day = start + Int32(int(0...900))
            func add(_ type: String, _ data: [(String, JSONValue)], at day: Int32) {
                let eventId = "\(id)-\(events.count)"
                let event = Event(
                    type: type, eventId: eventId, occurredAt: timestamp(day: day, minute: int(0...1439)),
                    stream: "participant-\(id)", data: [("participantId", .string(id))] + data)
                events.append((day, event))
            }
            let races = ["white", "black_african_american", "asian", "hispanic_latino", "did_not_self_identify"]
            let barriers = ["disability", "reentry", "opportunity_youth", "veteran", "immigrant", "low_income"]
            add(
                "participant.registered",
                [
                    ("county", .string("Hartford")), ("birthYear", .number(JSONNumber(Int64(int(1960...2005))))),
                    ("sex", .string(pick(["female", "male", "did_not_self_identify"]))),
                    ("raceEthnicity", .array(chance(80) ? [.string(pick(races))] : [])),
                    ("barriers", .array(chance(50) ? [.string(pick(barriers))] : [])),
                    ("employmentStatus", .string("unemployed")),
                ], at: day)
            if chance(90) {
                add("participant.case_manager_assigned", [("caseManagerId", .string("cm-\(int(1...12))"))], at: day + 1)
            }
            var programCount = chance(20) ? 2 : 1
            var stillEnrolled: Set<String> = []
            while programCount > 0 {
                programCount -= 1
                day += Int32(int(0...120))
                var program = pick(programs)
                while stillEnrolled.contains(program) { program = pick(programs) }
                add(
                    "participant.service_granted",
                    [
                        ("service", .string(pick(Self.participationServices))),
                        ("amountCents", .number(JSONNumber(Int64(0)))),
                    ], at: day)
                if chance(80) { add("participant.matched", [("programId", .string(program))], at: day) }
                if chance(15) {
                    add("participant.waitlisted", [("programId", .string(program))], at: day + 2)
                    if chance(30) { continue }
                }
                let wait = Int32(int(1...160))
                if wait > 60, chance(70) {
                    add(
                        "participant.gap_in_service_planned",
                        [
                            ("reason", .string("awaiting_training_start")),
                            ("startDate", .string(Dates.format(day + Int32(int(-5...20))))),
                            ("endDate", .string(Dates.format(day + wait + Int32(int(-10...10))))),
                        ], at: day + Int32(int(0...30)))
                }
                day += wait
                add("participant.enrolled", [("programId", .string(program))], at: day)
                if chance(40) {
                    add(
                        "participant.skill_gain",
                        [("gainType", .string(pick(Vocabulary.skillGainTypes)))]
                            + (chance(50) ? [("programId", .string(program))] : []), at: day + Int32(int(10...90)))
                }
                if chance(30) {
                    add(
                        "participant.service_granted",
                        [
                            ("service", .string("tuition")), ("amountCents", .number(JSONNumber(Int64(int(0...400_000))))),
                            ("fundId", .string(pick(Self.funds))),
                        ], at: day + Int32(int(-3...60)))
                }
                if chance(60) {
                    add(
                        "participant.service_granted",
                        [
                            ("service", .string(pick(Self.supportiveServices))),
                            ("amountCents", .number(JSONNumber(Int64(int(0...90_000))))),
                        ] + (chance(50) ? [("fundId", .string(pick(Self.funds)))] : []), at: day + 3)
                }
                if chance(10) {  // stays enrolled
                    stillEnrolled.insert(program)
                    continue
                }
                day += Int32(int(20...200))
                if chance(75) {
                    add("participant.training_completed", [("programId", .string(program))], at: day)
                    if chance(60) {
                        add(
                            "participant.credential_earned",
                            [
                                ("credential", .string("Cert")), ("credentialType", .string(pick(Vocabulary.credentialTypes))),
                            ], at: day + Int32(int(0...400)))
                    }
                } else {
                    add(
                        "participant.training_withdrawn", [("programId", .string(program)), ("reason", .string("moved"))], at: day
                    )
                }
            }
            if chance(30) {
                add(
                    "participant.service_granted",
                    [("service", .string("follow_up")), ("amountCents", .number(JSONNumber(Int64(0))))],
                    at: day + Int32(int(95...300)))
            }
            if chance(5) {
                add("participant.exit_excluded", [("reason", .string("health_medical"))], at: day + Int32(int(0...400)))
            }
            if chance(60) {
                let hireDay = day + Int32(int(0...150))
                add(
                    "participant.hired",
                    [
                        ("employerId", .string(pick(employers))), ("occupation", .string("51-4121")),
                        ("hourlyWageCents", .number(JSONNumber(Int64(int(1500...4500))))),
                        ("hoursPerWeek", .number(JSONNumber(Int64(40)))),
                    ], at: hireDay)
                let quarter = Dates.quarter(of: hireDay)
                for q in Int32(1)...Int32(4) where chance(70) {
                    let wageDay = Dates.lastDay(of: quarter + q) + Int32(int(30...150))
                    add(
                        "participant.employment_verified",
                        [
                            ("quarter", .string(Dates.formatQuarter(quarter + q))),
                            ("wagesCents", .number(JSONNumber(Int64(chance(10) ? 0 : int(100_000...2_000_000))))),
                            ("source", .string("ui_wage_match")),
                        ] + (chance(80) ? [("employerId", .string(chance(80) ? "EMP-W\(participant % 7)" : "EMP-X"))] : []),
                        at: wageDay)
                }
            }
            // A few voids of services, wage records or enrollments, with corrections.
            if chance(4), let target = events.last(where: { $0.1.type != "participant.registered" }) {
                events.append(
                    (
                        target.0,
                        Event(
                            type: "ledger.event_voided", eventId: "\(id)-void",
                            occurredAt: timestamp(day: target.0 + 30, minute: 600),
                            stream: "participant-\(id)",
                            data: [("targetEventId", .string(target.1.eventId)), ("reason", .string("data entry error"))])
                    ))
            }
            // Interleave: keys increase within the participant; some events arrive late.
            var key = 0
            for (eventDay, event) in events {
                let lag = chance(3) ? int(30...200) : int(0...5)
                key = max(key, Int(eventDay) + lag)
                keyed.append((key, order, event))
                order += 1
            }
            total += events.count
        }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.order < $1.order }
        return head + keyed.map(\.event)
    }

    /// Appends `events` to `store` in batches.
    static func append(_ events: [Event], to store: LedgerStore, batchSize: Int = 100_000) throws {
        var index = 0
        while index < events.count {
            let slice = events[index..<min(index + batchSize, events.count)]
            let proposed = slice.map { event in
                ProposedEvent(
                    type: event.type, eventId: event.eventId, occurredAt: event.occurredAt, actor: "system:generator",
                    data: CanonicalJSON.encode(.object(JSONObject(event.data.map { JSONObject.Member(key: $0.0, value: $0.1) }))),
                    payload: event.stream)
            }
            _ = try store.append(proposed, rules: { StreamNamedRules() })
            index += batchSize
        }
    }
}
