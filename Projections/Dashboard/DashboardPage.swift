import LedgerStore

/// The dashboard as data: a header that traces the page to the ledger, and sections of charts and tables whose
/// numbers are ``DashboardCell``s. Rendered to one self-contained HTML file by ``html()``.
public struct DashboardPage: Sendable, Equatable {
    /// What a printed copy needs to be traced back to the ledger.
    public let header: DashboardHeader
    /// The sections, in page order.
    public let sections: [DashboardSection]
}

/// The page's provenance: the point in history it shows and the rules it follows.
public struct DashboardHeader: Sendable, Equatable {
    /// The position N the page was computed at.
    public let position: UInt64
    /// The as-of date D; `nil` when no event counts and no date was given.
    public let asOf: Day?
    /// The rule version of REPORTS.md the figures follow.
    public let ruleVersion: String
    /// The exit window's first day, as given.
    public let exitFrom: Day?
    /// The exit window's last day, as given.
    public let exitTo: Day?
    /// The small-cell threshold K.
    public let minCell: Int
    /// `position:hash` at the page's position (`nil` for an empty ledger).
    public let headDigest: Digest?
}

/// One section: a title, a short explanation, its charts, and the tables of the numbers behind them.
public struct DashboardSection: Sendable, Equatable {
    /// The HTML id (a fixed, lower-case word).
    public let id: String
    /// The heading.
    public let title: String
    /// What the section shows and how to read it.
    public let summary: String
    /// The charts.
    public var charts: [BarChart] = []
    /// The tables.
    public var tables: [DataTable] = []
}

/// A horizontal bar chart: rows (optionally under group headings), one bar per series in each row.
public struct BarChart: Sendable, Equatable {
    /// The chart's title (also its accessible name).
    public let title: String
    /// The series' names, one bar each per row (a legend is drawn when there are several).
    public let series: [String]
    /// The rows, top to bottom.
    public let rows: [BarRow]
    /// A vertical reference line (e.g. the program-wide rate), drawn only when shown.
    public var reference: (label: String, cell: DashboardCell)?
    /// The unit of every figure of the chart.
    public let unit: Figure.Unit

    public static func == (a: BarChart, b: BarChart) -> Bool {
        a.title == b.title && a.series == b.series && a.rows == b.rows && a.unit == b.unit
            && a.reference?.label == b.reference?.label && a.reference?.cell == b.reference?.cell
    }
}

/// One row of a bar chart.
public struct BarRow: Sendable, Equatable {
    /// A heading drawn above this row (the first row of a group), or `nil`.
    public let heading: String?
    /// The row's label.
    public let label: String
    /// One cell per series.
    public let cells: [DashboardCell]
}

/// A table of the numbers behind a chart.
public struct DataTable: Sendable, Equatable {
    /// The caption (the table's accessible name).
    public let caption: String
    /// Column headings; the first column holds the row headers.
    public let columns: [String]
    /// Rows: a row header, then one entry per further column.
    public var rows: [(header: String, entries: [TableEntry])] = []

    public static func == (a: DataTable, b: DataTable) -> Bool {
        a.caption == b.caption && a.columns == b.columns
            && a.rows.elementsEqual(b.rows) { $0.header == $1.header && $0.entries == $1.entries }
    }
}

/// A table cell: a number (or why there is none), or a text such as a sector's name.
public enum TableEntry: Sendable, Equatable {
    /// A cell of numbers.
    case cell(DashboardCell)
    /// A text.
    case text(String)
}
