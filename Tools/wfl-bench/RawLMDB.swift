import CLMDB
import Crypto
import Foundation

/// The ceilings: the same bytes through LMDB's C API directly, with no product code in between.
enum RawLMDB {
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        let what: String
        var description: String { "\(what): \(String(cString: mdb_strerror(code)))" }
    }

    static func check(_ code: Int32, _ what: String) throws {
        if code != 0 { throw Failure(code: code, what: what) }
    }

    /// A fresh environment with one named database `log`.
    static func open(_ directory: String) throws -> (env: OpaquePointer, dbi: MDB_dbi) {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "env create")
        guard let env else { throw Failure(code: -1, what: "env create") }
        try check(mdb_env_set_maxdbs(env, 4), "maxdbs")
        try check(mdb_env_set_mapsize(env, 16 << 30), "mapsize")
        try check(mdb_env_open(env, directory, UInt32(MDB_NOTLS), 0o640), "env open")
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, 0, &txn), "txn begin")
        var dbi: MDB_dbi = 0
        try check(mdb_dbi_open(txn, "log", UInt32(MDB_CREATE), &dbi), "dbi open")
        try check(mdb_txn_commit(txn), "commit")
        return (env, dbi)
    }

    /// Puts one record under its position (8 bytes big-endian) with `MDB_APPEND`, as the store does.
    static func put(_ record: [UInt8], at position: UInt64, txn: OpaquePointer?, dbi: MDB_dbi) throws {
        var key = position.bigEndian
        let rc = withUnsafeMutableBytes(of: &key) { keyBytes in
            record.withUnsafeBytes { valueBytes in
                var k = MDB_val(mv_size: 8, mv_data: keyBytes.baseAddress)
                var v = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                return mdb_put(txn, dbi, &k, &v, UInt32(MDB_APPEND))
            }
        }
        try check(rc, "put")
    }

    /// Puts `records` (key = 1-based position, big-endian) in transactions of `batch`, durable commits.
    static func putLoop(_ records: [[UInt8]], batch: Int, directory: String) throws -> Double {
        let (env, dbi) = try open(directory)
        defer { mdb_env_close(env) }
        let clock = Stopwatch()
        var index = 0
        while index < records.count {
            var txn: OpaquePointer?
            try check(mdb_txn_begin(env, nil, 0, &txn), "txn begin")
            let end = min(records.count, index + batch)
            while index < end {
                try put(records[index], at: UInt64(index + 1), txn: txn, dbi: dbi)
                index += 1
            }
            try check(mdb_txn_commit(txn), "commit")
        }
        return clock.seconds
    }

    /// One record per durable transaction, `count` times: latency of each commit in milliseconds.
    static func singlePutLatencies(_ records: [[UInt8]], count: Int, directory: String) throws -> [Double] {
        let (env, dbi) = try open(directory)
        defer { mdb_env_close(env) }
        var latencies: [Double] = []
        for index in 0..<min(count, records.count) {
            let clock = Stopwatch()
            var txn: OpaquePointer?
            try check(mdb_txn_begin(env, nil, 0, &txn), "txn begin")
            try put(records[index], at: UInt64(index + 1), txn: txn, dbi: dbi)
            try check(mdb_txn_commit(txn), "commit")
            latencies.append(clock.seconds * 1000)
        }
        return latencies
    }

    /// Calls `body` with every value of a store's `log` database, in key order, in one read-only transaction of a
    /// read-only environment opened with LMDB's C API alone.
    static func forEachLogRecord(ofStore storeDirectory: String, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "env create")
        guard let env else { throw Failure(code: -1, what: "env create") }
        defer { mdb_env_close(env) }
        try check(mdb_env_set_maxdbs(env, 8), "maxdbs")
        try check(mdb_env_open(env, storeDirectory, UInt32(MDB_NOTLS | MDB_RDONLY), 0o640), "env open")
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "txn begin")
        defer { mdb_txn_abort(txn) }
        var dbi: MDB_dbi = 0
        try check(mdb_dbi_open(txn, "log", 0, &dbi), "dbi open")
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, dbi, &cursor), "cursor")
        defer { mdb_cursor_close(cursor) }
        var key = MDB_val()
        var value = MDB_val()
        var rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST)
        while rc == 0 {
            body(UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
            rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
        }
        if rc != MDB_NOTFOUND { try check(rc, "cursor") }
    }

    /// A cursor scan of the store's `log` database, touching every value's bytes; optionally SHA-256 chaining them
    /// (the ceiling of `verify`). Returns (events, seconds).
    static func scan(storeDirectory: String, hashing: Bool) throws -> (Int, Double) {
        var count = 0
        var checksum: UInt8 = 0
        var previous = [UInt8](repeating: 0, count: 32)
        let clock = Stopwatch()
        try forEachLogRecord(ofStore: storeDirectory) { bytes in
            if hashing {
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[32...]))
                previous = Array(hasher.finalize())
            } else {
                checksum &+= bytes[bytes.count - 1] &+ bytes[0]
            }
            count += 1
        }
        let seconds = clock.seconds
        if checksum == 1 && previous[0] == 2 { print("") }  // keep the loop's work observable
        return (count, seconds)
    }

    /// Every log record of a store (hash + canonical bytes), in position order: the bytes the raw loops put.
    static func records(ofStore storeDirectory: String) throws -> [[UInt8]] {
        var records: [[UInt8]] = []
        try forEachLogRecord(ofStore: storeDirectory) { records.append(Array($0)) }
        return records
    }
}
