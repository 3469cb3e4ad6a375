import LedgerStore
import Testing
import WorkforceEvents

/// The free-text personal-data screen of EVENTS.md section 1: what it finds, what it lets pass, where it applies
/// (every screened field, append and import) and where it does not (stored events, `verify --rules`).
@Suite struct FreeTextScreenTests {
    static let socialSecurityNumbers = [
        "123-45-6789", "123 45 6789", "123-45 6789", "SSN 123-45-6789.", "id:123-45-6789", "123456789",
        "ID123456789", "case 123456789 closed", "0.123456789",
    ]
    static let emailAddresses = [
        "jo@example.org", "Jo.Doe+jobs@mail.example.co.uk", "write to jo_doe@example.com, please", "(o'neil@ex-ample.io)",
        "a@b.co", "josé@example.org", "jo@exämple.org",
    ]
    static let phoneNumbers = [
        "860-555-1234", "860.555.1234", "860 555 1234", "(860) 555-1234", "(860)555-1234", "+1 860-555-1234",
        "+1-860-555-1234", "+1 (860) 555-1234", "+1(860)555-1234", "+1860-555-1234", "call 860-555-1234 today",
    ]
    /// Near misses that must pass: numbers that are not SSNs or phone numbers, `@` that is no e-mail address.
    static let nearMisses = [
        "Hartford", "Welding 101", "Program 2025-03-03", "Cohort 12345678", "Account 1234567890",
        "ref 12345678901", "8605551234", "860-555-123", "860-5555-1234", "86-555-1234", "1234-56-7890",
        "123-45-67890", "0123-45-6789", "12-345-6789", "ISBN 978-0-306-40615-7", "06103-1234", "2.10",
        "@acme", "meet @ noon", "a@b", "a@b.c", "a@b.c1", "AT&T", "jo@", "@example.org", "x@-", "x@.org",
        "Room 860 555", "Zip 06103", "(860) 555-123", "123 45 678", "1 860 555 123", "C++ @ 9",
        "Ünïcödé cøunty", "Sector 2.10 (ARPA)",
    ]

    @Test(arguments: socialSecurityNumbers)
    func findsSocialSecurityNumbers(_ text: String) {
        #expect(FreeTextScreen.finding(in: text) == .socialSecurityNumber)
    }

    @Test(arguments: emailAddresses)
    func findsEmailAddresses(_ text: String) {
        #expect(FreeTextScreen.finding(in: text) == .emailAddress)
    }

    @Test(arguments: phoneNumbers)
    func findsPhoneNumbers(_ text: String) {
        #expect(FreeTextScreen.finding(in: text) == .phoneNumber)
    }

    @Test(arguments: nearMisses)
    func nearMissesPass(_ text: String) {
        #expect(FreeTextScreen.finding(in: text) == nil)
    }

    /// A run of exactly 9 digits is an SSN; 10 or more digits in a row are another number (an account, an order,
    /// or a phone number written without separators, which the contract's phone pattern does not cover).
    @Test func onlyARunOfExactlyNineDigitsIsAnSSN() {
        #expect(FreeTextScreen.finding(in: "12345678") == nil)
        #expect(FreeTextScreen.finding(in: "123456789") == .socialSecurityNumber)
        #expect(FreeTextScreen.finding(in: "1234567890") == nil)
        #expect(FreeTextScreen.finding(in: "12345678901234567890") == nil)
        #expect(FreeTextScreen.finding(in: "1234567890 and 123456789") == .socialSecurityNumber)
    }

    /// Every screened field, in every type that has one: `invalid_value` at the field, a message that says why
    /// and does not repeat the text.
    static let screenedFields: [(line: String, field: String)] = [
        (
            Line.event(
                "program.registered",
                #"{"programId":"PRG-9","name":"Call 860-555-1234","provider":"P","sector":"manufacturing","trainingType":"apprenticeship","capacity":1}"#
            ),
            "/data/name"
        ),
        (
            Line.event(
                "program.registered",
                #"{"programId":"PRG-9","name":"N","provider":"jo@example.org","sector":"manufacturing","trainingType":"apprenticeship","capacity":1}"#
            ),
            "/data/provider"
        ),
        (Line.event("employer.registered", #"{"employerId":"EMP-9","name":"123-45-6789","sector":"health_care"}"#), "/data/name"),
        (
            Line.event(
                "fund.registered", #"{"fundId":"F-9","name":"jo@example.org","source":"state","budgetCents":0}"#), "/data/name"
        ),
        (
            Line.event(
                "participant.registered",
                #"{"participantId":"P-9","county":"123456789","birthYear":1990,"sex":"male","raceEthnicity":[],"barriers":[],"employmentStatus":"employed"}"#
            ),
            "/data/county"
        ),
        (
            Line.event(
                "participant.training_withdrawn",
                #"{"participantId":"P-1","programId":"PRG-1","reason":"moved, new phone (860) 555-1234"}"#), "/data/reason"
        ),
        (
            Line.event(
                "participant.credential_earned",
                #"{"participantId":"P-1","credential":"License 123 45 6789","credentialType":"occupational_license"}"#),
            "/data/credential"
        ),
        (
            Line.void("reg-P-1", eventId: "v").replacingOccurrences("entered in error", "duplicate of jo@example.org"),
            "/data/reason"
        ),
    ]

    @Test func everyScreenedFieldIsScreened() throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics + [Line.pp("enrolled", "P-1", "PRG-1", eventId: "e")])
        let before = ledger.head
        for (line, field) in Self.screenedFields {
            let rejection = ledger.rejection(line)
            #expect(rejection?.code == "invalid_value", "\(field)")
            #expect(rejection?.field == field)
            #expect(rejection?.message.contains("free text must not hold personal data") == true)
            #expect(rejection?.message.contains("860") == false)
            #expect(rejection?.message.contains("example.org") == false)
        }
        #expect(ledger.head == before)
        // The screened field names are the contract's.
        #expect(FreeTextScreen.screenedFields == ["name", "provider", "reason", "credential", "county"])
        #expect(Set(Self.screenedFields.map { $0.field.replacing("/data/", with: "") }) == Set(FreeTextScreen.screenedFields))
    }

    @Test func messagesNameWhatTheTextLooksLike() throws {
        let ledger = try TestLedger()
        let rejection = ledger.rejection(Line.employer("EMP-9").replacingOccurrences("Acme", "Acme 123-45-6789"))
        #expect(
            rejection?.message
                == "name looks like it holds a Social Security number; free text must not hold personal data")
        #expect(FreeTextScreen.Finding.emailAddress.message(field: "county").contains("an e-mail address"))
        #expect(FreeTextScreen.Finding.phoneNumber.message(field: "county").contains("a phone number"))
    }

    /// Ids and codes are not free text, and neither is a fund's expenditure category.
    @Test func otherFieldsAreNotScreened() throws {
        let ledger = try TestLedger()
        try ledger.append(Line.basics)
        try ledger.append(
            Line.event(
                "fund.registered",
                #"{"fundId":"123456789","name":"Recovery","source":"state","budgetCents":0,"expenditureCategory":"860-555-1234"}"#
            ))
        try ledger.append(
            Line.event("participant.case_manager_assigned", #"{"participantId":"P-1","caseManagerId":"123-45-6789"}"#))
    }

    /// A large import goes through the decoding thread: the screen applies there too.
    @Test func importIsScreened() throws {
        let ledger = try TestLedger()
        var lines = Line.basics
        for index in 0..<2_000 { lines.append(Line.participant("P-x\(index)")) }
        lines.append(Line.participant("P-bad").replacingOccurrences("Hartford", "Hartford, jo@example.org"))
        let bytes = Array(lines.joined(separator: "\n").utf8)
        var offset = 0
        var error: LedgerWriteError?
        do {
            _ = try ledger.writer.append {
                offset = 0
                return JSONLReader(mayBeLarge: true) { buffer in
                    let count = min(buffer.count, bytes.count - offset)
                    guard count > 0 else { return 0 }
                    bytes.withUnsafeBytes { source in
                        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
                    }
                    offset += count
                    return count
                }
            }
        } catch let caught { error = caught }
        guard case .rejected(let rejected, let total)? = error else {
            Issue.record("expected a rejection, got \(String(describing: error))")
            return
        }
        #expect(total == 1)
        #expect(rejected.first?.line == lines.count)
        #expect(rejected.first?.code == "invalid_value")
        #expect(rejected.first?.field == "/data/county")
        #expect(ledger.eventCount == 0)
    }

    /// Events stored before the screen existed stay valid: `verify --rules` (``RuleAudit``) does not re-check
    /// free text, and the ledger still takes new events.
    @Test func storedEventsAreNotRechecked() throws {
        let ledger = try TestLedger()
        let unscreened = LedgerWriter(store: ledger.store, decoder: EventDecoder(screensFreeText: false))
        let before =
            Line.basics + [
                Line.participant("P-2").replacingOccurrences("Hartford", "123-45-6789"),
                Line.employer("EMP-2").replacingOccurrences("Acme", "jo@example.org"),
            ]
        _ = try unscreened.append(jsonl: Array(before.joined(separator: "\n").utf8))
        #expect(ledger.eventCount == 5)
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: ledger.directory.child("audit")) == nil)
        // Events that refer to them append; voiding one works (its stored data is decoded, not screened).
        try ledger.append([Line.pp("matched", "P-2", "PRG-1", eventId: "m"), Line.void("reg-EMP-2", eventId: "v")])
        #expect(try RuleAudit.run(store: ledger.store, scratchDirectory: ledger.directory.child("audit2")) == nil)
        // New input with the same text is refused.
        #expect(
            ledger.rejection(Line.participant("P-3").replacingOccurrences("Hartford", "123-45-6789"))?.code
                == "invalid_value")
    }
}
