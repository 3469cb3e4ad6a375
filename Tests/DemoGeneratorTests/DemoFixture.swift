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
