import Testing

@testable import WorkforceEvents

@Suite struct ValueSyntaxTests {
    @Test(arguments: [
        ("2025-03-03T14:00:00Z", true), ("2024-02-29T00:00:00Z", true), ("2023-02-29T00:00:00Z", false),
        ("2025-03-03T14:00:00.123456789+23:59", true), ("2025-03-03T14:00:00.1234567890Z", false),
        ("2025-03-03T14:00:60Z", false), ("2025-03-03T24:00:00Z", false), ("2025-03-03t14:00:00Z", false),
        ("2025-03-03T14:00:00z", false), ("2025-03-03T14:00:00", false), ("2025-03-03T14:00:00+24:00", false),
        ("2025-03-03T14:00:00-05:60", false), ("2025-13-03T14:00:00Z", false), ("2025-04-31T14:00:00Z", false),
        ("2025-03-03T14:00:00.Z", false), ("2025-03-03T14:00:00+0500", false), ("2000-02-29T23:59:59-00:00", true),
        ("1900-02-29T00:00:00Z", false), ("2025-03-03 14:00:00Z", false), ("2025-03-03T14:00:00Z ", false),
    ])
    func timestamps(text: String, valid: Bool) {
        #expect((ValueSyntax.timestampProblem(text) == nil) == valid, "\(text)")
    }

    /// The per-type tables (fields, table hashes) are read by `index`, a hand-written jump table: it must number the
    /// types in `allCases` order, one number each.
    @Test func eventTypeIndexFollowsAllCases() {
        #expect(EventType.allCases.map(\.index) == Array(0..<EventType.allCases.count))
    }

    /// An id is checked on its bytes, for a native string and for a substring (the id part of an actor) alike.
    @Test func idsOfSubstringsAndLongText() {
        let actor = "staff:cm-017"
        #expect(ValueSyntax.isEventId(actor[actor.index(after: actor.firstIndex(of: ":")!)...]))
        #expect(ValueSyntax.isEventId(String(repeating: "a", count: 128)))
        #expect(!ValueSyntax.isEventId(String(repeating: "a", count: 129)))
        #expect(!ValueSyntax.isEntityId("P-1:2"))
        #expect(!ValueSyntax.isEntityId(""))
        #expect(!ValueSyntax.isEntityId("P-é"))
    }

    @Test func ids() {
        #expect(ValueSyntax.isEntityId("P-000123"))
        #expect(ValueSyntax.isEntityId(String(repeating: "a", count: 64)))
        #expect(!ValueSyntax.isEntityId(String(repeating: "a", count: 65)))
        #expect(!ValueSyntax.isEntityId("P:1"))
        #expect(!ValueSyntax.isEntityId(""))
        #expect(!ValueSyntax.isEntityId("P 1"))
        #expect(!ValueSyntax.isEntityId("Pé"))
        #expect(ValueSyntax.isEventId("portal:7f3a9c"))
        #expect(ValueSyntax.isEventId(String(repeating: "a", count: 128)))
        #expect(!ValueSyntax.isEventId(String(repeating: "a", count: 129)))
        #expect(ValueSyntax.actorKind("staff:cm-017") == .staff)
        #expect(ValueSyntax.actorKind("robot:cm-017") == nil)
        #expect(ValueSyntax.actorKind("staff:") == nil)
        #expect(ValueSyntax.actorKind("staff") == nil)
        #expect(ValueSyntax.isSOCCode("51-4121"))
        #expect(!ValueSyntax.isSOCCode("514121"))
        #expect(!ValueSyntax.isSOCCode("51-412"))
        #expect(ValueSyntax.quarter("2025Q4") == Quarter(year: 2025, number: 4))
        #expect(ValueSyntax.quarter("2025Q5") == nil)
        #expect(ValueSyntax.quarter("2025-Q1") == nil)
        #expect(UUIDText.random().utf8.count == 36)
        #expect(ValueSyntax.isEventId(UUIDText.random()))
    }
}
