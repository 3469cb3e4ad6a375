import CanonicalJSON
import Testing

/// The test vectors of RFC 8785 (JSON Canonicalization Scheme).
@Suite struct RFC8785Tests {
    /// Appendix B: IEEE-754 bit patterns and their ECMAScript serialization.
    @Test(arguments: [
        (0x0000_0000_0000_0000 as UInt64, "0"),
        (0x8000_0000_0000_0000, "0"),
        (0x0000_0000_0000_0001, "5e-324"),
        (0x8000_0000_0000_0001, "-5e-324"),
        (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
        (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),
        (0x4340_0000_0000_0000, "9007199254740992"),
        (0xC340_0000_0000_0000, "-9007199254740992"),
        (0x4430_0000_0000_0000, "295147905179352830000"),
        (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
        (0x44B5_2D02_C7E1_4AF6, "1e+23"),
        (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
        (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
        (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
        (0x444B_1AE4_D6E2_EF50, "1e+21"),
        (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
        (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
        (0x41B3_DE43_5555_5553, "333333333.3333332"),
        (0x41B3_DE43_5555_5554, "333333333.33333325"),
        (0x41B3_DE43_5555_5555, "333333333.3333333"),
        (0x41B3_DE43_5555_5556, "333333333.3333334"),
        (0x41B3_DE43_5555_5557, "333333333.33333343"),
        (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
        (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
    ])
    func numberSerialization(bits: UInt64, expected: String) {
        var bytes: [UInt8] = []
        CanonicalJSON.appendNumber(Double(bitPattern: bits), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    /// Section 3.2.2: the main example (numbers, string escapes, literals, key order).
    @Test func mainExample() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let value = try JSONParser().parse(Array(input.utf8))
        let expected =
            #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(String(decoding: CanonicalJSON.encode(value), as: UTF8.self) == expected)
    }

    /// Section 3.2.3: keys sort by UTF-16 code units, not by code points or UTF-8.
    @Test func keySortingByUTF16() throws {
        let input = #"""
            {"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
             "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
             "\u00f6": "Latin Small Letter O With Diaeresis"}
            """#
        guard case .object(let object) = try JSONParser().parse(Array(input.utf8)) else {
            Issue.record("not an object")
            return
        }
        let order = CanonicalJSON.sortedMembers(object).map { member -> String in
            guard case .string(let text) = member.value else { return "" }
            return text
        }
        #expect(
            order == [
                "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
                "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh",
            ])
    }

    @Test func canonicalFormIsAFixedPoint() throws {
        let input = #"{"b":[1,2.5,{"z":null,"a":"x"}],"a":-0.0,"c":"\u0007"}"#
        let once = CanonicalJSON.encode(try JSONParser().parse(Array(input.utf8)))
        #expect(String(decoding: once, as: UTF8.self) == #"{"a":0,"b":[1,2.5,{"a":"x","z":null}],"c":"\u0007"}"#)
        #expect(CanonicalJSON.encode(try JSONParser().parse(once)) == once)
    }
}

/// The parser's strictness: what RFC 8259 forbids, and what hostile input tries.
@Suite struct JSONParserTests {
    @Test(arguments: [
        "", "{", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul",
        "{\"a\":1}{", "{\"a\":1,\"a\":2}", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"", "1e400",
        "{'a':1}", "[1 2]", "\"abc",
    ])
    func rejectsMalformedInput(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser().parse(Array(text.utf8)) }
    }

    /// Names compare by code points: "café" precomposed and "cafe" + U+0301 are two members (Swift's `==` would call
    /// them equal), also when their UTF-8 lengths are the same; a name written twice alike is refused.
    @Test func namesCompareByCodePoints() throws {
        let nfc = "caf\u{E9}"
        let nfd = "cafe\u{301}"
        let object = try JSONParser().parse(Array("{\"\(nfc)\":1,\"\(nfd)\":2}".utf8))
        guard case .object(let members) = object else { Issue.record("not an object"); return }
        #expect(members.members.count == 2)
        #expect(members[nfc] == .number(JSONNumber(1)))
        #expect(members[nfd] == .number(JSONNumber(2)))
        // Same UTF-8 length, canonically equivalent: U+1E0B U+0323 and U+1E0D U+0307 ("ḍ̇" two ways).
        let left = "\u{1E0B}\u{323}"
        let right = "\u{1E0D}\u{307}"
        #expect(left == right && left.utf8.count == right.utf8.count)
        #expect(!left.isSameName(as: right))
        #expect(try JSONParser().parse(Array("{\"\(left)\":1,\"\(right)\":2}".utf8)) != .null)
        #expect(throws: JSONParseError.self) { try JSONParser().parse(Array("{\"\(nfd)\":1,\"\(nfd)\":2}".utf8)) }
        #expect("participantId".isSameName(as: "participantId"))
        #expect(!"participantId".isSameName(as: "participantID"))
    }

    @Test func rejectsInvalidUTF8AndNUL() {
        #expect(throws: JSONParseError.self) { try JSONParser().parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser().parse([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser().parse([0x7B, 0x00, 0x7D]) }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser().parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        _ = try JSONParser().parse(Array(fine.utf8))
    }

    @Test func keepsIntegerLiterals() throws {
        guard case .array(let values) = try JSONParser().parse(Array("[3, 3.0, 1e2, -7, 9007199254740991]".utf8)) else {
            Issue.record("not an array")
            return
        }
        let flags = values.map { value -> Bool in
            if case .number(let number) = value { return number.isIntegerLiteral }
            return false
        }
        #expect(flags == [true, false, false, true, true])
        if case .number(let number) = values[4] { #expect(number.int64 == 9_007_199_254_740_991) }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser().parse(Array(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#.utf8))
        #expect(value == .string("a\"b\\c/d\né😀"))
    }
}
