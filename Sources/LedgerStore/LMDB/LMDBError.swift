import CLMDB

/// An error returned by LMDB: the C result code and its message from `mdb_strerror`.
///
/// A struct rather than an enum, so that a code this wrapper does not name never breaks a caller.
/// Match named codes with `catch LMDBError.mapFull` (see ``~=(_:_:)``).
public struct LMDBError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C result code (an `MDB_*` constant or an `errno` value).
    public let code: Int32

    /// Wraps an LMDB result code or an `errno` value.
    public init(code: Int32) { self.code = code }

    /// "Key/data pair already exists" (`MDB_KEYEXIST`).
    public static let keyExists = LMDBError(code: MDB_KEYEXIST)
    /// "Key/data pair not found" (`MDB_NOTFOUND`).
    public static let notFound = LMDBError(code: MDB_NOTFOUND)
    /// "Environment mapsize limit reached" (`MDB_MAP_FULL`).
    public static let mapFull = LMDBError(code: MDB_MAP_FULL)
    /// "Database contents grew beyond environment mapsize" (`MDB_MAP_RESIZED`): another process grew the map.
    public static let mapResized = LMDBError(code: MDB_MAP_RESIZED)
    /// "Transaction has too many dirty pages" (`MDB_TXN_FULL`).
    public static let transactionFull = LMDBError(code: MDB_TXN_FULL)
    /// "Environment maxreaders limit reached" (`MDB_READERS_FULL`).
    public static let readersFull = LMDBError(code: MDB_READERS_FULL)
    /// "Located page was wrong type" / "Database environment version mismatch" / invalid file (`MDB_INVALID`).
    public static let invalid = LMDBError(code: MDB_INVALID)
    /// "Unsupported size of key/DB name/data, or wrong DUPFIXED size" (`MDB_BAD_VALSIZE`).
    public static let badValueSize = LMDBError(code: MDB_BAD_VALSIZE)
    /// "Environment maxdbs limit reached" (`MDB_DBS_FULL`).
    public static let databasesFull = LMDBError(code: MDB_DBS_FULL)
    /// "Located page was wrong type" (`MDB_CORRUPTED`).
    public static let corrupted = LMDBError(code: MDB_CORRUPTED)
    /// No such file or directory (`ENOENT`).
    public static let noEntry = LMDBError(code: 2)
    /// Permission denied (`EACCES`).
    public static let accessDenied = LMDBError(code: 13)
    /// Read-only file system (`EROFS`).
    public static let readOnlyFileSystem = LMDBError(code: 30)

    /// The message of `mdb_strerror`.
    public var description: String {
        guard let message = mdb_strerror(code) else { return "LMDB error \(code)" }
        return "\(String(cString: message)) (LMDB code \(code))"
    }

    /// Lets callers write `catch LMDBError.mapFull`.
    public static func ~= (pattern: LMDBError, error: any Error) -> Bool {
        (error as? LMDBError)?.code == pattern.code
    }

    /// Throws an `LMDBError` when `code` is not `MDB_SUCCESS`.
    @inline(__always)
    static func check(_ code: Int32) throws(LMDBError) {
        if code != MDB_SUCCESS { throw LMDBError(code: code) }
    }
}
