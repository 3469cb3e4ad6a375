import ArgumentParser
import Projections

// The `--format` option types of the CLI, one per kind of output: reports (table, json, csv: the renderers' own
// `ReportFormat`), stored-event listings (jsonl, table) and small results (text, json).

/// `--format table|json|csv` of `wfl report`: the renderers' formats, parsed as they are named.
extension ReportFormat: ExpressibleByArgument {}

/// `--format jsonl|table` of the commands that list stored events.
enum EventListFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// One stored event per line, exactly as chained (EVENTS.md section 5).
    case jsonl
    /// Aligned columns for people.
    case table
}

/// `--format text|json` of the commands that print one small result or a write's outcome (`append`, `import`,
/// `restore`, `head`, `status`, …); with `json`, errors and notices on stderr are JSON objects too.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
}
