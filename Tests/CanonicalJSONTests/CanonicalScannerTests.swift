import CanonicalJSON
import Testing

/// Boundaries in compact JSON, as the store and the projections read stored events.
@Suite struct CanonicalScannerTests {
    func members(_ text: String) -> (complete: Bool, members: [String]) {
        let bytes = Array(text.utf8)
        var found: [String] = []
        let complete = bytes.withUnsafeBytes { raw in
            CanonicalScanner.forEachMember(raw) { key, value in
                found.append(String(decoding: raw[key], as: UTF8.self) + "=" + String(decoding: raw[value], as: UTF8.self))
            }
        }
        return (complete, found)
    }

    @Test func visitsEveryMemberWithStringBodiesAndWholeComposites() {
        let result = members(#"{"a":"x\"y","b":12,"c":{"d":[1,"]"]},"e":null}"#)
        #expect(result.complete)
        #expect(result.members == [#"a=x\"y"#, "b=12", #"c={"d":[1,"]"]}"#, "e=null"])
        #expect(members("{}") == (true, []))
    }

    @Test(arguments: [#"{"a":"x"#, #"{"a":1"#, #"["a"]"#, #"{"a":1}x"#, #"{"a" 1}"#, "", #"{"a":{"b":1}"#])
    func reportsWhatIsNotACompactObject(_ text: String) {
        #expect(!members(text).complete)
    }

    @Test func stringAndCompositeEnds() {
        let bytes = Array(#""ab\"c",[1,{"x":"}"}]"#.utf8)
        bytes.withUnsafeBytes { raw in
            #expect(CanonicalScanner.stringEnd(raw, from: 1) == 6)
            #expect(CanonicalScanner.compositeEnd(raw, from: 8) == bytes.count)
            #expect(CanonicalScanner.stringEnd(raw, from: bytes.count) == nil)
        }
    }
}
