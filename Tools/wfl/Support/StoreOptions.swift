import ArgumentParser
import LedgerStore

#if canImport(Glibc)
    import Glibc
#endif

/// `--store DIR`, shared by every command: else `$WFL_STORE`, else `./ledger`; and `--no-lock` for readers.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $WFL_STORE, else ./ledger).", valueName: "DIR"))
    var store: String?

    @Flag(
        name: .customLong("no-lock"),
        help: """
            Read without reader locks, for a copy of a store that nobody writes (commands that only read). \
            Without it, a reader takes a slot in lock.mdb (it needs write access to that file), except on \
            read-only media.
            """)
    var noLock = false

    /// Refuses a store path that is not valid UTF-8 (in the arguments or `$WFL_STORE`) rather than letting it be
    /// replaced by another path: the arguments reach the parser already repaired with U+FFFD.
    func validate() throws {
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index], String(validatingCString: raw) == nil else { continue }
            throw ValidationError("argument \(index) is not valid UTF-8; store paths and arguments must be UTF-8.")
        }
        if store == nil, let env = getenv("WFL_STORE"), String(validatingCString: env) == nil {
            throw ValidationError("$WFL_STORE is not valid UTF-8; store paths must be UTF-8.")
        }
    }

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
            return try LedgerStore(directory: path, configuration: readingConfiguration)
        } catch {
            throw CLIFailure.from(error, path: path)
        }
    }

    /// The configuration of a write: the defaults, with the initial map size from `$WFL_INITIAL_MAP_SIZE` (bytes) when
    /// set, so that tests can make a batch fill the map and run again (the store grows the map by itself).
    static var writingConfiguration: StoreConfiguration {
        var configuration = StoreConfiguration(mode: .readWriteCreate)
        if let text = getenv("WFL_INITIAL_MAP_SIZE").flatMap({ String(validatingCString: $0) }), let size = Int(text),
            size >= 1 << 16
        {
            configuration.initialMapSize = size
        }
        return configuration
    }

    /// The configuration of a read-only open (`--no-lock` honoured).
    var readingConfiguration: StoreConfiguration {
        StoreConfiguration(mode: .readOnly, readWithoutLocks: noLock)
    }

    /// Runs `body` (a batch append) against the store opened for writing.
    ///
    /// A store that does not exist yet is built in a private sibling directory and moved into place with one
    /// `rename` only after `body` succeeded, so a refused first write leaves no store behind, and no other process
    /// ever sees a half-made one. If another process created the store meanwhile, the new directory is dropped and
    /// `body` runs again against that store (a batch append reads its input afresh and is idempotent).
    ///
    /// A store made now is announced on standard error (a write without `--store` makes `./ledger`), as a JSON
    /// object when `json` is set.
    func withStoreForWriting<R>(json: Bool = false, _ body: (LedgerStore) throws -> R) throws -> R {
        if !LedgerStore.isPlaceForNewStore(path) { return try body(try openForWriting()) }
        let staging = "\(path).creating-\(getpid())"
        let result: R
        do {
            let store = try LedgerStore(directory: staging, configuration: Self.writingConfiguration)
            result = try body(store)
        } catch let error as StoreError {
            LedgerStore.deleteStore(at: staging)
            // Name the store the user gave, not the sibling directory it was being built in.
            if case .cannotCreate(_, let reason) = error {
                throw CLIFailure.from(.cannotCreate(path: path, reason: reason), path: path)
            }
            if case .permissionDenied(_, let detail) = error {
                throw CLIFailure.from(.permissionDenied(path: path, detail: detail), path: path)
            }
            throw CLIFailure.from(error, path: path)
        } catch {
            LedgerStore.deleteStore(at: staging)
            throw error
        }
        if rename(staging, path) == 0 {
            Self.syncDirectory(containing: path)
            let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            let absolute = path.hasPrefix("/") ? path : Self.currentDirectory() + "/" + relative
            Notices.warn("new_store", "created a new ledger store at \(absolute)", json: json)
            return result
        }
        // Someone else made the store first (or `path` is in the way): append there instead.
        LedgerStore.deleteStore(at: staging)
        return try body(try openForWriting())
    }

    /// The working directory, for naming a relative store path in full ("." when it cannot be read).
    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
    func openForWriting(configuration: StoreConfiguration = Self.writingConfiguration) throws(CLIFailure) -> LedgerStore {
        do {
            var configuration = configuration
            configuration.mode = .readWriteCreate
            return try LedgerStore(directory: path, configuration: configuration)
        } catch .notAStore(let path, let reason) {
            throw CLIFailure("wfl: \(StoreError.notAStore(path: path, reason: reason))", code: Exit.cannotCreate)
        } catch {
            throw CLIFailure.from(error, path: path)
        }
    }
}

extension CLIFailure {
    /// Maps a store error to its message and exit code.
    static func from(_ error: StoreError, path: String) -> CLIFailure {
        switch error {
        case .storeNotFound, .notAStore: return CLIFailure("wfl: \(error)", code: Exit.noInput)
        case .cannotCreate: return CLIFailure("wfl: \(error)", code: Exit.cannotCreate)
        case .invalidArgument: return CLIFailure("wfl: \(error)", code: Exit.usage)
        default: return CLIFailure("wfl: \(error)", code: Exit.ioError)
        }
    }
}
