import Testing
import WorkforceEvents

@testable import Projections

/// The read models speak the catalog's vocabulary: every type, stream kind and code they match is the catalog's,
/// so a code added to the catalog can never silently read as `unknown` in a report.
@Suite struct VocabularyTests {
    @Test func everyEventTypeHasAFactKindAndBack() {
        for type in EventType.allCases { #expect(FactKind(type).eventType == type) }
        #expect(Set(FactKind.allCases.map(\.eventType)) == Set(EventType.allCases))
    }

    @Test func everyStreamKindIsAnEntityKind() {
        #expect(Set(EntityKind.allCases.map(\.streamKind)) == Set(StreamKind.allCases))
        for kind in EntityKind.allCases { #expect(kind.streamPrefix == kind.streamKind.prefix) }
    }

    @Test func codeTablesAreTheCatalogsInOrder() {
        #expect(Vocabulary.services == Service.allCases.map(\.rawValue))
        #expect(Vocabulary.serviceRoles.count == Service.allCases.count)
        #expect(Vocabulary.sectors == Sector.allCases.map(\.rawValue))
        #expect(Vocabulary.trainingTypes == TrainingType.allCases.map(\.rawValue))
        #expect(Vocabulary.credentialTypes == CredentialType.allCases.map(\.rawValue))
        #expect(Vocabulary.races == RaceEthnicity.allCases.map(\.rawValue))
        #expect(Vocabulary.populations == ["bipoc", "woman"] + Barrier.allCases.map(\.rawValue))
        #expect(Vocabulary.skillGainTypes == SkillGainType.allCases.map(\.rawValue))
        #expect(Vocabulary.fundSources == FundSource.allCases.map(\.rawValue))
        #expect(Vocabulary.costCategories == CostCategory.allCases.map(\.rawValue))
        // Codes fit the facts' one-byte code and the registration's bit fields.
        #expect(Vocabulary.populations.count <= 16 && Vocabulary.races.count <= 8)
        for list in [Vocabulary.services, Vocabulary.credentialTypes, Vocabulary.costCategories] {
            #expect(list.count < Int(Vocabulary.unknown))
        }
        #expect(Vocabulary.sectors.count <= 15 && Vocabulary.trainingTypes.count <= 15)
    }

    @Test func everyServiceHasOneSpendingCategory() {
        for code in Vocabulary.services.indices {
            #expect(Vocabulary.spendingCategory(service: UInt8(code)) != nil)
        }
    }
}
