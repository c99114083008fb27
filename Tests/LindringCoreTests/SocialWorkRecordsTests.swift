import Foundation
import Testing

@testable import LindringCore

@Suite struct SocialWorkNeedsAssessmentTests {
    let context = NeedsAssessmentDraft.Context(today: LocalDate("2026-03-16")!)

    func draft(_ change: (inout NeedsAssessmentDraft) -> Void = { _ in }) -> NeedsAssessmentDraft {
        var draft = NeedsAssessmentDraft(
            assessedOn: "2026-03-02",
            needs: [
                .init(domain: "financesAndEmployment", rating: "severe", plan: "Søg tabt arbejdsfortjeneste", owner: "Socialrådgiver"),
                .init(domain: "siblings", rating: "some"),
                .init(domain: "aids", rating: "none"),
            ])
        change(&draft)
        return draft
    }

    func errors(_ draft: NeedsAssessmentDraft) -> [FieldError] {
        do {
            _ = try draft.validated(context)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aDatedAssessmentIsAccepted() throws {
        let assessment = try draft().validated(context)
        #expect(assessment.assessedOn == LocalDate("2026-03-02"))
        #expect(assessment.rating(.financesAndEmployment) == .severe)
        #expect(assessment.rating(.legal) == nil)
        #expect(assessment.needs[0].owner == "Socialrådgiver")
    }

    @Test(
        arguments: [
            ("assessedOn", { @Sendable (d: inout NeedsAssessmentDraft) in d.assessedOn = nil }, ValidationCode.required),
            ("assessedOn", { @Sendable (d: inout NeedsAssessmentDraft) in d.assessedOn = "2026-3-2" }, .invalidFormat),
            ("assessedOn", { @Sendable (d: inout NeedsAssessmentDraft) in d.assessedOn = "2026-03-17" }, .inFuture),
            ("needs", { @Sendable (d: inout NeedsAssessmentDraft) in d.needs = [.init()] }, .required),
            ("needs[1].domain", { @Sendable (d: inout NeedsAssessmentDraft) in d.needs?[1].domain = "weather" }, .invalidChoice),
            ("needs[1].domain", { @Sendable (d: inout NeedsAssessmentDraft) in d.needs?[1].domain = nil }, .required),
            ("needs[2].domain", { @Sendable (d: inout NeedsAssessmentDraft) in d.needs?[2].domain = "siblings" }, .duplicate),
            ("needs[1].rating", { @Sendable (d: inout NeedsAssessmentDraft) in d.needs?[1].rating = "huge" }, .invalidChoice),
            ("needs[1].rating", { @Sendable (d: inout NeedsAssessmentDraft) in d.needs?[1].rating = "" }, .required),
            ("needs[0].plan", { @Sendable (d: inout NeedsAssessmentDraft) in d.needs?[0].plan = " " }, .required),
            ("needs[0].owner", { @Sendable (d: inout NeedsAssessmentDraft) in d.needs?[0].owner = nil }, .required),
        ] as [(String, @Sendable (inout NeedsAssessmentDraft) -> Void, ValidationCode)])
    func badInputIsAFieldError(field: String, change: @Sendable (inout NeedsAssessmentDraft) -> Void, code: ValidationCode) {
        #expect(errors(draft(change)).contains(FieldError(field, code)), "\(errors(draft(change)))")
    }

    @Test func ratingsRiseFallOrStayBetweenTwoAssessments() {
        // given
        let march = NeedsAssessment(
            assessedOn: LocalDate("2026-03-02")!,
            needs: [
                DomainNeed(domain: .financesAndEmployment, rating: .severe), DomainNeed(domain: .siblings, rating: .some),
                DomainNeed(domain: .aids, rating: .none), DomainNeed(domain: .legal, rating: .some),
            ])
        let june = NeedsAssessment(
            assessedOn: LocalDate("2026-06-01")!,
            needs: [
                DomainNeed(domain: .financesAndEmployment, rating: .some), DomainNeed(domain: .siblings, rating: .considerable),
                DomainNeed(domain: .aids, rating: .none), DomainNeed(domain: .transport, rating: .severe),
            ])
        // when
        let changes = NeedsAssessment.changes(from: march, to: june)
        // then: legal and transport were rated only once
        #expect(changes == [.financesAndEmployment: .fell, .siblings: .rose, .aids: .stayed])
    }

    @Test func theScaleRisesFromNoneToSevere() {
        #expect(NeedRating.allCases.sorted() == [NeedRating.none, .some, .considerable, .severe])
        #expect(NeedRating.considerable > .some)
    }
}

@Suite struct SocialWorkNetworkMeetingTests {
    static let mother = UUID()
    static let father = UUID()
    let context = NetworkMeetingDraft.Context(parentIds: [Self.mother, Self.father])

    func draft(_ change: (inout NetworkMeetingDraft) -> Void = { _ in }) -> NetworkMeetingDraft {
        var draft = NetworkMeetingDraft(
            heldOn: "2026-03-10", participants: ["Sara Holm, mor", "Mette Lund, sundhedsplejerske", ""],
            decisions: [.init(text: "Søg aflastning", owner: "Sagsbehandler", dueOn: "2026-04-01"), .init()],
            lostEarningsParentIds: [Self.mother.uuidString])
        change(&draft)
        return draft
    }

    func errors(_ draft: NetworkMeetingDraft) -> [FieldError] {
        do {
            _ = try draft.validated(context)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aMeetingIsAcceptedWithoutItsBlankRows() throws {
        let meeting = try draft().validated(context)
        #expect(meeting.participants == ["Sara Holm, mor", "Mette Lund, sundhedsplejerske"])
        #expect(meeting.decisions == [.init(text: "Søg aflastning", owner: "Sagsbehandler", dueOn: LocalDate("2026-04-01"))])
        #expect(meeting.lostEarningsParentIds == [Self.mother])
    }

    @Test func aDecisionDueOnTheDayOfTheMeetingIsAccepted() throws {
        let meeting = try draft { $0.decisions = [.init(text: "Ring til skolen", owner: "Mor", dueOn: "2026-03-10")] }.validated(context)
        #expect(meeting.decisions.first?.dueOn == LocalDate("2026-03-10"))
    }

    @Test func bothParentsCanHaveLostEarningsAndEachCountsOnce() throws {
        let ids = [Self.father.uuidString, Self.mother.uuidString, Self.father.uuidString]
        let meeting = try draft { $0.lostEarningsParentIds = ids }.validated(context)
        #expect(meeting.lostEarningsParentIds == [Self.father, Self.mother])
    }

    @Test(
        arguments: [
            ("heldOn", { @Sendable (d: inout NetworkMeetingDraft) in d.heldOn = "" }, ValidationCode.required),
            ("heldOn", { @Sendable (d: inout NetworkMeetingDraft) in d.heldOn = "tirsdag" }, .invalidFormat),
            ("participants", { @Sendable (d: inout NetworkMeetingDraft) in d.participants = [" "] }, .required),
            ("participants[1]", { @Sendable (d: inout NetworkMeetingDraft) in d.participants?[1] = "a\u{7}b" }, .invalidFormat),
            ("decisions[0].text", { @Sendable (d: inout NetworkMeetingDraft) in d.decisions?[0].text = nil }, .required),
            ("decisions[0].owner", { @Sendable (d: inout NetworkMeetingDraft) in d.decisions?[0].owner = "" }, .required),
            ("decisions[0].dueOn", { @Sendable (d: inout NetworkMeetingDraft) in d.decisions?[0].dueOn = "2026-03-09" }, .beforeStart),
            ("decisions[0].dueOn", { @Sendable (d: inout NetworkMeetingDraft) in d.decisions?[0].dueOn = "1. april" }, .invalidFormat),
            ("decisions[1].owner", { @Sendable (d: inout NetworkMeetingDraft) in d.decisions?[1].text = "Book tolk" }, .required),
            ("lostEarningsParentIds", { @Sendable (d: inout NetworkMeetingDraft) in d.lostEarningsParentIds = ["mor"] }, .invalidFormat),
            (
                "lostEarningsParentIds", { @Sendable (d: inout NetworkMeetingDraft) in d.lostEarningsParentIds = [UUID().uuidString] },
                .notFound
            ),
        ] as [(String, @Sendable (inout NetworkMeetingDraft) -> Void, ValidationCode)])
    func badInputIsAFieldError(field: String, change: @Sendable (inout NetworkMeetingDraft) -> Void, code: ValidationCode) {
        #expect(errors(draft(change)).contains(FieldError(field, code)), "\(errors(draft(change)))")
    }
}

@Suite struct SocialWorkConsultationTests {
    let context = ConsultationDraft.Context(today: LocalDate("2026-03-16")!)

    func draft(_ change: (inout ConsultationDraft) -> Void = { _ in }) -> ConsultationDraft {
        var draft = ConsultationDraft(
            organisation: "Ordrup Skole", municipalityCode: "157", topic: "Et sygt barn i klassen", kind: "teaching",
            heldOn: "2026-03-12", hours: "1.5", participantCount: "14")
        change(&draft)
        return draft
    }

    func errors(_ draft: ConsultationDraft) -> [FieldError] {
        do {
            _ = try draft.validated(context)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aTeachingSessionIsAccepted() throws {
        let session = try draft().validated(context)
        #expect(session.kind == .teaching)
        #expect(session.hours == Decimal(string: "1.5"))
        #expect(session.participantCount == 14)
        #expect(session.municipalityCode == "157")
    }

    @Test(arguments: [("0.25", "0.25"), ("1,75", "1.75"), ("24", "24"), (" 2 ", "2"), ("3.50", "3.5")])
    func hoursInQuartersAreAccepted(typed: String, hours: String) throws {
        let session = try draft { $0.hours = typed }.validated(context)
        #expect(session.hours == Decimal(string: hours))
    }

    @Test func anInstitutionOutsideAnyMunicipalityHasNoCode() throws {
        let session = try draft {
            $0.municipalityCode = ""
            $0.kind = "consultation"
        }.validated(context)
        #expect(session.municipalityCode == nil && session.kind == .consultation)
    }

    @Test(
        arguments: [
            ("organisation", { @Sendable (d: inout ConsultationDraft) in d.organisation = nil }, ValidationCode.required),
            ("municipalityCode", { @Sendable (d: inout ConsultationDraft) in d.municipalityCode = "998" }, .invalidChoice),
            ("municipalityCode", { @Sendable (d: inout ConsultationDraft) in d.municipalityCode = "Gentofte" }, .invalidFormat),
            ("topic", { @Sendable (d: inout ConsultationDraft) in d.topic = " " }, .required),
            ("kind", { @Sendable (d: inout ConsultationDraft) in d.kind = nil }, .required),
            ("kind", { @Sendable (d: inout ConsultationDraft) in d.kind = "lecture" }, .invalidChoice),
            ("heldOn", { @Sendable (d: inout ConsultationDraft) in d.heldOn = nil }, .required),
            ("heldOn", { @Sendable (d: inout ConsultationDraft) in d.heldOn = "2026-03-17" }, .inFuture),
            ("hours", { @Sendable (d: inout ConsultationDraft) in d.hours = nil }, .required),
            ("hours", { @Sendable (d: inout ConsultationDraft) in d.hours = "0" }, .outOfRange),
            ("hours", { @Sendable (d: inout ConsultationDraft) in d.hours = "24.25" }, .outOfRange),
            ("hours", { @Sendable (d: inout ConsultationDraft) in d.hours = "1.1" }, .invalidFormat),
            ("hours", { @Sendable (d: inout ConsultationDraft) in d.hours = "1.5x" }, .invalidFormat),
            ("hours", { @Sendable (d: inout ConsultationDraft) in d.hours = "-1" }, .invalidFormat),
            ("hours", { @Sendable (d: inout ConsultationDraft) in d.hours = "1.2.3" }, .invalidFormat),
            ("hours", { @Sendable (d: inout ConsultationDraft) in d.hours = ".5" }, .invalidFormat),
            ("participantCount", { @Sendable (d: inout ConsultationDraft) in d.participantCount = "" }, .required),
            ("participantCount", { @Sendable (d: inout ConsultationDraft) in d.participantCount = "mange" }, .notAnInteger),
            ("participantCount", { @Sendable (d: inout ConsultationDraft) in d.participantCount = "0" }, .outOfRange),
        ] as [(String, @Sendable (inout ConsultationDraft) -> Void, ValidationCode)])
    func badInputIsAFieldError(field: String, change: @Sendable (inout ConsultationDraft) -> Void, code: ValidationCode) {
        #expect(errors(draft(change)).contains(FieldError(field, code)), "\(errors(draft(change)))")
    }
}

@Suite struct SocialWorkVocabularyTests {
    @Test func theContractsRawValuesAreExact() {
        #expect(FamilyCaseStatus.allCases.map(\.rawValue) == ["open", "bereavement", "closed"])
        #expect(NeedRating.allCases.map(\.rawValue) == ["none", "some", "considerable", "severe"])
        #expect(BenefitAuthority.allCases.map(\.rawValue) == ["municipality", "udbetalingDanmark"])
        #expect(DecisionOutcome.allCases.map(\.rawValue) == ["granted", "partlyGranted", "refused", "withdrawn"])
        #expect(DecisionDelivery.allCases.map(\.rawValue) == ["digitalPost", "letter", "quickLetter", "inPerson"])
        #expect(AppealStatus.allCases.map(\.rawValue) == ["none", "appealed", "reconsidered", "sentToAnkestyrelsen", "decided"])
        #expect(ConsultationKind.allCases.map(\.rawValue) == ["consultation", "teaching"])
        #expect(ConditionGroup.allCases.map(\.rawValue) == ["1", "2", "3", "4"])
        #expect(DeadlineUnit.allCases.map(\.rawValue) == ["days", "workingDays", "weeks", "months"])
        #expect(NeedsDomain.allCases.count == 10)
        #expect(
            NetworkRole.allCases.map(\.rawValue) == [
                "healthVisitor", "school", "daycare", "municipalCaseworker", "homeNursing", "gp", "childrensHospice", "other",
            ])
    }

    @Test func anUnknownValueInABodyIsAFieldErrorNotADecodingError() throws {
        // given: JSON as another system might send it
        let json = #"{"benefit": "bl86", "submittedOn": "2026-03-02", "outcome": "approved", "decidedOn": "2026-03-03"}"#
        // when
        let draft = try JSONDecoder().decode(ApplicationDraft.self, from: Data(json.utf8))
        // then
        let context = ApplicationDraft.Context(benefits: BenefitCatalogue.seed, today: LocalDate("2026-03-16")!)
        let failure = #expect(throws: ValidationFailure.self) { try draft.validated(context) }
        #expect(failure?.code(for: "outcome") == .invalidChoice)
    }
}
