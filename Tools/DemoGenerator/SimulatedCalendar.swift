/// Calendar arithmetic on day numbers (days since 1970-01-01, UTC), with no Foundation.
///
/// The civil-date conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`.
enum SimulatedCalendar {
    /// The day number of a proleptic Gregorian date.
    static func day(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The (year, month, day) of a day number.
    static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 0 = Sunday … 6 = Saturday.
    static func weekday(_ dayNumber: Int) -> Int {
        ((dayNumber + 4) % 7 + 7) % 7
    }

    /// The quarter index (`year * 4 + quarter - 1`) that contains a day.
    static func quarter(of dayNumber: Int) -> Int {
        let date = civil(dayNumber)
        return date.year * 4 + (date.month - 1) / 3
    }

    /// The first day of a quarter index.
    static func firstDay(ofQuarter quarter: Int) -> Int {
        day(year: quarter / 4, month: (quarter % 4) * 3 + 1, day: 1)
    }

    /// The last day of a quarter index.
    static func lastDay(ofQuarter quarter: Int) -> Int {
        firstDay(ofQuarter: quarter + 1) - 1
    }

    /// Whether Connecticut observes daylight saving time on that day (second Sunday of March up to
    /// the first Sunday of November, US rules since 2007).
    static func isDaylightSaving(_ dayNumber: Int) -> Bool {
        let year = civil(dayNumber).year
        let marchFirst = day(year: year, month: 3, day: 1)
        let secondSundayOfMarch = marchFirst + (7 - weekday(marchFirst)) % 7 + 7
        let novemberFirst = day(year: year, month: 11, day: 1)
        let firstSundayOfNovember = novemberFirst + (7 - weekday(novemberFirst)) % 7
        return dayNumber >= secondSundayOfMarch && dayNumber < firstSundayOfNovember
    }

    /// The UTC offset of Connecticut (Eastern time) on that day, in minutes east of UTC (-240 or -300).
    static func easternOffsetMinutes(_ dayNumber: Int) -> Int {
        isDaylightSaving(dayNumber) ? -240 : -300
    }

    /// Appends `YYYY-MM-DD` to `bytes`.
    static func appendDate(_ dayNumber: Int, to bytes: inout [UInt8]) {
        let date = civil(dayNumber)
        appendDigits(date.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(date.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(date.day, width: 2, to: &bytes)
    }

    /// Appends an RFC 3339 timestamp for `minuteOfDay` (UTC) on `dayNumber`: in UTC with `Z`, or in
    /// Eastern local time with its offset. Callers keep the local time on the same calendar date.
    static func appendTimestamp(day dayNumber: Int, minuteOfDay: Int, local: Bool, to bytes: inout [UInt8]) {
        let offset = local ? easternOffsetMinutes(dayNumber) : 0
        let localMinute = minuteOfDay + offset
        precondition(localMinute >= 0 && localMinute < 1440, "local time must stay on the UTC date")
        appendDate(dayNumber, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(localMinute / 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(localMinute % 60, width: 2, to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        if offset == 0 {
            bytes.append(UInt8(ascii: "Z"))
        } else {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(-offset / 60, width: 2, to: &bytes)
            bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        }
    }

    /// `YYYYQn` for a quarter index.
    static func appendQuarter(_ quarter: Int, to bytes: inout [UInt8]) {
        appendDigits(quarter / 4, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "Q"))
        bytes.append(UInt8(ascii: "1") + UInt8(quarter % 4))
    }

    /// Appends a non-negative integer zero-padded to `width` digits.
    static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8((remaining / divisor) % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}
