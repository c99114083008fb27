import Foundation
import LindringCore
import Testing

/// The team lead's capacity figures, month by month.
@Suite struct SocialWorkCapacityTests {
    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    var funding: [FundedFTE] {
        [FundedFTE(from: day("2020-01-01"), to: day("2024-12-31"), fte: 0.4), FundedFTE(from: day("2025-01-01"), to: nil, fte: 1.5)]
    }

    @Test(arguments: [("2024-12-31", "0.4"), ("2025-01-01", "1.5"), ("2026-12-03", "1.5"), ("2019-12-31", nil)])
    func theFundedFTEIsThePeriodsOnTheDay(on: String, fte: String?) {
        #expect(SocialWorkCapacity.fte(on: day(on), funding) == fte.flatMap { Decimal(string: $0) })
    }

    @Test func caseloadPerFTEFollowsTheFundingFromZeroPointFourToOnePointFive() {
        let facts = CapacityFacts(
            cases: [
                (day("2024-11-15"), nil), (day("2024-12-02"), nil), (day("2024-12-20"), day("2025-01-10")), (day("2025-01-05"), nil),
                (day("2023-01-01"), day("2024-11-30")),
            ],
            meetings: [day("2024-12-03"), day("2024-12-17"), day("2025-01-08")],
            consultations: [(day("2024-12-10"), .consultation, 1.5), (day("2024-12-11"), .teaching, 3), (day("2024-12-12"), .consultation, 0.75)],
            applications: [day("2024-12-01"), day("2025-01-31")], funding: funding)
        let months = SocialWorkCapacity.report(from: day("2024-11-20"), to: day("2025-01-02"), facts)
        #expect(months.map(\.month.description) == ["2024-11-01", "2024-12-01", "2025-01-01"])
        // November: one case open at its end (the other closed on the 30th); December: three
        #expect(months.map(\.openFamilies) == [1, 3, 3])
        #expect(months.map(\.newReferrals) == [1, 2, 1])
        #expect(months.map(\.fundedFTE) == [0.4, 0.4, 1.5])
        #expect(months.map(\.caseloadPerFTE) == [2.5, 7.5, 2])
        #expect(months[1].networkMeetings == 2 && months[1].consultations == 2 && months[1].consultationHours == Decimal(string: "2.25"))
        #expect(months[1].teaching == 1 && months[1].teachingHours == 3 && months.map(\.applicationsSubmitted) == [0, 1, 1])
    }

    @Test(arguments: [("7", "3", "2.3"), ("1", "3", "0.3"), ("5", "0.4", "12.5"), ("2", "3", "0.7")])
    func ratesAreRoundedExactly(open: String, fte: String, expected: String) {
        let value = Decimal(string: open)! / Decimal(string: fte)!
        #expect(value.rounded(scale: 1) == Decimal(string: expected))
    }

    @Test func noFundingGivesNoRateAndTenYearsIsTheLimit() {
        let month = SocialWorkCapacity.report(from: day("2019-03-01"), to: day("2019-03-31"), CapacityFacts(funding: funding)).first
        #expect(month?.fundedFTE == nil && month?.caseloadPerFTE == nil)
        #expect(SocialWorkCapacity.months(from: day("2000-01-01"), to: day("2030-01-01")).count == SocialWorkCapacity.maxMonths)
    }

    @Test(arguments: [
        ("1,5", String?.some("1.5"), ValidationCode?.none), ("0.4", "0.4", nil), ("", nil, .required), ("0", nil, .outOfRange),
        ("51", nil, .outOfRange),
        ("1.255", nil, .invalidFormat), ("en", nil, .invalidFormat), ("-1", nil, .invalidFormat),
    ])
    func aFundedFTEIsTypedWithAPointOrAComma(text: String, value: String?, code: ValidationCode?) {
        var v = Validator()
        #expect(FundedFTE.parse("fte", text, &v) == value.flatMap { Decimal(string: $0) })
        #expect(v.errors == (code.map { [FieldError("fte", $0)] } ?? []))
    }
}
