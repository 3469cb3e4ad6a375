import ArgumentParser
import LedgerStore
#if canImport(Glibc)
import Glibc
#endif

/// `--store DIR`, shared by every command: else `$WFL_STORE`, else `./ledger`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $WFL_STORE, else ./ledger).", valueName: "DIR"))
    var store: String?

    /// The directory the command works on.
    var path: String {
        if let store { return store }
        if let env = getenv("WFL_STORE"), let value = String(validatingCString: env), !value.isEmpty { return value }
        return "./ledger"
    }

    /// Opens the store read-only, for commands that only read. Missing store: exit 66.
    func openForReading() throws(CLIFailure) -> LedgerStore {
        do {
            return try LedgerStore(directory: path, configuration: StoreConfiguration(mode: .readOnly))
        } catch {
            throw CLIFailure.from(error, path: path)
        }
    }

    /// `true` when the directory already holds a store (its `data.mdb`).
    var storeExists: Bool { access(path + "/data.mdb", F_OK) == 0 }

    /// Removes a store this command created and that holds no event: its two files and, when empty, the directory.
    func removeEmptyStore(_ store: LedgerStore) {
        // Some other writer may have appended meanwhile: keep the store then (and when in doubt).
        guard case .some(.none) = try? store.head() else { return }
        unlink(path + "/data.mdb")
        unlink(path + "/lock.mdb")
        rmdir(path)
    }

    /// Opens the store for writing, creating it when missing (exit 73 when that fails).
    func openForWriting(configuration: StoreConfiguration = StoreConfiguration()) throws(CLIFailure) -> LedgerStore {
        do {
            var configuration = configuration
            configuration.mode = .readWriteCreate
            return try LedgerStore(directory: path, configuration: configuration)
        } catch {
            throw CLIFailure.from(error, path: path)
        }
    }
}

extension CLIFailure {
    /// Maps a store error to its message and exit code.
    static func from(_ error: StoreError, path: String) -> CLIFailure {
        switch error {
        case .storeNotFound: return CLIFailure("wfl: \(error)", code: Exit.noInput)
        case .cannotCreate: return CLIFailure("wfl: \(error)", code: Exit.cannotCreate)
        case .invalidArgument: return CLIFailure("wfl: \(error)", code: Exit.usage)
        default: return CLIFailure("wfl: \(error)", code: Exit.ioError)
        }
    }
}
