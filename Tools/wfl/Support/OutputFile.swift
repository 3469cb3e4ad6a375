#if canImport(Glibc)
    import Glibc
#endif

/// A file a command makes (`wfl dashboard --out`, `wfl export sqlite`): written beside its final path under a
/// private name, then put in place in one step, so that no reader ever sees half a file and an existing file is
/// replaced only when the user said `--force`.
struct OutputFile {
    /// The final path.
    let path: String
    /// Replace an existing file at ``path``.
    let force: Bool

    /// The private sibling the content is written to first.
    var staging: String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).wfl-\(getpid())"
    }

    /// Refuses early (exit 73) when the file exists and `--force` was not given.
    func checkAvailable() throws(CLIFailure) {
        if !force, access(path, F_OK) == 0 {
            throw CLIFailure("wfl: \(path) exists; pass --force to replace it.", code: Exit.cannotCreate)
        }
    }

    /// Writes `bytes` to ``staging`` and puts it in place.
    func write(_ bytes: [UInt8]) throws(CLIFailure) {
        let fd = open(staging, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create", errno) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                discardStaging()
                throw failure("cannot write", code)
            }
            offset += written
        }
        let synced = fsync(fd) == 0
        let code = errno
        close(fd)
        guard synced else {
            discardStaging()
            throw failure("cannot write", code)
        }
        try commit()
    }

    /// Puts ``staging`` (complete) at ``path``: with `--force` by `rename`, else by `link`, which fails rather than
    /// replace a file that appeared meanwhile.
    func commit() throws(CLIFailure) {
        defer { discardStaging() }
        if force {
            guard rename(staging, path) == 0 else { throw failure("cannot replace", errno) }
            return
        }
        guard link(staging, path) == 0 else {
            let code = errno
            if code == EEXIST {
                throw CLIFailure("wfl: \(path) exists; pass --force to replace it.", code: Exit.cannotCreate)
            }
            throw failure("cannot create", code)
        }
    }

    /// Removes ``staging`` if it is still there.
    func discardStaging() { unlink(staging) }

    private func failure(_ what: String, _ code: Int32) -> CLIFailure {
        CLIFailure("wfl: \(what) \(path): \(String(cString: strerror(code))).", code: Exit.cannotCreate)
    }
}
