import LedgerStore

/// The binary form of facts in the read models: compact, variable length.
///
/// Each fact: kind (1 byte), position (LEB128), day (zig-zag LEB128), then only the fields its kind has:
/// code (1 byte), amount (zig-zag LEB128), aux (LEB128), ref (LEB128 length + UTF-8).
enum FactCodec {
    @inline(__always)
    static func hasCode(_ kind: FactKind) -> Bool {
        switch kind {
        case .programRegistered, .participantRegistered, .serviceGranted, .credentialEarned, .skillGain,
            .fundRegistered, .costIncurred:
            return true
        default: return false
        }
    }

    @inline(__always)
    static func hasAmount(_ kind: FactKind) -> Bool {
        switch kind {
        case .programRegistered, .capacityChanged, .hiringCommitted, .participantRegistered, .serviceGranted, .hired,
            .employmentVerified, .gapPlanned, .fundRegistered, .budgetChanged, .costIncurred:
            return true
        default: return false
        }
    }

    @inline(__always)
    static func hasAux(_ kind: FactKind) -> Bool {
        switch kind {
        case .participantRegistered, .employmentVerified, .voided, .gapPlanned, .quarterClosed: return true
        default: return false
        }
    }

    @inline(__always)
    static func hasRef(_ kind: FactKind) -> Bool {
        switch kind {
        case .programRegistered, .hiringCommitted, .caseManagerAssigned, .matched, .waitlisted, .enrolled,
            .serviceGranted, .trainingCompleted, .trainingWithdrawn, .credentialEarned, .hired, .employmentVerified,
            .skillGain, .fundRegistered, .costIncurred:
            return true
        default: return false
        }
    }

    @inline(__always)
    static func appendVarint(_ value: UInt64, to buffer: inout [UInt8]) { VarInt.append(value, to: &buffer) }

    @inline(__always)
    static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }

    @inline(__always)
    static func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }

    /// Appends the encoded fact to `buffer`.
    @inline(__always)
    static func append(
        kind: FactKind, position: UInt64, day: Day, code: UInt8, amount: Int64, aux: UInt64,
        ref: UnsafeRawBufferPointer, to buffer: inout [UInt8]
    ) {
        buffer.append(kind.rawValue)
        appendVarint(position, to: &buffer)
        appendVarint(zigzag(Int64(day)), to: &buffer)
        if hasCode(kind) { buffer.append(code) }
        if hasAmount(kind) { appendVarint(zigzag(amount), to: &buffer) }
        if hasAux(kind) { appendVarint(aux, to: &buffer) }
        if hasRef(kind) {
            appendVarint(UInt64(ref.count), to: &buffer)
            if !ref.isEmpty { buffer.append(contentsOf: ref) }
        }
    }

    /// Appends an owned fact (tests and in-memory paths).
    static func append(_ fact: Fact, to buffer: inout [UInt8]) {
        var ref = fact.ref
        ref.withUTF8 { utf8 in
            append(
                kind: fact.kind, position: fact.position, day: fact.day, code: fact.code, amount: fact.amount,
                aux: fact.aux, ref: UnsafeRawBufferPointer(utf8), to: &buffer)
        }
    }

    /// Decodes every fact in `bytes`, appending them to `facts`. Throws on a malformed record.
    static func decode(_ bytes: UnsafeRawBufferPointer, into facts: inout [Fact]) throws(ReadModelError) {
        var i = 0
        let n = bytes.count
        func varint() throws(ReadModelError) -> UInt64 {
            guard let value = VarInt.read(bytes, at: &i) else { throw ReadModelError.corrupt("a fact record is truncated") }
            return value
        }
        while i < n {
            guard let kind = FactKind(rawValue: bytes[i]) else { throw ReadModelError.corrupt("a fact record is malformed") }
            i += 1
            var fact = Fact(position: try varint(), day: Day(truncatingIfNeeded: unzigzag(try varint())), kind: kind)
            if hasCode(kind) {
                guard i < n else { throw ReadModelError.corrupt("a fact record is truncated") }
                fact.code = bytes[i]
                i += 1
            }
            if hasAmount(kind) { fact.amount = unzigzag(try varint()) }
            if hasAux(kind) { fact.aux = try varint() }
            if hasRef(kind) {
                let count = try varint()
                guard count <= UInt64(n - i) else { throw ReadModelError.corrupt("a fact record is truncated") }
                let end = i + Int(count)
                fact.ref = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
                i = end
            }
            facts.append(fact)
        }
    }
}

/// A read model that cannot be used as stored.
public enum ReadModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stored bytes are not what a projector wrote.
    case corrupt(String)

    /// The reason, with the remedy (`wfl rebuild`).
    public var description: String {
        switch self {
        case .corrupt(let reason): return "the read models are corrupt (\(reason)); run `wfl rebuild`"
        }
    }
}
