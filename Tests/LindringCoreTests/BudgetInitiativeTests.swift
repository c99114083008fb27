import Foundation
import LindringCore
import Testing

/// The region's budget-initiative form: its rules and its sums, exactly.
@Suite struct BudgetInitiativeTests {
    static func d(_ text: String) -> Decimal { Decimal(string: text)! }

    /// The seed's training initiative: 2026–2029 at 2026 prices.
    static var training: InitiativeDraft {
        InitiativeDraft(
            title: "Opruste uddannelsen af læger og sygeplejersker i palliation", proposedBy: "Administrationen",
            purpose: "Flere læger og sygeplejersker med basal og specialiseret viden om palliation.", priceLevel: "2026-pl",
            firstYear: "2026",
            lines: [
                .init(type: "salaries", amounts: ["2026": "1.2", "2027": "1.2", "2028": "1.2", "2029": "1.2"]),
                .init(type: "otherOperations", amounts: ["2026": "0.4", "2027": "0.3", "2028": "0.3", "2029": "0.3"]),
                .init(type: "establishment", amounts: ["2026": "0.2"]),
            ], fte: ["2026": "2.0", "2027": "2.0", "2028": "2.0", "2029": "2.0"],
            funds: [.init(fund: "health", sharePercent: "66.7"), .init(fund: "social", sharePercent: "33.3")])
    }

    @Test func totalsPerYearAndOverallAreTheSumsOfTheLines() throws {
        // given the seed's initiative
        let initiative = try Self.training.validated()
        // when it is summed
        let totals = initiative.totals
        // then each year is its lines' sum, and the whole the years'
        #expect(initiative.years == [2026, 2027, 2028, 2029])
        #expect(totals.byYear == [2026: Self.d("1.8"), 2027: Self.d("1.5"), 2028: Self.d("1.5"), 2029: Self.d("1.5")])
        #expect(totals.total == Self.d("6.3"))
        #expect(totals.byLine == [.salaries: Self.d("4.8"), .otherOperations: Self.d("1.3"), .establishment: Self.d("0.2")])
        #expect(totals.fteTotal == 8)
    }

    /// "health 66.7, social 33.3" as shares in that order.
    static func shares(_ text: String) -> [FundShare] {
        text.split(separator: ",").map { pair in
            let parts = pair.split(separator: " ")
            return FundShare(fund: BudgetFund(rawValue: String(parts[0]))!, sharePercent: d(String(parts[1])))
        }
    }

    @Test(arguments: [
        // year total, shares, expected parts (the remainder to the largest share, the first if tied)
        ("1.8", "health 66.7, social 33.3", "1.2 0.6"),
        ("1.5", "health 66.7, social 33.3", "1.0 0.5"),
        ("1.0", "health 33.3, social 33.3, regionalDevelopment 33.4", "0.3 0.3 0.4"),
        ("0.2", "health 50, social 50", "0.1 0.1"),
        // 0.05 each rounds up to 0.1; the 0.1 too much comes off the first of the tied largest
        ("0.1", "health 50, social 50", "0.0 0.1"),
        ("0.3", "health 50, social 50", "0.1 0.2"),
        ("-0.3", "health 50, social 50", "-0.1 -0.2"),
        ("-0.4", "social 25, health 75", "-0.1 -0.3"),
        ("0.1", "health 33.3, social 33.3, regionalDevelopment 33.4", "0.0 0.0 0.1"),
        ("2.5", "health 100", "2.5"),
        ("0.0", "health 60, social 40", "0.0 0.0"),
    ])
    func fundsTakeTheirShareRoundedAndTheLargestTakesTheRemainder(total: String, shares: String, expected: String) {
        let funds = Self.shares(shares)
        let parts = BudgetArithmetic.split(Self.d(total), funds)
        #expect(parts.map(\.fund) == funds.map(\.fund))
        #expect(parts.map(\.amount) == expected.split(separator: " ").map { Self.d(String($0)) })
        #expect(parts.reduce(0) { $0 + $1.amount } == Self.d(total))
    }

    @Test func byFundAddsUpToEachYearsTotal() throws {
        let totals = try Self.training.validated().totals
        #expect(totals.byFund[.health] == [2026: Self.d("1.2"), 2027: Self.d("1.0"), 2028: Self.d("1.0"), 2029: Self.d("1.0")])
        #expect(totals.byFund[.social] == [2026: Self.d("0.6"), 2027: Self.d("0.5"), 2028: Self.d("0.5"), 2029: Self.d("0.5")])
        #expect(totals.byFund[.regionalDevelopment] == nil)
    }

    @Test(arguments: [
        // amount, old index, new index, expected
        ("1.2", "100", "104.3", "1.3"),  // 1.2516
        ("1.0", "100", "105", "1.1"),  // 1.05: half away from zero
        ("-1.0", "100", "105", "-1.1"),
        ("0.4", "102.9", "105.5", "0.4"),  // 0.41010…
        ("2.5", "100", "99", "2.5"),  // 2.475 → 2.5
        ("2.5", "100", "98", "2.5"),  // 2.45 → 2.5
        ("2.5", "100", "97.9", "2.4"),  // 2.4475
        ("0.3", "104.3", "100", "0.3"),  // 0.28763…
        ("-0.4", "100", "112.5", "-0.5"),  // -0.45 → -0.5
    ])
    func reprojectionMultipliesByTheIndexRatioAndRoundsEachLine(amount: String, old: String, new: String, expected: String) {
        #expect(BudgetArithmetic.reproject(Self.d(amount), fromIndex: Self.d(old), toIndex: Self.d(new)) == Self.d(expected))
    }

    @Test func reprojectedTotalsSumTheRoundedLines() throws {
        // given two lines that each round up
        var draft = Self.training
        draft.lines = [.init(type: "salaries", amounts: ["2026": "1.0"]), .init(type: "otherOperations", amounts: ["2026": "1.0"])]
        let initiative = try draft.validated()
        // when moved from an index of 100 to 105 (each 1.05 → 1.1)
        let moved = initiative.reprojected(to: PriceLevel(year: 2027), fromIndex: 100, toIndex: 105)
        // then the year's total is 2.2, not 2.1 (2.0 × 1.05 rounded)
        #expect(moved.priceLevel.description == "2027-pl" && moved.totals.byYear[2026] == Self.d("2.2"))
        #expect(moved.fte == initiative.fte && moved.title == initiative.title)
        #expect(moved.changes(since: initiative) == ["priceLevel", "lines"])
    }

    @Test(arguments: [
        ("lines[0].amounts.2026", "1.25", ValidationCode.tooManyDecimals),
        ("lines[0].amounts.2026", "1,25", .tooManyDecimals),
        ("lines[0].amounts.2026", "1.2.3", .invalidFormat),
        ("lines[0].amounts.2026", "1 000", .invalidFormat),
        ("lines[0].amounts.2026", "abc", .invalidFormat),
        ("lines[0].amounts.2026", "10000", .outOfRange),
        ("lines[0].amounts.2030", "1.0", .outOfRange),
        ("lines[0].amounts.2025", "1.0", .outOfRange),
        ("lines[0].amounts.year", "1.0", .invalidFormat),
        ("fte.2026", "-1", .outOfRange),
        ("fte.2026", "1.255", .tooManyDecimals),
        ("fte.2031", "1", .outOfRange),
    ])
    func badAmountsAreRefusedNamingTheField(field: String, value: String, code: ValidationCode) {
        // given the seed's initiative with one amount typed wrong
        var draft = Self.training
        let parts = field.split(separator: ".")
        if parts[0] == "fte" {
            draft.fte![String(parts[1])] = value
        } else {
            draft.lines![0].amounts![String(parts[2])] = value
        }
        // then it is refused, naming the field
        #expect(throws: ValidationFailure([FieldError(field, code)])) { try draft.validated() }
    }

    @Test func negativeAmountsAreSavings() throws {
        var draft = Self.training
        draft.lines = [.init(type: "otherOperations", amounts: ["2026": "-0.4", "2027": "-0,4"])]
        let initiative = try draft.validated()
        #expect(initiative.totals.byYear[2026] == Self.d("-0.4") && initiative.totals.total == Self.d("-0.8"))
        #expect(InitiativeDraft(initiative).lines?[1].amounts == ["2026": "-0.4", "2027": "-0.4"])
    }

    @Test(arguments: [
        ("health 90", "funds", ValidationCode.notHundredPercent),
        ("health 66.7, social 34.3", "funds", .notHundredPercent),
        ("health 66.67, social 33.3", "funds[0].sharePercent", .tooManyDecimals),
        ("health 50, health 50", "funds[1].fund", .duplicate),
        ("tax 100", "funds[0].fund", .invalidChoice),
        ("health 101", "funds[0].sharePercent", .outOfRange),
    ])
    func aFundSplitMustAddUpToExactlyOneHundredPercent(shares: String, field: String, code: ValidationCode) {
        var draft = Self.training
        draft.funds = shares.split(separator: ",").map { pair in
            let parts = pair.split(separator: " ").map(String.init)
            return .init(fund: parts[0], sharePercent: parts[1])
        }
        #expect(throws: ValidationFailure([FieldError(field, code)])) { try draft.validated() }
    }

    @Test func theFormsOtherRules() throws {
        var draft = Self.training
        draft.title = " "
        draft.priceLevel = "2026"
        draft.commitmentBudgetable = true
        draft.sdgs = [.init(goal: "3", effect: "positive", text: "Sundhed"), .init(goal: "18", effect: "positive"), .init(goal: "3", effect: "x")]
        draft.status = "approved"
        #expect(
            throws: ValidationFailure([
                FieldError("title", .required), FieldError("priceLevel", .invalidFormat), FieldError("status", .invalidChoice),
                FieldError("commitmentBudgetable", .invalidChoice), FieldError("sdgs[1].goal", .outOfRange), FieldError("sdgs[2].goal", .duplicate),
                FieldError("sdgs[2].effect", .invalidChoice),
            ])
        ) { try draft.validated() }
        // commitment budgeting with the regional development fund alone is allowed
        draft = Self.training
        draft.commitmentBudgetable = true
        draft.funds = [.init(fund: "regionalDevelopment", sharePercent: "100")]
        #expect(try draft.validated().commitmentBudgetable)
    }

    @Test func aValidInitiativeSurvivesTheRoundTripThroughItsDraft() throws {
        var draft = Self.training
        draft.sdgs = [.init(goal: "3", effect: "positive", text: "Sundhed og trivsel")]
        draft.remarks = "Administrationen anbefaler forslaget."
        let initiative = try draft.validated()
        #expect(try InitiativeDraft(initiative).validated() == initiative)
        let json = try JSONEncoder().encode(InitiativeDraft(initiative))
        #expect(try JSONDecoder().decode(InitiativeDraft.self, from: json).validated() == initiative)
    }

    @Test func amountsSentAsJSONNumbersAreReadExactly() throws {
        let json =
            #"{"title":"T","proposedBy":"A","purpose":"P","priceLevel":"2026-pl","firstYear":2026,"#
            + #""lines":[{"type":"salaries","amounts":{"2026":1.2,"2027":0.1}}],"funds":[{"fund":"health","sharePercent":66.7},"#
            + #"{"fund":"social","sharePercent":33.3}]}"#
        let initiative = try JSONDecoder().decode(InitiativeDraft.self, from: Data(json.utf8)).validated()
        #expect(initiative.line(.salaries)?.amounts == [2026: Self.d("1.2"), 2027: Self.d("0.1")])
        #expect(initiative.funds.map(\.sharePercent) == [Self.d("66.7"), Self.d("33.3")])
    }

    @Test(arguments: [("2.6", 1, "2.6"), ("-0.4", 1, "-0.4"), ("1500000", 0, "1500000"), ("3", 1, "3.0"), ("0.05", 1, "0.1"), ("-0.04", 1, "0.0")])
    func fixedTextHasItsDecimals(value: String, scale: Int, expected: String) {
        #expect(Self.d(value).fixed(scale) == expected)
    }
}
