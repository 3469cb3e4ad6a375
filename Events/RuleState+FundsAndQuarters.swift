/// A fund: only its references matter to the rules (a registration that live events refer to cannot be voided).
/// Added in revision 2 under its own key prefix: a ledger written before has no such keys, and the states of
/// participants, programs and employers keep their format.
final class FundState {
    /// Live events that refer to the fund (budget changes, costs, services charged to it).
    var references: UInt64 = 0
    var isDirty = false

    init() {}

    static let formatVersion: UInt8 = 1

    func encoded() -> [UInt8] {
        var writer = StateWriter(version: Self.formatVersion)
        writer.varint(references)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) -> FundState? {
        var reader = StateReader(bytes)
        guard reader.byte() == formatVersion, let references = reader.varint(), reader.isAtEnd else { return nil }
        let state = FundState()
        state.references = references
        return state
    }
}

/// A closed wage quarter: the position of its live `wages.quarter_closed`. A quarter without one (never closed,
/// or its close voided) has no state.
final class QuarterCloseState {
    var position: UInt64 = 0
    var isDirty = false

    init() {}

    static let formatVersion: UInt8 = 1

    func encoded() -> [UInt8] {
        var writer = StateWriter(version: Self.formatVersion)
        writer.varint(position)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) -> QuarterCloseState? {
        var reader = StateReader(bytes)
        guard reader.byte() == formatVersion, let position = reader.varint(), reader.isAtEnd else { return nil }
        let state = QuarterCloseState()
        state.position = position
        return state
    }
}
