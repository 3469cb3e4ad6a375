import Foundation

/// Valid workforce input events (EVENTS.md) as JSONL text, for the `wfl append` / `wfl import` tests.
enum WorkforceInput {
    static func program(_ id: String, capacity: Int = 10, eventId: String? = nil) -> String {
        #"{"type":"program.registered","eventId":"\#(eventId ?? "prg-\(id)")","occurredAt":"2024-01-08T09:00:00-05:00","actor":"staff:ows-admin","data":{"programId":"\#(id)","name":"Welding \#(id)","provider":"Capital Region Training","sector":"manufacturing","trainingType":"occupational_skills","capacity":\#(capacity)}}"#
    }

    static func participant(_ id: String, eventId: String? = nil) -> String {
        #"{"type":"participant.registered","eventId":"\#(eventId ?? "reg-\(id)")","occurredAt":"2024-02-05T14:12:00-05:00","actor":"service:intake-portal","data":{"participantId":"\#(id)","county":"Hartford","birthYear":1996,"sex":"female","raceEthnicity":["black_african_american"],"barriers":["reentry"],"employmentStatus":"unemployed"}}"#
    }

    static func enrolled(_ participant: String, in program: String, eventId: String) -> String {
        #"{"type":"participant.enrolled","eventId":"\#(eventId)","occurredAt":"2024-03-04T09:00:00-05:00","actor":"staff:cm-017","data":{"participantId":"\#(participant)","programId":"\#(program)"}}"#
    }

    static func caseManager(_ participant: String, manager: String, eventId: String) -> String {
        #"{"type":"participant.case_manager_assigned","eventId":"\#(eventId)","occurredAt":"2024-02-06T10:00:00-05:00","actor":"staff:ows-admin","data":{"participantId":"\#(participant)","caseManagerId":"\#(manager)"}}"#
    }

    static func voided(_ target: String, eventId: String) -> String {
        #"{"type":"ledger.event_voided","eventId":"\#(eventId)","occurredAt":"2024-03-05T09:00:00-05:00","actor":"staff:cm-017","data":{"targetEventId":"\#(target)","reason":"entered in error"}}"#
    }

    /// A program, `count` participants, each enrolled in it: `1 + 2 × count` events.
    static func batch(program id: String = "PRG-WELD", participants count: Int, capacity: Int = 1000) -> [String] {
        var lines = [program(id, capacity: capacity)]
        for index in 1...count {
            let participant = String(format: "P-%06d", index)
            lines.append(participantLine(participant))
            lines.append(enrolled(participant, in: id, eventId: "enr-\(participant)"))
        }
        return lines
    }

    private static func participantLine(_ id: String) -> String { participant(id) }

    static func jsonl(_ lines: [String]) -> Data { Data((lines.joined(separator: "\n") + "\n").utf8) }
}
