import Testing

@testable import LindringCore

@Suite struct SPICTTests {
    @Test func aCheckedChecklistKeepsTheChecklistsOrderAndKnowsItsConditionGroups() throws {
        let checklist = try SPICTChecklist(
            SPICTDraft(
                generalIndicators: ["weightLoss", "unplannedAdmissions"],
                clinicalIndicators: ["lungOxygen", "cancerTooFrailForTreatment"], wouldBeSurprised: false,
                conclusion: "palliativeNeeds", actions: ["startSharedPlan", "talkWithPatientAndRelatives"]))
        #expect(checklist.generalIndicators == [.unplannedAdmissions, .weightLoss])
        #expect(checklist.conditionGroups == [.cancer, .respiratory])
        #expect(checklist.actions == [.talkWithPatientAndRelatives, .startSharedPlan])
        #expect(checklist.positive)
    }

    @Test(
        "what the clinician must decide, and what cannot be combined",
        arguments: [
            (SPICTDraft(), ["wouldBeSurprised", "conclusion", "actions"]),
            (
                SPICTDraft(
                    generalIndicators: ["fever"], clinicalIndicators: ["cancerTooFrailForTreatment", "brokenArm"], wouldBeSurprised: true,
                    conclusion: "maybe", actions: ["none"]), ["generalIndicators", "clinicalIndicators", "conclusion"]
            ),
            (SPICTDraft(wouldBeSurprised: true, conclusion: "noPalliativeNeeds", actions: ["none", "startSharedPlan"]), ["actions"]),
        ])
    func refused(draft: SPICTDraft, fields: [String]) {
        do {
            _ = try SPICTChecklist(draft)
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == fields)
        }
    }

    @Test func everyClinicalIndicatorBelongsToExactlyOneGroup() {
        let all = SPICT.ConditionGroup.allCases.flatMap(\.indicators)
        #expect(Set(all).count == all.count)
        #expect(all.allSatisfy { SPICT.ConditionGroup.group(of: $0) != nil })
    }
}
