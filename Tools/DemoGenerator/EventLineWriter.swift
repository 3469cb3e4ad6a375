import CanonicalJSON

/// Writes one input event (EVENTS.md section 1) as a JSON line, by hand: fixed keys, escaped strings.
///
/// Usage: `begin`, then `string`/`integer`/`number`/`codes` for each data field, then `finish()`.
struct EventLineWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    /// Starts a line: the envelope up to the opening brace of `data`.
    init(type: StaticString, eventId: String, day: Int, minuteOfDay: Int, localTime: Bool, actor: String) {
        bytes.reserveCapacity(240)
        appendRaw("{\"type\":\"")
        appendRaw(type)
        appendRaw("\",\"eventId\":")
        CanonicalJSON.appendString(eventId, to: &bytes)
        appendRaw(",\"occurredAt\":\"")
        SimulatedCalendar.appendTimestamp(day: day, minuteOfDay: minuteOfDay, local: localTime, to: &bytes)
        appendRaw("\",\"actor\":")
        CanonicalJSON.appendString(actor, to: &bytes)
        appendRaw(",\"data\":{")
    }

    /// A string member of `data`.
    mutating func string(_ key: StaticString, _ value: String) {
        member(key)
        CanonicalJSON.appendString(value, to: &bytes)
    }

    /// An integer member of `data`.
    mutating func integer(_ key: StaticString, _ value: Int) {
        member(key)
        precondition(value >= 0, "the demo only writes non-negative integers")
        CanonicalJSON.appendInteger(UInt64(value), to: &bytes)
    }

    /// A number member of `data` (for `hoursPerWeek`, which may be fractional).
    mutating func number(_ key: StaticString, _ value: Double) {
        member(key)
        CanonicalJSON.appendNumber(value, to: &bytes)
    }

    /// A date (`YYYY-MM-DD`) member of `data`, from a day number.
    mutating func date(_ key: StaticString, _ day: Int) {
        member(key)
        bytes.append(UInt8(ascii: "\""))
        SimulatedCalendar.appendDate(day, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A quarter (`YYYYQn`) member of `data`.
    mutating func quarter(_ key: StaticString, _ quarter: Int) {
        member(key)
        bytes.append(UInt8(ascii: "\""))
        SimulatedCalendar.appendQuarter(quarter, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// An array-of-codes member of `data`.
    mutating func codes(_ key: StaticString, _ values: [StaticString]) {
        member(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            appendRaw(value)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A code member of `data` (a known ASCII constant, no escaping needed).
    mutating func code(_ key: StaticString, _ value: StaticString) {
        member(key)
        bytes.append(UInt8(ascii: "\""))
        appendRaw(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Closes `data` and the event; returns the line (without a newline).
    consuming func finish() -> [UInt8] {
        bytes.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "}")])
        return bytes
    }

    private mutating func member(_ key: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        bytes.append(UInt8(ascii: "\""))
        appendRaw(key)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    private mutating func appendRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}
