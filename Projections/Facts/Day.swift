import LedgerStore

/// A calendar date as a day number: days since 1970-01-01 (proleptic Gregorian, UTC).
public typealias Day = Int32

/// Calendar arithmetic on ``Day`` numbers and calendar quarters, without Foundation.
public enum Dates {
    /// Days since 1970-01-01 of a civil date.
    @inline(__always)
    public static func day(year: Int, month: Int, day: Int) -> Day {
        Day(CivilDate.daysSinceEpoch(year: year, month: month, day: day))
    }

    /// The civil date of a day number.
    public static func civil(_ day: Day) -> (year: Int, month: Int, day: Int) {
        let date = CivilDate.date(daysSinceEpoch: Int64(day))
        return (Int(date.year), date.month, date.day)
    }

    /// `YYYY-MM-DD`.
    public static func format(_ day: Day) -> String {
        let (y, m, d) = civil(day)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// Parses a strict `YYYY-MM-DD` (a real calendar date); `nil` otherwise.
    public static func parse(_ text: String) -> Day? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        guard let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2) else { return nil }
        guard (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y) else { return nil }
        return day(year: y, month: m, day: d)
    }

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    // MARK: Quarters

    /// A quarter as one number: `year * 4 + (q - 1)`.
    public typealias Quarter = Int32

    /// The quarter a day falls in.
    public static func quarter(of day: Day) -> Quarter {
        let (y, m, _) = civil(day)
        return Quarter(y * 4 + (m - 1) / 3)
    }

    /// The last day of a quarter.
    public static func lastDay(of quarter: Quarter) -> Day {
        let year = Int(quarter >> 2)
        let q = Int(quarter & 3)
        let nextYear = q == 3 ? year + 1 : year
        let nextMonth = q == 3 ? 1 : (q + 1) * 3 + 1
        return day(year: nextYear, month: nextMonth, day: 1) - 1
    }

    /// `YYYYQn`, the year in four digits (`0001Q1`).
    public static func formatQuarter(_ quarter: Quarter) -> String {
        pad(Int(quarter >> 2), 4) + "Q\((quarter & 3) + 1)"
    }

    // MARK: Program years

    /// The program year (July 1 to June 30, named by the year it starts in) that `day` falls in.
    public static func programYear(of day: Day) -> Int {
        let (y, m, _) = civil(day)
        return m >= 7 ? y : y - 1
    }

    /// July 1 of program year `year`.
    public static func programYearStart(_ year: Int) -> Day { Dates.day(year: year, month: 7, day: 1) }

    /// `PY2024`.
    public static func formatProgramYear(_ year: Int) -> String { "PY" + pad(year, 4) }
}
