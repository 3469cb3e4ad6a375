import ArgumentParser
import Projections

/// `--as-of` and `--at-position`: the point in history a report or an explanation reads (REPORTS.md section 1).
struct HistoryPointOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Read the world as of this date.", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(name: .customLong("at-position"), help: ArgumentHelp("Read the ledger as known at position N.", valueName: "N"))
    var atPosition: UInt64?

    func validate() throws {
        // Event dates fall in the years 0001-9999 (EVENTS.md's occurredAt, by its UTC date); so does --as-of.
        if let asOf, Dates.parse(asOf) == nil || asOf.hasPrefix("0000") {
            throw ValidationError("--as-of must be a date YYYY-MM-DD in the years 0001 to 9999, not \(asOf).")
        }
        if atPosition == 0 { throw ValidationError("--at-position must be at least 1.") }
    }

    /// The query at this point of a ledger whose head is `head`; exit 64 when `--at-position` is beyond it.
    func query(head: UInt64, minCell: Int = 10) throws(CLIFailure) -> ReportQuery {
        if let atPosition, atPosition > head {
            throw CLIFailure("wfl: --at-position \(atPosition) is beyond the head (\(head)).", code: Exit.usage)
        }
        return ReportQuery(position: atPosition ?? head, asOf: asOf.flatMap(Dates.parse), minCell: minCell)
    }
}
