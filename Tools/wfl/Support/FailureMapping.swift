import LedgerStore

extension CLIFailure {
    /// Maps any error met while reading or writing the store to its message and exit code: store errors as
    /// ``from(_:path:)`` does, LMDB errors and anything else as an I/O or storage failure (74).
    static func reading(_ error: any Error, path: String) -> CLIFailure {
        switch error {
        case let failure as CLIFailure: return failure
        case let storeError as StoreError: return from(storeError, path: path)
        default: return CLIFailure("wfl: reading \(path) failed: \(error)", code: Exit.ioError)
        }
    }
}
