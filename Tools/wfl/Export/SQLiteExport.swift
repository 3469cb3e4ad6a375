import CanonicalJSON
import LedgerStore
import Projections
import SQLite

/// `wfl export sqlite`: the ledger at (N, D) as a SQLite database for BI tools, written in one transaction.
///
/// `events` holds every event at a position ≤ N (voids and voided ones too, flagged), whatever its date. The other
/// tables follow the reports' rules (REPORTS.md section 1): live events (not voided, not voids) at positions ≤ N
/// dated ≤ D, and only participants whose registration counts. The report tables hold the CSV rows of the four
/// reports at the same (N, D) and default options.
struct SQLiteExport {
    let store: LedgerStore
    let models: ReadModels
    let query: ReportQuery
    let digest: Digest?

    /// An event the entity tables are made from.
    private struct Item {
        let position: UInt64
        let eventId: String
        let type: String
        let day: Day
        let data: JSONObject
    }

    /// The types the entity tables read.
    private static let entityTypes: Set<String> = [
        "participant.registered", "participant.case_manager_assigned", "program.registered", "program.capacity_changed",
        "employer.registered", "fund.registered", "fund.budget_changed", "participant.service_granted",
        "participant.hired", "participant.employment_verified",
    ]

    /// Writes the database at `path` (a new file).
    func write(to path: String) throws {
        let outcomes = try models.outcomes(query)
        let reports: [(String, String)] = [
            ("report_outcomes", outcomes.rendered(as: .csv)),
            ("report_caseload", try models.caseload(query).rendered(as: .csv)),
            ("report_capacity", try models.capacity(query).rendered(as: .csv)),
            ("report_funding", try models.funding(query).rendered(as: .csv)),
        ]
        let records = try models.participationRecords(query)
        let db = try SQLiteDatabase(path: path)
        try db.execute("PRAGMA journal_mode = MEMORY")
        try db.transaction {
            try db.execute(SQLiteSchema.tables)
            try insertMeta(db, asOf: outcomes.asOf, minCell: outcomes.minCell)
            let items = try insertEvents(db)
            try insertEntities(db, items: items, asOf: outcomes.asOf)
            try insertParticipation(db, records)
            for (table, csv) in reports { try insertReport(db, table: table, csv: csv) }
            try db.execute(SQLiteSchema.indexes)
        }
        try db.close()
    }

    private func insertMeta(_ db: SQLiteDatabase, asOf: Day?, minCell: Int) throws {
        let insert = try db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)")
        let rows: [(String, String?)] = [
            ("position", String(query.position)), ("asOf", asOf.map(Dates.format)), ("ruleVersion", ruleVersion),
            ("headDigest", digest.map { "\($0.position):\($0.hashHex)" }), ("minCell", String(minCell)),
            ("confidential", "row-level participant data: confidential"),
        ]
        for (key, value) in rows { try insert.run([.text(key), value.map(SQLiteValue.text) ?? .null]) }
    }

    /// One row per event at a position ≤ N; returns the events the entity tables need, and flags voided ones.
    private func insertEvents(_ db: SQLiteDatabase) throws -> (items: [Item], voided: Set<String>) {
        let insert = try db.prepare(
            """
            INSERT INTO events (position, event_id, type, stream, stream_version, occurred_at, occurred_date, actor,
              recorded_at, hash, participant_id, program_id, employer_id, fund_id, case_manager_id, service,
              amount_cents, quarter, wages_cents, hourly_wage_cents, target_event_id, data_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var items: [Item] = []
        var voided: Set<String> = []
        guard query.position > 0 else { return (items, voided) }
        try store.read { txn in
            try txn.forEachEvent(from: 1, to: query.position) { view in
                let dataBytes = Array(view.data)
                guard case .object(let data) = try JSONParser().parse(dataBytes) else {
                    throw StoreError.corruptRecord(position: view.position, reason: "data is not an object")
                }
                let type = view.type
                let occurredAt = view.occurredAt
                let day = Dates.utcDay(ofTimestamp: occurredAt)
                let eventId = view.eventId
                try insert.run([
                    .integer(Int64(view.position)), .text(eventId), .text(type), .text(view.stream),
                    .integer(Int64(view.streamVersion)), .text(occurredAt), .text(Dates.format(day)), .text(view.actor),
                    .text(view.recordedAt), .text(Hex.encode(Array(view.hash))), Self.text(data, "participantId"),
                    Self.text(data, "programId"), Self.text(data, "employerId"), Self.text(data, "fundId"),
                    Self.text(data, "caseManagerId"), Self.text(data, "service"), Self.integer(data, "amountCents"),
                    Self.text(data, "quarter"), Self.integer(data, "wagesCents"), Self.integer(data, "hourlyWageCents"),
                    Self.text(data, "targetEventId"), .text(String(decoding: dataBytes, as: UTF8.self)),
                ])
                if type == "ledger.event_voided", case .string(let target)? = data["targetEventId"] {
                    voided.insert(target)
                } else if Self.entityTypes.contains(type) {
                    items.append(Item(position: view.position, eventId: eventId, type: type, day: day, data: data))
                }
                return true
            }
        }
        let flag = try db.prepare("UPDATE events SET voided = 1 WHERE event_id = ?")
        for eventId in voided.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { try flag.run([.text(eventId)]) }
        return (items, voided)
    }

    private func insertEntities(_ db: SQLiteDatabase, items all: (items: [Item], voided: Set<String>), asOf: Day?) throws {
        guard let asOf else { return }
        let items = all.items.filter { !all.voided.contains($0.eventId) && $0.day <= asOf }
        /// The latest item (by date, then position) per id among `types`.
        func latest(_ types: Set<String>, by key: String) -> [String: Item] {
            var found: [String: Item] = [:]
            for item in items where types.contains(item.type) {
                guard case .string(let id)? = item.data[key] else { continue }
                if let current = found[id], (current.day, current.position) > (item.day, item.position) { continue }
                found[id] = item
            }
            return found
        }
        func sorted(_ map: [String: Item]) -> [(String, Item)] {
            map.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        }
        let programs = latest(["program.registered"], by: "programId")
        let capacities = latest(["program.registered", "program.capacity_changed"], by: "programId")
        let insertProgram = try db.prepare("INSERT INTO programs VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (id, item) in sorted(programs) {
            try insertProgram.run([
                .text(id), .text(Dates.format(item.day)), Self.text(item.data, "name"), Self.text(item.data, "provider"),
                Self.text(item.data, "sector"), Self.text(item.data, "trainingType"),
                capacities[id].map { Self.integer($0.data, "capacity") } ?? .null,
            ])
        }
        let employers = latest(["employer.registered"], by: "employerId")
        let insertEmployer = try db.prepare("INSERT INTO employers VALUES (?, ?, ?, ?)")
        for (id, item) in sorted(employers) {
            try insertEmployer.run([
                .text(id), .text(Dates.format(item.day)), Self.text(item.data, "name"), Self.text(item.data, "sector"),
            ])
        }
        let funds = latest(["fund.registered"], by: "fundId")
        let budgets = latest(["fund.registered", "fund.budget_changed"], by: "fundId")
        let insertFund = try db.prepare("INSERT INTO funds VALUES (?, ?, ?, ?, ?, ?)")
        for (id, item) in sorted(funds) {
            try insertFund.run([
                .text(id), .text(Dates.format(item.day)), Self.text(item.data, "name"), Self.text(item.data, "source"),
                Self.text(item.data, "expenditureCategory"),
                budgets[id].map { Self.integer($0.data, "budgetCents") } ?? .null,
            ])
        }
        let participants = latest(["participant.registered"], by: "participantId")
        let managers = latest(["participant.case_manager_assigned"], by: "participantId")
        let insertParticipant = try db.prepare("INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (id, item) in sorted(participants) {
            let birthYear = Self.integer(item.data, "birthYear")
            var age = SQLiteValue.null
            if case .integer(let year) = birthYear { age = .integer(Int64(Dates.civil(item.day).year) - year) }
            try insertParticipant.run([
                .text(id), .integer(Int64(item.position)), .text(Dates.format(item.day)), Self.text(item.data, "county"),
                birthYear, age, Self.text(item.data, "sex"), Self.json(item.data, "raceEthnicity"),
                Self.json(item.data, "barriers"), Self.text(item.data, "employmentStatus"),
                managers[id].map { Self.text($0.data, "caseManagerId") } ?? .null,
            ])
        }
        let insertService = try db.prepare("INSERT INTO services VALUES (?, ?, ?, ?, ?, ?)")
        let insertHire = try db.prepare("INSERT INTO hires VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertWages = try db.prepare("INSERT INTO wage_records VALUES (?, ?, ?, ?, ?, ?, ?)")
        for item in items {
            guard case .string(let participant)? = item.data["participantId"], participants[participant] != nil else {
                continue
            }
            let common: [SQLiteValue] = [.integer(Int64(item.position)), .text(participant), .text(Dates.format(item.day))]
            switch item.type {
            case "participant.service_granted":
                try insertService.run(
                    common + [
                        Self.text(item.data, "service"), Self.integer(item.data, "amountCents"), Self.text(item.data, "fundId"),
                    ])
            case "participant.hired" where item.data["employerId"].flatMap(Self.string).map { employers[$0] != nil } ?? false:
                try insertHire.run(
                    common + [
                        Self.text(item.data, "employerId"), Self.text(item.data, "occupation"),
                        Self.integer(item.data, "hourlyWageCents"), Self.real(item.data, "hoursPerWeek"),
                    ])
            case "participant.employment_verified":
                try insertWages.run(
                    common + [
                        Self.text(item.data, "quarter"), Self.integer(item.data, "wagesCents"), Self.text(item.data, "source"),
                        Self.text(item.data, "employerId"),
                    ])
            default:
                break
            }
        }
    }

    private func insertParticipation(_ db: SQLiteDatabase, _ records: ParticipationRecords) throws {
        let insertEnrollment = try db.prepare("INSERT INTO enrollments VALUES (?, ?, ?, ?, ?, ?, ?)")
        for e in records.enrollments {
            try insertEnrollment.run([
                .integer(Int64(e.position)), .text(e.participantId), .text(e.programId), .text(Dates.format(e.date)),
                e.endingType.map(SQLiteValue.text) ?? .null, e.endingPosition.map { .integer(Int64($0)) } ?? .null,
                e.endingDate.map { .text(Dates.format($0)) } ?? .null,
            ])
        }
        let insertPeriod = try db.prepare("INSERT INTO periods VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for p in records.periods {
            let programs = CanonicalJSON.encode(.array(p.programs.map(JSONValue.string)))
            try insertPeriod.run([
                .text(p.participantId), .integer(Int64(p.sequence)), .text(Dates.format(p.entryDate)),
                .text(Dates.format(p.lastActivityDate)), p.exitDate.map { .text(Dates.format($0)) } ?? .null,
                p.exitDate.map { .text(Dates.formatQuarter(Dates.quarter(of: $0))) } ?? .null,
                .integer(p.excluded ? 1 : 0), .text(String(decoding: programs, as: UTF8.self)),
            ])
        }
    }

    /// A report's CSV as a table: the CSV's columns and rows, each column typed by its values (integers, reals,
    /// `true`/`false` as 1/0, else text); an empty cell (a suppressed or absent value) is NULL.
    private func insertReport(_ db: SQLiteDatabase, table: String, csv: String) throws {
        let rows = CSVRows.parse(csv)
        guard let header = rows.first else { return }
        let body = rows.dropFirst()
        let kinds = header.indices.map { column in ReportColumn.kind(of: body.map { $0[column] }) }
        let columns = zip(header, kinds).map { "\"\($0)\" \($1.sqlType)" }.joined(separator: ", ")
        try db.execute("CREATE TABLE \(table) (\(columns))")
        let marks = Array(repeating: "?", count: header.count).joined(separator: ", ")
        let insert = try db.prepare("INSERT INTO \(table) VALUES (\(marks))")
        for row in body {
            try insert.run(zip(row, kinds).map { $1.value($0) })
        }
    }

    private static func string(_ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    private static func text(_ data: JSONObject, _ key: String) -> SQLiteValue {
        data[key].flatMap(string).map(SQLiteValue.text) ?? .null
    }

    private static func integer(_ data: JSONObject, _ key: String) -> SQLiteValue {
        guard case .number(let number)? = data[key], number.isIntegerLiteral, let value = Int64(number.literal) else {
            return .null
        }
        return .integer(value)
    }

    private static func real(_ data: JSONObject, _ key: String) -> SQLiteValue {
        guard case .number(let number)? = data[key] else { return .null }
        return .real(number.double)
    }

    /// A value as canonical JSON text (arrays such as `raceEthnicity`).
    private static func json(_ data: JSONObject, _ key: String) -> SQLiteValue {
        guard let value = data[key] else { return .null }
        return .text(String(decoding: CanonicalJSON.encode(value), as: UTF8.self))
    }
}

/// How a report column is stored.
enum ReportColumn {
    case integer, real, flag, text

    /// The kind that holds every non-empty value of a column.
    static func kind(of values: [String]) -> ReportColumn {
        let present = values.filter { !$0.isEmpty }
        if present.isEmpty { return .text }
        if present.allSatisfy({ $0 == "true" || $0 == "false" }) { return .flag }
        if present.allSatisfy({ Int64($0) != nil }) { return .integer }
        if present.allSatisfy({ Double($0) != nil && $0.allSatisfy { "0123456789.-eE+".contains($0) } }) { return .real }
        return .text
    }

    var sqlType: String {
        switch self {
        case .integer, .flag: return "INTEGER"
        case .real: return "REAL"
        case .text: return "TEXT"
        }
    }

    func value(_ field: String) -> SQLiteValue {
        if field.isEmpty { return .null }
        switch self {
        case .integer: return Int64(field).map(SQLiteValue.integer) ?? .text(field)
        case .real: return Double(field).map(SQLiteValue.real) ?? .text(field)
        case .flag: return .integer(field == "true" ? 1 : 0)
        case .text: return .text(field)
        }
    }
}
