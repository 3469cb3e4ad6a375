import CanonicalJSON
import LedgerStore
import TestSupport
import WorkforceEvents

/// A temporary store and a writer for one test.
final class TestLedger {
    let directory: TemporaryDirectory
    let store: LedgerStore
    let writer: LedgerWriter

    init() throws {
        directory = try TemporaryDirectory("wfl-events")
        store = try LedgerStore(
            directory: directory.child("store"),
            configuration: StoreConfiguration(initialMapSize: 1 << 30, clock: { "2025-01-01T00:00:00Z" }))
        writer = LedgerWriter(store: store)
    }

    deinit { directory.remove() }

    /// Imports JSONL lines; throws the writer's error.
    @discardableResult
    func append(_ lines: [String], expectedVersion: UInt64? = nil) throws(LedgerWriteError) -> WriteSummary {
        try writer.append(jsonl: Array(lines.joined(separator: "\n").utf8), expectedVersion: expectedVersion)
    }

    @discardableResult
    func append(_ line: String, expectedVersion: UInt64? = nil) throws(LedgerWriteError) -> WriteSummary {
        try append([line], expectedVersion: expectedVersion)
    }

    /// The rejected lines of a batch that must be refused ([] if it was accepted).
    func rejections(_ lines: [String], expectedVersion: UInt64? = nil) -> [LineRejection] {
        do {
            try append(lines, expectedVersion: expectedVersion)
            return []
        } catch {
            if case .rejected(let lines, _) = error { return lines }
            return [LineRejection(line: 0, rejection: EventRejection(code: "unexpected", field: "", message: "\(error)"))]
        }
    }

    func rejection(_ line: String, expectedVersion: UInt64? = nil) -> LineRejection? {
        rejections([line], expectedVersion: expectedVersion).first
    }

    var head: Digest? { (try? store.head()) ?? nil }

    var eventCount: UInt64 { head?.position ?? 0 }
}

/// Builders of input lines.
enum Line {
    nonisolated(unsafe) static var counter = 0

    /// An event line; `data` is the JSON text of the data object.
    static func event(
        _ type: String, _ data: String, id: String? = nil, at occurredAt: String = "2025-03-03T14:00:00Z",
        actor: String = "staff:cm-017"
    ) -> String {
        let idPart = id.map { "\"eventId\":\"\($0)\"," } ?? ""
        return "{\"type\":\"\(type)\",\(idPart)\"occurredAt\":\"\(occurredAt)\",\"actor\":\"\(actor)\",\"data\":\(data)}"
    }

    static func program(_ id: String, capacity: Int = 10, eventId: String? = nil) -> String {
        event(
            "program.registered",
            #"{"programId":"\#(id)","name":"Welding","provider":"Capital Region","sector":"manufacturing","trainingType":"occupational_skills","capacity":\#(capacity)}"#,
            id: eventId ?? "reg-\(id)")
    }

    static func capacity(_ id: String, _ capacity: Int, eventId: String) -> String {
        event("program.capacity_changed", #"{"programId":"\#(id)","capacity":\#(capacity)}"#, id: eventId)
    }

    static func employer(_ id: String) -> String {
        event("employer.registered", #"{"employerId":"\#(id)","name":"Acme","sector":"manufacturing"}"#, id: "reg-\(id)")
    }

    static func participant(_ id: String, eventId: String? = nil) -> String {
        event(
            "participant.registered",
            #"{"participantId":"\#(id)","county":"Hartford","birthYear":1990,"sex":"female","raceEthnicity":["asian"],"barriers":[],"employmentStatus":"unemployed"}"#,
            id: eventId ?? "reg-\(id)")
    }

    static func pp(_ type: String, _ participant: String, _ program: String, eventId: String) -> String {
        event("participant.\(type)", #"{"participantId":"\#(participant)","programId":"\#(program)"}"#, id: eventId)
    }

    static func wage(_ participant: String, _ quarter: String, eventId: String) -> String {
        event(
            "participant.employment_verified",
            #"{"participantId":"\#(participant)","quarter":"\#(quarter)","wagesCents":100,"source":"ui_wage_match"}"#,
            id: eventId)
    }

    static func void(_ target: String, eventId: String) -> String {
        event("ledger.event_voided", #"{"targetEventId":"\#(target)","reason":"entered in error"}"#, id: eventId)
    }

    static func fund(_ id: String, budget: Int = 1_000_000, eventId: String? = nil) -> String {
        event(
            "fund.registered",
            #"{"fundId":"\#(id)","name":"Recovery","source":"arpa_slfrf","budgetCents":\#(budget),"expenditureCategory":"2.10"}"#,
            id: eventId ?? "reg-\(id)")
    }

    static func budget(_ id: String, _ budget: Int, eventId: String) -> String {
        event("fund.budget_changed", #"{"fundId":"\#(id)","budgetCents":\#(budget)}"#, id: eventId)
    }

    static func cost(_ program: String, _ fund: String, eventId: String) -> String {
        event(
            "program.cost_incurred",
            #"{"programId":"\#(program)","fundId":"\#(fund)","category":"training_contract","amountCents":5000}"#,
            id: eventId)
    }

    static func service(_ participant: String, fund: String?, eventId: String) -> String {
        let fundPart = fund.map { #","fundId":"\#($0)""# } ?? ""
        return event(
            "participant.service_granted",
            #"{"participantId":"\#(participant)","service":"tuition","amountCents":100\#(fundPart)}"#, id: eventId)
    }

    static func gap(_ participant: String, _ start: String, _ end: String, eventId: String) -> String {
        event(
            "participant.gap_in_service_planned",
            #"{"participantId":"\#(participant)","reason":"family_care","startDate":"\#(start)","endDate":"\#(end)"}"#,
            id: eventId)
    }

    static func skillGain(_ participant: String, program: String?, eventId: String) -> String {
        let programPart = program.map { #","programId":"\#($0)""# } ?? ""
        return event(
            "participant.skill_gain",
            #"{"participantId":"\#(participant)","gainType":"training_milestone"\#(programPart)}"#, id: eventId)
    }

    static func close(_ quarter: String, at occurredAt: String = "2025-09-01T00:00:00Z", eventId: String) -> String {
        event("wages.quarter_closed", #"{"quarter":"\#(quarter)","source":"ui_wage_match"}"#, id: eventId, at: occurredAt)
    }

    /// A program, an employer and a participant: what most rule tests start from.
    static let basics = [program("PRG-1"), employer("EMP-1"), participant("P-1")]
}
