import Foundation
import Testing

@testable import LindringCore

/// Competence development's rules: the waiting list, the catalogue's offers and their sessions.
@Suite struct LearningTests {
    @Test(arguments: [
        (capacity: 3, registered: 0, expected: RegistrationStatus.registered),
        (3, 2, .registered),
        (3, 3, .waitlisted),
        (3, 4, .waitlisted),  // capacity lowered below those who hold a place
        (1, 0, .registered),
    ])
    func aNewcomerGetsAPlaceWhileOneIsFree(capacity: Int, registered: Int, expected: RegistrationStatus) {
        #expect(WaitingList.status(forNewcomerWithCapacity: capacity, registered: registered) == expected)
    }

    @Test(arguments: [
        (capacity: 3, registered: 2, waiting: ["a", "b"], promoted: ["a"]),
        (3, 3, ["a", "b"], []),
        (5, 2, ["a", "b"], ["a", "b"]),  // more places than people waiting
        (4, 1, ["a", "b", "c", "d"], ["a", "b", "c"]),  // capacity raised: the first three
        (2, 3, ["a"], []),
        (2, 0, [], []),
    ])
    func freePlacesGoToTheFirstWhoWait(capacity: Int, registered: Int, waiting: [String], promoted: [String]) {
        #expect(WaitingList.promotions(capacity: capacity, registered: registered, waiting: waiting) == promoted)
    }

    @Test func theQueueIsNumberedFromOneInTheOrderPeopleCame() {
        #expect(WaitingList.positions(waitingInOrder: ["c", "a", "b"]) == ["c": 1, "a": 2, "b": 3])
        #expect(WaitingList.positions(waitingInOrder: [String]()).isEmpty)
    }

    @Test func anOfferIsCheckedFieldByField() throws {
        let valid = try OfferDraft(
            title: "  Basal palliation  ", format: "supervision", levels: ["basal", "basal", "B"], competencies: ["10", "2"],
            professions: ["nurse"], sectors: ["municipality"]
        ).validated()
        #expect(valid.title == "Basal palliation" && valid.levels == [.basal, .b] && valid.competencies == [2, 10])
        let failure = #expect(throws: ValidationFailure.self) {
            try OfferDraft(title: " ", format: "webinar", levels: ["D"], competencies: ["0", "x"], professions: ["pilot"], sectors: ["moon"])
                .validated()
        }
        #expect(failure?.errors.map(\.field) == ["title", "format", "levels", "competencies", "professions", "sectors"])
        #expect(failure?.code(for: "format") == .invalidChoice && failure?.code(for: "competencies") == .outOfRange)
    }

    @Test func theCatalogueIsFilteredByEveryValueGiven() throws {
        let offer = ValidOffer(
            title: "Tidlig palliation", summary: "E-læring med cases", format: .eLearning, levels: [.basal], competencies: [1, 2],
            professions: [.nurse, .doctor], sectors: [])
        #expect(OfferFilter(text: "CASES").matches(offer))
        #expect(OfferFilter(format: .eLearning, level: .basal, competence: 2, profession: .doctor, sector: .hospice).matches(offer))
        #expect(!OfferFilter(format: .workshop).matches(offer))
        #expect(!OfferFilter(level: .specialised).matches(offer))
        #expect(!OfferFilter(competence: 7).matches(offer))
        #expect(!OfferFilter(profession: .secretary).matches(offer))
        #expect(!OfferFilter(text: "smerter").matches(offer))
    }

    @Test func aSessionEndsAfterItStartsTheSameDayWithPlacesAndAPlace() throws {
        let valid = try LearningSessionDraft(
            startsAt: "2027-03-04T13:00:00+01:00", endsAt: "2027-03-04T16:00:00+01:00", capacity: "40", place: "Hillerød Hospital, aud. 1"
        ).validated()
        #expect(valid.capacity == 40 && valid.endsAt.timeIntervalSince(valid.startsAt) == 3 * 3600)
        let backwards = #expect(throws: ValidationFailure.self) {
            try LearningSessionDraft(startsAt: "2027-03-04T13:00:00+01:00", endsAt: "2027-03-04T12:00:00+01:00", capacity: "0", place: "")
                .validated()
        }
        #expect(backwards?.errors == [FieldError("endsAt", .beforeStart), FieldError("capacity", .outOfRange), FieldError("place", .required)])
        let tooLong = #expect(throws: ValidationFailure.self) {
            try LearningSessionDraft(startsAt: "2027-03-04T08:00:00+01:00", endsAt: "2027-03-05T08:00:00+01:00", capacity: "2,5", place: "x")
                .validated()
        }
        #expect(tooLong?.errors == [FieldError("endsAt", .outOfRange), FieldError("capacity", .notAnInteger)])
    }

    @Test func jsonSendsNumbersWhereAFormSendsText() throws {
        let json = Data(#"{"title":"T","format":"course","competencies":[1,3],"startsAt":"x"}"#.utf8)
        #expect(try JSONDecoder().decode(OfferDraft.self, from: json).competencies == ["1", "3"])
        let session = Data(#"{"startsAt":"2027-03-04T13:00:00+01:00","endsAt":"2027-03-04T14:00:00+01:00","capacity":12,"place":"Online"}"#.utf8)
        #expect(try JSONDecoder().decode(LearningSessionDraft.self, from: session).validated().capacity == 12)
    }
}

/// Coverage's arithmetic: exact shares, rounded half up to four places, and the report's order.
@Suite struct CoverageArithmeticTests {
    @Test(arguments: [
        (part: 1, whole: 3, share: "0.3333"),
        (2, 3, "0.6667"),
        (1, 8, "0.125"),
        (0, 5, "0"),
        (5, 5, "1"),
        (1, 20_000, "0.0001"),  // 0.00005 rounds up
        (1, 20_001, "0"),
    ])
    func aShareIsExactToFourPlaces(part: Int, whole: Int, share: String) {
        #expect(Coverage.share(part, of: whole) == Decimal(string: share))
    }

    @Test func nothingToDivideByIsNoShare() {
        #expect(Coverage.share(0, of: 0) == nil)
        #expect(CoverageRow(group: "x", staff: 0, completed: 0).share == nil)
        #expect(CoverageRow(group: "x", staff: 3, completed: 1, screenedPatients: 4, identifiedPatients: 0, patientsWithPlan: 0).planShare == nil)
        #expect(
            CoverageRow(group: "x", staff: 3, completed: 1, screenedPatients: 9, identifiedPatients: 4, patientsWithPlan: 3).planShare
                == Decimal(string: "0.75"))
    }

    @Test func theLowestShareComesFirstAndGroupsWithoutStaffLast() {
        let rows = [
            CoverageRow(group: "Bispebjerg", staff: 10, completed: 5), CoverageRow(group: "Tom", staff: 0, completed: 0),
            CoverageRow(group: "Amager", staff: 10, completed: 5), CoverageRow(group: "Herlev", staff: 4, completed: 1),
        ]
        #expect(Coverage.ordered(rows).map(\.group) == ["Herlev", "Amager", "Bispebjerg", "Tom"])
        let total = Coverage.total(rows, name: "I alt")
        #expect(total.staff == 24 && total.completed == 11 && total.share == Decimal(string: "0.4583"))
    }
}

@Suite struct ReflectionTextTests {
    /// A family emoji is joined with zero-width joiners (format characters, not control ones).
    @Test func aReflectionMayHoldEmojiAndSoftHyphensButNoControlCharacters() throws {
        let module = try ModuleText.parse("# T\npassMark: 80\n## case: Ib\nIb har KOL.\n? Hvad nu?\n## check\nQ: a\n* b\n- c")
        let id = UUID()
        func draft(_ text: String) -> ProgressChangeDraft {
            ProgressChangeDraft(clientId: UUID().uuidString, moduleId: id.uuidString, kind: "reflection", section: 0, question: 0, text: text)
        }
        #expect(try draft("Familien 👨‍👩‍👧 og pal\u{00AD}liation").validated(content: { _ in module }, now: Date()).text?.contains("👨‍👩‍👧") == true)
        #expect(throws: ValidationFailure([FieldError("text", .invalidFormat)])) {
            try draft("en \u{0007}klokke").validated(content: { _ in module }, now: Date())
        }
    }
}
