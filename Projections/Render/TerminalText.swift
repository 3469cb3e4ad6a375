/// Text made safe to print in a table for people: control characters (C0, DEL, C1) and the bidirectional
/// controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which could move or hide what a table shows
/// (an RLO reverses the rest of a line), are printed as `\u{XXXX}`. Everything else is unchanged. Machine formats
/// (JSON, CSV, JSONL) are not affected: their readers see the stored text.
public enum TerminalText {
    /// `true` for a scalar that is printed escaped.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with every scalar that ``needsEscape(_:)`` says so written as `\u{XXXX}` (upper-case hex, 4 digits).
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
