import LedgerStore

/// The date rules of the revision-2 types, checked at append after the entities they name (EVENTS.md section 4).

/// A planned gap's range: `startDate` ≤ `endDate` ≤ `startDate` + 364 days.
enum GapRange {
    /// The longest gap: its last day is at most this many days after its first (a gap covers at most 365 days).
    static let maximumDaysAfterStart = 364

    /// Throws `invalid_value` at `/data/endDate` when `end` is before `start` or more than 364 days after it.
    static func check(start: CalendarDate, end: CalendarDate) throws(EventRejection) {
        guard end >= start else {
            throw EventRejection(
                .invalidValue, "/data/endDate", "endDate \(end) is before startDate \(start); a gap ends on or after it starts")
        }
        let days = end.dayNumber - start.dayNumber
        guard days <= maximumDaysAfterStart else {
            let latest = start.adding(days: maximumDaysAfterStart).map { " (\($0))" } ?? ""
            throw EventRejection(
                .invalidValue, "/data/endDate",
                "endDate \(end) is \(days) days after startDate \(start); a planned gap ends at most "
                    + "\(maximumDaysAfterStart) days after it starts\(latest)")
        }
    }
}

/// A quarter's close: the event's UTC date must be after the quarter's last day (its wage records cannot all be in
/// before the quarter has ended).
enum QuarterCloseDate {
    /// Throws `invalid_value` at `/data/quarter` when `occurredAt`'s UTC date is on or before `quarter`'s last day.
    static func check(_ quarter: Quarter, occurredAt: String) throws(EventRejection) {
        // A quarter of year 0000 (which the quarter syntax allows) ends before any valid date: no last day to pass.
        guard let date = CalendarDate(utcDateOf: occurredAt) else { return }
        if let last = quarter.lastDay, date <= last {
            throw EventRejection(
                .invalidValue, "/data/quarter",
                "quarter \(quarter) ends on \(last); it can be closed only after that (the event's UTC date is \(date))")
        }
    }
}
