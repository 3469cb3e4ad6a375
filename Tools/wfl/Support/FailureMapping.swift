import LedgerStore

extension CLIFailure {
    /// Maps any error met while using the store to its message and exit code: a failure already mapped stays as it
    /// is, store errors map as ``from(_:path:)`` does, and anything else (LMDB errors, read-model errors) is an I/O or
    /// storage failure (74), worded by `otherwise`.
    static func mapping(
        _ error: any Error, path: String, otherwise message: (any Error) -> String = { "wfl: \($0)" }
    ) -> CLIFailure {
        switch error {
        case let failure as CLIFailure: return failure
        case let storeError as StoreError: return from(storeError, path: path)
        default: return CLIFailure(message(error), code: Exit.ioError)
        }
    }

    /// ``mapping(_:path:otherwise:)`` for an error met while reading the store: anything else "reading … failed".
    static func reading(_ error: any Error, path: String) -> CLIFailure {
        mapping(error, path: path) { "wfl: reading \(path) failed: \($0)" }
    }
}
