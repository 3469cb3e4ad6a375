/// A small history built so that the outcomes report's suppressed groups have sizes that occur nowhere else: one
/// program, `female` women and `male` men (all white, born 1996, no barriers), each registered, matched, enrolled
/// and completing on the same days, then silent, so that every one exits on the same day. At `--min-cell K` with
/// `female`, `male` < K ≤ `female + male`, the sex groups (and the `woman` population) are suppressed while `all`
/// and every other group show `female + male`.
public enum SuppressionHistory {
    /// The as-of date at which every period has exited (more than 90 days after the completions).
    public static let asOf = "2025-06-30"

    /// The input events as JSONL (valid for `wfl import`).
    public static func jsonl(female: Int, male: Int) -> String {
        var lines = [
            #"{"type":"program.registered","eventId":"prg-SUP","occurredAt":"2024-01-08T09:00:00Z","actor":"staff:admin","data":{"programId":"PRG-SUP","name":"Welding","provider":"Capital Region Training","sector":"manufacturing","trainingType":"occupational_skills","capacity":500}}"#
        ]
        for index in 1...(female + male) {
            let id = "P-\(1000 + index)"
            let sex = index <= female ? "female" : "male"
            lines.append(
                #"{"type":"participant.registered","eventId":"reg-\#(id)","occurredAt":"2024-02-05T14:00:00Z","actor":"service:intake","data":{"participantId":"\#(id)","county":"Hartford","birthYear":1996,"sex":"\#(sex)","raceEthnicity":["white"],"barriers":[],"employmentStatus":"unemployed"}}"#
            )
            lines.append(
                #"{"type":"participant.matched","eventId":"mat-\#(id)","occurredAt":"2024-02-12T10:00:00Z","actor":"staff:cm-1","data":{"participantId":"\#(id)","programId":"PRG-SUP"}}"#
            )
            lines.append(
                #"{"type":"participant.enrolled","eventId":"enr-\#(id)","occurredAt":"2024-03-04T09:00:00Z","actor":"staff:cm-1","data":{"participantId":"\#(id)","programId":"PRG-SUP"}}"#
            )
            lines.append(
                #"{"type":"participant.training_completed","eventId":"cmp-\#(id)","occurredAt":"2024-08-30T15:00:00Z","actor":"staff:cm-1","data":{"participantId":"\#(id)","programId":"PRG-SUP"}}"#
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
