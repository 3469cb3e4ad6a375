import CanonicalJSON

/// The output formats of `wfl report` (REPORTS.md section 1).
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people: money in dollars, rates in percent, suppressed cells `*`.
    case table
    /// The JSON contract, with deterministic bytes (fixed key order).
    case json
    /// One row per line of the table: money in cents, rates to 4 decimals.
    case csv
}

extension ReportFormat {
    /// The output of the renderer for this format.
    func render(json: () -> String, csv: () -> String, table: () -> String) -> String {
        switch self {
        case .json: return json()
        case .csv: return csv()
        case .table: return table()
        }
    }
}

/// Small formatting helpers shared by the renderers.
enum Format {
    /// A rate in ten-thousandths as a decimal number with at most 4 decimals and no trailing zeros (`0.7222`, `1`).
    static func rate(_ tenThousandths: Int) -> String {
        let whole = tenThousandths / 10_000
        var fraction = tenThousandths % 10_000
        guard fraction != 0 else { return String(whole) }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }

    /// A rate in ten-thousandths as a percentage with two decimals (`72.22%`).
    static func percent(_ tenThousandths: Int) -> String {
        let hundredths = tenThousandths % 100
        return "\(tenThousandths / 100).\(hundredths < 10 ? "0" : "")\(hundredths)%"
    }

    /// Cents as dollars with two decimals and thousands separators (`$9,412.00`, `$4,793,240.00`).
    static func dollars(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let rest = magnitude % 100
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        return "\(sign)$\(whole)\(grouped).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// A CSV field, quoted when needed.
    static func csv(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 })
        else { return field }
        return "\"" + field.replacingQuotes() + "\""
    }

    static func day(_ day: Day?) -> String { day.map(Dates.format) ?? "none" }

    /// The as-of date in a table's header, saying when it was chosen for the reader.
    static func asOf(_ day: Day?, isDefault: Bool) -> String {
        guard let day else { return "none (no event counts yet)" }
        return Dates.format(day) + (isDefault ? " (the latest date of the known events; --as-of to choose)" : "")
    }

    /// A date in CSV: empty when there is none (JSON's null).
    static func csvDay(_ day: Day?) -> String { day.map(Dates.format) ?? "" }
}

/// A CSV document (RFC 4180): one header row, then rows with exactly the header's field count.
struct CSVTable {
    let header: [String]
    private var rows: [[String]] = []

    init(header: [String]) { self.header = header }

    /// Appends a row of raw values (quoted on output where needed). The row must have the header's field count.
    mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a CSV row with \(row.count) fields under \(header.count) columns")
        rows.append(row)
    }

    /// The document, each line ending with a newline.
    func render() -> String {
        var out = header.map(Format.csv).joined(separator: ",") + "\n"
        for row in rows { out += row.map(Format.csv).joined(separator: ",") + "\n" }
        return out
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}

/// The reports' JSON: CanonicalJSON's ordered ``JSONWriter``, with the parts every report shares.
extension JSONWriter {
    /// `{"report":…,"position":…,"asOf":…,"ruleVersion":…,`: how every report's JSON begins.
    mutating func reportHeader(_ report: String, position: UInt64, asOf: Day?, ruleVersion: String) {
        raw("{")
        key("report"); string(report); raw(",")
        key("position"); raw(String(position)); raw(",")
        key("asOf"); day(asOf); raw(",")
        key("ruleVersion"); string(ruleVersion); raw(",")
    }

    mutating func day(_ day: Day?) {
        if let day { string(Dates.format(day)) } else { raw("null") }
    }
}
