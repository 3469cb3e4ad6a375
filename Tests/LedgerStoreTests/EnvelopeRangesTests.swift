import CanonicalJSON
import LedgerStore
import TestSupport
import Testing

@testable import LedgerStore

/// The store's two readings of its record format (backwards with the key order, and a forward scan of every
/// member) agree on every record the store writes, escaped strings included.
@Suite struct EnvelopeRangesTests {
    /// Strings chosen to defeat a naive backwards reading: quotes, escapes, key-like text, non-ASCII.
    static let awkward = [
        "s-1", #"s-"quoted""#, #"back\slash\"#, #"x","stream":"y"#, #"x\",\"type\":\"y"#, "ünïcødé-☃", "tab\tnew\nline",
    ]

    @Test func backwardReadingAgreesWithTheMemberScan() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        var events: [ProposedEvent<String>] = []
        for (index, text) in Self.awkward.enumerated() {
            events.append(proposed("e-\(index)", stream: text))
            events.append(proposed(text, stream: "s-\(index)", type: "t.\(index)"))
            events.append(proposed("t-\(index)", stream: "s-2", type: text))
            events.append(
                proposed("d-\(index)", data: #"{"a":[{"b":"}\"]"}],"c":"# + String(index) + "}"))
        }
        _ = try store.append(events, rules: { StreamNamedRules() })
        var fast = 0
        try store.read { txn in
            try txn.forEachEvent { view in
                let general = EnvelopeRanges.scanMembers(view.canonical)
                #expect(general != nil)
                #expect(EnvelopeRanges.scan(view.canonical) == general)
                if let backward = EnvelopeRanges.backward(view.canonical) {
                    #expect(backward == general)
                    fast += 1
                }
                return true
            }
        }
        // Most records take the backwards path (only an escaped quote after `data` sends one to the scan).
        #expect(fast >= events.count / 2)
    }

    @Test func bytesOfAnotherShapeAreRejectedByBoth() {
        for text in [#"{}"#, #"{"actor":"a"}"#, #"{"actor":"a","data":{},"eventId":"e","type":"t"}"#, ""] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                #expect(EnvelopeRanges.backward(raw) == nil)
                #expect(EnvelopeRanges.scan(raw) == nil)
            }
        }
    }
}
