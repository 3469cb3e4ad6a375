import CanonicalJSON
import LedgerStore

/// Loads a `wfl events --format jsonl` export into a new, empty store, keeping every event's position, stream,
/// stream version, `recordedAt` and hash, so that the head digest is the exported ledger's.
///
/// Each line is checked as it comes, and the first bad one refuses the whole restore (nothing is written): the
/// shape of its stored fields, then the event as input (the free-text screen of new input is not applied: stored
/// events stay valid, EVENTS.md section 1), then the append rules, which also rebuild the rule state that later
/// appends are checked against, then ``AppendBatch/restore(_:as:rules:)``: the next position, the stream and
/// version, and the recomputed hash.
public enum LedgerRestore {
    /// What a restore did.
    public struct Summary: Sendable, Equatable {
        /// Events restored.
        public var restored: Int
        /// The head digest after the restore (`nil` for an empty export).
        public var head: Digest?
    }

    /// The stored fields an export line has beside the input event's.
    static let storedKeys: Set<String> = ["position", "stream", "streamVersion", "recordedAt", "schemaVersion", "hash"]

    /// Restores the export that `makeInput` reads (from its start; called again if the store runs the batch again)
    /// into `store`, which must hold no event.
    ///
    /// - Throws: ``LedgerWriteError/rejected(_:total:)`` with the first bad line (nothing written), `.input` when the
    ///   export cannot be read, `.storage` when the store fails or is not empty.
    public static func run(store: LedgerStore, input makeInput: () throws -> any EventInput) throws(LedgerWriteError)
        -> Summary
    {
        let decoder = EventDecoder(screensFreeText: false)
        do {
            return try store.append { batch in
                if let head = batch.head {
                    throw LedgerWriteError.storage("the store holds \(head.position) events; restore needs an empty store")
                }
                var rules = WorkforceRules()
                var input: any EventInput
                do { input = try makeInput() } catch { throw LedgerWriteError.input("\(error)") }
                var restored = 0
                do {
                    try input.forEachLine { number, line in
                        do throws(EventRejection) {
                            guard case .bytes(let bytes) = line else {
                                throw EventRejection(.tooLarge, "", "the line is longer than an exported event can be")
                            }
                            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
                            let (event, stamp) = try decodeLine(bytes, decoder: decoder)
                            _ = try batch.restore(event, as: stamp, rules: &rules)
                            restored += 1
                        } catch {
                            if error.isStorageFailure { throw error }
                            throw LedgerWriteError.rejected([LineRejection(line: number, rejection: error)], total: 1)
                        }
                    }
                } catch let error as InputError {
                    throw LedgerWriteError.input(error.message)
                }
                try rules.finish(in: batch)
                return Summary(restored: restored, head: batch.head)
            }
        } catch let error as LedgerWriteError {
            throw error
        } catch let error as EventRejection {
            throw .storage(error.message)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Splits an export line into the input event (decoded as new input is, without the free-text screen) and the
    /// stored fields, each checked for its shape.
    static func decodeLine(_ bytes: UnsafeBufferPointer<UInt8>, decoder: EventDecoder) throws(EventRejection) -> (
        ProposedEvent<WorkforceEvent>, StoredStamp
    ) {
        let value: JSONValue
        do {
            value = try JSONParser().parse(buffer: bytes)
        } catch {
            throw EventRejection(.invalidJSON, "", "this is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw EventRejection(.invalidJSON, "", "an exported event must be a JSON object, not \(value.kindDescription)")
        }
        var envelope = JSONObject()
        for member in object.members where !storedKeys.contains(member.key) { envelope.members.append(member) }
        for key in ["position", "stream", "streamVersion", "recordedAt", "schemaVersion", "hash"] where object[key] == nil {
            throw EventRejection(.missingField, "/\(key)", "an exported event needs \"\(key)\"")
        }
        let position = try positiveInteger(object, "position")
        let streamVersion = try positiveInteger(object, "streamVersion")
        _ = try positiveInteger(object, "schemaVersion")
        guard case .string(let stream)? = object["stream"], !stream.isEmpty else {
            throw EventRejection(.invalidValue, "/stream", "stream must be a non-empty string")
        }
        guard case .string(let recordedAt)? = object["recordedAt"], isUTCTimestamp(recordedAt) else {
            throw EventRejection(
                .invalidValue, "/recordedAt", "recordedAt must be an RFC 3339 UTC time like 2026-12-04T16:29:46.976337Z")
        }
        guard case .string(let hashText)? = object["hash"], hashText.utf8.count == 64,
            hashText.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
            let hash = Hex.decode(hashText)
        else {
            throw EventRejection(.invalidValue, "/hash", "hash must be 64 lower-case hex digits")
        }
        var event = try decoder.decode(envelope: envelope)
        event.prepareCanonicalParts(typeHash: event.payload.type.tableHash)
        return (
            event,
            StoredStamp(position: position, stream: stream, streamVersion: streamVersion, recordedAt: recordedAt, hash: hash)
        )
    }

    private static func positiveInteger(_ object: JSONObject, _ key: String) throws(EventRejection) -> UInt64 {
        guard case .number(let number)? = object[key], number.isIntegerLiteral, let value = number.int64, value >= 1 else {
            throw EventRejection(.invalidValue, "/\(key)", "\(key) must be a whole number ≥ 1")
        }
        return UInt64(value)
    }

    /// `YYYY-MM-DDTHH:MM:SS` with an optional fraction of 1 to 9 digits, then `Z`.
    static func isUTCTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 30, bytes.last == UInt8(ascii: "Z") else { return false }
        let pattern = Array("dddd-dd-ddTdd:dd:dd".utf8)
        for (index, expected) in pattern.enumerated() {
            let byte = bytes[index]
            if expected == UInt8(ascii: "d") {
                guard (0x30...0x39).contains(byte) else { return false }
            } else if byte != expected {
                return false
            }
        }
        let rest = bytes[19..<(bytes.count - 1)]
        guard let first = rest.first else { return true }
        return first == UInt8(ascii: ".") && rest.count >= 2 && rest.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }
}
