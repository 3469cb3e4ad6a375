import LedgerStore

#if canImport(Glibc)
    import Glibc
#endif

/// Puts newly built read models in place of the stored ones without ever reading the stored ones: they are built in
/// a private sibling directory (`<dir>.rebuilding-<pid>-<n>`) and swapped in with one atomic exchange of the two
/// directories (`renameat2(RENAME_EXCHANGE)`), then the old files are deleted. A process that has the old read models
/// open keeps reading (and may even extend) its own, now unlinked, files; every later open sees the new ones.
enum ReadModelInstaller {
    /// Builds new read models with `build` and installs them at `directory`; returns them opened there.
    static func replace(_ directory: String, build: (KeyValueEnvironment) throws -> Void) throws -> KeyValueEnvironment {
        let sibling = "\(directory).rebuilding-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            do {
                let fresh = try KeyValueEnvironment(directory: sibling, tables: ReadModelCatalog.tables)
                try build(fresh)
            }  // closed here, before the exchange
            try install(sibling, at: directory)
        } catch {
            LedgerStore.deleteStore(at: sibling)
            throw error
        }
        return try KeyValueEnvironment(directory: directory, tables: ReadModelCatalog.tables, mustExist: true)
    }

    /// Moves the directory `built` to `directory`, replacing what is there.
    private static func install(_ built: String, at directory: String) throws {
        for _ in 0..<8 {
            if exchange(built, directory) == 0 {
                LedgerStore.deleteStore(at: built)  // now the old read models
                return
            }
            let failure = errno
            if failure == ENOENT {
                if rename(built, directory) == 0 { return }
                if errno == ENOTEMPTY || errno == EEXIST { continue }  // another process installed some meanwhile
                throw installFailure(directory, errno)
            }
            guard failure == EINVAL || failure == ENOSYS else { throw installFailure(directory, failure) }
            // No atomic exchange on this file system: move the old ones aside, then the new ones in.
            let old = "\(directory).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            if rename(directory, old) != 0, errno != ENOENT { throw installFailure(directory, errno) }
            LedgerStore.deleteStore(at: old)
            if rename(built, directory) == 0 { return }
            if errno != ENOTEMPTY && errno != EEXIST { throw installFailure(directory, errno) }
        }
        throw installFailure(directory, EBUSY)
    }

    private static func installFailure(_ directory: String, _ code: Int32) -> StoreError {
        .storage(operation: "installing the rebuilt read models at \(directory)", error: LMDBError(code: code))
    }

    /// `renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)`: 0, or -1 with `errno` set (`ENOSYS` without it).
    ///
    /// Glibc declares `renameat2` only for `_GNU_SOURCE`, which the Swift module does not see: looked up by name.
    private static func exchange(_ a: String, _ b: String) -> Int32 {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else {
            errno = ENOSYS
            return -1
        }
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE, <linux/fs.h>
        return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, a, AT_FDCWD, b, renameExchange)
    }
}
