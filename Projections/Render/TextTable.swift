/// Aligned text columns for people: the one table renderer (reports, explanations, and the listings of
/// `wfl events` and `wfl history` through ``TextTableStream``).
///
/// Cells are padded to their column's widest cell (left-aligned, or right-aligned where ``rightAligned`` says so),
/// columns are two spaces apart, and a line never ends in blanks. Control and bidirectional-override characters in
/// the rows are printed escaped (``TerminalText``).
public struct TextTable {
    /// The column titles.
    public var header: [String]
    /// `true` for right-aligned (numeric) columns, one per column.
    public var rightAligned: [Bool]
    /// The rows, each with one cell per column.
    public var rows: [[String]] = []

    /// A table with `header` and no rows yet.
    public init(header: [String], rightAligned: [Bool], rows: [[String]] = []) {
        self.header = header
        self.rightAligned = rightAligned
        self.rows = rows
    }

    /// The header, a line of dashes under it, then the rows; each line ends with a newline.
    public func render() -> String {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        var widths = header.map(\.count)
        Self.widen(&widths, toFit: rows)
        var out = Self.line(header, widths: widths, rightAligned: rightAligned)
        out += Self.line(widths.map { String(repeating: "-", count: $0) }, widths: widths, rightAligned: rightAligned)
        for row in rows { out += Self.line(row, widths: widths, rightAligned: rightAligned) }
        return out
    }

    /// Widens `widths` to the widest cell of each column in `rows`.
    static func widen(_ widths: inout [Int], toFit rows: [[String]]) {
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
    }

    /// One line: the cells padded to `widths`, two spaces apart, without trailing blanks, and a newline.
    static func line(_ cells: [String], widths: [Int], rightAligned: [Bool]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
            parts.append(index < rightAligned.count && rightAligned[index] ? padding + cell : cell + padding)
        }
        var joined = parts.joined(separator: "  ")
        while joined.last == " " { joined.removeLast() }
        return joined + "\n"
    }
}

/// A left-aligned ``TextTable`` written a chunk of rows at a time, for listings too long to hold (no line of
/// dashes).
///
/// Each chunk is aligned on its own widest cell, and a column never narrows from one chunk to the next, so a
/// listing stays aligned unless a later chunk holds a wider cell than any before.
public struct TextTableStream {
    /// The column titles, written before the first chunk.
    public let header: [String]
    private var widths: [Int]
    private var headerWritten = false

    /// A listing with `header`; `minimumWidths` keeps the first columns at least that wide from the start.
    public init(header: [String], minimumWidths: [Int] = []) {
        self.header = header
        widths = header.enumerated().map { index, title in
            max(title.count, index < minimumWidths.count ? minimumWidths[index] : 0)
        }
    }

    /// Appends `rows` (and the header before the first chunk) to `bytes`.
    public mutating func append(_ rows: [[String]], to bytes: inout [UInt8]) {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        TextTable.widen(&widths, toFit: rows)
        if !headerWritten {
            headerWritten = true
            bytes.append(contentsOf: TextTable.line(header, widths: widths, rightAligned: []).utf8)
        }
        for row in rows { bytes.append(contentsOf: TextTable.line(row, widths: widths, rightAligned: []).utf8) }
    }
}
