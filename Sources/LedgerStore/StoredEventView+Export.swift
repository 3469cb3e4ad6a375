extension StoredEventView {
    /// Appends the event's export line (see ``StoredEvent/exportLine``) and a newline to `bytes`, without
    /// copying the event first: the `wfl events --format jsonl` hot path.
    ///
    /// The line is the stored canonical bytes with `"hash"` inserted in its canonical place (right after
    /// `eventId`), so it is itself RFC 8785 canonical.
    public func appendExportLine(to bytes: inout [UInt8]) {
        let insertAt = ranges.eventId.upperBound + 1
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: canonical[..<insertAt]))
        bytes.append(contentsOf: #","hash":""#.utf8)
        Hex.append(hash, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: canonical[insertAt...]))
        bytes.append(UInt8(ascii: "\n"))
    }
}
