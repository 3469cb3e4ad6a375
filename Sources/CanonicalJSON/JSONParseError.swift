/// Why a byte sequence is not the JSON value expected, and where (a byte offset from the start).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the fault in the input.
    public let offset: Int
    /// A sentence saying what is wrong ("unterminated string", "duplicate key \"type\"").
    public let reason: String

    /// Creates an error at the 0-based byte `offset`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// The reason and the 1-based byte number, e.g. `unterminated string at byte 12`.
    public var description: String { "\(reason) at byte \(offset + 1)" }
}
