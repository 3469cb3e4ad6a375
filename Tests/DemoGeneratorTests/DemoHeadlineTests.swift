import CanonicalJSON
import DemoGenerator
import Testing

/// The default demo's headline figures at its head, by the independent rules of ``IndependentOutcomes``, fall in
/// the bands the README's demo section states.
@Suite struct DemoHeadlineTests {
    @Test func headlineFiguresAreInTheirBands() throws {
        let outcomes = DemoFixture.standardOutcomes
        #expect(!DemoFixture.standardEvents.isEmpty)
        let summary = Self.summary(outcomes)
        print(summary)
        #expect((0.70...0.80).contains(outcomes.completionRate), "\(summary)")
        #expect((0.60...0.75).contains(outcomes.all.rate), "\(summary)")
        #expect(outcomes.exitsWithoutEnrollment * 4 < outcomes.exits.count, "exits are mostly people who enrolled")
        // Incumbent-worker and on-the-job programs (PRG-04, PRG-05, PRG-09) start from a job and stay higher; the
        // others' cohorts are a few hundred people, so a program may stray a little from the 60-75 % band.
        for (program, employment) in outcomes.byProgram where employment.denominator >= 30 {
            let employerBased = ["PRG-04", "PRG-05", "PRG-09"].contains(program)
            #expect((employerBased ? 0.75...0.93 : 0.50...0.85).contains(employment.rate), "\(program): \(employment)")
        }
        let inBand = outcomes.byProgram.values.filter { $0.denominator >= 30 && (0.60...0.75).contains($0.rate) }
        #expect(inBand.count * 2 > outcomes.byProgram.count, "most programs employ 60-75 % in Q2 after exit")
    }

    static func summary(_ outcomes: IndependentOutcomes) -> String {
        var lines = [
            "as of day \(outcomes.asOf): exits \(outcomes.exits.count), without enrollment \(outcomes.exitsWithoutEnrollment)",
            "completion \(outcomes.completionRate) (\(outcomes.completed)/\(outcomes.completed + outcomes.withdrawn))",
            "employment Q2 all \(outcomes.all.rate) \(outcomes.all)",
            "retention same employer \(outcomes.retention)",
            "closed quarters \(outcomes.closedQuarters.keys.sorted().map(IndependentOutcomes.name(ofQuarter:)))",
        ]
        for (program, employment) in outcomes.byProgram.sorted(by: { $0.key < $1.key }) {
            let cost = outcomes.programCost[program]
            let perCompleter = cost.map { $0.completers > 0 ? $0.cents / $0.completers / 100 : -1 } ?? -1
            lines.append("\(program): Q2 \(employment.rate) \(employment); cost per completer $\(perCompleter)")
        }
        for (quarter, employment) in outcomes.byExitQuarter.sorted(by: { $0.key < $1.key }) {
            lines.append("exit \(IndependentOutcomes.name(ofQuarter: quarter)): \(employment.rate) \(employment)")
        }
        let programTotal = outcomes.programCost.values.reduce(0) { $0 + $1.cents }
        let completers = outcomes.programCost.values.reduce(0) { $0 + $1.completers }
        lines.append(
            "program costs $\(programTotal / 100), completers \(completers), per completer $\(programTotal / max(1, completers) / 100)"
        )
        for (fund, money) in outcomes.funds.sorted(by: { $0.key < $1.key }) {
            lines.append("fund \(fund): budget $\(money.budget / 100), spent $\(money.spent / 100)")
        }
        return lines.joined(separator: "\n")
    }
}
