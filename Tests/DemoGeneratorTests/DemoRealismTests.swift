import DemoGenerator
import Testing

@Suite struct DemoRealismTests {
    @Test func ratesMatchWhatTheDemoWasBuiltFor() throws {
        let history = DemoFixture.standard
        let recordedAt = history.batches.flatMap { batch in batch.lines.map { _ in batch.recordedAt } }
        let statistics = HistoryStatistics(try history.parsed(), recordedAt: recordedAt)
        #expect(statistics.registered == 6000)
        #expect((0.70...0.80).contains(statistics.completionRate), "\(statistics)")
        #expect((0.42...0.58).contains(statistics.supportShare), "\(statistics)")
        #expect(statistics.supportAmountsOutOfRange == 0)
        // Transportation is the most common support, then childcare, then fees, then work supplies.
        let services = statistics.supportByService
        #expect(services["transportation", default: 0] > services["childcare", default: 0])
        #expect(services["childcare", default: 0] > services["other_supportive", default: 0])
        #expect(services["other_supportive", default: 0] > services["work_supplies", default: 0])
        #expect((0.6...0.9).contains(statistics.completerPlacement), "\(statistics)")
        #expect((0.6...0.9).contains(statistics.credentialShare), "\(statistics)")
        #expect(statistics.wagesOutOfBand == 0, "live hires pay $18-30 an hour")
        #expect(statistics.hoursPerWeek["40", default: 0] * 2 > statistics.hoursPerWeek.values.reduce(0, +))
        // Populations served: BIPOC majority, a substantial minority of women, every priority barrier present.
        #expect((0.45...0.7).contains(Double(statistics.bipoc) / 6000))
        #expect((0.3...0.5).contains(Double(statistics.women) / 6000))
        for barrier in ["disability", "reentry", "opportunity_youth", "veteran", "immigrant"] {
            #expect(statistics.barriers[barrier, default: 0] > 150, "\(barrier)")
        }
        // Case managers carry plausible caseloads; the history has corrections and waitlists.
        #expect((25...90).contains(statistics.caseManagers))
        #expect(statistics.countsByType["ledger.event_voided", default: 0] > 50)
        #expect(statistics.countsByType["participant.waitlisted", default: 0] > 300)
        #expect(statistics.countsByType["program.capacity_changed", default: 0] > 10)
        #expect(statistics.countsByType["participant.exit_excluded", default: 0] > 20)
        #expect(statistics.maxEnrollmentsPerParticipant >= 2, "some participants come back for a second period")
    }
}
