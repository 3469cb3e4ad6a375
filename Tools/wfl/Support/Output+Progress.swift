#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

extension Output {
    /// Writes `text` to stderr as is (no newline): progress lines that rewrite themselves with `\r`.
    static func progress(_ text: String) {
        fputs(text, stderr)
        fflush(stderr)
    }
}
