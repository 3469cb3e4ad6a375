/// Renders the ``Catalog`` for people: the text `wfl types` prints, and the Markdown of `docs/EVENTS.md` (a test
/// compares the file with ``markdown()``, so the document cannot drift from the catalog).
public enum CatalogDocument {
    // MARK: Text (`wfl types`)

    /// Every type's description, in ``Catalog/readingOrder``, separated by blank lines.
    public static func text() -> String {
        Catalog.readingOrder.map { text(for: $0) }.joined(separator: "\n")
    }

    /// One type's description: purpose, stream, fields, rules, errors and an example that appends.
    public static func text(for type: EventType) -> String {
        let entry = Catalog.entry(type)
        var out = type.rawValue + "\n  " + entry.summary + "\n"
        out += "  stream: " + entry.streamPattern + "\n"
        out += "  data fields:\n"
        for field in entry.fields {
            out += "    \(field.name) (\(field.isRequired ? "required" : "optional")): \(field.summary)\n"
            out += "      value: \(field.kind.summary)\n"
            if !field.kind.codeList.isEmpty {
                out += "      one of: " + field.kind.codeList.joined(separator: ", ") + "\n"
            }
        }
        out += "  rules at append, checked in this order:\n"
        for (index, rule) in entry.rules.enumerated() {
            out += "    \(index + 1). \(rule.text): else \(rule.error.rawValue) at \(rule.field)\n"
        }
        out += "  errors: " + entry.ruleErrors.map(\.rawValue).joined(separator: ", ")
        out += " (rules); any event: " + ErrorCode.shapeAndOrderCodes.map(\.rawValue).joined(separator: ", ") + "\n"
        out += "  example" + requirementNote(entry) + ":\n"
        out += "    " + entry.example + "\n"
        return out
    }

    /// ` (appends once these are stored: …)`, or nothing for an example that needs nothing first.
    static func requirementNote(_ entry: Catalog.TypeEntry, quoting quote: String = "") -> String {
        let history = Catalog.exampleHistory(for: entry.type).dropLast()
        guard !history.isEmpty else { return " (appends on an empty ledger)" }
        let needed = Catalog.readingOrder.filter { type in history.contains { $0 == Catalog.entry(type).example } }
        let names = needed.map { quote + $0.rawValue + quote }.joined(separator: ", ")
        return " (appends once the examples of " + names + " are stored)"
    }

    // MARK: Markdown (`docs/EVENTS.md`)

    /// The whole catalog document.
    public static func markdown() -> String {
        var out = CatalogProse.introduction
        out += CatalogProse.envelope
        out += streamsSection()
        out += CatalogProse.values
        out += "## 4. Event types\n\n"
        out += "Each type's `data` fields (all required unless marked optional), its stream, and the rules checked "
        out += "when it is appended, in the order they are checked. Every example appends on a ledger that holds the "
        out += "examples it names.\n\n"
        out += "| type | stream | what it records |\n|---|---|---|\n"
        for type in Catalog.readingOrder {
            let entry = Catalog.entry(type)
            out += "| [`\(type.rawValue)`](#\(anchor(type))) | \(streamText(entry)) | \(escape(entry.summary)) |\n"
        }
        out += "\n"
        for type in Catalog.readingOrder { out += markdown(for: type) + "\n" }
        out += errorsSection()
        out += CatalogProse.freeTextScreen
        out += CatalogProse.evolution
        return out
    }

    /// One type's section of the document.
    public static func markdown(for type: EventType) -> String {
        let entry = Catalog.entry(type)
        var out = "### `\(type.rawValue)`\n\n" + escape(entry.summary) + " Stream: " + streamText(entry) + ".\n\n"
        out += "| field | | value | meaning |\n|---|---|---|---|\n"
        for field in entry.fields {
            var value = field.kind.summary
            if !field.kind.codeList.isEmpty {
                value += ": " + field.kind.codeList.map { "`\($0)`" }.joined(separator: ", ")
            }
            out += "| `\(field.name)` | \(field.isRequired ? "required" : "optional") | \(escape(value)) | "
            out += escape(field.summary) + " |\n"
        }
        out += "\nRules at append, in this order:\n\n"
        for (index, rule) in entry.rules.enumerated() {
            out += "\(index + 1). \(escape(rule.text)): else `\(rule.error.rawValue)` at `\(rule.field)`.\n"
        }
        out += "\nExample" + requirementNote(entry, quoting: "`") + ":\n\n```json\n" + entry.example + "\n```\n"
        return out
    }

    /// The stream pattern as code, or the words of a void's stream.
    static func streamText(_ entry: Catalog.TypeEntry) -> String {
        entry.type.streamKind == nil ? entry.streamPattern : "`" + entry.streamPattern + "`"
    }

    static func anchor(_ type: EventType) -> String {
        String(type.rawValue.filter { $0 != "." && $0 != "`" })
    }

    /// Escapes the characters Markdown tables and emphasis would read (`|`, `*`).
    static func escape(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("*", with: "\\*")
    }

    static func streamsSection() -> String {
        var out = "## 2. Streams\n\n"
        out += "Every event belongs to exactly one stream, named from its data by the ledger (a client never "
        out += "names it). A stream's events are numbered 1, 2, 3, … (`streamVersion`).\n\n"
        out += "| stream | types |\n|---|---|\n"
        for kind in StreamKind.allCases {
            let types = EventType.allCases.filter { $0.streamKind == kind }.map { "`\($0.rawValue)`" }
            out += "| `\(kind.prefix)<\(kind.idField)>` | \(types.joined(separator: ", ")) |\n"
        }
        out += "| the stream of the event it voids | `ledger.event_voided` |\n\n"
        out += CatalogProse.concurrency
        return out
    }

    static func errorsSection() -> String {
        var out = "## 5. Errors and exit codes\n\n"
        out += "A rejection names the input line (in a batch), the field as a JSON Pointer (`/data/capacity`; `\"\"` "
        out += "for the whole event) and one of these stable codes. A batch with any rejected line writes nothing and "
        out += "reports every rejected line it found (at least the first).\n\n"
        out += "| code | meaning |\n|---|---|\n"
        for code in ErrorCode.allCases { out += "| `\(code.rawValue)` | \(escape(code.summary)) |\n" }
        out += "\n" + CatalogProse.checkOrderAndExitCodes
        return out
    }
}
