/// Escaping and number layout for the dashboard's HTML and SVG.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in element content and quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A length in tenths of a pixel, written with exactly one decimal (`1234` → `123.4`): the same bytes on every
    /// machine, no floating point.
    static func tenths(_ value: Int64) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// The text a table or chart shows for a cell.
    static func cellText(_ cell: DashboardCell, long: Bool) -> String {
        switch cell {
        case .shown(let figure): return long ? figure.longText : figure.text
        case .suppressed: return "suppressed"
        case .pending: return "pending"
        case .notDue: return "not yet due"
        case .none: return "–"
        }
    }

    /// The CSS class of a table cell.
    static func cellClass(_ cell: DashboardCell) -> String {
        switch cell {
        case .shown: return "num"
        case .suppressed: return "num sup"
        case .pending, .notDue: return "num pend"
        case .none: return "num none"
        }
    }
}
