/// The prose of `docs/EVENTS.md` around the catalog's tables, in our own words. Kept next to the catalog so that
/// the whole document is generated (``CatalogDocument/markdown()``) and checked by a test.
enum CatalogProse {
    static let introduction = """
        # WorkforceLedger event catalog

        This is the catalog of events a service may append to WorkforceLedger: the envelope every event shares, \
        the stream each one lands in, every type with its fields, codes and append rules, the errors and exit \
        codes, the screen that keeps personal data out of free text, and how the catalog may grow. The normative \
        contract is `EVENTS.md` of the project's specification; this page describes what the code implements.

        This file is generated from the catalog table in `Events/Catalog+Entries.swift` (`wfl types --format \
        markdown > docs/EVENTS.md`), and a test fails when the two differ: change the table, then regenerate. \
        `wfl types TYPE` prints one type's entry.


        """

    static let envelope = """
        ## 1. The envelope

        An event is one JSON object (one line of JSONL in an import):

        ```json
        {"type": "participant.enrolled", "eventId": "portal-7f3a9c", "occurredAt": "2025-03-03T14:00:00Z",
         "actor": "staff:cm-017", "data": {"participantId": "P-000123", "programId": "PRG-07"}}
        ```

        | field | | rule |
        |---|---|---|
        | `type` | required | one of the types of section 4 |
        | `eventId` | optional | 1–128 of `A-Z a-z 0-9 . _ : -`; the ledger makes a UUID when absent. It is the \
        idempotency key: the same `eventId` with the same `type`, `occurredAt`, `actor` and `data` (RFC 8785 bytes) \
        is a no-op that reports the stored position, even when that event was voided; with anything different it \
        is `event_id_conflict`. |
        | `occurredAt` | required | when it happened: `YYYY-MM-DDTHH:MM:SS`, optionally `.` and 1–9 digits, then \
        `Z` or `±HH:MM` (hours 00–23, minutes 00–59). Rules and reports use its calendar date in UTC, which must \
        fall in the years 0001–9999. Late, out-of-order and future dates are accepted. |
        | `actor` | required | `kind:id`: kind one of `staff`, `service`, `provider`, `employer`, `system`; the id \
        as for `eventId`. |
        | `data` | required | the type's object (section 4). |

        Any other member of the envelope or of `data` is `unknown_field`, so a typo never passes silently. Stored, \
        the ledger adds `position` (1, 2, 3, … with no gap), `stream` and `streamVersion`, `recordedAt` (its \
        clock), `schemaVersion` (1: the envelope's version; new types do not change it) and `hash` (SHA-256 over \
        the previous hash and the event's RFC 8785 bytes). These are unknown fields in input.


        """

    static let concurrency = """
        An append may state the version its stream must be at (`wfl append --expected-version N`; `0`: the stream \
        must not exist yet). When the stream has moved on, nothing is written and the error is \
        `wrong_expected_version` (exit 75, retryable), naming the stream's actual version.


        """

    static let values = """
        ## 3. Values

        - `null` is never valid: leave an optional field out instead.
        - Every string is non-empty.
        - Ids (`participantId`, `programId`, `employerId`, `fundId`, `caseManagerId`) are 1–64 of \
        `A-Z a-z 0-9 . _ -`. They are pseudonymous: the ledger holds no names, addresses, birth dates, SSNs or \
        contact details of participants. `unassigned` is reserved and is not a valid `caseManagerId`.
        - An integer is a JSON number without fraction or exponent, at most 2^53 − 1. Money is integer cents.
        - A date (`startDate`, `endDate`) is `YYYY-MM-DD`, a calendar date in the years 0001–9999; a quarter is \
        `YYYYQn` with n from 1 to 4.
        - Codes are lower-case snake case from their list; anything else is `invalid_value`. A code array holds \
        distinct codes, and `did_not_self_identify` stands alone.
        - Free text (`name`, `provider`, `reason`, `credential`, `county`) must not hold personal data (section 6).
        - An event of more than 65,536 bytes of JSON is `too_large` (field `""`), refused without being parsed \
        whole; a line that is not a JSON object is `invalid_json`.


        """

    static let checkOrderAndExitCodes = """
        Checks run in this order: the event's shape (JSON, envelope, `data` fields and values, the free-text \
        screen), then idempotency (a duplicate succeeds as a no-op before any rule; a conflict is refused), then \
        `--expected-version`, then the type's rules in the order section 4 lists them. A void whose target is \
        unknown is `unknown_event` whatever `--expected-version` says. Rules are checked in position order against \
        everything stored before and everything earlier in the same batch; a voided event counts as if it had never \
        been appended.

        | exit code | meaning |
        |---|---|
        | 0 | success |
        | 1 | `verify` found the ledger altered or inconsistent |
        | 64 | wrong command-line usage (a malformed flag, an unknown type for `wfl types`) |
        | 65 | rejected input: any validation error |
        | 66 | input file or store not found |
        | 73 | the store cannot be created |
        | 74 | I/O or storage failure |
        | 75 | `wrong_expected_version` (retry) |


        """

    static let freeTextScreen = """
        ## 6. The free-text screen

        The free-text fields `name`, `provider`, `reason`, `credential` and `county` are refused with \
        `invalid_value` at the field when their text looks like it holds personal data. The message says what it \
        looks like (for example "county looks like it holds a Social Security number; free text must not hold \
        personal data") and never repeats the text. Ids, codes and `expenditureCategory` are not screened. Only \
        ASCII digits count as digits.

        - **Social Security number**: 3, 2 and 4 digits separated by `-` or a space (`123-45-6789`, \
        `123 45 6789`), or a run of exactly 9 digits (`123456789`, also inside other text: `ID123456789`). The \
        digits must not be part of a longer run of digits: a run of 10 or more digits (an account, order or \
        reference number, or a phone number written without separators) passes, and so do `1234-56-7890` and \
        `123-45-67890`.
        - **E-mail address**: `local@domain.tld`: at least one of `A-Z a-z 0-9 . _ % + - '` right before the `@`, \
        then labels of `A-Z a-z 0-9 -` joined by dots, the last one 2 or more letters (`jo.doe@example.org`); \
        non-ASCII characters count as letters (`josé@exämple.org`). An \
        `@` alone (`@acme`, `meet @ noon`), `a@b` and `a@b.c` pass.
        - **US phone number**: 10 digits grouped 3-3-4 and separated by `-`, `.` or a space, the first group \
        optionally in parentheses (then the separator after it is optional), optionally preceded by `+1`: \
        `860-555-1234`, `(860) 555-1234`, `+1 860.555.1234`. `860-555-123`, `2025-03-03` and `8605551234` pass.

        The screen applies to new input only (`wfl append` and `wfl import`). Events stored before it existed stay \
        valid: `wfl verify --rules` re-checks the append rules of every stored event but not this screen.


        """

    static let evolution = """
        ## 7. Schema evolution

        Types, codes, optional fields and error codes are only ever added, never changed or removed, and each is \
        added at the end of its list (`EventType.allCases`, each code list's `allCases`, `ErrorCode.allCases`, \
        `StreamKind.allCases`), so other modules can number them. Every event a ledger accepted before stays valid \
        and keeps its meaning: an old ledger needs no migration. The rule state the ledger keeps for later appends \
        is keyed by entity; a new type that needs state gets its own keys, and the state of the earlier types keeps \
        its format.

        Revision 2 added the types `participant.gap_in_service_planned`, `participant.skill_gain`, \
        `wages.quarter_closed`, `fund.registered`, `fund.budget_changed` and `program.cost_incurred`, the `fund-` \
        and `wages-` streams, the service code `follow_up`, the optional `fundId` of \
        `participant.service_granted`, the error code `unknown_fund` (and `duplicate_quarter` for a second close of \
        a quarter), and the free-text screen.

        Corrections: events are never changed or deleted. A mistake is undone by `ledger.event_voided` and, where \
        needed, a new corrected event.

        """
}
