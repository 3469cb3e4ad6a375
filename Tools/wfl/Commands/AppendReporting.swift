import ArgumentParser
import CanonicalJSON
import LedgerStore
import WorkforceEvents

/// How `append` and `import` report refusals and failures, and the exit codes of EVENTS.md section 4.
enum WriteReporting {
    /// Prints every rejected line on stderr and returns the failure to throw: exit 75 when all are
    /// `wrong_expected_version`, else 65. Other failures: 74.
    static func failure(_ error: LedgerWriteError, format: SummaryFormat) -> CLIFailure {
        switch error {
        case .rejected(let lines, let total):
            for line in lines {
                switch format {
                case .text: Output.error(line.description)
                case .json: Output.error(json(line))
                }
            }
            if format == .text {
                let more = total > lines.count ? " (\(total - lines.count) more not shown)" : ""
                let count = total == 1 ? "1 event was" : "\(total) events were"
                Output.error("wfl: \(count) rejected\(more); nothing was written")
            }
            return CLIFailure("", code: error.isOnlyWrongExpectedVersion ? Exit.tempFailure : Exit.dataError)
        case .input(let message):
            return CLIFailure("wfl: cannot read the input: \(message)", code: Exit.ioError)
        case .storage(let message):
            return CLIFailure("wfl: storage failure: \(message); nothing was written", code: Exit.ioError)
        }
    }

    /// Any error of a write (`append`, `import`, `restore`) as the failure to throw: a ``CLIFailure`` as it is, a
    /// ``LedgerWriteError`` as ``failure(_:format:)`` reports it, anything else an I/O failure (74).
    static func failure(mapping error: any Error, format: SummaryFormat) -> CLIFailure {
        switch error {
        case let failure as CLIFailure: return failure
        case let error as LedgerWriteError: return failure(error, format: format)
        default: return CLIFailure("wfl: \(error)", code: Exit.ioError)
        }
    }

    /// `{"line":12,"code":"program_full","field":"/data/programId","message":"…"}`.
    static func json(_ line: LineRejection) -> String {
        JSONWriter.object([
            "line": .integer(Int64(line.line)), "code": .string(line.code), "field": .string(line.field),
            "message": .string(line.message),
        ])
    }
}
