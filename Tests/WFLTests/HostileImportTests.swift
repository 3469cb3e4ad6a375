import Foundation
import TestSupport
import Testing

/// Hostile input through `wfl import`: each is a clear error, a non-zero exit, and nothing written.
@Suite struct HostileImportTests {
    enum Hostile: String, CaseIterable, CustomTestStringConvertible {
        case hugeLine, truncatedFile, invalidUTF8, nulByte, deeplyNested, notJSONL, prettyPrinted, binaryNoise

        var testDescription: String { rawValue }

        /// The input: two valid events (so a partial write would show), then the hostile part.
        func bytes() -> Data {
            var data = WorkforceInput.jsonl([WorkforceInput.program("PRG-H"), WorkforceInput.participant("P-H1")])
            switch self {
            case .hugeLine:
                // A 100 MB line: must be refused as too_large without being held whole.
                let prefix =
                    #"{"type":"participant.registered","occurredAt":"2024-02-05T14:12:00Z","actor":"staff:x","data":{"county":""#
                data.append(Data(prefix.utf8))
                data.append(Data(repeating: UInt8(ascii: "a"), count: 100 << 20))
                data.append(Data("\"}}\n".utf8))
            case .truncatedFile:
                let line = WorkforceInput.participant("P-H2")
                data.append(Data(line.utf8.prefix(line.utf8.count / 2)))
            case .invalidUTF8:
                var line = Array(WorkforceInput.participant("P-H2").utf8)
                let county = line.firstRange(of: Array("Hartford".utf8))!.lowerBound
                line[county + 1] = 0xC3
                line[county + 2] = 0x28  // not a continuation byte
                data.append(Data(line + [0x0A]))
            case .nulByte:
                var line = Array(WorkforceInput.participant("P-H2").utf8)
                let county = line.firstRange(of: Array("Hartford".utf8))!.lowerBound
                line[county + 3] = 0x00
                data.append(Data(line + [0x0A]))
            case .deeplyNested:
                // 20,000 levels in 40 KB: under the size limit, so the parser's depth limit must hold.
                let nested = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
                let line =
                    #"{"type":"participant.registered","occurredAt":"2024-02-05T14:12:00Z","actor":"staff:x","data":{"county":\#(nested)}}"#
                data.append(Data((line + "\n").utf8))
            case .notJSONL:
                data.append(Data("participantId,county\nP-1,Hartford\n".utf8))
            case .prettyPrinted:
                data.append(Data("{\n  \"type\": \"participant.registered\",\n  \"data\": {}\n}\n".utf8))
            case .binaryNoise:
                var generator = SystemRandomNumberGenerator()
                data.append(Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }))
            }
            return data
        }
    }

    @Test(arguments: Hostile.allCases)
    func hostileInputIsRefusedAndWritesNothing(_ hostile: Hostile) throws {
        let h = try WFLHarness()
        defer { h.remove() }
        #expect(try h.wfl(["import"], stdin: WorkforceInput.jsonl(WorkforceInput.batch(participants: 2))).status == 0)
        let before = try LedgerSnapshot(h)
        let file = h.directory.child("hostile.jsonl")
        try hostile.bytes().write(to: URL(fileURLWithPath: file))
        for format in ["text", "json"] {
            let result = try h.wfl(["import", "--format", format, file])
            #expect(result.status == 65, "\(hostile) \(format): exit \(result.status) \(result.stderrText.prefix(500))")
            #expect(result.stdout.isEmpty)
            #expect(!result.stderrText.isEmpty)
            #expect(result.stderr.count < 64 << 10, "\(hostile): the error must not echo the input")
            if format == "json" {
                let first = try #require(result.stderrText.split(separator: "\n").first)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
                #expect((object["line"] as? NSNumber)?.intValue ?? 0 >= 3, "\(hostile): \(first)")
                #expect(object["code"] is String)
            }
        }
        #expect(try LedgerSnapshot(h) == before)
        #expect(try h.wfl(["verify"]).status == 0)
    }

    @Test func hugeLineIsReportedAsTooLarge() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let result = try h.wfl(["import", "--format", "json"], stdin: Hostile.hugeLine.bytes())
        #expect(result.status == 65)
        #expect(result.stderrText.contains("too_large"))
        #expect(result.stderrText.contains(#""line":3"#))
    }

    @Test func missingImportFileExits66() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let result = try h.wfl(["import", h.directory.child("nope.jsonl")])
        #expect(result.status == 66)
    }
}
