import Projections

/// Renders rows as aligned, space-separated columns, a chunk at a time.
///
/// Long listings are streamed: each chunk is aligned on its own widest cell, and a column never narrows from one
/// chunk to the next, so a listing stays aligned unless a later chunk holds a wider cell than any before.
/// The last column is never padded (no trailing blanks).
struct TableWriter {
    let headers: [String]
    private(set) var widths: [Int]
    private var headerWritten = false

    init(headers: [String], minimumWidths: [Int] = []) {
        self.headers = headers
        widths = headers.enumerated().map { index, header in
            max(header.count, index < minimumWidths.count ? minimumWidths[index] : 0)
        }
    }

    /// Appends `rows` (and the header before the first chunk) to `bytes`; control and bidirectional-override
    /// characters are printed escaped (``TerminalText``).
    mutating func append(_ rows: [[String]], to bytes: inout [UInt8]) {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        if !headerWritten {
            headerWritten = true
            appendRow(headers, to: &bytes)
        }
        for row in rows { appendRow(row, to: &bytes) }
    }

    private func appendRow(_ row: [String], to bytes: inout [UInt8]) {
        for (index, cell) in row.enumerated() {
            bytes.append(contentsOf: cell.utf8)
            if index < row.count - 1 {
                let padding = widths[index] - cell.count + 2
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(padding, 1)))
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}
