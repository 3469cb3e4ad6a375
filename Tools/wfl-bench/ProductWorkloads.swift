import Foundation
import LedgerStore
import WorkforceEvents

/// The product's own paths, as `wfl` runs them.
enum ProductWorkloads {
    /// Imports a JSONL file through the full path (parse, validate every rule, canonicalize, hash, store, indexes)
    /// into a fresh store; returns the seconds taken.
    static func importFile(_ file: String, directory: String) throws -> Double {
        try? FileManager.default.removeItem(atPath: directory)
        let store = try LedgerStore(directory: directory)
        let writer = LedgerWriter(store: store)
        let clock = Stopwatch()
        _ = try writer.append {
            let fd = open(file, O_RDONLY)
            guard fd >= 0 else { throw BenchError("cannot open \(file)") }
            return FileInput(fd: fd)
        }
        return clock.seconds
    }
}

/// A file read through the writer's JSONL reader, closed when done.
final class FileDescriptorCloser {
    let fd: Int32
    init(_ fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}

struct FileInput: EventInput {
    let closer: FileDescriptorCloser
    var reader: JSONLReader

    init(fd: Int32) {
        closer = FileDescriptorCloser(fd)
        reader = JSONLReader(fileDescriptor: fd)
    }

    mutating func forEachLine(_ body: (Int, InputLine) throws -> Void) throws {
        try reader.forEachLine(body)
    }
}
