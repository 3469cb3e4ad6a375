#if canImport(Glibc)
    import Glibc
#endif

/// Small text files the auditing commands read and write: keys and checkpoints.
enum TextFile {
    /// The file's contents as UTF-8 text (at most `limit` bytes). Missing: exit 66; unreadable or too long: 65/74.
    static func read(_ path: String, what: String, limit: Int = 65_536) throws(CLIFailure) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw CLIFailure(
                "wfl: cannot read the \(what) \(path): \(String(cString: strerror(code)))",
                code: code == ENOENT ? Exit.noInput : Exit.ioError)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIFailure(
                    "wfl: reading the \(what) \(path) failed: \(String(cString: strerror(errno)))", code: Exit.ioError)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else {
                throw CLIFailure("wfl: the \(what) \(path) is longer than \(limit) bytes", code: Exit.dataError)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIFailure("wfl: the \(what) \(path) is not UTF-8 text", code: Exit.dataError)
        }
        return text
    }

    /// Creates `path` with `text` and permissions `mode`, refusing to replace an existing file (exit 73).
    static func create(_ path: String, text: String, mode: mode_t, what: String) throws(CLIFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let code = errno
            let reason = code == EEXIST ? "it already exists (it is never overwritten)" : String(cString: strerror(code))
            throw CLIFailure("wfl: cannot create the \(what) \(path): \(reason)", code: Exit.cannotCreate)
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            unlink(path)
            throw CLIFailure("wfl: writing the \(what) \(path) failed", code: Exit.ioError)
        }
    }

    /// Replaces `path` with `text` atomically (a new file beside it, flushed, renamed over it).
    static func replace(_ path: String, text: String, mode: mode_t, what: String) throws(CLIFailure) {
        let temporary = "\(path).tmp-\(getpid())"
        unlink(temporary)
        try create(temporary, text: text, mode: mode, what: what)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CLIFailure("wfl: cannot write the \(what) \(path): \(reason)", code: Exit.ioError)
        }
    }
}
