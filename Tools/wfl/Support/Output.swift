#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

/// Buffered standard output and unbuffered standard error, without Foundation on the hot path.
enum Output {
    /// Writes `text` to stdout (no newline added).
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { writeBytes($0) }
    }

    /// Writes `text` and a newline to stdout.
    static func line(_ text: String) { write(text + "\n") }

    /// Writes raw bytes to stdout.
    static func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        fwrite(base, 1, bytes.count, stdout)
    }

    static func writeBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeBytes($0) }
    }

    /// Writes `text` and a newline to stderr, immediately.
    static func error(_ text: String) {
        fflush(stdout)
        fputs(text + "\n", stderr)
    }

    /// `true` when stderr is a terminal: progress lines go there only then.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func flush() { fflush(stdout) }
}
