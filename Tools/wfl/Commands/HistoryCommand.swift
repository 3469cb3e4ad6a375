import ArgumentParser
import LedgerStore
import Projections
import WorkforceEvents

/// `wfl history`: one participant's stream, voids marked: the auditor's timeline of one person.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print a participant's whole stream, with voided events and voids marked.",
        discussion: """
            Reads the stream participant-<PARTICIPANT_ID> through the stream index, in stream order. Events \
            are never changed or deleted: a mistake is undone by a ledger.event_voided event in the same \
            stream. The table marks both sides: the voided event says "VOIDED by pos N", the void says \
            "voids pos M".

            --format table (the default) prints position, stream version, occurredAt, type, eventId, the \
            void marks and the event's data. --format jsonl prints the stored events as chained, one per \
            line, as `wfl events --format jsonl` does, except that a voided event's line ends with one more \
            member, "voidedBy": the position of the void (remove it to recompute the event's hash). A void \
            names its target in data.targetEventId.

            A participant with no events in the ledger is "not found": a message on standard error and \
            exit 66.

            Example:
              $ wfl history P-000123
              participant P-000123: 4 events in stream participant-P-000123, 1 voided
              POSITION  VERSION  OCCURRED_AT           TYPE                       EVENT_ID   VOID             DATA
              12        1        2025-03-03T14:00:00Z  participant.registered     reg-123                     {...}
              57        2        2025-03-10T09:00:00Z  participant.enrolled       enr-9      VOIDED by pos 88 {...}
              88        3        2025-03-11T10:00:00Z  ledger.event_voided        void-4     voids pos 57     {...}
              90        4        2025-03-10T09:00:00Z  participant.enrolled       enr-10                      {...}
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The participant's id, e.g. P-000123.", valueName: "PARTICIPANT_ID"))
    var participantId: String

    @Option(help: "table (for people, the default) or jsonl (stored events as chained).")
    var format: EventListFormat = .table

    func validate() throws {
        if participantId.isEmpty { throw ValidationError("PARTICIPANT_ID must not be empty.") }
    }

    func run() throws {
        let store = try storeOptions.openForReading()
        let stream = StreamKind.participant.stream(for: participantId)
        let timeline: StreamTimeline
        do {
            timeline = try store.read { txn in try StreamTimeline(stream: stream, in: txn) }
        } catch {
            throw CLIFailure.reading(error, path: storeOptions.path)
        }
        guard !timeline.events.isEmpty else {
            throw CLIFailure(
                "wfl: no participant \(participantId) in the ledger (stream \(stream) has no events)",
                code: Exit.noInput
            )
        }
        var buffer: [UInt8] = []
        switch format {
        case .jsonl:
            for event in timeline.events {
                var line = event.exportLine
                if let voider = timeline.voidedBy[event.position] {
                    // Mark the voided event: one more member after the chained ones (drop it to recompute the hash).
                    line.removeLast()
                    line.append(contentsOf: ",\"voidedBy\":\(voider)}".utf8)
                }
                buffer.append(contentsOf: line)
                buffer.append(UInt8(ascii: "\n"))
            }
        case .table:
            let voidedCount = timeline.voidedBy.count
            buffer.append(
                contentsOf: """
                    participant \(participantId): \(timeline.events.count) events in stream \(stream), \
                    \(voidedCount) voided

                    """.utf8)
            var table = TextTableStream(header: ["POSITION", "VERSION", "OCCURRED_AT", "TYPE", "EVENT_ID", "VOID", "DATA"])
            let rows = timeline.events.map { event -> [String] in
                var mark = ""
                if let voider = timeline.voidedBy[event.position] {
                    mark = "VOIDED by pos \(voider)"
                } else if let target = timeline.voids[event.position] {
                    mark = target.position.map { "voids pos \($0)" } ?? "voids \(target.eventId) (not found)"
                }
                return [
                    String(event.position), String(event.streamVersion), event.occurredAt, event.type, event.eventId,
                    mark, String(decoding: event.data, as: UTF8.self),
                ]
            }
            table.append(rows, to: &buffer)
        }
        Output.writeBytes(buffer)
        Output.flush()
    }
}
