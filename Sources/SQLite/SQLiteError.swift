import CSQLite

/// A failure reported by SQLite: the result code, SQLite's message, and what we were doing.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// SQLite's (extended) result code, e.g. `SQLITE_CANTOPEN`.
    public let code: Int32
    /// SQLite's message (`sqlite3_errmsg`), or the code's text (`sqlite3_errstr`).
    public let message: String
    /// What was being done: `opening FILE`, `preparing SQL`, `inserting into TABLE`.
    public let context: String

    /// An error for `code` while doing `context`, with the message of `database` when given.
    init(code: Int32, context: String, database: OpaquePointer? = nil) {
        self.code = code
        self.context = context
        if let database, let text = sqlite3_errmsg(database) {
            message = String(cString: text)
        } else if let text = sqlite3_errstr(code) {
            message = String(cString: text)
        } else {
            message = "SQLite error \(code)"
        }
    }

    /// The primary result code (`SQLITE_CANTOPEN`, `SQLITE_FULL`, …) without the extended bits.
    public var primaryCode: Int32 { code & 0xFF }

    public var description: String { "\(context): \(message) (SQLite code \(code))" }
}
