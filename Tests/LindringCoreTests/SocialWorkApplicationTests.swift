import Foundation
import Testing

@testable import LindringCore

@Suite struct SocialWorkApplicationTests {
    let context = ApplicationDraft.Context(benefits: BenefitCatalogue.seed, today: LocalDate("2026-03-16")!)

    /// Submitted, decided and sent: the normal course of a granted application.
    func draft(_ change: (inout ApplicationDraft) -> Void = { _ in }) -> ApplicationDraft {
        var draft = ApplicationDraft(
            benefit: "bl87", submittedOn: "2026-01-12", decidedOn: "2026-02-20", outcome: "granted", sentVia: "digitalPost",
            sentOn: "2026-02-23")
        change(&draft)
        return draft
    }

    func errors(_ draft: ApplicationDraft) -> [FieldError] {
        do {
            _ = try draft.validated(context)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aDecidedApplicationTakesItsAuthorityFromTheCatalogue() throws {
        // given
        let draft = draft()
        // when
        let application = try draft.validated(context)
        // then
        #expect(application.benefit == "bl87")
        #expect(application.authority == .municipality)
        #expect(application.submittedOn == LocalDate("2026-01-12"))
        #expect(
            application.decision
                == ValidApplication.Decision(
                    decidedOn: LocalDate("2026-02-20")!, outcome: .granted, sentVia: .digitalPost, sentOn: LocalDate("2026-02-23")!))
        #expect(application.appealStatus == .none)
    }

    @Test(
        arguments: [
            // Each valid case as a change to the decided application.
            { @Sendable (d: inout ApplicationDraft) in
                d.decidedOn = nil
                d.outcome = ""
                d.sentVia = nil
                d.sentOn = ""
            },
            { @Sendable (d: inout ApplicationDraft) in
                d.benefit = "barsel26"
                d.authority = "udbetalingDanmark"
            },
            { @Sendable (d: inout ApplicationDraft) in
                d.outcome = "withdrawn"
                d.sentVia = nil
            },
            { @Sendable (d: inout ApplicationDraft) in d.decidedOn = "2026-01-12" },  // decided the day it was submitted
            { @Sendable (d: inout ApplicationDraft) in d.sentOn = "2026-02-20" },  // sent the day it was decided
            { @Sendable (d: inout ApplicationDraft) in
                d.outcome = "refused"
                d.appealStatus = "sentToAnkestyrelsen"
                d.reviewOn = "2026-06-01"
            },
            { @Sendable (d: inout ApplicationDraft) in  // all on one day, today
                d.submittedOn = "2026-03-16"
                d.decidedOn = "2026-03-16"
                d.sentOn = "2026-03-16"
            },
        ] as [@Sendable (inout ApplicationDraft) -> Void])
    func validApplicationsAreAccepted(change: @Sendable (inout ApplicationDraft) -> Void) {
        #expect(errors(draft(change)) == [])
    }

    @Test func anApplicationAwaitingItsDecisionHasNone() throws {
        let application = try ApplicationDraft(benefit: "plejevederlag", submittedOn: "2026-03-10").validated(context)
        #expect(application.decision == nil)
        #expect(application.authority == .municipality)
    }

    @Test(
        arguments: [
            ("benefit", { @Sendable (d: inout ApplicationDraft) in d.benefit = nil }, ValidationCode.required),
            ("benefit", { @Sendable (d: inout ApplicationDraft) in d.benefit = "bl999" }, .invalidChoice),
            ("authority", { @Sendable (d: inout ApplicationDraft) in d.authority = "region" }, .invalidChoice),
            ("submittedOn", { @Sendable (d: inout ApplicationDraft) in d.submittedOn = nil }, .required),
            ("submittedOn", { @Sendable (d: inout ApplicationDraft) in d.submittedOn = "12.01.2026" }, .invalidFormat),
            ("submittedOn", { @Sendable (d: inout ApplicationDraft) in d.submittedOn = "2026-02-30" }, .invalidFormat),
            ("decidedOn", { @Sendable (d: inout ApplicationDraft) in d.decidedOn = "2026-01-11" }, .beforeSubmission),
            ("decidedOn", { @Sendable (d: inout ApplicationDraft) in d.decidedOn = "" }, .required),
            ("decidedOn", { @Sendable (d: inout ApplicationDraft) in d.decidedOn = "2026-03-17" }, .inFuture),
            ("outcome", { @Sendable (d: inout ApplicationDraft) in d.outcome = nil }, .required),
            ("outcome", { @Sendable (d: inout ApplicationDraft) in d.outcome = "maybe" }, .invalidChoice),
            ("sentOn", { @Sendable (d: inout ApplicationDraft) in d.sentOn = "2026-02-19" }, .beforeStart),
            ("sentOn", { @Sendable (d: inout ApplicationDraft) in d.sentOn = nil }, .required),
            (
                "sentOn",
                { @Sendable (d: inout ApplicationDraft) in
                    d.outcome = "withdrawn"
                    d.sentVia = nil
                    d.sentOn = nil
                }, .required
            ),
            ("sentVia", { @Sendable (d: inout ApplicationDraft) in d.sentVia = nil }, .required),
            ("sentVia", { @Sendable (d: inout ApplicationDraft) in d.sentVia = "pigeon" }, .invalidChoice),
            (
                "decidedOn",
                { @Sendable (d: inout ApplicationDraft) in
                    d.decidedOn = nil
                    d.outcome = nil
                }, .required
            ),
            (
                "appealStatus",
                { @Sendable (d: inout ApplicationDraft) in
                    d.decidedOn = nil
                    d.outcome = nil
                    d.sentVia = nil
                    d.sentOn = nil
                    d.appealStatus = "appealed"
                }, .invalidChoice
            ),
            ("appealStatus", { @Sendable (d: inout ApplicationDraft) in d.appealStatus = "lost" }, .invalidChoice),
            ("reviewOn", { @Sendable (d: inout ApplicationDraft) in d.reviewOn = "next month" }, .invalidFormat),
        ] as [(String, @Sendable (inout ApplicationDraft) -> Void, ValidationCode)])
    func badInputIsAFieldError(field: String, change: @Sendable (inout ApplicationDraft) -> Void, code: ValidationCode) {
        #expect(errors(draft(change)).contains(FieldError(field, code)), "\(errors(draft(change)))")
    }

    @Test func aBenefitRemovedFromTheCatalogueIsRefused() {
        let context = ApplicationDraft.Context(benefits: BenefitCatalogue.seed.filter { $0.code != "bl87" }, today: context.today)
        #expect(throws: ValidationFailure([FieldError("benefit", .invalidChoice)])) { try draft().validated(context) }
    }
}

@Suite struct SocialWorkBenefitCatalogueTests {
    @Test func theSeedHasEveryAgreedCodeOnce() {
        let codes = BenefitCatalogue.seed.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(
            Set(codes) == [
                "bl86", "bl87", "bl87-meeting", "bl89", "bl90-aids", "bl90-goods", "bl90-housing", "bl90-transport", "bl90-relief", "bl32",
                "barsel26", "sel118", "plejevederlag", "barsel13",
            ])
        #expect(BenefitCatalogue.seed.allSatisfy { $0.deadline.amount > 0 && !$0.danishName.isEmpty && !$0.englishName.isEmpty })
    }

    @Test(arguments: [("barsel26", BenefitAuthority.udbetalingDanmark), ("barsel13", .udbetalingDanmark), ("bl86", .municipality)])
    func eachBenefitHasItsAuthority(code: String, authority: BenefitAuthority) {
        #expect(BenefitCatalogue.seed.first { $0.code == code }?.authority == authority)
    }

    @Test(arguments: [
        ("2025-06-30", "Serviceloven § 120"),
        ("2025-07-01", "Ældreloven § 24"),
        ("2026-01-05", "Ældreloven § 24"),
    ])
    func theCareAllowanceMovedToTheElderlyActOnFirstJuly2025(day: String, law: String) throws {
        let entry = try #require(BenefitCatalogue.seed.first { $0.code == "plejevederlag" })
        #expect(entry.law(on: LocalDate(day)!) == law)
    }

    @Test func aLawWithoutChangeIsTheSameOnEveryDay() throws {
        let entry = try #require(BenefitCatalogue.seed.first { $0.code == "bl86" })
        #expect(entry.law(on: LocalDate("1999-01-01")!) == "Barnets lov § 86")
    }

    @Test func theCatalogueRoundTripsAsJSON() throws {
        let data = try JSONEncoder().encode(BenefitCatalogue.seed)
        #expect(try JSONDecoder().decode([BenefitEntry].self, from: data) == BenefitCatalogue.seed)
    }
}
