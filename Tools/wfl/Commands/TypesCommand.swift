import ArgumentParser
import WorkforceEvents

/// `wfl types`: the event catalog, from the catalog's own table (the same one `docs/EVENTS.md` is generated from).
struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "Describe the event types: stream, fields, codes, append rules, errors and an example.",
        discussion: """
            Without TYPE, describes every type (participant, program, employer, fund and wage-quarter types, then \
            ledger.event_voided); with TYPE, that one. Each description gives the type's stream, its data fields \
            (required or optional, the kind of value, the codes a code field allows), the rules checked when an \
            event of the type is appended, in the order they are checked, with the error and field each one \
            reports, and an example event that appends once the entities it names are stored.

            --format markdown prints the catalog as Markdown: without TYPE, the whole catalog document (this is \
            how docs/EVENTS.md is written); with TYPE, that type's section. Needs no store.

            An unknown TYPE is wrong usage (exit 64); the error lists the known types.

            Examples:
              wfl types participant.gap_in_service_planned
              wfl types --format markdown > docs/EVENTS.md
            """
    )

    /// Accepted like on every command (CLI.md) and not used: the catalog is built into `wfl`, not read from a store.
    @OptionGroup(visibility: .hidden) var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("One event type, e.g. fund.registered; all types when absent.", valueName: "TYPE"))
    var type: String?

    @Option(help: "text (the default) or markdown.")
    var format: CatalogFormat = .text

    func validate() throws {
        if let type, EventType(rawValue: type) == nil {
            throw ValidationError(
                "\"\(type)\" is not an event type; the types are: "
                    + Catalog.readingOrder.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        let selected = type.flatMap(EventType.init(rawValue:))
        switch (format, selected) {
        case (.text, nil): Output.write(CatalogDocument.text())
        case (.text, let type?): Output.write(CatalogDocument.text(for: type))
        case (.markdown, nil): Output.write(CatalogDocument.markdown())
        case (.markdown, let type?): Output.write(CatalogDocument.markdown(for: type))
        }
        Output.flush()
    }
}

/// `--format text|markdown` of `wfl types`.
enum CatalogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// For a terminal.
    case text
    /// The catalog document's Markdown.
    case markdown
}
