/// Why the store could not do what was asked. Per-event refusals are ``EventRejection``s instead.
///
/// Ask ``isStorageFailure`` whether an error is the storage's fault (retry, or report an I/O failure) rather than
/// a verdict on the input or the store's contents.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store directory, or the environment in it, does not exist (and the caller did not ask to create it).
    case storeNotFound(path: String)
    /// The store directory could not be created or initialised.
    case cannotCreate(path: String, reason: String)
    /// The files exist but are not a WorkforceLedger store of a format this build reads.
    case incompatibleFormat(path: String, found: String)
    /// LMDB failed (I/O, map full after growing, reader table full, …).
    case storage(operation: String, error: LMDBError)
    /// Something under the store failed with an error of its own (not LMDB's): `underlying` says what.
    case failure(operation: String, underlying: UnderlyingError)
    /// The store is open read-only and a write was attempted.
    case readOnly
    /// A stored record is not what the store wrote (found while reading, not by `verify`).
    case corruptRecord(position: UInt64, reason: String)
    /// An argument was out of range (a position of 0, an over-long stream name, …).
    case invalidArgument(String)
    /// The operating system refused access to the store's directory or files; `detail` says which and how to fix it.
    case permissionDenied(path: String, detail: String)
    /// The store's files are damaged below the level of events (an emptied, truncated or deleted `data.mdb`): they
    /// are refused rather than read or started again.
    case damaged(path: String, reason: String)
    /// The directory exists, is not empty and is not a store: a store is made only in a new or empty directory.
    case notAStore(path: String, reason: String)

    /// A sentence for operators saying what failed and where.
    public var description: String {
        switch self {
        case .storeNotFound(let path): return "no ledger store at \(path)"
        case .cannotCreate(let path, let reason): return "cannot create a ledger store at \(path): \(reason)"
        case .incompatibleFormat(let path, let found):
            return "\(path) is not a ledger store this version can read (format \(found))"
        case .storage(let operation, let error): return "storage failure while \(operation): \(error)"
        case .failure(let operation, let underlying): return "storage failure while \(operation): \(underlying)"
        case .readOnly: return "the store is open read-only"
        case .corruptRecord(let position, let reason): return "stored event \(position) is corrupt: \(reason)"
        case .invalidArgument(let message): return message
        case .permissionDenied(let path, let detail): return "permission denied for the store at \(path): \(detail)"
        case .damaged(let path, let reason): return "the store at \(path) is damaged: \(reason)"
        case .notAStore(let path, let reason): return "\(path) is not a ledger store: \(reason)"
        }
    }

    /// `true` when the storage failed (LMDB, or an error under the store): not the caller's input, and not the
    /// stored contents. The one way to ask, for a ``StoreError`` and for an ``EventRejection`` alike.
    public var isStorageFailure: Bool {
        switch self {
        case .storage, .failure: return true
        default: return false
        }
    }
}

/// An error carried inside another (``StoreError/failure(operation:underlying:)``), kept whole for the caller to
/// inspect (`underlying.error is …`). Two are equal when their descriptions are (an `any Error` has no equality).
public struct UnderlyingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error as it was thrown.
    public let error: any Error

    /// Carries `error`.
    public init(_ error: any Error) { self.error = error }

    /// The error's own description.
    public var description: String { "\(error)" }

    /// Equal when the descriptions are.
    public static func == (lhs: UnderlyingError, rhs: UnderlyingError) -> Bool { lhs.description == rhs.description }
}

/// One event refused by an append: a stable code, the field (a JSON Pointer into the input event),
/// and a sentence for people. The batch it was part of writes nothing.
public struct EventRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, lower-case snake-case code (`event_id_conflict`, `wrong_expected_version`, …).
    public var code: String
    /// A JSON Pointer to the offending field (`/data/programId`), `""` for the whole event.
    public var field: String
    /// What is wrong, in words a case worker understands.
    public var message: String
    /// Set when the "rejection" is really a storage failure met while staging the event (code `storage_failure`):
    /// not the event's fault. Drivers must abort the batch and report it as an I/O failure (``isStorageFailure``).
    public var storageError: StoreError?

    /// Creates a rejection that is the event's fault (no ``storageError``).
    public init(code: String, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
        self.storageError = nil
    }

    /// Wraps a storage failure met while staging an event: a ``StoreError`` as it is, an ``LMDBError`` as
    /// ``StoreError/storage(operation:error:)``, anything else as ``StoreError/failure(operation:underlying:)``.
    public init(storageFailure error: any Error) {
        self.init(code: Self.storageFailureCode, field: "", message: "\(error)")
        if let store = error as? StoreError {
            storageError = store
        } else if let lmdb = error as? LMDBError {
            storageError = .storage(operation: "appending", error: lmdb)
        } else {
            storageError = .failure(operation: "appending", underlying: UnderlyingError(error))
        }
    }

    /// `true` for a storage failure met while staging the event rather than a verdict on the event: the batch
    /// must be aborted. The one way to ask (``StoreError/isStorageFailure`` for a store error).
    public var isStorageFailure: Bool { storageError != nil }

    /// `true` when the map filled up: the store grows it and runs the batch again.
    var isMapFull: Bool {
        if case .storage(_, let error)? = storageError { return error == .mapFull }
        return false
    }

    /// `code at field: message`, with `(event)` in place of an empty field.
    public var description: String { "\(code) at \(field.isEmpty ? "(event)" : field): \(message)" }

    /// The store's own code for an event its indexes cannot hold: an empty or over-long `eventId`, a `type` with a
    /// NUL or over-long, an over-long stream name (the value EVENTS.md gives every out-of-range field).
    public static let unindexableCode = "invalid_value"
    /// The store's own code for an `eventId` already stored with a different content.
    public static let eventIdConflictCode = "event_id_conflict"
    /// The code of a storage failure met while staging an event (see ``storageError``).
    public static let storageFailureCode = "storage_failure"
    /// The store's own code for an optimistic-concurrency failure.
    public static let wrongExpectedVersionCode = "wrong_expected_version"
}
