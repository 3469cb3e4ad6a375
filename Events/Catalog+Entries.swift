/// The catalog's table: one entry per event type of EVENTS.md section 3.
extension Catalog {
    // Shorthands for the table below.
    private static func required(_ name: String, _ kind: FieldKind, _ summary: String) -> Field {
        Field(name: name, isRequired: true, kind: kind, summary: summary)
    }

    private static func optional(_ name: String, _ kind: FieldKind, _ summary: String) -> Field {
        Field(name: name, isRequired: false, kind: kind, summary: summary)
    }

    private static func exists(_ entity: String, optional: Bool = false) -> Rule {
        let error: ErrorCode
        switch entity {
        case "participant": error = .unknownParticipant
        case "program": error = .unknownProgram
        case "employer": error = .unknownEmployer
        default: error = .unknownFund
        }
        return Rule(
            text: "the \(entity) is registered (and its registration not voided)\(optional ? ", when given" : "")",
            error: error, field: "/data/\(entity)Id")
    }

    private static func new(_ entity: String) -> Rule {
        Rule(
            text: "the \(entity)Id is not registered yet (a voided registration frees it)", error: .alreadyRegistered,
            field: "/data/\(entity)Id")
    }

    private static let participantId = required("participantId", .entityId, "the participant (pseudonymous id)")
    private static let programId = required("programId", .entityId, "the program")
    private static let employerId = required("employerId", .entityId, "the employer")
    private static let fundId = required("fundId", .entityId, "the fund")
    private static let notEnrolled = Rule(
        text: "the participant is not actively enrolled in the program", error: .alreadyEnrolled, field: "/data/programId")
    private static let activelyEnrolled = Rule(
        text: "the participant is actively enrolled in the program", error: .notEnrolled, field: "/data/programId")

    private static let participantExample = #""participantId":"P-000123""#
    private static let programExample = #""programId":"PRG-07""#

    static func makeEntry(_ type: EventType) -> TypeEntry {
        func entry(
            _ summary: String, _ fields: [Field], _ rules: [Rule], _ data: String,
            at occurredAt: String = "2025-03-03T14:00:00Z", requires: [EventType] = []
        ) -> TypeEntry {
            TypeEntry(
                type: type, summary: summary, fields: fields, rules: rules, exampleData: "{" + data + "}",
                exampleOccurredAt: occurredAt, requires: requires)
        }
        switch type {
        case .programRegistered:
            return entry(
                "A training program and its seats.",
                [
                    required("programId", .entityId, "the new program's id"),
                    required("name", .freeText, "the program's name"),
                    required("provider", .freeText, "the organization that delivers the training"),
                    required("sector", .code(Sector.self), "the industry it trains for"),
                    required(
                        "trainingType", .code(TrainingType.self),
                        "the kind of training (on_the_job and customized are employer-based)"),
                    required("capacity", .integer(minimum: 0, maximum: nil), "seats"),
                ], [new("program")],
                #""programId":"PRG-07","name":"Welding I","provider":"Capital Region Tech","sector":"manufacturing","trainingType":"occupational_skills","capacity":24"#,
                at: "2025-01-06T09:00:00Z")
        case .programCapacityChanged:
            return entry(
                "The program's seats from now on (a cut below its active enrollments ends none of them).",
                [programId, required("capacity", .integer(minimum: 0, maximum: nil), "seats")], [exists("program")],
                programExample + #","capacity":30"#, requires: [.programRegistered])
        case .employerRegistered:
            return entry(
                "An employer.",
                [
                    required("employerId", .entityId, "the new employer's id"),
                    required("name", .freeText, "the employer's name"),
                    required("sector", .code(Sector.self), "the employer's industry"),
                ], [new("employer")], #""employerId":"EMP-0042","name":"Pratt Fabrication","sector":"manufacturing""#,
                at: "2025-01-06T09:00:00Z")
        case .employerHiringCommitted:
            return entry(
                "An employer's pledge to hire, optionally from one program's graduates.",
                [
                    employerId, required("positions", .integer(minimum: 1, maximum: nil), "positions pledged"),
                    optional("programId", .entityId, "the program whose graduates it will hire"),
                ], [exists("employer"), exists("program", optional: true)],
                #""employerId":"EMP-0042","positions":5,"programId":"PRG-07""#,
                requires: [.employerRegistered, .programRegistered])
        case .participantRegistered:
            return entry(
                "A pseudonymous person and the characteristics reports group by (never a name, address, birth date, "
                    + "SSN or contact detail).",
                [
                    required("participantId", .entityId, "the new participant's pseudonymous id"),
                    required("county", .freeText, "the county of residence"),
                    required("birthYear", .integer(minimum: 1900, maximum: 2100), "year of birth"),
                    required("sex", .code(Sex.self), "self-identified sex"),
                    required(
                        "raceEthnicity",
                        .codes(
                            list: RaceEthnicity.codeListName, codes: RaceEthnicity.allCases.map(\.rawValue),
                            exclusive: RaceEthnicity.didNotSelfIdentify.rawValue), "self-identified race and ethnicity"),
                    required(
                        "barriers", .codes(list: Barrier.codeListName, codes: Barrier.allCases.map(\.rawValue), exclusive: nil),
                        "barriers to employment"),
                    required("employmentStatus", .code(EmploymentStatus.self), "employment status at registration"),
                ], [new("participant")],
                participantExample
                    + #","county":"Hartford","birthYear":1994,"sex":"female","raceEthnicity":["black_african_american"],"barriers":["low_income","single_parent"],"employmentStatus":"unemployed""#,
                at: "2025-01-13T10:00:00Z")
        case .caseManagerAssigned:
            return entry(
                "The participant's case manager from now on.",
                [
                    participantId,
                    required("caseManagerId", .entityId, "the case manager (unassigned is reserved and refused)"),
                ], [exists("participant")], participantExample + #","caseManagerId":"cm-017""#,
                requires: [.participantRegistered])
        case .matched:
            return entry(
                "The participant is matched to a program.", [participantId, programId],
                [exists("participant"), exists("program")], participantExample + "," + programExample,
                requires: [.participantRegistered, .programRegistered])
        case .waitlisted:
            return entry(
                "The participant waits for a seat in a program.", [participantId, programId],
                [exists("participant"), exists("program"), notEnrolled], participantExample + "," + programExample,
                requires: [.participantRegistered, .programRegistered])
        case .enrolled:
            return entry(
                "The participant starts training in a program.", [participantId, programId],
                [
                    exists("participant"), exists("program"), notEnrolled,
                    Rule(
                        text: "the program's active enrollments are below its capacity", error: .programFull,
                        field: "/data/programId"),
                ], participantExample + "," + programExample, requires: [.participantRegistered, .programRegistered])
        case .serviceGranted:
            return entry(
                "A service given to the participant, and its cost.",
                [
                    participantId, required("service", .code(Service.self), "what was provided"),
                    required("amountCents", .integer(minimum: 0, maximum: nil), "its cost in cents"),
                    optional("fundId", .entityId, "the fund charged"),
                ], [exists("participant"), exists("fund", optional: true)],
                participantExample + #","service":"tuition","amountCents":250000,"fundId":"ARPA-CC""#,
                requires: [.participantRegistered, .fundRegistered])
        case .trainingCompleted:
            return entry(
                "The participant completes a program's training; it closes every open enrollment in the program.",
                [participantId, programId], [exists("participant"), exists("program"), activelyEnrolled],
                participantExample + "," + programExample, at: "2025-06-27T16:00:00Z", requires: [.enrolled])
        case .trainingWithdrawn:
            return entry(
                "The participant leaves a program's training early; it closes every open enrollment in the program.",
                [participantId, programId, required("reason", .freeText, "why the participant left")],
                [exists("participant"), exists("program"), activelyEnrolled],
                participantExample + "," + programExample + #","reason":"moved out of state""#, at: "2025-04-14T12:00:00Z",
                requires: [.enrolled])
        case .credentialEarned:
            return entry(
                "A credential the participant earned.",
                [
                    participantId, required("credential", .freeText, "the credential's name"),
                    required("credentialType", .code(CredentialType.self), "its kind"),
                    optional("programId", .entityId, "the program it came from"),
                ], [exists("participant"), exists("program", optional: true)],
                participantExample
                    + #","credential":"AWS Certified Welder","credentialType":"industry_certification","programId":"PRG-07""#,
                at: "2025-06-30T12:00:00Z", requires: [.participantRegistered, .programRegistered])
        case .hired:
            return entry(
                "The participant is hired.",
                [
                    participantId, employerId, required("occupation", .socCode, "the job's SOC code"),
                    required("hourlyWageCents", .integer(minimum: 1, maximum: nil), "hourly wage in cents"),
                    required("hoursPerWeek", .hoursPerWeek, "hours a week"),
                ], [exists("participant"), exists("employer")],
                participantExample + #","employerId":"EMP-0042","occupation":"51-4121","hourlyWageCents":2650,"hoursPerWeek":40"#,
                at: "2025-07-14T08:00:00Z", requires: [.participantRegistered, .employerRegistered])
        case .employmentVerified:
            return entry(
                "One quarter's wage record of the participant (a later correction voids it and appends a new one).",
                [
                    participantId, required("quarter", .quarter, "the quarter the wages were paid in"),
                    required("wagesCents", .integer(minimum: 0, maximum: nil), "all wages that quarter, in cents"),
                    required("source", .code(WageSource.self), "where the record comes from"),
                    optional(
                        "employerId", .entityId,
                        "the wage record's own employer reference; need not be registered, and is no reference to one"),
                ],
                [
                    exists("participant"),
                    Rule(
                        text: "no other live wage record of the participant for the quarter", error: .duplicateQuarter,
                        field: "/data/quarter"),
                ],
                participantExample
                    + #","quarter":"2025Q3","wagesCents":1378000,"source":"ui_wage_match","employerId":"UI-0088012""#,
                at: "2025-11-20T09:00:00Z", requires: [.participantRegistered])
        case .exitExcluded:
            return entry(
                "The participant's exit is excluded from exit-based measures.",
                [participantId, required("reason", .code(ExclusionReason.self), "why")], [exists("participant")],
                participantExample + #","reason":"health_medical""#, requires: [.participantRegistered])
        case .eventVoided:
            return entry(
                "Undoes an event: it counts as if it had never been appended, for every rule and report.",
                [
                    required("targetEventId", .eventId, "the eventId of the event voided"),
                    required("reason", .freeText, "why it is voided"),
                ],
                [
                    Rule(text: "the target is stored", error: .unknownEvent, field: "/data/targetEventId"),
                    Rule(text: "the target is not voided already", error: .alreadyVoided, field: "/data/targetEventId"),
                    Rule(
                        text: "the target is not itself a void, nor a *.registered event that a live event still "
                            + "refers to", error: .notVoidable, field: "/data/targetEventId"),
                ], #""targetEventId":"example-participant.service_granted","reason":"entered twice""#,
                at: "2025-03-04T09:00:00Z", requires: [.serviceGranted])
        case .gapInServicePlanned:
            return entry(
                "A documented, planned pause in the participant's services: the exit clock does not run on its days.",
                [
                    participantId, required("reason", .code(GapReason.self), "why services pause"),
                    required("startDate", .date, "the gap's first day"), required("endDate", .date, "the gap's last day"),
                ],
                [
                    exists("participant"),
                    Rule(
                        text: "startDate ≤ endDate ≤ startDate + 364 days", error: .invalidValue, field: "/data/endDate"),
                ], participantExample + #","reason":"awaiting_training_start","startDate":"2025-03-10","endDate":"2025-05-30""#,
                requires: [.participantRegistered])
        case .skillGain:
            return entry(
                "One of WIOA's measurable skill gains.",
                [
                    participantId, required("gainType", .code(SkillGainType.self), "the kind of gain"),
                    optional("programId", .entityId, "the program it came from"),
                ], [exists("participant"), exists("program", optional: true)],
                participantExample + #","gainType":"training_milestone","programId":"PRG-07""#,
                at: "2025-05-02T15:00:00Z", requires: [.participantRegistered, .programRegistered])
        case .quarterClosed:
            return entry(
                "The state's wage records for a quarter are all matched: a participant with no wage record for a "
                    + "closed quarter was not employed in it.",
                [
                    required("quarter", .quarter, "the quarter closed"),
                    required("source", .code(QuarterCloseSource.self), "where the evidence comes from"),
                ],
                [
                    Rule(
                        text: "the event's UTC date is after the quarter's last day", error: .invalidValue,
                        field: "/data/quarter"),
                    Rule(text: "no other live close of the quarter", error: .duplicateQuarter, field: "/data/quarter"),
                ], #""quarter":"2025Q1","source":"ui_wage_match""#, at: "2025-08-15T12:00:00Z")
        case .fundRegistered:
            return entry(
                "A source of money that services and program costs are charged to.",
                [
                    required("fundId", .entityId, "the new fund's id"), required("name", .freeText, "the fund's name"),
                    required("source", .code(FundSource.self), "where the money comes from"),
                    required("budgetCents", .integer(minimum: 0, maximum: nil), "the budget in cents"),
                    optional(
                        "expenditureCategory", .text,
                        "the funder's expenditure category, e.g. 2.10 (Treasury's Assistance to Unemployed or "
                            + "Underemployed Workers)"),
                ], [new("fund")],
                #""fundId":"ARPA-CC","name":"CareerConneCT ARPA","source":"arpa_slfrf","budgetCents":7000000000,"expenditureCategory":"2.10""#,
                at: "2025-01-02T09:00:00Z")
        case .fundBudgetChanged:
            return entry(
                "The fund's budget from now on.",
                [fundId, required("budgetCents", .integer(minimum: 0, maximum: nil), "the budget in cents")],
                [exists("fund")], #""fundId":"ARPA-CC","budgetCents":7500000000"#, requires: [.fundRegistered])
        case .costIncurred:
            return entry(
                "Money a program spent, charged to a fund.",
                [
                    programId, fundId, required("category", .code(CostCategory.self), "what the money paid for"),
                    required("amountCents", .integer(minimum: 0, maximum: nil), "cents"),
                ], [exists("program"), exists("fund")],
                programExample + #","fundId":"ARPA-CC","category":"training_contract","amountCents":4800000"#,
                at: "2025-02-28T17:00:00Z", requires: [.programRegistered, .fundRegistered])
        }
    }
}
