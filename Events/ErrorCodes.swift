import LedgerStore

/// The stable error codes of EVENTS.md section 4. `allCases` order is stable: codes are only ever added, at the end
/// (revision 2 added `unknown_fund`).
public enum ErrorCode: String, CaseIterable, Sendable {
    /// The input is empty, not JSON, or not a JSON object.
    case invalidJSON = "invalid_json"
    /// The `type` is not one of EVENTS.md section 3.
    case unknownType = "unknown_type"
    /// A field the envelope or the type's `data` does not define, including the stored-only fields.
    case unknownField = "unknown_field"
    /// A required field is absent.
    case missingField = "missing_field"
    /// A field's value breaks its rule: wrong JSON type, `null`, empty string, out of range, a code not on its list, ….
    case invalidValue = "invalid_value"
    /// The `participantId` names no registered, non-voided participant.
    case unknownParticipant = "unknown_participant"
    /// The `programId` names no registered, non-voided program.
    case unknownProgram = "unknown_program"
    /// The `employerId` names no registered, non-voided employer.
    case unknownEmployer = "unknown_employer"
    /// A `*.registered` for an id that is already registered and not voided.
    case alreadyRegistered = "already_registered"
    /// An ending (`training_completed`, `training_withdrawn`) for a program the participant is not actively enrolled in.
    case notEnrolled = "not_enrolled"
    /// An `enrolled` or `waitlisted` for a program the participant is actively enrolled in.
    case alreadyEnrolled = "already_enrolled"
    /// An `enrolled` when the program's active enrollments have reached its capacity.
    case programFull = "program_full"
    /// A second live wage record for the same participant and quarter, or a second live close of a wage quarter;
    /// void the first to correct it.
    case duplicateQuarter = "duplicate_quarter"
    /// The `eventId` is already stored with a different `type`, `occurredAt`, `actor` or `data`.
    case eventIdConflict = "event_id_conflict"
    /// A void's `targetEventId` names no stored event.
    case unknownEvent = "unknown_event"
    /// A void of an event that is voided already.
    case alreadyVoided = "already_voided"
    /// A void of a void, of a non-workforce event, or of a registration (participant, program, employer, fund) that a
    /// live event still refers to.
    case notVoidable = "not_voidable"
    /// The event is more than 65,536 bytes of JSON; it is rejected without being parsed whole.
    case tooLarge = "too_large"
    /// The stream is not at the version the append expected; nothing is written, and the append may be retried.
    case wrongExpectedVersion = "wrong_expected_version"
    /// The `fundId` names no registered, non-voided fund (added in revision 2).
    case unknownFund = "unknown_fund"
}

extension ErrorCode {
    /// What the code means, in one sentence, for `wfl types` and the generated catalog document.
    public var summary: String {
        switch self {
        case .invalidJSON: return "The input is empty, not JSON, or not a JSON object."
        case .unknownType: return "The type is not one of the catalog's."
        case .unknownField: return "A field the envelope or the type's data does not define (also the stored-only fields)."
        case .missingField: return "A required field is absent."
        case .invalidValue:
            return "A value breaks its rule: wrong JSON type, null, empty, out of range, a code not on its list, "
                + "personal data in free text, or a date rule of the type."
        case .unknownParticipant: return "The participantId names no registered participant (or its registration is voided)."
        case .unknownProgram: return "The programId names no registered program (or its registration is voided)."
        case .unknownEmployer: return "The employerId names no registered employer (or its registration is voided)."
        case .unknownFund: return "The fundId names no registered fund (or its registration is voided)."
        case .alreadyRegistered: return "A *.registered for an id that is registered and not voided."
        case .notEnrolled: return "An ending for a program the participant is not actively enrolled in."
        case .alreadyEnrolled: return "An enrolled or waitlisted for a program the participant is actively enrolled in."
        case .programFull: return "An enrolled when the program's active enrollments have reached its capacity."
        case .duplicateQuarter:
            return "A second live wage record of a participant for a quarter, or a second live close of a quarter."
        case .eventIdConflict: return "The eventId is stored with a different type, occurredAt, actor or data."
        case .unknownEvent: return "A void's targetEventId names no stored event."
        case .alreadyVoided: return "A void of an event that is voided already."
        case .notVoidable: return "A void of a void, or of a registration that a live event still refers to."
        case .tooLarge: return "The event is more than 65,536 bytes of JSON; it is rejected without being parsed whole."
        case .wrongExpectedVersion: return "The stream is not at the expected version; nothing is written (retryable)."
        }
    }

    /// The codes any event can be rejected with before the rules of its type: its shape, then idempotency, then
    /// `--expected-version`.
    public static let shapeAndOrderCodes: [ErrorCode] = [
        .invalidJSON, .tooLarge, .unknownType, .unknownField, .missingField, .invalidValue, .eventIdConflict,
        .wrongExpectedVersion,
    ]
}

extension EventRejection {
    /// A rejection with one of the catalog's codes.
    public init(_ code: ErrorCode, _ field: String, _ message: String) {
        self.init(code: code.rawValue, field: field, message: message)
    }
}
