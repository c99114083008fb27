import Foundation
import LindringCore
import Testing

/// Allocations: actuals in, month by month against the budget, and the year-end expected.
@Suite struct BudgetAllocationTests {
    static func d(_ text: String) -> Decimal { Decimal(string: text)! }

    /// The 2025 palliation package: DKK 2.6 million in 2025 and 2.5 million in 2026.
    static var package: AllocationDraft {
        AllocationDraft(
            name: "Palliationspakken", organisation: "Region Hovedstaden", successor: "Region Østdanmark", successorFrom: "2027-01-01",
            decidedOn: "2024-09-19",
            parts: [
                .init(
                    code: "24-7", name: "Palliativ rådgivning døgnet rundt", activity: "advisoryLine",
                    budgets: ["2025": ["salaries": "1400000", "otherOperations": "200000"], "2026": ["salaries": "1500000"]],
                    fte: ["2025": "2.0", "2026": "2.0"]),
                .init(
                    code: "PABU", name: "Socialrådgivning i PABU", activity: "paediatricSocialWork",
                    budgets: ["2025": ["salaries": "800000"], "2026": ["salaries": "800000"]], fte: ["2025": "1.1", "2026": "1.1"]),
                .init(
                    code: "ARB", name: "Tværsektoriel arbejdsgruppe", activity: "workingGroup",
                    budgets: ["2025": ["otherOperations": "200000"], "2026": ["otherOperations": "200000"]]),
            ])
    }

    @Test func thePackageIsTwoPointSixThenTwoPointFiveMillion() throws {
        let allocation = try Self.package.validated()
        #expect(allocation.years == [2025, 2026])
        #expect(allocation.budget(in: 2025) == 2_600_000 && allocation.budget(in: 2026) == 2_500_000)
        #expect(allocation.organisation(on: LocalDate("2026-12-31")!) == "Region Hovedstaden")
        #expect(allocation.organisation(on: LocalDate("2027-01-01")!) == "Region Østdanmark")
    }

    @Test(arguments: [
        ("parts[0].budgets.2025.salaries", "1400000.50", ValidationCode.tooManyDecimals),
        ("parts[0].budgets.2025.salaries", "-1", .outOfRange),
        ("parts[0].budgets.2025.wages", "1", .invalidChoice),
        ("parts[0].budgets.1999", "1", .outOfRange),
        ("parts[0].fte.2025", "-0.5", .outOfRange),
    ])
    func badBudgetsAreRefusedNamingTheField(field: String, value: String, code: ValidationCode) {
        var draft = Self.package
        let path = field.split(separator: ".").map(String.init)
        if path[1] == "fte" {
            draft.parts![0].fte![path[2]] = value
        } else if path.count == 4 {
            draft.parts![0].budgets![path[2], default: [:]][path[3]] = value
        } else {
            draft.parts![0].budgets![path[2]] = ["salaries": value]
        }
        #expect(throws: ValidationFailure([FieldError(field, code)])) { try draft.validated() }
    }

    @Test func partCodesAreUniqueAndAnAllocationHasParts() {
        var draft = Self.package
        draft.parts![1].code = "24-7"
        draft.successorFrom = nil
        #expect(throws: ValidationFailure([FieldError("successorFrom", .required), FieldError("parts[1].code", .duplicate)])) {
            try draft.validated()
        }
        draft = Self.package
        draft.parts = []
        #expect(throws: ValidationFailure([FieldError("parts", .required)])) { try draft.validated() }
    }

    @Test(arguments: [("1200000", ["100000.00", "1200000.00"]), ("100", ["8.33", "8.37"]), ("2600000", ["216666.67", "216666.63"])])
    func aYearsBudgetIsSpreadOverTwelveMonthsExactly(annual: String, expected: [String]) {
        let months = AllocationFollowUp.monthly(Self.d(annual))
        #expect(months.count == 12 && months.reduce(0, +) == Self.d(annual))
        #expect(
            months[0] == Self.d(expected[0]) && months[11] == (expected.count > 1 && expected[1] != "1200000.00" ? Self.d(expected[1]) : months[0]))
    }

    @Test func theFollowUpShowsDeviationsAccumulatedAndTheExpectedYearEnd() throws {
        // given 2025's budget and three months of actuals on the advisory line (a refund in March)
        let allocation = try Self.package.validated()
        let actuals = [
            ActualEntry(month: BudgetMonth(year: 2025, month: 1), partCode: "24-7", costType: .salaries, amount: Self.d("120000")),
            ActualEntry(month: BudgetMonth(year: 2025, month: 2), partCode: "24-7", costType: .salaries, amount: Self.d("140000.50")),
            ActualEntry(month: BudgetMonth(year: 2025, month: 3), partCode: "24-7", costType: .otherOperations, amount: Self.d("-500")),
            ActualEntry(month: BudgetMonth(year: 2025, month: 3), partCode: "PABU", costType: .salaries, amount: Self.d("70000")),
            ActualEntry(month: BudgetMonth(year: 2024, month: 12), partCode: "PABU", costType: .salaries, amount: Self.d("1")),
        ]
        // when 2025 is followed up
        let followUp = AllocationFollowUp(
            year: 2025, allocation: allocation, actuals: actuals,
            fte: [FilledFTE(month: BudgetMonth(year: 2025, month: 2), partCode: "24-7", fte: Self.d("1.8"))],
            carriedOut: CarryOver(fromYear: 2025, amount: 50000, reason: "Sen ansættelse"))
        // then the advisory part's months are budget 1.6m / 12 against what was spent
        let line = followUp.parts[0]
        #expect(line.budget == 1_600_000 && line.months[0].budget == Self.d("133333.33"))
        #expect(line.months.prefix(3).map(\.actual) == [Self.d("120000"), Self.d("140000.50"), Self.d("-500")])
        #expect(line.months[0].deviation == Self.d("-13333.33") && line.months[3].actual == nil)
        #expect(line.months[2].accumulatedActual == Self.d("259500.50") && line.months[2].accumulatedBudget == Self.d("399999.99"))
        #expect(line.months[2].accumulatedDeviation == Self.d("-140499.49"))
        // expected year-end: actuals through March plus April–December's budget
        #expect(line.expectedYearEnd == Self.d("259500.50") + (Self.d("1600000") - Self.d("399999.99")))
        #expect(line.fteBudgeted == 2 && line.fteFilled?.fte == Self.d("1.8"))
        // the PABU part recorded nothing in January and February: zero, not missing, once March is in
        #expect(followUp.parts[1].months.prefix(3).map(\.actual) == [0, 0, Self.d("70000")])
        #expect(followUp.lastRecordedMonth == BudgetMonth(year: 2025, month: 3))
        #expect(followUp.actualToDate == Self.d("329500.50") && followUp.budget == 2_600_000)
        #expect(followUp.months[0].actual == Self.d("120000") && followUp.months[3].actual == nil)
        #expect(followUp.expectedYearEnd == followUp.parts.reduce(0) { $0 + $1.expectedYearEnd })
        #expect(followUp.carriedOut?.amount == 50000 && followUp.available == 2_600_000)
    }

    @Test(arguments: [
        ("1.234,50", "1234.50"), ("1.600.000", "1600000"), ("-1.600.000", "-1600000"), ("1234,5", "1234.5"), ("1600000", "1600000"),
        ("12.34.567", nil), ("1.2345,0", nil),
    ])
    func danishThousandsPointsAreReadWhereTheyCannotBeADecimalPoint(typed: String, expected: String?) {
        var v = Validator()
        let value = v.decimal("amount", typed, decimals: 2, in: ActualsDraft.amountRange, required: true)
        #expect(value == expected.map(Self.d))
        #expect(v.errors.isEmpty == (expected != nil))
    }

    @Test func actualsAreCheckedAgainstTheAllocation() throws {
        let allocation = try Self.package.validated()
        let draft = ActualsDraft(actuals: [
            .init(month: "2025-03", part: "pabu", costType: "salaries", amount: "1000,50"),
            .init(month: "2025-03", part: "PABU", costType: "salaries", amount: "99.50"),
            .init(month: "2024-12", part: "PABU", costType: "salaries", amount: "1"),
            .init(month: "2026-02", part: "XX", costType: "wages", amount: "1.234"),
            .init(month: "2025-13", part: "PABU", costType: "salaries", amount: "1"),
        ])
        #expect(
            throws: ValidationFailure([
                FieldError("actuals[2].month", .outOfRange), FieldError("actuals[3].month", .inFuture), FieldError("actuals[3].part", .notFound),
                FieldError("actuals[3].costType", .invalidChoice), FieldError("actuals[3].amount", .tooManyDecimals),
                FieldError("actuals[4].month", .invalidFormat),
            ])
        ) { try draft.validated(against: allocation, thisMonth: BudgetMonth(year: 2025, month: 12)) }
        let valid = try ActualsDraft(actuals: Array(draft.actuals!.prefix(2))).validated(
            against: allocation, thisMonth: BudgetMonth(year: 2025, month: 12))
        #expect(valid.entries == [ActualEntry(month: BudgetMonth(year: 2025, month: 3), partCode: "PABU", costType: .salaries, amount: 1100)])
    }

    @Test func aCSVWithBadRowsIsRefusedWholeNamingEachLine() throws {
        let allocation = try Self.package.validated()
        let month = BudgetMonth(year: 2026, month: 12)
        let good =
            "\u{FEFF}month;part;costType;amount\r\n2025-01;24-7;salaries;120000,00\r\n2025-01;24-7;salaries;5000\r\n\r\n2025-02;PABU;salaries;66666,67\r\n"
        let parsed = try ActualsCSV.parse(good, against: allocation, thisMonth: month)
        #expect(parsed.entries.map(\.amount) == [Self.d("125000"), Self.d("66666.67")])
        let bad =
            "month,part,costType,amount\n2025-01,24-7,salaries,120000\n2025-01,XX,salaries,1\n2025-02,PABU,salaries\n2031-01,PABU,salaries,1.005\n"
        #expect(
            throws: ValidationFailure([
                FieldError("part", .notFound, line: 3), FieldError("row", .invalidFormat, line: 4), FieldError("month", .outOfRange, line: 5),
                FieldError("amount", .tooManyDecimals, line: 5),
            ])
        ) { try ActualsCSV.parse(bad, against: allocation, thisMonth: month) }
        #expect(throws: ValidationFailure([FieldError("header", .invalidFormat, line: 1)])) {
            try ActualsCSV.parse("maaned,del,type,beloeb\n", against: allocation, thisMonth: month)
        }
    }

    @Test func anAdoptedInitiativeBecomesAnAllocationInKroner() throws {
        let initiative = try BudgetInitiativeTests.training.validated()
        var draft = AllocationDraft(adopted: initiative, id: UUID(), organisation: "Region Hovedstaden", decidedOn: LocalDate("2025-09-18")!)
        draft.parts![0].code = "UDD"
        draft.parts![0].activity = "training"
        let allocation = try draft.validated()
        #expect(allocation.budget(in: 2026) == 1_800_000 && allocation.parts[0].budgets[2029]?[.salaries] == 1_200_000)
        #expect(allocation.parts[0].fte[2026] == 2 && allocation.initiativeId != nil)
    }

    @Test func costPerUnitIsToTheWholeKroneForTheMonthsRecorded() throws {
        // given the advisory line's spending in January and February, and its contacts into March
        let allocation = try Self.package.validated()
        let actuals = [
            ActualEntry(month: BudgetMonth(year: 2025, month: 1), partCode: "24-7", costType: .salaries, amount: 100_000),
            ActualEntry(month: BudgetMonth(year: 2025, month: 2), partCode: "24-7", costType: .salaries, amount: Self.d("100001")),
        ]
        let part = AllocationFollowUp(year: 2025, allocation: allocation, actuals: actuals, fte: []).parts[0]
        let contacts = ActivityIndicator(key: "advisory.contacts", unit: .count, months: [3, 2, 7] + Array(repeating: nil, count: 9), year: 12)
        // when divided
        let cost = ActivityIndicators.costPerUnit(part, units: contacts)
        // then each month's kroner per contact, and the year's over the months recorded only
        #expect(Array(cost.months.prefix(3)) == [Self.d("33333"), Self.d("50001"), nil])
        #expect(cost.year == Self.d("40000"))
    }
}
