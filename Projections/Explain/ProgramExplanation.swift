/// Where a program's cost per person comes from (`wfl explain --program`): every cost line and fund-charged tuition
/// counted in its cost, and the counts it is divided by (REPORTS.md section 6).
public struct ProgramExplanation: Sendable, Equatable {
    /// The program explained.
    public let programId: String
    /// Its name.
    public let name: String
    /// The position N the explanation was computed at.
    public let position: UInt64
    /// The as-of date D.
    public let asOf: Day
    /// The program's row of the funding report.
    public let row: ProgramCostRow
    /// The lines counted in the cost, in position order.
    public let lines: [Line]

    /// One cost line: a `program.cost_incurred`, or a tuition service charged to a fund during an enrollment.
    public struct Line: Sendable, Equatable {
        /// The event's position.
        public let position: UInt64
        /// Its date.
        public let day: Day
        /// `cost_incurred` category, or `tuition` for a participant's tuition service.
        public let what: String
        /// The fund charged.
        public let fund: String
        /// Cents.
        public let cents: Int64
        /// The participant, for a tuition line.
        public let participantId: String?
    }
}

extension ReadModels {
    /// The explanation of program `programId`'s costs at `query`, or `nil` when the program does not count there.
    public func explain(programId: String, query: ReportQuery) throws -> ProgramExplanation? {
        guard let world = try world(ReadModelCatalog.funding, query), let info = world.programs[programId] else {
            return nil
        }
        let report = FundingReport.compute(world: world, query: query)
        guard let row = report.programs.first(where: { $0.programId == programId }) else { return nil }
        let counted = Set(row.costPositions)
        var lines: [ProgramExplanation.Line] = info.costs.map {
            .init(
                position: $0.position, day: $0.day, what: Vocabulary.name($0.code, in: Vocabulary.costCategories),
                fund: $0.ref, cents: $0.amount, participantId: nil)
        }
        for participant in world.participants {
            for fact in participant.facts where fact.kind == .serviceGranted && counted.contains(fact.position) {
                lines.append(
                    .init(
                        position: fact.position, day: fact.day, what: "tuition", fund: fact.ref, cents: fact.amount,
                        participantId: participant.id))
            }
        }
        lines.sort { $0.position < $1.position }
        return ProgramExplanation(
            programId: programId, name: info.name, position: query.position, asOf: world.asOf, row: row, lines: lines)
    }
}

extension ProgramExplanation {
    /// The explanation for people.
    public func render() -> String {
        var out = "Program \(programId)"
        if !name.isEmpty { out += " (\(name))" }
        out += ": position \(position), as of \(Dates.format(asOf)), rule version \(ruleVersion)\n\n"
        out += "cost lines (program costs dated on or before the as-of date, and tuition charged to a fund while the\n"
        out += "participant was enrolled in this program):\n"
        var table = TextTable(
            header: ["Position", "Date", "What", "Fund", "Participant", "Amount"],
            rightAligned: [true, false, false, false, false, true])
        for line in lines {
            table.rows.append([
                String(line.position), Dates.format(line.day), line.what, line.fund, line.participantId ?? "",
                Format.dollars(line.cents),
            ])
        }
        out += lines.isEmpty ? "  none\n" : table.render()
        out += "\ncost \(Format.dollars(row.cost))\n"
        func per(_ label: String, _ count: Int, _ value: Int64?) -> String {
            "\(label): \(count) → "
                + (value.map { "\(Format.dollars(row.cost)) / \(count) = \(Format.dollars($0))" } ?? "none (no one)")
                + "\n"
        }
        out += per(
            "enrolled (distinct participants with an enrollment dated on or before the as-of date)", row.enrolled,
            row.costPerEnrolled)
        out += per("completed (of them, with a completion closing such an enrollment)", row.completed, row.costPerCompleted)
        out += per("hired (of the completers, hired on or after a completion)", row.hired, row.costPerHired)
        out += "Per-person costs are rounded half up to the cent.\n"
        return out
    }
}
