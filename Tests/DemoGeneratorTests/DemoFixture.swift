import CanonicalJSON
import DemoGenerator

/// A generated history, kept in memory for several tests.
struct GeneratedHistory: Sendable {
    let batches: [DemoBatch]

    init(participants: Int, seed: UInt64) {
        var batches: [DemoBatch] = []
        DemoHistory(participants: participants, seed: seed).forEachBatch { batches.append($0) }
        self.batches = batches
    }

    /// Every line in append order.
    var lines: [[UInt8]] { batches.flatMap(\.lines) }

    /// Every line parsed, in append order.
    func parsed() throws -> [JSONObject] {
        try lines.map { line in
            guard case .object(let object) = try JSONParser().parse(line) else { throw FixtureError.notAnObject }
            return object
        }
    }
}

enum FixtureError: Error { case notAnObject }

/// Histories shared by the tests (generated once per test process).
enum DemoFixture {
    /// The full-size default demo.
    static let standard = GeneratedHistory(participants: 6000, seed: 2026)
    /// A smaller history with another seed, for the real append path.
    static let small = GeneratedHistory(participants: 800, seed: 7)
    /// The standard history parsed, in append order (empty if a line does not parse: the shape tests say which).
    static let standardEvents: [JSONObject] = (try? standard.parsed()) ?? []
    /// The standard history's live events.
    static let standardLive = LiveEvent.of(standardEvents)
    /// The standard history's outcomes at its head, by the independent rules.
    static let standardOutcomes = IndependentOutcomes(standardEvents)
}

extension JSONObject {
    /// The string value of `key`, if it is a string.
    func string(_ key: String) -> String? {
        if case .string(let value)? = self[key] { return value }
        return nil
    }

    /// The integer value of `key`, if it is an integer.
    func integer(_ key: String) -> Int? {
        if case .number(let value)? = self[key], let integer = value.int64 { return Int(integer) }
        return nil
    }

    /// The object value of `key`, if it is an object.
    func object(_ key: String) -> JSONObject? {
        if case .object(let value)? = self[key] { return value }
        return nil
    }
}

/// A live event (neither voided nor a void) with its UTC date as a day number.
struct LiveEvent {
    let type: String
    let day: Int
    let actor: String
    let data: JSONObject

    /// The live events of a parsed history, in append order.
    static func of(_ events: [JSONObject]) -> [LiveEvent] {
        var voided: Set<String> = []
        for event in events where event.string("type") == "ledger.event_voided" {
            if let target = event.object("data")?.string("targetEventId") { voided.insert(target) }
        }
        return events.compactMap { event in
            guard let type = event.string("type"), type != "ledger.event_voided",
                let id = event.string("eventId"), !voided.contains(id), let data = event.object("data"),
                let day = event.string("occurredAt").flatMap(Timestamps.minutes).map({ $0 / 1440 })
            else { return nil }
            return LiveEvent(type: type, day: day, actor: event.string("actor") ?? "", data: data)
        }
    }
}
