import CanonicalJSON
import Foundation
import LedgerStore
import Projections
import TestSupport

/// Appends JSONL input events to a store with the generic test rules: each event's stream is derived from its data
/// as EVENTS.md section 2 says (a void takes its target's stream). No domain validation: fixtures must be valid.
enum FixtureLoader {
    struct Input {
        var type: String
        var eventId: String
        var occurredAt: String
        var actor: String
        var data: JSONObject
    }

    /// Parses JSONL lines into inputs.
    static func parse(_ text: String) throws -> [Input] {
        var inputs: [Input] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard case .object(let object) = try JSONParser().parse(Array(trimmed.utf8)),
                case .string(let type)? = object["type"], case .string(let occurredAt)? = object["occurredAt"],
                case .string(let actor)? = object["actor"], case .object(let data)? = object["data"]
            else { throw FixtureError("line \(index + 1) is not an input event") }
            var eventId = "fixture-\(index + 1)"
            if case .string(let id)? = object["eventId"] { eventId = id }
            inputs.append(Input(type: type, eventId: eventId, occurredAt: occurredAt, actor: actor, data: data))
        }
        return inputs
    }

    /// The stream of an input event; `streams` maps earlier event ids to their streams (for voids).
    static func stream(of input: Input, streams: [String: String]) throws -> String {
        func id(_ key: String) throws -> String {
            guard case .string(let value)? = input.data[key] else { throw FixtureError("\(input.eventId): no \(key)") }
            return value
        }
        if input.type == "ledger.event_voided" {
            guard let stream = streams[try id("targetEventId")] else { throw FixtureError("\(input.eventId): unknown target") }
            return stream
        }
        if input.type.hasPrefix("participant.") { return "participant-" + (try id("participantId")) }
        if input.type.hasPrefix("program.") { return "program-" + (try id("programId")) }
        if input.type.hasPrefix("employer.") { return "employer-" + (try id("employerId")) }
        if input.type.hasPrefix("fund.") { return "fund-" + (try id("fundId")) }
        if input.type.hasPrefix("wages.") { return "wages-" + (try id("quarter")) }
        throw FixtureError("\(input.eventId): unknown type \(input.type)")
    }

    /// Appends `inputs` in one batch; returns nothing (positions follow the input order).
    static func append(_ inputs: [Input], to store: LedgerStore) throws {
        var streams: [String: String] = [:]
        try store.read { txn in
            for input in inputs where input.type == "ledger.event_voided" {
                if case .string(let target)? = input.data["targetEventId"], let event = try txn.event(withId: target) {
                    streams[target] = event.stream
                }
            }
        }
        var proposed: [ProposedEvent<String>] = []
        for input in inputs {
            let stream = try stream(of: input, streams: streams)
            streams[input.eventId] = stream
            proposed.append(
                ProposedEvent(
                    type: input.type, eventId: input.eventId, occurredAt: input.occurredAt, actor: input.actor,
                    data: CanonicalJSON.encode(.object(input.data)), payload: stream))
        }
        _ = try store.append(proposed, rules: { StreamNamedRules() })
    }

    /// A new store in `dir` holding the JSONL `text`.
    static func store(_ text: String, in dir: TemporaryDirectory) throws -> LedgerStore {
        let store = try LedgerStore(directory: dir.child("ledger"))
        try append(try parse(text), to: store)
        return store
    }

    /// The fixture folder of this test target.
    static var fixturesDirectory: String {
        if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) { return url.path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
