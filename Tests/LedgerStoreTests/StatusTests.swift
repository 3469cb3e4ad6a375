import Foundation
import LedgerStore
import TestSupport
import Testing

/// `LedgerStore.status()`, paged index reads and export lines from views.
@Suite struct StatusTests {
    @Test func statusReportsMapPagesEntriesAndReaders() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"), configuration: StoreConfiguration(initialMapSize: 32 << 20))
        let empty = try store.status()
        #expect(empty.entries["log"] == 0)
        _ = try store.append((0..<500).map { proposed("e\($0)", stream: "s-\($0 % 7)") }, rules: { StreamNamedRules() })
        let status = try store.status()
        #expect(status.entries["log"] == 500)
        #expect(status.entries["eventIds"] == 500)
        #expect(status.entries["streams"] == 500)
        #expect(status.entries["types"] == 500)
        #expect(status.mapSize == 32 << 20)
        #expect(status.pageSize >= 512)
        #expect(status.mapPages == status.mapSize / status.pageSize)
        #expect(status.pagesUsed > empty.pagesUsed)
        #expect(status.pagesUsed <= status.mapPages)
        #expect(status.freePages >= 0 && status.freePages < status.pagesUsed)
        #expect(status.dataFileSize == UInt64(status.pagesUsed * status.pageSize))
        #expect(status.mapUse > 0 && status.mapUse < 1)
        #expect(status.maxReaders == 126)
        #expect(status.readersInUse == 0)
        #expect(status.staleReadersCleared == 0)
    }

    @Test func anOpenReadTransactionHoldsAReaderSlot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        _ = try store.append([proposed("a")], rules: { StreamNamedRules() })
        let other = try LedgerStore(directory: dir.child("ledger"), configuration: StoreConfiguration(mode: .readOnly))
        try other.read { _ throws in
            #expect(try store.status().readersInUse == 1)
        }
        #expect(try store.status().readersInUse == 0)
    }

    @Test func pagedIndexReadsMatchTheWholeReads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        var events = (0..<100).map { proposed("e\($0)", stream: $0 % 2 == 0 ? "even" : "odd", type: $0 % 3 == 0 ? "a.x" : "b.y") }
        // A stream whose name extends another's must not leak into its pages.
        events.append(proposed("z", stream: "even-more", type: "a.xx"))
        _ = try store.append(events, rules: { StreamNamedRules() })
        try store.read { txn in
            let stream = try txn.positions(inStream: "even")
            var paged: [UInt64] = []
            var version: UInt64 = 1
            while true {
                let page = try txn.positions(inStream: "even", fromVersion: version, limit: 7)
                paged += page
                if page.count < 7 { break }
                version += 7
            }
            #expect(paged == stream)
            #expect(stream.count == 50)
            let typed = try txn.positions(ofType: "a.x")
            #expect(try txn.positions(ofType: "a.x", from: 1, limit: 1000) == typed)
            #expect(try txn.positions(ofType: "a.x", from: 10, limit: 3) == Array(typed.filter { $0 >= 10 }.prefix(3)))
            #expect(try txn.positions(ofType: "a.x", from: 1, limit: 0) == [])
            #expect(try txn.positions(inStream: "nope", fromVersion: 1, limit: 5) == [])
        }
    }

    @Test func exportLineFromAViewEqualsTheCopiedEventsExportLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LedgerStore(directory: dir.child("ledger"))
        _ = try store.append([proposed("a"), proposed("b-\u{e9}", data: #"{"s":"q\"\n"}"#)], rules: { StreamNamedRules() })
        try store.forEachEvent { view in
            var line: [UInt8] = []
            view.appendExportLine(to: &line)
            #expect(line == StoredEvent(view).exportLine + [UInt8(ascii: "\n")])
            return true
        }
    }
}
