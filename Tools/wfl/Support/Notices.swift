import CanonicalJSON
import LedgerStore
import WorkforceEvents

/// Notices and warnings on standard error: `wfl: …` lines for people, or with `--format json` one JSON object per
/// line, `{"warning":"CODE","message":"…"}`, like the errors.
enum Notices {
    /// Writes the notice `code` with `message`.
    static func warn(_ code: String, _ message: String, json: Bool) {
        if json {
            Output.error(JSONWriter.object(["warning": .string(code), "message": .string(message)]))
        } else {
            Output.error("wfl: \(message)")
        }
    }

    /// Warns when the latest `occurredAt` of what was just appended is dated more than a day after the ledger's
    /// clock (a mistyped year would move every report's default `--as-of` decades ahead). Dates are compared by
    /// their UTC calendar day; events dated in the future are still valid and stored (EVENTS.md).
    static func warnIfFarAhead(latestOccurredAt: String?, json: Bool) {
        guard let latest = latestOccurredAt, let day = CalendarDate(utcDateOf: latest),
            let today = CalendarDate(String(Timestamp.now().prefix(10))), let tomorrow = today.nextDay,
            tomorrow < day
        else { return }
        warn(
            "future_date",
            "an event is dated \(day), more than a day after the ledger's clock (\(today)); it is stored as given, "
                + "and reports without --as-of will read the world as of its date. If the date is a typo, void the "
                + "event and append it again.", json: json)
    }
}
