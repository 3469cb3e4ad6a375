import CSQLite

/// A SQLite database file opened for writing, by one thread.
///
/// SQLite is built thread-safe on Debian; this wrapper is not `Sendable` all the same: one owner uses it.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?

    /// Opens (creating when missing) the database at `path`.
    public init(path: String) throws(SQLiteError) {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let db else {
            let error = SQLiteError(code: code, context: "opening \(path)", database: db)
            sqlite3_close_v2(db)
            throw error
        }
        sqlite3_extended_result_codes(db, 1)
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    /// Closes the database (statements must be finalized); later calls fail.
    public func close() throws(SQLiteError) {
        let code = sqlite3_close(handle)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, context: "closing the database", database: handle) }
        handle = nil
    }

    /// Runs `sql` (one or more statements without parameters).
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, context: "running \(sql.prefix(60))", database: handle)
        }
    }

    /// A prepared statement of `sql`.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(code: code, context: "preparing \(sql.prefix(60))", database: handle)
        }
        return SQLiteStatement(statement, database: handle)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<R>(_ body: () throws -> R) throws -> R {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // The body's error is the one to report; a failed ROLLBACK leaves the transaction to end with the
            // connection, which SQLite rolls back.
            try? execute("ROLLBACK")
            throw error
        }
    }
}

/// A value bound to a statement's parameter or stored in a column.
public enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null
}

/// A prepared statement: bind, step, reset, and finalized when released.
public final class SQLiteStatement {
    private let statement: OpaquePointer
    private let database: OpaquePointer?

    init(_ statement: OpaquePointer, database: OpaquePointer?) {
        self.statement = statement
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds `values` to parameters 1…n, runs the statement to completion, and resets it for the next row.
    public func run(_ values: [SQLiteValue]) throws(SQLiteError) {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let number): code = sqlite3_bind_int64(statement, index, number)
            case .real(let number): code = sqlite3_bind_double(statement, index, number)
            case .null: code = sqlite3_bind_null(statement, index)
            case .text(let text):
                let length = Int32(text.utf8.count)
                code = text.withCString { csqlite_bind_text_transient(statement, index, $0, length) }
            }
            guard code == SQLITE_OK else {
                throw SQLiteError(code: code, context: "binding parameter \(index)", database: database)
            }
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw SQLiteError(code: code, context: "running a statement", database: database)
        }
    }
}
