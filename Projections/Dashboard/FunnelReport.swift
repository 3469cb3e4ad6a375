/// The participant funnel of the dashboard: registered → matched → enrolled → completed → hired, as of D, overall
/// and per sector, with its counts suppressed below the small-cell threshold.
///
/// Overall, among the participants who count (registered, dated ≤ D): those with a `matched` dated ≤ D; of them,
/// those with an `enrolled` dated ≤ D; of them, those with a `training_completed` dated ≤ D that closes an
/// enrollment dated ≤ D; of them, those with a `hired` dated ≤ D on or after such a completion. Per sector: those
/// matched (≤ D) to a program of the sector; of them, those enrolled in, completing, and hired after completing a
/// program of that sector, by the same rules. Every stage is a subset of the one before it.
public struct FunnelReport: Sendable, Equatable {
    /// The stages, in funnel order.
    public enum Stage: String, Sendable, CaseIterable {
        case registered, matched, enrolled, completed, hired
    }

    /// One row of the funnel: the count at each stage, and the stages shown as suppressed.
    public struct Row: Sendable, Equatable {
        /// `all`, or a sector code.
        public let name: String
        /// The count at each stage, in ``Stage`` order.
        public internal(set) var counts: [Int] = Array(repeating: 0, count: Stage.allCases.count)
        /// The stages whose count is shown as suppressed.
        public internal(set) var suppressed: Set<Stage> = []

        /// The count at `stage` (read it only when ``isSuppressed(_:)`` is `false`).
        public func count(_ stage: Stage) -> Int { counts[stage.index] }

        /// Whether `stage` is shown as suppressed.
        public func isSuppressed(_ stage: Stage) -> Bool { suppressed.contains(stage) }
    }

    /// The position N.
    public let position: UInt64
    /// The as-of date D; `nil` when no event counts and no date was given.
    public let asOf: Day?
    /// The small-cell threshold K.
    public let minCell: Int
    /// Every participant who counts. The sector rows have no `registered` stage (it is never suppressed there,
    /// and never shown).
    public let overall: Row
    /// One row per sector of a registered program, sorted by sector code.
    public let sectors: [Row]
}

extension FunnelReport.Stage {
    var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

extension FunnelReport {
    static func compute(world: World?, position: UInt64, minCell: Int) -> FunnelReport {
        guard let world else {
            var empty = Row(name: "all")
            empty.suppressed = Set(Stage.allCases)
            return FunnelReport(position: position, asOf: nil, minCell: minCell, overall: empty, sectors: [])
        }
        let asOf = world.asOf
        var overall = Row(name: "all")
        var sectorOf: [String: String] = [:]
        for info in world.programs.values {
            sectorOf[info.id] = Vocabulary.name(info.sector, in: Vocabulary.sectors)
        }
        let sectorNames = Set(sectorOf.values).sorted { $0.precedesByCodePoint($1) }
        var rows = Dictionary(uniqueKeysWithValues: sectorNames.map { ($0, Row(name: $0)) })

        for participant in world.participants {
            let timeline = ParticipantTimeline(facts: participant.facts, asOf: asOf)
            var matched: Set<String> = []
            var enrolled: Set<String> = []
            var hireDays: [Day] = []
            for fact in participant.facts where fact.day <= asOf {
                switch fact.kind {
                case .matched: matched.insert(fact.ref)
                case .enrolled: enrolled.insert(fact.ref)
                case .hired: hireDays.append(fact.day)
                default: break
                }
            }
            // Completions dated ≤ D closing an enrollment dated ≤ D: their programs and days.
            var completions: [(program: String, day: Day)] = []
            for enrollment in timeline.enrollments where enrollment.fact.day <= asOf {
                if let ending = enrollment.ending, ending.kind == .trainingCompleted, ending.day <= asOf {
                    completions.append((enrollment.program, ending.day))
                }
            }
            let lastHire = hireDays.max()
            func stages(_ inScope: (String) -> Bool) -> Int {
                guard matched.contains(where: inScope) else { return 1 }
                guard enrolled.contains(where: inScope) else { return 2 }
                let done = completions.filter { inScope($0.program) }
                guard !done.isEmpty else { return 3 }
                guard let lastHire, done.contains(where: { $0.day <= lastHire }) else { return 4 }
                return 5
            }
            for index in 0..<stages({ _ in true }) { overall.counts[index] += 1 }
            for sector in sectorNames {
                let reached = stages { sectorOf[$0] == sector }
                for index in 1..<max(1, reached) { rows[sector]?.counts[index] += 1 }
            }
        }
        var sectors = sectorNames.compactMap { rows[$0] }
        suppress(&overall, &sectors, minCell: minCell)
        return FunnelReport(position: position, asOf: asOf, minCell: minCell, overall: overall, sectors: sectors)
    }

    /// Counts below K are suppressed; then, per stage, when exactly one sector with a non-zero count hides it
    /// while the overall count is shown, the shown sector with the smallest non-zero count (ties: the first by
    /// code) is hidden too, as the outcomes report does for its dimensions. Sectors may overlap (a participant
    /// matched in two sectors counts in both), so this is a precaution, not an exact partition. `--min-cell 1`
    /// switches both off.
    static func suppress(_ overall: inout Row, _ sectors: inout [Row], minCell: Int) {
        for stage in Stage.allCases where overall.count(stage) < minCell { overall.suppressed.insert(stage) }
        for index in sectors.indices {
            for stage in Stage.allCases.dropFirst() where sectors[index].count(stage) < minCell {
                sectors[index].suppressed.insert(stage)
            }
        }
        guard minCell > 1 else { return }
        for stage in Stage.allCases.dropFirst() where !overall.isSuppressed(stage) {
            let taking = sectors.indices.filter { sectors[$0].count(stage) > 0 }
            guard taking.count(where: { sectors[$0].isSuppressed(stage) }) == 1 else { continue }
            var best: Int?
            for index in taking where !sectors[index].isSuppressed(stage) {
                if best.map({ sectors[index].count(stage) < sectors[$0].count(stage) }) ?? true { best = index }
            }
            if let best { sectors[best].suppressed.insert(stage) }
        }
    }
}

extension ReadModels {
    /// The dashboard's funnel at `query` (its `minCell` is the threshold).
    public func funnel(_ query: ReportQuery) throws -> FunnelReport {
        FunnelReport.compute(
            world: try world(ReadModelCatalog.caseload, query), position: query.position, minCell: query.minCell)
    }
}
