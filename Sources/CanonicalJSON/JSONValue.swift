/// A parsed JSON value (RFC 8259), keeping what canonicalization needs.
///
/// Objects keep their members in input order; ``CanonicalJSON`` sorts them on output.
/// Numbers keep their literal text so that callers can tell `3` from `3.0`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short name of the value's kind, for error messages ("a string", "an object", …).
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object: members in input order, keys unique (the parser rejects duplicates).
public struct JSONObject: Sendable, Equatable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Equatable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: JSONValue
        /// Creates a member.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in input order.
    public var members: [Member]

    /// Creates an object from `members`; the caller keeps the keys unique.
    public init(_ members: [Member] = []) { self.members = members }

    /// The value for `key`, or `nil` when absent. Objects here are small: a linear search beats hashing.
    public subscript(key: String) -> JSONValue? {
        for member in members where member.key.isSameName(as: key) { return member.value }
        return nil
    }

    /// The keys, in input order.
    public var keys: [String] { members.map(\.key) }
}

/// A JSON number: its literal text and its IEEE-754 value.
public struct JSONNumber: Sendable, Equatable {
    /// The number as written in the input (or as produced by ``init(_:)-(Int64)``).
    public let literal: String
    /// `true` when the literal has no fraction and no exponent part (`12`, `-3`; not `12.0`, `1e2`).
    public let isIntegerLiteral: Bool
    /// The value as a double.
    public let double: Double

    /// Creates a number from its parts; the caller keeps them consistent (nothing is checked).
    public init(literal: String, isIntegerLiteral: Bool, double: Double) {
        self.literal = literal
        self.isIntegerLiteral = isIntegerLiteral
        self.double = double
    }

    /// An integer number.
    public init(_ value: Int64) {
        self.init(literal: String(value), isIntegerLiteral: true, double: Double(value))
    }

    /// The value as an exact integer, when the literal is an integer literal that fits in `Int64`.
    public var int64: Int64? {
        guard isIntegerLiteral else { return nil }
        return Int64(literal)
    }
}
