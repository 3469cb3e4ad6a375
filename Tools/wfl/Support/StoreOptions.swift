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
        var chosen = "./ledger"
        if let store {
            chosen = store
        } else if let env = getenv("WFL_STORE"), let value = String(validatingCString: env), !value.isEmpty {
            chosen = value
        }
        // `ledger/` names the same directory as `ledger`; without the slash, sibling paths (a new store is built
        // beside its final place) stay siblings.
        while chosen.count > 1, chosen.hasSuffix("/") { chosen.removeLast() }
        return chosen
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

    /// Runs `body` (a batch append) against the store opened for writing.
    ///
    /// A store that does not exist yet is built in a private sibling directory and moved into place with one
    /// `rename` only after `body` succeeded, so a refused first write leaves no store behind, and no other process
    /// ever sees a half-made one. If another process created the store meanwhile, the new directory is dropped and
    /// `body` runs again against that store (a batch append reads its input afresh and is idempotent).
    func withStoreForWriting<R>(_ body: (LedgerStore) throws -> R) throws -> R {
        if storeExists { return try body(try openForWriting()) }
        let staging = "\(path).creating-\(getpid())"
        let result: R
        do {
            let store = try LedgerStore(directory: staging, configuration: StoreConfiguration(mode: .readWriteCreate))
            result = try body(store)
        } catch let error as StoreError {
            LedgerStore.deleteStore(at: staging)
            // Name the store the user gave, not the sibling directory it was being built in.
            if case .cannotCreate(_, let reason) = error {
                throw CLIFailure.from(.cannotCreate(path: path, reason: reason), path: path)
            }
            throw CLIFailure.from(error, path: path)
        } catch {
            LedgerStore.deleteStore(at: staging)
            throw error
        }
        if rename(staging, path) == 0 {
            Self.syncDirectory(containing: path)
            return result
        }
        // Someone else made the store first (or `path` is in the way): append there instead.
        LedgerStore.deleteStore(at: staging)
        return try body(try openForWriting())
    }

    /// Flushes the directory entry of `path` (its parent directory) so that a rename survives a crash.
    private static func syncDirectory(containing path: String) {
        let parent = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let fd = open(parent.isEmpty ? "/" : parent, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
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
