import ArgumentParser
import CanonicalJSON
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
    var format: SummaryFormat = .text

    @Argument(help: ArgumentHelp("The JSONL file (default, or -: standard input).", valueName: "FILE"))
    var file: String?

    func run() throws {
        let source = try ImportSource.open(file)
        let progress = ProgressLine()
        let summary: WriteSummary
        do {
            summary = try storeOptions.withStoreForWriting(json: format == .json) { store in
                try LedgerWriter(store: store).append(
                    progress: progress.isShown ? { progress.show("importing: \($0) lines read") } : nil
                ) { try source.reader() }
            }
        } catch {
            progress.clear()
            throw WriteReporting.failure(mapping: error, format: format)
        }
        progress.clear()
        Notices.warnIfFarAhead(latestOccurredAt: summary.latestOccurredAt, json: format == .json)
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
            Output.line(
                JSONWriter.object([
                    "appended": .integer(Int64(summary.appended)), "duplicates": .integer(Int64(summary.duplicates)),
                    "firstPosition": summary.firstPosition.map { .unsigned($0) } ?? .null,
                    "lastPosition": summary.lastPosition.map { .unsigned($0) } ?? .null,
                    "head": summary.head.map { .string($0.description) } ?? .null,
                ]))
        }
        Output.flush()
    }
}

/// The batch's input, read once from its start. A regular file (named, or standard input redirected from one) is read
/// again from its start if the store runs the batch again (a map grown mid-batch, a store created meanwhile by another
/// process). Anything else (a pipe, a FIFO, `<(zcat …)`, a terminal) is never rewound: every byte read from it is also
/// copied to an unlinked spool file in `$TMPDIR`, and a second run reads the spool, then goes on where the input was
/// left. A line over the event limit ends the reading, so the spool holds at most what was read before it.
final class ImportSource {
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The regular file's starting offset; `nil` for an input that cannot be rewound.
    private let startOffset: off_t?
    /// The spool of a non-rewindable input: its descriptor (-1 until the first byte) and how many bytes it holds.
    private var spool: Int32 = -1
    private var spooled = 0
    private var spoolDirectory = ""

    private init(fd: Int32, ownsDescriptor: Bool, startOffset: off_t?) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        self.startOffset = startOffset
    }

    deinit {
        if ownsDescriptor { Glibc.close(fd) }
        if spool >= 0 { Glibc.close(spool) }
    }

    /// Opens `path` (or standard input for `nil` or `-`). A closed standard input is an I/O error (74), not an
    /// empty batch.
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
            let regular = (info.st_mode & S_IFMT) == S_IFREG
            return ImportSource(fd: fd, ownsDescriptor: true, startOffset: regular ? 0 : nil)
        }
        var info = stat()
        guard fstat(0, &info) == 0 else {
            throw CLIFailure("wfl: cannot read standard input: \(String(cString: strerror(errno)))", code: Exit.ioError)
        }
        let offset = (info.st_mode & S_IFMT) == S_IFREG ? lseek(0, 0, SEEK_CUR) : -1
        return ImportSource(fd: 0, ownsDescriptor: false, startOffset: offset >= 0 ? offset : nil)
    }

    /// A reader from the start of the batch.
    func reader() throws -> JSONLReader {
        if let startOffset {
            guard lseek(fd, startOffset, SEEK_SET) >= 0 else {
                throw InputError("cannot rewind the input: \(String(cString: strerror(errno)))")
            }
            return JSONLReader(fileDescriptor: fd)
        }
        var offset = 0
        return JSONLReader { [self] buffer in
            if offset < spooled {
                let count = try readSpool(into: buffer, at: offset)
                offset += count
                return count
            }
            let count = try readInput(into: buffer)
            if count > 0 { try appendToSpool(UnsafeRawBufferPointer(rebasing: buffer[..<count])) }
            offset += count
            return count
        }
    }

    private func readInput(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw InputError(String(cString: strerror(errno)))
        }
    }

    private func readSpool(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        let count = pread(spool, buffer.baseAddress, min(buffer.count, spooled - offset), off_t(offset))
        guard count > 0 else {
            throw InputError("cannot read the spooled input back: \(String(cString: strerror(count < 0 ? errno : EIO)))")
        }
        return count
    }

    private func appendToSpool(_ bytes: UnsafeRawBufferPointer) throws {
        if spool < 0 { try createSpool() }
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let result = pwrite(spool, base + written, bytes.count - written, off_t(spooled + written))
            if result < 0 {
                if errno == EINTR { continue }
                throw InputError("cannot spool the input to \(spoolDirectory): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        spooled += bytes.count
    }

    private func createSpool() throws {
        let directory =
            getenv("TMPDIR").flatMap { String(validatingCString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        spoolDirectory = directory
        var template = Array("\(directory)/wfl-import-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            throw InputError("cannot create a spool file in \(directory): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        spool = descriptor
    }
}
