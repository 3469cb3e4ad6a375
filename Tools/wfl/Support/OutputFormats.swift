import ArgumentParser

/// `--format jsonl|table` of the commands that list stored events.
enum EventListFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// One stored event per line, exactly as chained (EVENTS.md section 5).
    case jsonl
    /// Aligned columns for people.
    case table
}

/// `--format text|json` of the commands that print one small result.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
}
