#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What is at an environment's directory before LMDB is asked to open it, checked with plain system calls so that
/// a damaged file is refused with a precise error instead of being mapped (a file shorter than its pages ends in
/// `SIGBUS` on the first read past its end) or silently started again (LMDB initialises an empty `data.mdb`).
///
/// A store is a directory holding `data.mdb`, an LMDB environment whose file is as long as its newest meta page
/// says. A directory becomes a new store only when it does not exist or is empty.
enum EnvironmentFiles {
    /// The state of an environment's directory.
    enum State: Equatable {
        /// Neither the directory nor anything in it exists.
        case absent
        /// The directory exists and is empty: a new environment may be made in it.
        case empty
        /// `data.mdb` exists (its contents still to be checked).
        case present
        /// The directory holds other files but no `data.mdb`.
        case foreign(entries: [String])
    }

    /// Looks at `directory` without opening anything in it for writing.
    ///
    /// - Throws: ``StoreError/permissionDenied(path:detail:)`` when the directory cannot be searched or listed,
    ///   ``StoreError/storage(operation:error:)`` for other failures.
    static func state(of directory: String) throws(StoreError) -> State {
        var info = stat()
        if stat(directory + "/data.mdb", &info) == 0 { return .present }
        let dataError = errno
        if dataError == EACCES {
            throw StoreError.permissionDenied(path: directory, detail: "cannot look into the directory (\(describe(EACCES)))")
        }
        if stat(directory, &info) != 0 {
            let directoryError = errno
            if directoryError == ENOENT { return .absent }
            if directoryError == EACCES {
                throw StoreError.permissionDenied(path: directory, detail: "cannot reach the directory (\(describe(EACCES)))")
            }
            throw StoreError.storage(operation: "looking at \(directory)", error: LMDBError(code: directoryError))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            return .foreign(entries: [])
        }
        guard let handle = opendir(directory) else {
            let listError = errno
            if listError == EACCES {
                throw StoreError.permissionDenied(path: directory, detail: "cannot list the directory (\(describe(EACCES)))")
            }
            throw StoreError.storage(operation: "listing \(directory)", error: LMDBError(code: listError))
        }
        defer { closedir(handle) }
        var entries: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { entries.append(name) }
        }
        return entries.isEmpty ? .empty : .foreign(entries: entries.sorted())
    }

    /// Checks that `data.mdb` in `directory` is an LMDB file at least as long as its newest meta page says
    /// (last page number + 1 pages of the recorded page size).
    ///
    /// - Throws: ``StoreError/damaged(path:reason:)`` for an empty, short or unrecognisable file,
    ///   ``StoreError/permissionDenied(path:detail:)`` when it cannot be read.
    static func checkDataFile(in directory: String) throws(StoreError) {
        let path = directory + "/data.mdb"
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let error = errno
            if error == EACCES {
                throw StoreError.permissionDenied(path: directory, detail: "cannot read data.mdb (\(describe(EACCES)))")
            }
            throw StoreError.storage(operation: "opening \(path)", error: LMDBError(code: error))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw StoreError.storage(operation: "reading the size of \(path)", error: LMDBError(code: errno))
        }
        let fileSize = UInt64(info.st_size)
        if fileSize == 0 {
            throw StoreError.damaged(
                path: directory,
                reason: "data.mdb is empty: the data file was emptied or replaced, and the history it held is not there")
        }
        let first = try MetaPage.read(fd, offset: 0, path: directory)
        // The second meta page sits one page further; its page size is the first's (both record the same).
        var newest = first
        if let pageSize = first?.pageSize, fileSize >= UInt64(2 * pageSize),
            let second = try MetaPage.read(fd, offset: off_t(pageSize), path: directory)
        {
            if newest == nil || second.transaction > newest?.transaction ?? 0 { newest = second }
        }
        guard let meta = newest else {
            throw StoreError.damaged(
                path: directory, reason: "data.mdb (\(fileSize) bytes) does not start with an LMDB meta page")
        }
        // The size to compare is taken after the meta pages were read: a writer in another process may commit
        // in between, and LMDB writes a transaction's pages (growing the file) before its meta page, so a size read
        // after the meta is always at least what that meta needs, unless the file was cut short.
        guard fstat(fd, &info) == 0 else {
            throw StoreError.storage(operation: "reading the size of \(path)", error: LMDBError(code: errno))
        }
        let sizeAfterMeta = UInt64(info.st_size)
        let needed = (meta.lastPage + 1) * UInt64(meta.pageSize)
        if sizeAfterMeta < needed {
            throw StoreError.damaged(
                path: directory,
                reason: "data.mdb is \(sizeAfterMeta) bytes but its meta page says it holds \(meta.lastPage + 1) pages of "
                    + "\(meta.pageSize) bytes (\(needed) bytes): the file was truncated")
        }
    }

    /// `true` when `directory` lies on a file system mounted read-only (`ST_RDONLY`): nobody can write there.
    static func isOnReadOnlyMedia(_ directory: String) -> Bool {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return false }
        return info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// `true` when the file system holding `directory` has (nearly) no space left for an ordinary user: a short
    /// write there means a full disk, which LMDB reports as an I/O error.
    static func isFull(_ directory: String) -> Bool {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 20
    }

    /// The bytes LMDB's lock file takes for 126 reader slots (`MDB_txninfo`, 192 bytes, plus 125 more 64-byte
    /// `MDB_reader` slots).
    static let lockFileSize = 8_192

    /// Creates `lock.mdb` with its blocks allocated (`posix_fallocate`) when it does not exist yet. LMDB extends
    /// a new lock file with `ftruncate` and writes it through a shared map: on a full file system the first write
    /// into a page that has no block ends in `SIGBUS`. Allocated here, a full disk is an error (`ENOSPC`) instead.
    static func preallocateLockFile(in directory: String) throws(StoreError) {
        let path = directory + "/lock.mdb"
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            let error = errno
            if error == EEXIST || error == EACCES || error == EROFS { return }  // LMDB reports these itself
            throw StoreError.storage(operation: "creating \(path)", error: LMDBError(code: error))
        }
        let result = posix_fallocate(fd, 0, off_t(lockFileSize))
        close(fd)
        if result != 0 && result != EOPNOTSUPP && result != EINVAL {
            unlink(path)
            throw StoreError.storage(operation: "creating \(path)", error: LMDBError(code: result))
        }
    }

    /// `strerror(code)`.
    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// The fields of an LMDB meta page (`MDB_meta` after the 16-byte page header) that say how long the file is.
struct MetaPage {
    /// The page size (`mm_dbs[FREE_DBI].md_pad`).
    var pageSize: Int
    /// The last page number in use (`mm_last_pg`).
    var lastPage: UInt64
    /// The transaction that wrote this meta page (`mm_txnid`); the newer of the two meta pages is current.
    var transaction: UInt64

    /// `MDB_MAGIC`.
    static let magic: UInt32 = 0xBEEF_C0DE
    /// Offsets (64-bit builds): page header 16, magic 16, version 20, address 24, mapsize 32, the free DB's
    /// `md_pad` 40, the two `MDB_db` of 48 bytes each from 40, `mm_last_pg` 136, `mm_txnid` 144.
    static let headerBytes = 152

    /// Reads the meta page at `offset`; `nil` when the bytes there are not a meta page of LMDB's data version.
    static func read(_ fd: Int32, offset: off_t, path: String) throws(StoreError) -> MetaPage? {
        var bytes = [UInt8](repeating: 0, count: headerBytes)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, headerBytes, offset) }
        if count < 0 {
            throw StoreError.storage(operation: "reading the meta page of \(path)/data.mdb", error: LMDBError(code: errno))
        }
        guard count == headerBytes else { return nil }
        func integer(_ at: Int, _ width: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in (at..<at + width).reversed() { value = value << 8 | UInt64(bytes[index]) }
            return value
        }
        guard UInt32(integer(16, 4)) == magic, integer(20, 4) == 1 else { return nil }
        let pageSize = Int(integer(40, 4))
        // LMDB's page sizes are powers of two from 512 bytes to 64 KiB.
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else { return nil }
        return MetaPage(pageSize: pageSize, lastPage: integer(136, 8), transaction: integer(144, 8))
    }
}
