import ArgumentParser
import LedgerStore
import WorkforceEvents

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// `wfl import`: a JSONL batch, atomically.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Append a JSONL batch of events atomically: every event lands or none does.",
        discussion: """
            FILE holds one event per line (JSON Lines), as for `wfl append`; blank lines are skipped. Without \
            FILE, or with -, the batch is read from standard input. Events are checked in order, each against \
            the ledger and the lines before it. If any line is refused, nothing is written and every refused line \
            is reported on standard error (`line 12: /data/programId: program PRG-07 is full (24 of 24 seats \
            taken) [program_full]`, or one JSON object per line with --format json). Re-importing a batch that is \
            already stored is a no-op: its events are skipped as duplicates.

            Prints a summary: events appended, duplicates skipped, first and last position (JSON with \
            --format json). Progress goes to standard error when it is a terminal. A batch of millions of events \
            is fine: the input is streamed, and memory does not grow with it.

            Exit codes: 0 success; 64 usage; 65 rejected input; 66 FILE not found; 73 store cannot be created; \
            74 I/O or storage failure.

            Example:
              $ wfl import events.jsonl
              appended 14 events, skipped 0 duplicates, positions 1-14
              $ gunzip -c history.jsonl.gz | wfl import --format json
              {"appended":1000000,"duplicates":0,"firstPosition":15,
               "lastPosition":1000014,"head":"1000014:9f86d08…"}
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "text (the default) or json, for the summary and the errors.")
    var format: WriteFormat = .text

    @Argument(help: ArgumentHelp("The JSONL file (default, or -: standard input).", valueName: "FILE"))
    var file: String?

    func run() throws {
        let source: ImportSource
        do { source = try ImportSource.open(file) } catch { error.exit() }
        defer { source.close() }
        let showProgress = Output.stderrIsTerminal
        let summary: WriteSummary
        do {
            summary = try storeOptions.withStoreForWriting { store in
                try LedgerWriter(store: store).append(
                    progress: showProgress ? { Self.progress("\rimporting: \($0) lines read") } : nil
                ) { try source.reader() }
            }
        } catch let failure as CLIFailure {
            if showProgress { Self.progress("\r\u{1B}[K") }
            failure.exit()
        } catch let error as LedgerWriteError {
            if showProgress { Self.progress("\r\u{1B}[K") }
            WriteReporting.fail(error, format: format)
        } catch {
            if showProgress { Self.progress("\r\u{1B}[K") }
            CLIFailure("wfl: \(error)", code: Exit.ioError).exit()
        }
        if showProgress { Self.progress("\r\u{1B}[K") }
        switch format {
        case .text:
            var text =
                "appended \(summary.appended) event\(summary.appended == 1 ? "" : "s"), "
                + "skipped \(summary.duplicates) duplicate\(summary.duplicates == 1 ? "" : "s")"
            if let first = summary.firstPosition, let last = summary.lastPosition {
                text += first == last ? ", position \(first)" : ", positions \(first)-\(last)"
            }
            Output.line(text)
        case .json:
            let first = summary.firstPosition.map(String.init) ?? "null"
            let last = summary.lastPosition.map(String.init) ?? "null"
            let head = summary.head.map { WriteReporting.quoted($0.description) } ?? "null"
            Output.line(
                "{\"appended\":\(summary.appended),\"duplicates\":\(summary.duplicates),"
                    + "\"firstPosition\":\(first),\"lastPosition\":\(last),\"head\":\(head)}")
        }
        Output.flush()
    }
}

extension ImportCommand {
    /// Writes a self-rewriting progress line to stderr (only called when stderr is a terminal).
    static func progress(_ text: String) {
        fputs(text, stderr)
        fflush(stderr)
    }
}

/// The batch's bytes as a re-readable file: the named file, or standard input (spooled to an unlinked
/// temporary file unless it already is a regular file).
struct ImportSource {
    let fd: Int32
    let startOffset: off_t
    let ownsDescriptor: Bool

    static func open(_ path: String?) throws(CLIFailure) -> ImportSource {
        if let path, path != "-" {
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                throw CLIFailure("wfl: cannot open \(path): \(reason)", code: Exit.noInput)
            }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                Glibc.close(fd)
                throw CLIFailure("wfl: \(path) is a directory, not a JSONL file", code: Exit.noInput)
            }
            return ImportSource(fd: fd, startOffset: 0, ownsDescriptor: true)
        }
        var info = stat()
        if fstat(0, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            let offset = lseek(0, 0, SEEK_CUR)
            if offset >= 0 { return ImportSource(fd: 0, startOffset: offset, ownsDescriptor: false) }
        }
        return try spoolStandardInput()
    }

    /// Copies standard input to an unlinked temporary file, so the batch can be read again.
    static func spoolStandardInput() throws(CLIFailure) -> ImportSource {
        let directory = getenv("TMPDIR").flatMap { String(validatingCString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/wfl-import-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CLIFailure(
                "wfl: cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))", code: Exit.ioError)
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let chunkSize = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(0, buffer, chunkSize)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                Glibc.close(fd)
                throw CLIFailure("wfl: cannot read standard input: \(reason)", code: Exit.ioError)
            }
            var written = 0
            while written < count {
                let result = write(fd, buffer + written, count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    Glibc.close(fd)
                    throw CLIFailure("wfl: cannot spool standard input to \(directory): \(reason)", code: Exit.ioError)
                }
                written += result
            }
        }
        return ImportSource(fd: fd, startOffset: 0, ownsDescriptor: true)
    }

    /// A reader from the start of the batch.
    func reader() throws -> JSONLReader {
        guard lseek(fd, startOffset, SEEK_SET) >= 0 else {
            throw InputError("cannot rewind the input: \(String(cString: strerror(errno)))")
        }
        return JSONLReader(fileDescriptor: fd)
    }

    func close() {
        if ownsDescriptor { Glibc.close(fd) }
    }
}
