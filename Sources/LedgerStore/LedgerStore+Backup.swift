import CLMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LedgerStore {
    /// Writes a consistent, compacted copy of the store (`mdb_env_copy2` with `MDB_CP_COMPACT`: one read
    /// transaction's snapshot, free pages left out) into `directory`, which must not exist or be empty. Writers may
    /// go on meanwhile; the copy holds the log as it stood when the copy began. The read models are not copied
    /// (they are derived, and rebuilt from the copy on first use).
    ///
    /// The copy is written in a sibling directory (`<directory>.creating-<pid>`), flushed, and renamed into place:
    /// a failed backup (a full disk) leaves nothing behind.
    ///
    /// - Throws: ``StoreError/notAStore(path:reason:)`` when `directory` holds anything,
    ///   ``StoreError/cannotCreate(path:reason:)`` when the copy fails.
    public func backup(to directory: String) throws(StoreError) {
        guard Self.isPlaceForNewStore(directory) else {
            throw StoreError.notAStore(path: directory, reason: "a backup is written only to a new or empty directory")
        }
        let staging = "\(directory).creating-\(getpid())"
        func fail(_ code: Int32, _ what: String) -> StoreError {
            unlink(staging + "/data.mdb")
            rmdir(staging)
            return StoreError.cannotCreate(path: directory, reason: "\(what): \(LMDBError(code: code))")
        }
        guard mkdir(staging, 0o750) == 0 else { throw fail(errno, "making \(staging)") }
        let result = mdb_env_copy2(environment.handle, staging, UInt32(MDB_CP_COMPACT))
        guard result == MDB_SUCCESS else { throw fail(result, "copying the store") }
        chmod(staging + "/data.mdb", 0o640)
        let fd = open(staging + "/data.mdb", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail(errno, "opening the copy") }
        let synced = fsync(fd)
        let syncError = errno
        close(fd)
        guard synced == 0 else { throw fail(syncError, "flushing the copy") }
        guard rename(staging, directory) == 0 else { throw fail(errno, "renaming \(staging) to \(directory)") }
    }
}
