import CLMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What an operator checks first about the storage under a ledger: how full the map is, how big the file is,
/// who is reading. Read with ``LedgerStore/status(clearingStaleReaders:)``.
public struct StoreStatus: Sendable, Equatable {
    /// Size of `data.mdb` on disk, in bytes.
    public var dataFileSize: UInt64
    /// The memory map's size in bytes: the most the file may grow to before the store enlarges the map.
    public var mapSize: Int
    /// LMDB's page size in bytes.
    public var pageSize: Int
    /// Pages the file uses up to its high-water mark (`me_last_pgno + 1`), free or not.
    public var pagesUsed: Int
    /// Pages on LMDB's free list: inside the file, reusable by later writes.
    public var freePages: Int
    /// How many pages the map can hold (`mapSize / pageSize`).
    public var mapPages: Int { pageSize > 0 ? mapSize / pageSize : 0 }
    /// Reader slots in the lock table.
    public var maxReaders: Int
    /// Reader slots held by live transactions or processes now; `nil` when the store was opened without a lock
    /// file (read-only media), where LMDB cannot see other readers.
    public var readersInUse: Int?
    /// Slots of dead processes that `mdb_reader_check` cleared for this status.
    public var staleReadersCleared: Int
    /// Entries per named database (`log`, `streams`, `eventIds`, `types`, `meta`, `state`).
    public var entries: [String: Int]

    /// The share of the map the file's pages take, 0…1.
    public var mapUse: Double { mapPages > 0 ? Double(pagesUsed) / Double(mapPages) : 0 }
}

extension LedgerStore {
    /// The store's storage status. With `clearingStaleReaders`, first frees reader slots left by dead processes
    /// (`mdb_reader_check`; it writes only to the lock file, never to the ledger's data).
    public func status(clearingStaleReaders: Bool = true) throws -> StoreStatus {
        var cleared = 0
        if clearingStaleReaders {
            do {
                cleared = try environment.clearStaleReaders()
            } catch {
                throw StoreError.storage(operation: "checking reader slots", error: error)
            }
        }
        let readersInUse: Int?
        do {
            readersInUse = try environment.activeReaderCount()
        } catch {
            throw StoreError.storage(operation: "listing readers", error: error)
        }
        let fileSize = Self.fileSize(directory + "/data.mdb")
        // Map size and last page come from a read transaction's snapshot so that they agree with each other.
        return try read { txn in
            let info: (mapSize: Int, lastPage: Int, pageSize: Int, maxReaders: Int, readers: Int)
            do throws(LMDBError) {
                info = try environment.info()
            } catch {
                throw StoreError.storage(operation: "reading the environment info", error: error)
            }
            var entries: [String: Int] = [:]
            let named: [(String, LMDBDatabase)] =
                [
                    ("log", databases.log), ("streams", databases.streams), ("eventIds", databases.eventIds),
                    ("types", databases.types), ("meta", databases.meta), ("state", databases.state),
                ] + (databases.merkle.map { [("merkle", $0)] } ?? [])
            for (name, db) in named {
                do throws(LMDBError) {
                    entries[name] = try txn.txn.entryCount(db)
                } catch {
                    throw StoreError.storage(operation: "counting the entries of \(name)", error: error)
                }
            }
            return StoreStatus(
                dataFileSize: fileSize, mapSize: info.mapSize, pageSize: info.pageSize, pagesUsed: info.lastPage + 1,
                freePages: try Self.freePageCount(txn.txn), maxReaders: info.maxReaders, readersInUse: readersInUse,
                staleReadersCleared: cleared, entries: entries)
        }
    }

    /// Pages recorded on the free list (database 0): each record is an ID list whose first word is its length,
    /// as `mdb_stat -f` counts them.
    private static func freePageCount(_ txn: LMDBTransaction) throws -> Int {
        let cursor: LMDBCursor
        do throws(LMDBError) {
            cursor = try txn.cursor(LMDBDatabase(dbi: 0))
        } catch {
            throw StoreError.storage(operation: "opening the free list", error: error)
        }
        defer { cursor.close() }
        var pages = 0
        var entry = try cursor.get(MDB_FIRST)
        while let (_, value) = entry {
            if value.count >= MemoryLayout<Int>.size {
                pages += value.loadUnaligned(as: Int.self)
            }
            entry = try cursor.get(MDB_NEXT)
        }
        return pages
    }

    private static func fileSize(_ path: String) -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return UInt64(info.st_size)
    }
}

extension LMDBEnvironment {
    /// Reader slots held now, counted from `mdb_reader_list`; `nil` when the environment has no lock table
    /// (`MDB_NOLOCK`, or a lock file on a read-only file system).
    func activeReaderCount() throws(LMDBError) -> Int? {
        final class Tally {
            var readers = 0
            var lockless = false
        }
        let tally = Tally()
        let rc = withExtendedLifetime(tally) {
            mdb_reader_list(
                handle,
                { message, context in
                    guard let message, let context else { return 0 }
                    let tally = Unmanaged<Tally>.fromOpaque(context).takeUnretainedValue()
                    let line = String(cString: message)
                    if line.hasPrefix("(no reader locks)") {
                        tally.lockless = true
                    } else if let first = line.first(where: { $0 != " " }), first.isNumber {
                        // Lines after the header name one slot each: "   pid   thread   txnid".
                        tally.readers += line.split(separator: "\n").count
                    }
                    return 0
                }, Unmanaged.passUnretained(tally).toOpaque())
        }
        // mdb_reader_list returns the callback's last result, or a negative value on its own failure.
        if rc < 0 { throw LMDBError(code: rc) }
        return tally.lockless ? nil : tally.readers
    }
}
