/// Writes a JSON document with its members in the order the caller gives: the one writer of the tool's JSON
/// outputs (reports, command results, refusals), whose key order is part of their contract.
///
/// Strings and integers are written by ``CanonicalJSON``'s own primitives (RFC 8785 escaping), so every JSON the
/// package writes escapes alike; ``CanonicalJSON/encode(_:)`` serializes a parsed ``JSONValue`` with sorted keys
/// (the stored form) with the same primitives.
///
/// ```swift
/// JSONWriter.object(["position": .unsigned(42), "hash": .string("ab…"), "duplicate": .bool(false)])
/// // {"position":42,"hash":"ab…","duplicate":false}
/// ```
public struct JSONWriter: Sendable {
    /// What has been written.
    public private(set) var bytes: [UInt8] = []

    /// An empty document.
    public init() {}

    /// What has been written, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `fragment` as it is: punctuation (`{`, `,`, `]`), numbers already formatted, `null`.
    public mutating func raw(_ fragment: String) { bytes.append(contentsOf: fragment.utf8) }

    /// Appends `value` as a JSON string.
    public mutating func string(_ value: String) { CanonicalJSON.appendString(value, to: &bytes) }

    /// Appends `"name":`.
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends a scalar value.
    public mutating func value(_ value: Scalar) {
        switch value {
        case .string(let text): string(text)
        case .unsigned(let number): CanonicalJSON.appendInteger(number, to: &bytes)
        case .integer(let number): raw(String(number))
        case .bool(let flag): raw(flag ? "true" : "false")
        case .null: raw("null")
        }
    }

    /// A member's value in ``object(_:)``.
    public enum Scalar: Sendable {
        case string(String)
        case unsigned(UInt64)
        case integer(Int64)
        case bool(Bool)
        case null
    }

    /// A one-line object of scalar members, in the order given.
    public static func object(_ members: KeyValuePairs<String, Scalar>) -> String {
        var writer = JSONWriter()
        writer.raw("{")
        for (index, member) in members.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.key(member.key)
            writer.value(member.value)
        }
        writer.raw("}")
        return writer.text
    }
}
