/// A fund: only its references matter to the rules (a registration that live events refer to cannot be voided),
/// exactly as for an employer, and stored in the same form. Added in revision 2 under its own key prefix: a ledger
/// written before has no such keys, and the states of participants, programs and employers keep their format.
typealias FundState = ReferenceState

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
