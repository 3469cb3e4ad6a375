import Foundation
import LedgerStore
import TestSupport
import Testing

/// `wfl events`, `history`, `head`, `status` end to end, against the built binary.
@Suite struct ReadCommandsTests {
    @Test func eventsJSONLIsTheStoredEventsExactlyAsChained() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let result = try h.wfl(["events"])
        #expect(result.status == 0, "\(result.stderrText)")
        let expected = try h.storedEvents().map { String(decoding: $0.exportLine, as: UTF8.self) }
        #expect(expected.count == 8)
        #expect(result.lines == expected)
        #expect(result.stdoutText.hasSuffix("\n"))
    }

    @Test func eventsFiltersUseStreamTypeRangeAndLimit() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        func positions(_ arguments: [String]) throws -> [UInt64] {
            let result = try h.wfl(["events"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderrText)")
            return result.lines.compactMap { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                return (object["position"] as? NSNumber)?.uint64Value
            }
        }
        #expect(try positions(["--stream", "participant-P-1"]) == [2, 3, 5, 6])
        #expect(try positions(["--type", "participant.enrolled"]) == [3, 6])
        #expect(try positions(["--stream", "participant-P-1", "--type", "participant.enrolled"]) == [3, 6])
        #expect(try positions(["--from", "3", "--to", "5"]) == [3, 4, 5])
        #expect(try positions(["--from", "2", "--limit", "2"]) == [2, 3])
        #expect(try positions(["--type", "participant.registered", "--from", "3"]) == [4])
        #expect(try positions(["--stream", "participant-P-1", "--from", "4", "--limit", "1"]) == [5])
        #expect(try positions(["--stream", "nobody"]) == [])
        #expect(try positions(["--type", "fund.registered"]) == [])
        #expect(try positions(["--from", "100"]) == [])
    }

    @Test func eventsTableHasAlignedColumns() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let result = try h.wfl(["events", "--format", "table", "--stream", "participant-P-1"])
        #expect(result.status == 0)
        let lines = result.lines
        try #require(lines.count == 5)
        #expect(lines[0].hasPrefix("POSITION"))
        for column in ["OCCURRED_AT", "RECORDED_AT", "TYPE", "STREAM@VERSION", "EVENT_ID"] {
            #expect(lines[0].contains(column))
        }
        #expect(lines[2].contains("participant.enrolled") && lines[2].contains("participant-P-1@2") && lines[2].contains("enr-1"))
        // Aligned: every row has the type column at the same offset as the header.
        let typeColumn = try #require(lines[0].range(of: "TYPE")).lowerBound.utf16Offset(in: lines[0])
        for line in lines.dropFirst() {
            let offset = try #require(line.range(of: "participant.") ?? line.range(of: "ledger.")).lowerBound.utf16Offset(
                in: line)
            #expect(offset == typeColumn, "\(line)")
        }
        // An empty selection still prints the header.
        let empty = try h.wfl(["events", "--format", "table", "--type", "fund.registered"])
        #expect(empty.status == 0 && empty.lines.count == 1)
    }

    @Test(arguments: [
        ["events", "--from", "5", "--to", "2"], ["events", "--format", "xml"], ["events", "--limit", "-1"],
        ["events", "--from", "abc"], ["verify", "--digest", "12"],
        ["verify", "--digest", "0:" + String(repeating: "a", count: 64)],
        ["verify", "--digest", "3:xyz"], ["head", "--format", "yaml"], ["history"],
    ])
    func wrongUsageExits64(arguments: [String]) throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let result = try h.wfl(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderrText)")
    }

    @Test func historyMarksVoidsOnBothSides() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let table = try h.wfl(["history", "P-1"])
        #expect(table.status == 0, "\(table.stderrText)")
        let lines = table.lines
        try #require(lines.count == 6)
        #expect(lines[0].contains("4 events") && lines[0].contains("1 voided"))
        #expect(lines[1].hasPrefix("POSITION"))
        let enrolled = try #require(lines.first { $0.contains("enr-1") })
        #expect(enrolled.contains("VOIDED by pos 5"))
        let void = try #require(lines.first { $0.contains("void-1") })
        #expect(void.contains("voids pos 3"))
        let replacement = try #require(lines.first { $0.contains("enr-2") })
        #expect(!replacement.contains("VOIDED"))

        let jsonl = try h.wfl(["history", "P-1", "--format", "jsonl"])
        #expect(jsonl.status == 0)
        // The chained lines, the voided one marked with the void's position as one more member.
        let expected = try h.storedEvents().filter { $0.stream == "participant-P-1" }.map { event -> String in
            let line = String(decoding: event.exportLine, as: UTF8.self)
            return event.eventId == "enr-1" ? String(line.dropLast()) + #","voidedBy":5}"# : line
        }
        #expect(jsonl.lines == expected)
    }

    @Test func historyOfAnUnknownParticipantExits66() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let result = try h.wfl(["history", "P-404"])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("P-404"))
    }

    @Test func headPrintsTheDigestThatVerifyAccepts() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let head = try #require(try LedgerStore(directory: h.store, configuration: StoreConfiguration(mode: .readOnly)).head())
        let text = try h.wfl(["head"])
        #expect(text.status == 0)
        #expect(text.stdoutText == "\(head.position):\(head.hashHex)\n")
        let json = try h.wfl(["head", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect((object["position"] as? NSNumber)?.uint64Value == 8)
        #expect(object["hash"] as? String == head.hashHex)
        let verified = try h.wfl(["verify", "--digest", text.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(verified.status == 0)
        #expect(verified.stdoutText.hasPrefix("ok: 8 events, head 8:\(head.hashHex)"))
    }

    @Test func emptyLedgerHasHeadZeroAndNullHash() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        _ = try LedgerStore(directory: h.store)
        #expect(try h.wfl(["head"]).stdoutText == "0:\n")
        let json = try h.wfl(["head", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect((object["position"] as? NSNumber)?.intValue == 0)
        #expect(object["hash"] is NSNull)
        let verify = try h.wfl(["verify"])
        #expect(verify.status == 0 && verify.stdoutText == "ok: 0 events, empty ledger\n")
        #expect(try h.wfl(["events"]).stdout.isEmpty)
    }

    @Test func statusReportsHeadCountsStorageAndReaders() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let text = try h.wfl(["status"])
        #expect(text.status == 0, "\(text.stderrText)")
        for expected in ["head", "8:", "participant.enrolled", "data file", "map", "page size", "readers", "read models"] {
            #expect(text.stdoutText.contains(expected), "\(expected)")
        }
        let json = try h.wfl(["status", "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect((object["eventCount"] as? NSNumber)?.intValue == 8)
        let byType = try #require(object["eventsByType"] as? [String: NSNumber])
        #expect(byType["participant.enrolled"]?.intValue == 2)
        #expect(byType["participant.registered"]?.intValue == 2)
        let storage = try #require(object["storage"] as? [String: NSNumber])
        #expect((storage["pagesUsed"]?.intValue ?? 0) > 0)
        #expect((storage["mapPages"]?.intValue ?? 0) >= (storage["pagesUsed"]?.intValue ?? .max))
        #expect(
            (storage["dataFileBytes"]?.intValue ?? 0) == (storage["pagesUsed"]?.intValue ?? 0)
                * (storage["pageSizeBytes"]?.intValue ?? 0))
        let readers = try #require(object["readers"] as? [String: Any])
        #expect((readers["inUse"] as? NSNumber)?.intValue == 0)
        #expect(object["readModels"] is NSNull)
        let head = try #require(object["head"] as? [String: Any])
        #expect((head["position"] as? NSNumber)?.intValue == 8)
    }

    @Test func statusListsReadModelsItCannotReadWithoutInventingCheckpoints() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        try FileManager.default.createDirectory(atPath: h.store + "/readmodels/outcomes", withIntermediateDirectories: true)
        let json = try h.wfl(["status", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let models = try #require(object["readModels"] as? [[String: Any]])
        try #require(models.count == 1)
        #expect(models[0]["name"] as? String == "outcomes")
        #expect(models[0]["checkpoint"] is NSNull)
        #expect(models[0]["lag"] is NSNull)
    }

    @Test(arguments: [["events"], ["history", "P-1"], ["verify"], ["head"], ["status"], ["events", "--format", "table"]])
    func missingStoreExits66AndCreatesNothing(arguments: [String]) throws {
        let h = try WFLHarness()
        defer { h.remove() }
        let result = try h.wfl(arguments)
        #expect(result.status == 66, "\(arguments): \(result.stderrText)")
        #expect(!result.stderrText.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: h.store))
    }

    @Test func storeComesFromTheEnvironmentWhenNotGiven() throws {
        let h = try WFLHarness()
        defer { h.remove() }
        try h.populateSmallLedger()
        let result = try run(WFLHarness.wflPath, ["head"], environment: ["WFL_STORE": h.store])
        #expect(result.status == 0)
        #expect(result.stdoutText.hasPrefix("8:"))
    }

    @Test(arguments: ["events", "history", "verify", "head", "status"])
    func helpTeachesWithAnExample(command: String) throws {
        let result = try run(WFLHarness.wflPath, [command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("Example"))
        #expect(result.stdoutText.contains("--store"))
    }
}
