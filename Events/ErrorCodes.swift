import LedgerStore

/// The stable error codes of EVENTS.md section 4.
public enum ErrorCode: String, CaseIterable, Sendable {
    case invalidJSON = "invalid_json"
    case unknownType = "unknown_type"
    case unknownField = "unknown_field"
    case missingField = "missing_field"
    case invalidValue = "invalid_value"
    case unknownParticipant = "unknown_participant"
    case unknownProgram = "unknown_program"
    case unknownEmployer = "unknown_employer"
    case alreadyRegistered = "already_registered"
    case notEnrolled = "not_enrolled"
    case alreadyEnrolled = "already_enrolled"
    case programFull = "program_full"
    case duplicateQuarter = "duplicate_quarter"
    case eventIdConflict = "event_id_conflict"
    case unknownEvent = "unknown_event"
    case alreadyVoided = "already_voided"
    case notVoidable = "not_voidable"
    case tooLarge = "too_large"
    case wrongExpectedVersion = "wrong_expected_version"
}

extension EventRejection {
    /// A rejection with one of the catalog's codes.
    public init(_ code: ErrorCode, _ field: String, _ message: String) {
        self.init(code: code.rawValue, field: field, message: message)
    }

    /// The code of a storage failure inside a batch (not a validation error: the batch is aborted).
    public static let storageFailureCode = "storage_failure"

    /// `true` for a storage failure rather than a verdict on the event.
    public var isStorageFailure: Bool { code == Self.storageFailureCode }
}
