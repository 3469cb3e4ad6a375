/// The event catalog as data: each type's purpose, stream, `data` fields, append rules (in the order they are
/// checked) and an example that appends. It is the one description of the vocabulary that the decoder's field
/// lists (``EventType/fields``), `wfl types` and the generated `docs/EVENTS.md` are made from; tests check it
/// against the decoder and the rules (every example appends, every rule has a case that breaks it).
public enum Catalog {
    /// What kind of value a `data` field holds.
    public enum FieldKind: Sendable, Equatable {
        /// An entity id: 1–64 of `A-Z a-z 0-9 . _ -`.
        case entityId
        /// An `eventId`: 1–128 of `A-Z a-z 0-9 . _ : -`.
        case eventId
        /// A non-empty string.
        case text
        /// A non-empty string that must not hold personal data (``FreeTextScreen``).
        case freeText
        /// One code of a list (``EventCode``): the list's name and its codes in `allCases` order.
        case code(list: String, codes: [String])
        /// An array of distinct codes, possibly empty; `exclusive`, when set, must stand alone.
        case codes(list: String, codes: [String], exclusive: String?)
        /// An integer (no fraction or exponent, at most 2^53 − 1) from `minimum`, up to `maximum` when set.
        case integer(minimum: Int64, maximum: Int64?)
        /// A number more than 0 and at most 80.
        case hoursPerWeek
        /// A SOC occupation code `NN-NNNN`.
        case socCode
        /// A calendar quarter `YYYYQn`.
        case quarter
        /// A calendar date `YYYY-MM-DD` in years 0001–9999.
        case date

        /// The kind of `codeType`'s codes.
        static func code<C: EventCode>(_ codeType: C.Type) -> FieldKind {
            .code(list: C.codeListName, codes: C.allCases.map(\.rawValue))
        }

        /// What the value must be, in a few words (`integer ≥ 0`, `code`).
        public var summary: String {
            switch self {
            case .entityId: return "id: 1–64 of A-Z a-z 0-9 . _ -"
            case .eventId: return "eventId: 1–128 of A-Z a-z 0-9 . _ : -"
            case .text: return "string, not empty"
            case .freeText: return "free text, not empty, no personal data"
            case .code(let list, _): return "code (\(list))"
            case .codes(let list, _, let exclusive):
                return "array of distinct codes (\(list)), possibly empty"
                    + (exclusive.map { "; \($0) stands alone" } ?? "")
            case .integer(let minimum, let maximum):
                return maximum.map { "integer \(minimum)–\($0)" } ?? "integer ≥ \(minimum)"
            case .hoursPerWeek: return "number > 0, ≤ 80"
            case .socCode: return "SOC code NN-NNNN"
            case .quarter: return "quarter YYYYQn"
            case .date: return "date YYYY-MM-DD, years 0001–9999"
            }
        }

        /// The codes a code field allows, in `allCases` order; empty for other kinds.
        public var codeList: [String] {
            switch self {
            case .code(_, let codes), .codes(_, let codes, _): return codes
            default: return []
            }
        }
    }

    /// One field of a type's `data`.
    public struct Field: Sendable, Equatable {
        /// The field's name in `data`.
        public var name: String
        /// `false` for an optional field (omit it; `null` is never valid).
        public var isRequired: Bool
        /// What the value must be.
        public var kind: FieldKind
        /// What the field means.
        public var summary: String
    }

    /// One append rule of a type: checked against everything stored before and earlier in the batch, in the order
    /// of ``TypeEntry/rules``.
    public struct Rule: Sendable, Equatable {
        /// What must hold, in words.
        public var text: String
        /// The error when it does not.
        public var error: ErrorCode
        /// The JSON Pointer the error names.
        public var field: String
    }

    /// One event type.
    public struct TypeEntry: Sendable {
        /// The type described.
        public var type: EventType
        /// What an event of the type records.
        public var summary: String
        /// The `data` fields: the required ones first, each group in the order the decoder checks them.
        public var fields: [Field]
        /// The append rules, in the order they are checked (EVENTS.md section 4).
        public var rules: [Rule]
        /// The `data` of an example event, as compact JSON.
        public var exampleData: String
        /// The example's `occurredAt`.
        public var exampleOccurredAt: String
        /// The types whose examples must be stored first for this example to append (the entities it names).
        public var requires: [EventType]

        /// The stream the type's events belong to, as a pattern: `participant-<participantId>`, or the target's
        /// stream for a void.
        public var streamPattern: String {
            guard let kind = type.streamKind else { return "the stream of the event it voids" }
            return kind.prefix + "<" + kind.idField + ">"
        }

        /// The example's `eventId`: `example-` and the type's name.
        public var exampleEventId: String { "example-" + type.rawValue }

        /// The example as one input line (JSON).
        public var example: String {
            "{\"type\":\"\(type.rawValue)\",\"eventId\":\"\(exampleEventId)\",\"occurredAt\":\"\(exampleOccurredAt)\","
                + "\"actor\":\"staff:cm-017\",\"data\":\(exampleData)}"
        }

        /// The error codes the type's events can be rejected with at append, in rule order, each once.
        public var ruleErrors: [ErrorCode] {
            var seen: [ErrorCode] = []
            for rule in rules where !seen.contains(rule.error) { seen.append(rule.error) }
            return seen
        }
    }

    /// The entry of `type`.
    public static func entry(_ type: EventType) -> TypeEntry { entries[type.index] }

    /// Every type's entry, in `EventType.allCases` order.
    public static let entries: [TypeEntry] = EventType.allCases.map(makeEntry)

    /// The types in reading order: by stream kind (participant, program, employer, fund, wages), each kind's types
    /// in `allCases` order, and `ledger.event_voided` last.
    public static let readingOrder: [EventType] = {
        let kinds = StreamKind.allCases.map(Optional.some) + [nil]
        return kinds.flatMap { kind in EventType.allCases.filter { $0.streamKind == kind } }
    }()

    /// The example lines that make `type`'s example append on an empty ledger: the examples it requires (and
    /// theirs), each once, then its own.
    public static func exampleHistory(for type: EventType) -> [String] {
        var order: [EventType] = []
        func visit(_ type: EventType) {
            for required in entry(type).requires { visit(required) }
            if !order.contains(type) { order.append(type) }
        }
        visit(type)
        return order.map { entry($0).example }
    }

}
