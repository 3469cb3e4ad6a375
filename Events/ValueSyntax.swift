import LedgerStore

/// The value grammars of EVENTS.md sections 1 and 3, over UTF-8 bytes. Pure functions, no allocation.
public enum ValueSyntax {
    /// Longest `eventId` (and actor id).
    public static let maximumEventIdLength = 128
    /// Longest `participantId`, `programId`, `employerId`, `caseManagerId`.
    public static let maximumEntityIdLength = 64
    /// The `caseManagerId` reports use for "no case manager": not assignable.
    public static let reservedCaseManagerId = "unassigned"

    @inline(__always)
    static func isIdByte(_ byte: UInt8, allowingColon: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        case UInt8(ascii: ":"): return allowingColon
        default: return false
        }
    }

    /// 1–128 of `A-Z a-z 0-9 . _ : -`: an `eventId`, or the id part of an `actor`.
    public static func isEventId(_ text: some StringProtocol) -> Bool {
        isIdText(text.utf8, maximumLength: maximumEventIdLength, allowingColon: true)
    }

    /// 1–64 of `A-Z a-z 0-9 . _ -`: a participant, program, employer or case manager id.
    public static func isEntityId(_ text: some StringProtocol) -> Bool {
        isIdText(text.utf8, maximumLength: maximumEntityIdLength, allowingColon: false)
    }

    static func isIdText(_ utf8: some Collection<UInt8>, maximumLength: Int, allowingColon: Bool) -> Bool {
        // Native strings are contiguous UTF-8: check the buffer (iterating a UTF-8 view costs several times more).
        if let valid = utf8.withContiguousStorageIfAvailable({ bytes in
            guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
            for byte in bytes where !isIdByte(byte, allowingColon: allowingColon) { return false }
            return true
        }) {
            return valid
        }
        var count = 0
        for byte in utf8 {
            guard isIdByte(byte, allowingColon: allowingColon) else { return false }
            count += 1
            if count > maximumLength { return false }
        }
        return count > 0
    }

    /// `kind:id`: the kind (one of ``ActorKind``) and an id as for `eventId`; `nil` when malformed.
    public static func actorKind(_ actor: String) -> ActorKind? {
        guard let colon = actor.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let kind = String(actor[..<colon])
        let id = actor[actor.index(after: colon)...]
        guard let actorKind = ActorKind(rawValue: kind), isEventId(id) else { return nil }
        return actorKind
    }

    /// `YYYY-MM-DDTHH:MM:SS(.d{1,9})?(Z|[+-]HH:MM)`: a valid calendar date, hours 00–23, minutes and seconds
    /// 00–59, offset hours 00–23 and minutes 00–59. `nil` when valid, else what is wrong.
    public static func timestampProblem(_ text: String) -> String? {
        var bytes = text
        return bytes.withUTF8 { timestampProblem(utf8: $0, text: text) }
    }

    static func timestampProblem(utf8 b: UnsafeBufferPointer<UInt8>, text: String) -> String? {
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for index in range {
                let byte = b[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func at(_ index: Int, _ char: Unicode.Scalar) -> Bool { index < b.count && b[index] == UInt8(ascii: char) }
        let shape = "it must look like 2025-03-03T14:00:00Z or 2025-03-03T09:00:00-05:00"
        guard let year = digits(0..<4), at(4, "-"), let month = digits(5..<7), at(7, "-"), let day = digits(8..<10),
            at(10, "T"), let hour = digits(11..<13), at(13, ":"), let minute = digits(14..<16), at(16, ":"),
            let second = digits(17..<19)
        else { return shape }
        guard (1...12).contains(month) else { return "month \(month) does not exist" }
        guard (1...CivilDate.daysIn(month: month, year: year)).contains(day) else {
            return "\(text.prefix(10)) is not a calendar date"
        }
        guard hour <= 23 else { return "hour \(hour) is out of range 00–23" }
        guard minute <= 59 else { return "minute \(minute) is out of range 00–59" }
        guard second <= 59 else { return "second \(second) is out of range 00–59" }
        var index = 19
        if at(index, ".") {
            index += 1
            let start = index
            while index < b.count, b[index] >= UInt8(ascii: "0"), b[index] <= UInt8(ascii: "9") { index += 1 }
            let count = index - start
            guard (1...9).contains(count) else { return "the fraction of a second must have 1 to 9 digits" }
        }
        var offset = 0  // minutes east of UTC
        if at(index, "Z") {
            index += 1
        } else if at(index, "+") || at(index, "-") {
            guard let offsetHours = digits((index + 1)..<(index + 3)), at(index + 3, ":"),
                let offsetMinutes = digits((index + 4)..<(index + 6))
            else { return shape }
            guard offsetHours <= 23, offsetMinutes <= 59 else { return "the UTC offset is out of range" }
            offset = (offsetHours * 60 + offsetMinutes) * (at(index, "-") ? -1 : 1)
            index += 6
        } else {
            return "it needs a time zone: Z or an offset like -05:00"
        }
        guard index == b.count else { return shape }
        // Reports count an event by its UTC date, written YYYY-MM-DD: that date must fall in years 0001–9999.
        let minuteOfDay = hour * 60 + minute - offset
        let utcBeforeYear1 = year == 0 || (year == 1 && month == 1 && day == 1 && minuteOfDay < 0)
        let utcAfterYear9999 = year == 9999 && month == 12 && day == 31 && minuteOfDay >= 1440
        guard !utcBeforeYear1, !utcAfterYear9999 else { return "its UTC date must fall in the years 0001 to 9999" }
        return nil
    }

    /// A SOC occupation code: `NN-NNNN`.
    public static func isSOCCode(_ text: String) -> Bool {
        var count = 0
        for (index, byte) in text.utf8.enumerated() {
            count += 1
            if index == 2 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            }
        }
        return count == 7
    }

    /// A quarter `YYYYQn` (n in 1–4), or `nil`.
    public static func quarter(_ text: String) -> Quarter? {
        var text = text
        return text.withUTF8 { quarter(utf8: $0) }
    }

    static func quarter(utf8 b: UnsafeBufferPointer<UInt8>) -> Quarter? {
        guard b.count == 6, b[4] == UInt8(ascii: "Q") else { return nil }
        var year = 0
        for byte in UnsafeBufferPointer(rebasing: b[0..<4]) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            year = year * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard b[5] >= UInt8(ascii: "1"), b[5] <= UInt8(ascii: "4") else { return nil }
        return Quarter(year: year, number: Int(b[5] - UInt8(ascii: "0")))
    }

    /// A JSON Pointer token for `key` (RFC 6901: `~` as `~0`, `/` as `~1`).
    public static func pointerToken(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        return key.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
