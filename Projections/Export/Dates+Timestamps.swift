extension Dates {
    /// The UTC calendar date of an RFC 3339 timestamp as the ledger stores `occurredAt`: an event's date in every
    /// report (REPORTS.md section 1).
    public static func utcDay(ofTimestamp text: String) -> Day {
        var text = text
        return text.withUTF8 { ByteScanning.utcDay(UnsafeRawBufferPointer($0), 0..<$0.count) }
    }
}
