import LedgerStore

/// A calendar date `YYYY-MM-DD` in years 0001–9999 (proleptic Gregorian), as `startDate` and `endDate` are written.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1…9999.
    public var year: Int
    /// 1…12.
    public var month: Int
    /// 1…31, valid for the month.
    public var day: Int

    /// Creates the date; `nil` when it is not a calendar date in years 0001–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; `nil` when malformed or not a calendar date in years 0001–9999.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard b[index] >= UInt8(ascii: "0"), b[index] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 0001-01-01 (which is day 0): the difference of two dates is the days between them.
    public var dayNumber: Int {
        CivilDate.daysSinceEpoch(year: year, month: month, day: day) - Self.firstDaySinceEpoch
    }

    /// 0001-01-01 as days since 1970-01-01.
    private static let firstDaySinceEpoch = CivilDate.daysSinceEpoch(year: 1, month: 1, day: 1)

    /// Chronological order.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2025-03-31`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
}

extension Quarter {
    /// The quarter's last day: March 31, June 30, September 30 or December 31.
    public var lastDay: CalendarDate? {
        let month = number * 3
        return CalendarDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
    }
}

extension CalendarDate {
    /// The UTC calendar date of a valid `occurredAt` (`2025-03-31T22:00:00-05:00` is `2025-04-01`), by which metrics
    /// and rules count an event; `nil` when `timestamp` is malformed.
    public init?(utcDateOf timestamp: String) {
        guard ValueSyntax.timestampProblem(timestamp) == nil, let local = CalendarDate(String(timestamp.prefix(10)))
        else { return nil }
        let b = Array(timestamp.utf8)
        func number(_ at: Int) -> Int { Int(b[at] - UInt8(ascii: "0")) * 10 + Int(b[at + 1] - UInt8(ascii: "0")) }
        var minuteOfDay = number(11) * 60 + number(14)
        // The zone is the last six bytes (`+HH:MM`, `-HH:MM`) or a final `Z`.
        if b[b.count - 1] != UInt8(ascii: "Z") {
            let sign = b[b.count - 6] == UInt8(ascii: "-") ? -1 : 1
            minuteOfDay -= sign * (number(b.count - 5) * 60 + number(b.count - 2))
        }
        if minuteOfDay < 0 {
            guard let previous = local.previousDay else { return nil }
            self = previous
        } else if minuteOfDay >= 1440 {
            guard let next = local.nextDay else { return nil }
            self = next
        } else {
            self = local
        }
    }

    /// The day after, or `nil` after 9999-12-31.
    public var nextDay: CalendarDate? {
        if let same = CalendarDate(year: year, month: month, day: day + 1) { return same }
        if month < 12 { return CalendarDate(year: year, month: month + 1, day: 1) }
        return CalendarDate(year: year + 1, month: 1, day: 1)
    }

    /// The day before, or `nil` before 0001-01-01.
    public var previousDay: CalendarDate? {
        if day > 1 { return CalendarDate(year: year, month: month, day: day - 1) }
        if month > 1 {
            return CalendarDate(year: year, month: month - 1, day: CivilDate.daysIn(month: month - 1, year: year))
        }
        return CalendarDate(year: year - 1, month: 12, day: 31)
    }

    /// The date `days` days later (`days` ≥ 0), or `nil` past 9999-12-31.
    public func adding(days: Int) -> CalendarDate? {
        var date = self
        var left = days
        // Day by day: the rules add at most 364.
        while left > 0 {
            guard let next = date.nextDay else { return nil }
            date = next
            left -= 1
        }
        return date
    }
}
