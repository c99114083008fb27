import Foundation
import LindringCore
import LindringStore

/// Amounts travel as decimal text with a point, never as JSON numbers (`"2.6"`, `"-0.4"`).
enum AmountText {
    /// DKK million and shares: one decimal.
    static func million(_ value: Decimal) -> String { value.fixed(1) }
    /// Kroner with øre where there are any.
    static func kroner(_ value: Decimal) -> String { value.fixed(value.shownDecimals(fewest: 0, most: 2)) }
    /// FTEs: one decimal, two where typed so (`0.25`).
    static func fte(_ value: Decimal) -> String { value.fixed(value.shownDecimals(fewest: 1, most: 2)) }

    static func byYear(_ values: [Int: Decimal], years: [Int], _ text: (Decimal) -> String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: years.map { (String($0), text(values[$0] ?? 0)) })
    }
}

struct InitiativeDTO: NullPreservingEncodable {
    struct Line: Encodable {
        var type: CostType
        var amounts: [String: String]
    }

    struct Fund: Encodable {
        var fund: BudgetFund
        var sharePercent: String
    }

    struct Goal: NullPreservingEncodable {
        var goal: Int
        var effect: SDGEffect
        var text: String?
    }

    var id: UUID
    var version: Int
    var title: String
    var proposedBy: String
    var purpose: String
    var remarks: String?
    var priceLevel: String
    var firstYear: Int
    var years: [Int]
    var lines: [Line]
    var fte: [String: String]
    var funds: [Fund]
    var commitmentBudgetable: Bool
    var scalable: Bool?
    var scalingNote: String?
    var agreementText: String?
    var sdgs: [Goal]
    var status: InitiativeStatus
    var totalsByYear: [String: String]
    var total: String
    var byFund: [String: [String: String]]
    var updatedAt: Date
    var updatedBy: String

    init(_ stored: StoredInitiative) {
        let initiative = stored.initiative, years = initiative.years, totals = initiative.totals
        id = stored.id
        version = stored.version
        title = initiative.title
        proposedBy = initiative.proposedBy
        purpose = initiative.purpose
        remarks = initiative.remarks
        priceLevel = initiative.priceLevel.description
        firstYear = initiative.firstYear
        self.years = years
        lines = initiative.lines.map { Line(type: $0.type, amounts: AmountText.byYear($0.amounts, years: years, AmountText.million)) }
        fte = AmountText.byYear(initiative.fte, years: years, AmountText.fte)
        funds = initiative.funds.map { Fund(fund: $0.fund, sharePercent: AmountText.million($0.sharePercent)) }
        commitmentBudgetable = initiative.commitmentBudgetable
        scalable = initiative.scalable
        scalingNote = initiative.scalingNote
        agreementText = initiative.agreementText
        sdgs = initiative.sdgs.map { Goal(goal: $0.goal, effect: $0.effect, text: $0.text) }
        status = initiative.status
        totalsByYear = AmountText.byYear(totals.byYear, years: years, AmountText.million)
        total = AmountText.million(totals.total)
        byFund = Dictionary(
            uniqueKeysWithValues: totals.byFund.map { ($0.key.rawValue, AmountText.byYear($0.value, years: years, AmountText.million)) })
        updatedAt = stored.updatedAt
        updatedBy = stored.updatedBy
    }
}

struct PriceLevelDTO: Encodable {
    var name: String
    var index: String
    var updatedAt: Date
    var updatedBy: String

    init(_ level: PriceLevelIndex) {
        name = level.level.description
        index = level.index.description
        updatedAt = level.updatedAt
        updatedBy = level.updatedBy
    }
}

struct AllocationDTO: NullPreservingEncodable {
    struct Part: Encodable {
        var code: String
        var name: String
        var activity: FundedActivity
        /// Kroner per year and cost type.
        var budgets: [String: [String: String]]
        var fte: [String: String]
    }

    var id: UUID
    var name: String
    var organisation: String
    var successor: String?
    var successorFrom: LocalDate?
    var decidedOn: LocalDate
    var initiativeId: UUID?
    var years: [Int]
    var budgetByYear: [String: String]
    var parts: [Part]

    init(_ stored: StoredAllocation) {
        let allocation = stored.allocation
        id = stored.id
        name = allocation.name
        organisation = allocation.organisation
        successor = allocation.successor?.organisation
        successorFrom = allocation.successor?.from
        decidedOn = allocation.decidedOn
        initiativeId = allocation.initiativeId
        years = allocation.years
        budgetByYear = Dictionary(uniqueKeysWithValues: allocation.years.map { (String($0), AmountText.kroner(allocation.budget(in: $0))) })
        parts = allocation.parts.map { part in
            Part(
                code: part.code, name: part.name, activity: part.activity,
                budgets: Dictionary(
                    uniqueKeysWithValues: part.budgets.map { year, amounts in
                        (String(year), Dictionary(uniqueKeysWithValues: amounts.map { ($0.key.rawValue, AmountText.kroner($0.value)) }))
                    }),
                fte: Dictionary(uniqueKeysWithValues: part.fte.map { (String($0.key), AmountText.fte($0.value)) }))
        }
    }
}

struct BudgetFollowUpDTO: NullPreservingEncodable {
    struct Month: NullPreservingEncodable {
        var month: String
        var budget: String
        var actual: String?
        var deviation: String?
        var accumulatedBudget: String
        var accumulatedActual: String?
        var accumulatedDeviation: String?

        init(_ month: AllocationFollowUp.Month) {
            self.month = month.month.description
            budget = AmountText.kroner(month.budget)
            actual = month.actual.map(AmountText.kroner)
            deviation = month.deviation.map(AmountText.kroner)
            accumulatedBudget = AmountText.kroner(month.accumulatedBudget)
            accumulatedActual = month.accumulatedActual.map(AmountText.kroner)
            accumulatedDeviation = month.accumulatedDeviation.map(AmountText.kroner)
        }
    }

    struct Indicator: NullPreservingEncodable {
        var indicator: String
        var unit: String
        /// `measured`, or `notYetMeasured` for a module Lindring does not have yet (never zero).
        var status: String
        var months: [String?]
        var year: String?

        init(_ indicator: ActivityIndicator) {
            self.indicator = indicator.key
            unit = indicator.unit.rawValue
            status = indicator.measured ? "measured" : "notYetMeasured"
            months = indicator.months.map { $0.map { $0.description } }
            year = indicator.year?.description
        }
    }

    struct Part: NullPreservingEncodable {
        var code: String
        var name: String
        var activity: FundedActivity
        var budget: String
        var actualToDate: String
        var expectedYearEnd: String
        var fteBudgeted: String?
        var fteFilled: String?
        var months: [Month]
        var indicators: [Indicator]
        /// Kroner per unit of the part's activity (`costPerUnitOf`), for the months recorded.
        var costPerUnitOf: String?
        var costPerUnit: String?
        var costPerUnitByMonth: [String?]?
    }

    var allocationId: UUID
    var name: String
    var organisation: String
    var year: Int
    var budget: String
    var carriedIn: String?
    var carriedOut: String?
    var actualToDate: String
    var lastRecordedMonth: String?
    var expectedYearEnd: String
    var months: [Month]
    var parts: [Part]

    init(_ report: FollowUpService.Report) {
        let followUp = report.followUp
        allocationId = report.allocation.id
        name = report.allocation.allocation.name
        organisation = report.heldBy
        year = followUp.year
        budget = AmountText.kroner(followUp.budget)
        carriedIn = followUp.carriedIn.map { AmountText.kroner($0.amount) }
        carriedOut = followUp.carriedOut.map { AmountText.kroner($0.amount) }
        actualToDate = AmountText.kroner(followUp.actualToDate)
        lastRecordedMonth = followUp.lastRecordedMonth?.description
        expectedYearEnd = AmountText.kroner(followUp.expectedYearEnd)
        months = followUp.months.map(Month.init)
        parts = report.parts.map { activity in
            let part = activity.part
            return Part(
                code: part.code, name: part.name, activity: part.activity, budget: AmountText.kroner(part.budget),
                actualToDate: AmountText.kroner(part.actualToDate), expectedYearEnd: AmountText.kroner(part.expectedYearEnd),
                fteBudgeted: part.fteBudgeted.map(AmountText.fte), fteFilled: part.fteFilled.map { AmountText.fte($0.fte) },
                months: part.months.map(Month.init), indicators: activity.indicators.map(Indicator.init),
                costPerUnitOf: activity.costPerUnit == nil ? nil : activity.unitKey, costPerUnit: activity.costPerUnit?.year.map(AmountText.kroner),
                costPerUnitByMonth: activity.costPerUnit?.months.map { $0.map(AmountText.kroner) })
        }
    }
}
