import Foundation
import LedgerStore
import TestSupport
import Testing

@Suite struct KeyValueEnvironmentTests {
    @Test func putGetDeletePrefixScanAndReverse() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let env = try KeyValueEnvironment(directory: dir.child("kv"), tables: ["a", "b"])
        try env.write { txn in
            let a = try txn.table("a")
            for key in ["x1", "x2", "y1"] { try txn.put(Array(key.utf8), Array("v-\(key)".utf8), in: a) }
            try txn.put(Array("x1".utf8), Array("other".utf8), in: txn.table("b"))
        }
        try env.read { txn throws in
            let a = try txn.table("a")
            #expect(try txn.get(Array("x2".utf8), in: a) == Array("v-x2".utf8))
            #expect(try txn.get(Array("zz".utf8), in: a) == nil)
            var keys: [String] = []
            try txn.forEach(withPrefix: Array("x".utf8), in: a) { key, _ in
                keys.append(String(decoding: key, as: UTF8.self))
                return true
            }
            #expect(keys == ["x1", "x2"])
            var reversed: [String] = []
            try txn.forEachReversed(in: a) { key, _ in
                reversed.append(String(decoding: key, as: UTF8.self))
                return true
            }
            #expect(reversed == ["y1", "x2", "x1"])
            #expect(try txn.get(Array("x1".utf8), in: txn.table("b")) == Array("other".utf8))
            #expect(throws: StoreError.self) { try txn.put([1], [2], in: a) }
        }
        try env.write { txn throws in
            #expect(try txn.delete(Array("x1".utf8), in: txn.table("a")))
            #expect(try !txn.delete(Array("x1".utf8), in: txn.table("a")))
            try txn.removeAll(in: txn.table("b"))
        }
        try env.read { txn throws in
            #expect(try txn.count(in: txn.table("a")) == 2)
            #expect(try txn.count(in: txn.table("b")) == 0)
        }
    }

    @Test func aThrowAbortsTheWholeTransaction() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let env = try KeyValueEnvironment(directory: dir.child("kv"), tables: ["t"])
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try env.write { txn in
                try txn.put([1], [1], in: txn.table("t"))
                throw Stop()
            }
        }
        #expect(try env.read { try $0.get([1], in: $0.table("t")) } == nil)
    }

    @Test func growsTheMapWhenFull() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let env = try KeyValueEnvironment(directory: dir.child("kv"), tables: ["t"], initialMapSize: 1 << 20)
        let value = [UInt8](repeating: 7, count: 4096)
        var runs = 0
        try env.write { txn in
            runs += 1
            let table = try txn.table("t")
            for key in 0..<2_000 { try txn.put(Array(String(key).utf8), value, in: table) }
        }
        #expect(runs > 1)
        #expect(try env.mapSize() > 1 << 20)
        #expect(try env.read { try $0.count(in: $0.table("t")) } == 2_000)
    }

    @Test func readOnlyOpenReadsAndRefusesWrites() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        do {
            let env = try KeyValueEnvironment(directory: dir.child("kv"), tables: ["t"])
            try env.write { try $0.put([1], [9], in: $0.table("t")) }
        }
        let reader = try KeyValueEnvironment(directory: dir.child("kv"), tables: ["t"], readOnly: true)
        #expect(try reader.read { try $0.get([1], in: $0.table("t")) } == [9])
        #expect(throws: StoreError.readOnly) { try reader.write { _ in } }
        #expect(throws: StoreError.self) {
            _ = try KeyValueEnvironment(directory: dir.child("none"), tables: ["t"], readOnly: true)
        }
    }
}
