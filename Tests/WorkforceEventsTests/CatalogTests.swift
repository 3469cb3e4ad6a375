import CanonicalJSON
import Foundation
import LedgerStore
import Testing
import WorkforceEvents

/// The catalog table (``Catalog``) against the decoder and the rules: its examples append, its fields are the ones
/// the decoder requires and accepts, its streams are the ones events land in, and every rule it lists has a case
/// that breaks it with that error at that field.
@Suite struct CatalogTests {
    @Test(arguments: EventType.allCases)
    func exampleAppendsInItsStream(_ type: EventType) throws {
        let ledger = try TestLedger()
        let history = Catalog.exampleHistory(for: type)
        let summary = try ledger.append(history)
        #expect(summary.appended == history.count)
        let entry = Catalog.entry(type)
        let outcome = try #require(summary.outcomes.last)
        #expect(outcome.eventId == entry.exampleEventId)
        if let kind = type.streamKind {
            let data = try #require(Self.data(of: entry.example))
            guard case .string(let id)? = data[kind.idField] else {
                Issue.record("the example has no \(kind.idField)")
                return
            }
            #expect(outcome.outcome.stream == kind.stream(for: id))
            #expect(StreamKind.parse(outcome.outcome.stream)?.kind == kind)
            #expect(StreamKind.parse(outcome.outcome.stream)?.id == id)
        } else {
            // A void lands in its target's stream.
            #expect(outcome.outcome.stream == summary.outcomes[summary.outcomes.count - 2].outcome.stream)
        }
    }

    /// Each required field left out is `missing_field` at it; each optional one left out still appends; a field
    /// the catalog does not list is `unknown_field`.
    @Test(arguments: EventType.allCases)
    func fieldsAreTheDecodersFields(_ type: EventType) throws {
        let entry = Catalog.entry(type)
        let history = Catalog.exampleHistory(for: type).dropLast()
        let data = try #require(Self.data(of: entry.example))
        #expect(data.members.map(\.key).sorted() == entry.fields.map(\.name).sorted(), "the example names every field")
        for field in entry.fields {
            let ledger = try TestLedger()
            try ledger.append(Array(history))
            let without = Self.line(entry, data: JSONObject(data.members.filter { $0.key != field.name }))
            if field.isRequired {
                let rejection = ledger.rejection(without)
                #expect(rejection?.code == "missing_field", "\(field.name)")
                #expect(rejection?.field == "/data/" + field.name)
            } else {
                #expect(try ledger.append(without).appended == 1, "\(field.name)")
            }
        }
        let ledger = try TestLedger()
        try ledger.append(Array(history))
        let extra = Self.line(entry, data: JSONObject(data.members + [JSONObject.Member(key: "note", value: .string("x"))]))
        #expect(ledger.rejection(extra)?.code == "unknown_field")
        #expect(type.fields.required == entry.fields.filter(\.isRequired).map(\.name))
    }

    /// Every code of a code field is accepted, and the codes are the code list's `allCases`, in order.
    @Test func codeListsComeFromTheCodeEnums() {
        let service = Catalog.entry(.serviceGranted).fields.first { $0.name == "service" }
        #expect(service?.kind.codeList == Service.allCases.map(\.rawValue))
        #expect(service?.kind.codeList.last == "follow_up")
        let source = Catalog.entry(.fundRegistered).fields.first { $0.name == "source" }
        #expect(source?.kind.codeList == FundSource.allCases.map(\.rawValue))
    }

    /// Every rule the catalog lists (type, error, field) is broken by a case of the rule tests, so the table
    /// cannot claim a rule the code does not check, or the wrong error or field. An existence rule
    /// (`unknown_participant`, …) is broken here: the example with that one id unregistered.
    @Test func everyRuleHasACaseThatBreaksIt() throws {
        var broken: Set<String> = []
        for rule in ruleCases + revisionTwoRuleCases {
            guard let type = Self.type(of: rule.bad) else { continue }
            broken.insert("\(type) \(rule.code) \(rule.field)")
        }
        let existence: [ErrorCode] = [.unknownParticipant, .unknownProgram, .unknownEmployer, .unknownFund]
        for entry in Catalog.entries {
            for rule in entry.rules {
                let key = "\(entry.type.rawValue) \(rule.error.rawValue) \(rule.field)"
                if existence.contains(rule.error) {
                    let ledger = try TestLedger()
                    try ledger.append(Array(Catalog.exampleHistory(for: entry.type).dropLast()))
                    let data = try #require(Self.data(of: entry.example))
                    let name = String(rule.field.dropFirst("/data/".count))
                    let members = data.members.map { member in
                        member.key == name ? JSONObject.Member(key: name, value: .string("UNREGISTERED-9")) : member
                    }
                    let rejection = ledger.rejection(Self.line(entry, data: JSONObject(members)))
                    #expect(rejection?.code == rule.error.rawValue, "\(key)")
                    #expect(rejection?.field == rule.field, "\(key)")
                } else if !broken.contains(key) {
                    Issue.record(Comment(rawValue: "no rule case breaks \(key)"))
                }
            }
        }
    }

    @Test func readingOrderHasEveryTypeOnce() {
        #expect(Catalog.readingOrder.count == EventType.allCases.count)
        #expect(Set(Catalog.readingOrder) == Set(EventType.allCases))
        #expect(Catalog.readingOrder.first == .participantRegistered)
        #expect(Catalog.readingOrder.last == .eventVoided)
    }

    @Test func streamNames() {
        #expect(StreamKind.fund.stream(for: "ARPA-CC") == "fund-ARPA-CC")
        #expect(StreamKind.wages.prefix == "wages-")
        #expect(StreamKind.parse("participant-P-1")?.kind == .participant)
        #expect(StreamKind.parse("participant-P-1")?.id == "P-1")
        #expect(StreamKind.parse("wages-2025Q1")?.id == "2025Q1")
        #expect(StreamKind.parse("ledger-1") == nil)
        #expect(StreamKind.parse("fund-") == nil)
        #expect(StreamKind.parse("fund") == nil)
        #expect(EventType.costIncurred.streamKind == .program)
        #expect(EventType.quarterClosed.streamKind == .wages)
        #expect(EventType.eventVoided.streamKind == nil)
        #expect(StreamKind.allCases.map(\.rawValue) == ["participant", "program", "employer", "fund", "wages"])
    }

    /// The `data` object of an input line.
    static func data(of line: String) -> JSONObject? {
        guard case .object(let envelope)? = try? JSONParser().parse(Array(line.utf8)),
            case .object(let data)? = envelope["data"]
        else { return nil }
        return data
    }

    /// The `type` of an input line.
    static func type(of line: String) -> String? {
        guard case .object(let envelope)? = try? JSONParser().parse(Array(line.utf8)),
            case .string(let type)? = envelope["type"]
        else { return nil }
        return type
    }

    /// The entry's example with other `data`.
    static func line(_ entry: Catalog.TypeEntry, data: JSONObject) -> String {
        Line.event(
            entry.type.rawValue, String(decoding: CanonicalJSON.encode(.object(data)), as: UTF8.self),
            id: entry.exampleEventId, at: entry.exampleOccurredAt)
    }
}

/// `docs/EVENTS.md` is the catalog document: regenerate it with `wfl types --format markdown > docs/EVENTS.md`.
@Suite struct CatalogDocumentTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/EVENTS.md").path

    @Test func docsFileIsTheGeneratedDocument() throws {
        let file = try String(contentsOfFile: Self.path, encoding: .utf8)
        let generated = CatalogDocument.markdown()
        if file != generated {
            let fileLines = file.split(separator: "\n", omittingEmptySubsequences: false)
            let generatedLines = generated.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(fileLines, generatedLines).enumerated().first { $0.element.0 != $0.element.1 }
            let line = (first?.offset ?? min(fileLines.count, generatedLines.count)) + 1
            let message =
                "docs/EVENTS.md differs from the catalog (regenerate: wfl types --format markdown > docs/EVENTS.md); "
                + "first difference at line \(line)"
            Issue.record(Comment(rawValue: message))
        }
    }

    @Test func everyTypeAndErrorIsDocumented() {
        let document = CatalogDocument.markdown()
        for type in EventType.allCases { #expect(document.contains("### `\(type.rawValue)`")) }
        for code in ErrorCode.allCases { #expect(document.contains("| `\(code.rawValue)` |")) }
        for field in FreeTextScreen.screenedFields { #expect(document.contains("`\(field)`")) }
    }

    @Test func oneTypesTextNamesItsStreamFieldsRulesAndExample() {
        let text = CatalogDocument.text(for: .quarterClosed)
        #expect(text.hasPrefix("wages.quarter_closed\n"))
        #expect(text.contains("  stream: wages-<quarter>\n"))
        #expect(text.contains("    quarter (required): the quarter closed\n"))
        #expect(text.contains("      one of: ui_wage_match\n"))
        #expect(
            text.contains("    1. the event's UTC date is after the quarter's last day: else invalid_value at /data/quarter\n"))
        #expect(text.contains("    2. no other live close of the quarter: else duplicate_quarter at /data/quarter\n"))
        #expect(text.contains("  example (appends on an empty ledger):\n    " + Catalog.entry(.quarterClosed).example + "\n"))
    }
}
