/// The screen of EVENTS.md section 1 that keeps personal data out of free text (`name`, `provider`, `reason`,
/// `credential`, `county`): text that looks like it holds a US Social Security number, an e-mail address or a US
/// phone number is refused. It checks new input only (append and import); stored events are never re-checked.
///
/// One pass over the UTF-8 bytes, no regular expressions and no allocation: text without a digit or an `@` (most
/// names and reasons) is cleared after a single scan. Only ASCII digits count as digits.
///
/// What "looks like" means here, decided as a practitioner would:
/// - **SSN**: 3, 2 and 4 digits separated by `-` or a space (each separator either one: `123-45 6789` is one too),
///   or a run of exactly 9 digits. The digits are not part of a longer run of digits: `1234-56-7890` and a
///   10-digit run (an account, order or phone number without separators) are not SSNs. A 9-digit run is refused
///   even inside letters or punctuation (`ID123456789`, `0.123456789`), where it is as readable as alone.
/// - **E-mail**: at least one of `A-Z a-z 0-9 . _ % + - '` right before an `@`, then a domain of labels of
///   `A-Z a-z 0-9 -` with at least one dot, whose last label (the top-level domain) is 2 or more letters:
///   `jo.doe@example.org`. Non-ASCII characters count as letters (`josé@exämple.org`). An `@` alone (`@acme`, `meet @ noon`), `a@b` and `a@b.c` pass.
/// - **Phone**: 3, 3 and 4 digits separated by `-`, `.` or a space, the first group optionally in parentheses
///   (then the separator after it is optional: `(860)555-1234`), optionally preceded by `+1`; not part of a
///   longer run of digits. `860-555-123`, `2025-03-03` and a bare `8605551234` pass.
public enum FreeTextScreen {
    /// What kind of personal data a text looks like it holds.
    public enum Finding: String, Sendable, CaseIterable {
        case socialSecurityNumber = "a Social Security number"
        case emailAddress = "an e-mail address"
        case phoneNumber = "a phone number"

        /// The rejection message for `field`, which never repeats the text it found.
        public func message(field: String) -> String {
            "\(field) looks like it holds \(rawValue); free text must not hold personal data"
        }
    }

    /// The data fields the screen applies to.
    public static let screenedFields: [String] = ["name", "provider", "reason", "credential", "county"]

    /// What `text` looks like it holds, or `nil` when it passes.
    public static func finding(in text: String) -> Finding? {
        if let result = text.utf8.withContiguousStorageIfAvailable({ finding(in: $0) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { finding(in: $0) }
    }

    /// What the UTF-8 bytes `b` look like they hold, or `nil` when they pass.
    public static func finding(in b: UnsafeBufferPointer<UInt8>) -> Finding? {
        var hasAt = false
        var digits = 0
        for byte in b {
            if byte == UInt8(ascii: "@") { hasAt = true } else if isDigit(byte) { digits += 1 }
        }
        if digits >= 9 {
            var index = 0
            while index < b.count {
                guard isDigit(b[index]), index == 0 || !isDigit(b[index - 1]) else {
                    index += 1
                    continue
                }
                // `index` starts a run of digits.
                var end = index
                while end < b.count, isDigit(b[end]) { end += 1 }
                let run = end - index
                if run == 9 { return .socialSecurityNumber }
                if run == 3 {
                    if isSSN(b, from: index) { return .socialSecurityNumber }
                    if isPhone(b, groupStart: index, parenthesized: false) { return .phoneNumber }
                }
                // The country code written against the first group: `+1860-555-1234`.
                if run == 4, b[index] == UInt8(ascii: "1"), index > 0, b[index - 1] == UInt8(ascii: "+"),
                    isPhone(b, groupStart: index + 1, parenthesized: false)
                {
                    return .phoneNumber
                }
                index = end
            }
            // A first group in parentheses: `(860) 555-1234`.
            for open in b.indices where b[open] == UInt8(ascii: "(") {
                if isPhone(b, groupStart: open + 1, parenthesized: true) { return .phoneNumber }
            }
        }
        if hasAt {
            for at in b.indices where b[at] == UInt8(ascii: "@") && isEmail(b, at: at) { return .emailAddress }
        }
        return nil
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// Exactly `count` digits at `index`, not followed by another digit.
    static func digitGroup(_ b: UnsafeBufferPointer<UInt8>, _ index: Int, _ count: Int) -> Bool {
        guard index + count <= b.count else { return false }
        for offset in 0..<count where !isDigit(b[index + offset]) { return false }
        return index + count == b.count || !isDigit(b[index + count])
    }

    /// `ddd-dd-dddd` or with spaces, starting at a run of exactly 3 digits at `start`.
    static func isSSN(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        func isSeparator(_ index: Int) -> Bool {
            index < b.count && (b[index] == UInt8(ascii: "-") || b[index] == UInt8(ascii: " "))
        }
        return isSeparator(start + 3) && digitGroup(b, start + 4, 2) && isSeparator(start + 6)
            && digitGroup(b, start + 7, 4)
    }

    /// `ddd-ddd-dddd` (separators `-`, `.` or a space), the first group at `groupStart`; in parentheses when
    /// `parenthesized` (the `(` is at `groupStart - 1`), then with an optional separator after the `)`.
    static func isPhone(_ b: UnsafeBufferPointer<UInt8>, groupStart: Int, parenthesized: Bool) -> Bool {
        func isSeparator(_ index: Int) -> Bool {
            index < b.count && (b[index] == UInt8(ascii: "-") || b[index] == UInt8(ascii: ".") || b[index] == UInt8(ascii: " "))
        }
        let open = parenthesized ? groupStart - 1 : groupStart
        // Not the end of a longer number, unless that number is the country code `+1`.
        if open > 0, isDigit(b[open - 1]) {
            guard open >= 2, b[open - 1] == UInt8(ascii: "1"), b[open - 2] == UInt8(ascii: "+") else { return false }
        }
        guard digitGroup(b, groupStart, 3) else { return false }
        var index = groupStart + 3
        if parenthesized {
            guard index < b.count, b[index] == UInt8(ascii: ")") else { return false }
            index += 1
            if isSeparator(index) { index += 1 }
        } else {
            guard isSeparator(index) else { return false }
            index += 1
        }
        guard digitGroup(b, index, 3), isSeparator(index + 3) else { return false }
        return digitGroup(b, index + 4, 4)
    }

    /// `local@domain.tld` around the `@` at `at`.
    static func isEmail(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
        // Bytes of non-ASCII characters count as letters: `josé@exämple.org` is an address too.
        func isLetter(_ byte: UInt8) -> Bool { FreeTextScreen.isLetter(byte) || byte >= 0x80 }
        func isLocal(_ byte: UInt8) -> Bool {
            isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "'")
        }
        guard at > 0, isLocal(b[at - 1]) else { return false }
        // The domain: labels of letters, digits and dashes separated by single dots; the last label (2+ letters)
        // must follow a dot.
        var index = at + 1
        var labelStart = index
        var dots = 0
        var lastLabelIsTLD = false
        while index <= b.count {
            let byte: UInt8? = index < b.count ? b[index] : nil
            if let byte, isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") {
                index += 1
                continue
            }
            // The label [labelStart, index) has ended.
            let label = index - labelStart
            guard label > 0 else { break }
            var allLetters = true
            for offset in labelStart..<index where !isLetter(b[offset]) { allLetters = false }
            lastLabelIsTLD = dots > 0 && label >= 2 && allLetters
            guard byte == UInt8(ascii: "."), index + 1 < b.count,
                isLetter(b[index + 1]) || isDigit(b[index + 1])
            else { break }
            dots += 1
            index += 1
            labelStart = index
        }
        return lastLabelIsTLD
    }
}
