/// The binary form of facts in the read models: a fixed 31-byte header and the referenced id.
///
/// | bytes | field |
/// |---|---|
/// | 1 | kind |
/// | 8 | position (little-endian) |
/// | 4 | day (little-endian, signed) |
/// | 1 | code |
/// | 8 | amount (little-endian, signed) |
/// | 8 | aux (little-endian) |
/// | 1 | length of ref, then its UTF-8 bytes (ids are at most 64 bytes) |
enum FactCodec {
    static let headerSize = 31

    /// Appends the encoded fact to `buffer`.
    @inline(__always)
    static func append(
        kind: FactKind, position: UInt64, day: Day, code: UInt8, amount: Int64, aux: UInt64,
        ref: UnsafeRawBufferPointer, to buffer: inout [UInt8]
    ) {
        let refCount = min(ref.count, 255)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: headerSize + refCount))
        buffer.withUnsafeMutableBytes { raw in
            let p = raw.baseAddress! + start
            p.storeBytes(of: kind.rawValue, as: UInt8.self)
            p.storeBytes(of: position.littleEndian, toByteOffset: 1, as: UInt64.self)
            p.storeBytes(of: day.littleEndian, toByteOffset: 9, as: Int32.self)
            p.storeBytes(of: code, toByteOffset: 13, as: UInt8.self)
            p.storeBytes(of: amount.littleEndian, toByteOffset: 14, as: Int64.self)
            p.storeBytes(of: aux.littleEndian, toByteOffset: 22, as: UInt64.self)
            p.storeBytes(of: UInt8(refCount), toByteOffset: 30, as: UInt8.self)
            if refCount > 0 { (p + headerSize).copyMemory(from: ref.baseAddress!, byteCount: refCount) }
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
        while i < n {
            guard n - i >= headerSize, let kind = FactKind(rawValue: bytes[i]) else {
                throw ReadModelError.corrupt("a fact record is malformed")
            }
            let p = bytes.baseAddress! + i
            let refCount = Int(p.load(fromByteOffset: 30, as: UInt8.self))
            guard n - i >= headerSize + refCount else { throw ReadModelError.corrupt("a fact record is truncated") }
            let ref = refCount == 0
                ? "" : String(decoding: UnsafeRawBufferPointer(start: p + headerSize, count: refCount), as: UTF8.self)
            facts.append(
                Fact(
                    position: UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 1, as: UInt64.self)),
                    day: Int32(littleEndian: p.loadUnaligned(fromByteOffset: 9, as: Int32.self)),
                    kind: kind,
                    code: p.load(fromByteOffset: 13, as: UInt8.self),
                    amount: Int64(littleEndian: p.loadUnaligned(fromByteOffset: 14, as: Int64.self)),
                    aux: UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 22, as: UInt64.self)),
                    ref: ref))
            i += headerSize + refCount
        }
    }
}

/// A read model that cannot be used as stored.
public enum ReadModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stored bytes are not what a projector wrote.
    case corrupt(String)

    public var description: String {
        switch self {
        case .corrupt(let reason): return "the read models are corrupt (\(reason)); run `wfl rebuild`"
        }
    }
}
