import Foundation

/// A year of an allocation, month by month: budget against actuals, over- and under-spending per
/// month and accumulated, and the expected year-end. Kroner, to the øre.
public struct AllocationFollowUp: Equatable, Sendable {
    public struct Month: Equatable, Sendable {
        public var month: BudgetMonth
        public var budget: Decimal
        /// Nil when nothing is recorded for the month yet.
        public var actual: Decimal?
        /// Actual − budget: positive is overspending.
        public var deviation: Decimal?
        public var accumulatedBudget: Decimal
        public var accumulatedActual: Decimal?
        public var accumulatedDeviation: Decimal?
    }

    public struct Part: Equatable, Sendable {
        public var code: String
        public var name: String
        public var activity: FundedActivity
        public var budget: Decimal
        public var budgetByCostType: [CostType: Decimal]
        public var actualToDate: Decimal
        public var actualByCostType: [CostType: Decimal]
        public var expectedYearEnd: Decimal
        public var fteBudgeted: Decimal?
        /// The latest month's FTE filled, if any is recorded in the year.
        public var fteFilled: FilledFTE?
        public var months: [Month]
    }

    public var year: Int
    public var parts: [Part]
    public var months: [Month]
    public var budget: Decimal
    public var actualToDate: Decimal
    /// The last month with anything recorded; nil when the year has no actuals yet.
    public var lastRecordedMonth: BudgetMonth?
    /// Actuals through the last recorded month plus the remaining months' budget.
    public var expectedYearEnd: Decimal
    /// Carried over into this year from the one before, and out of it into the next.
    public var carriedIn: CarryOver?
    public var carriedOut: CarryOver?

    /// Budget plus what was carried in: what the year may spend.
    public var available: Decimal { budget + (carriedIn?.amount ?? 0) }
}

/// Money moved from one year of an allocation to the next, with the reason finance gives.
public struct CarryOver: Equatable, Sendable {
    public var fromYear: Int
    public var amount: Decimal
    public var reason: String

    public init(fromYear: Int, amount: Decimal, reason: String) {
        self.fromYear = fromYear
        self.amount = amount
        self.reason = reason
    }
}

extension AllocationFollowUp {
    public init(
        year: Int, allocation: ValidAllocation, actuals: [ActualEntry], fte: [FilledFTE], carriedIn: CarryOver? = nil, carriedOut: CarryOver? = nil
    ) {
        let inYear = actuals.filter { $0.month.year == year }
        let recorded = inYear.map(\.month).max()
        let parts = allocation.parts.map { part in
            Self.part(part, year: year, actuals: inYear.filter { $0.partCode == part.code }, through: recorded, fte: fte)
        }
        let months = (1...12).map { month in
            Self.combine(parts.map { $0.months[month - 1] }, month: BudgetMonth(year: year, month: month))
        }
        self.init(
            year: year, parts: parts, months: months, budget: parts.reduce(0) { $0 + $1.budget },
            actualToDate: parts.reduce(0) { $0 + $1.actualToDate }, lastRecordedMonth: recorded,
            expectedYearEnd: parts.reduce(0) { $0 + $1.expectedYearEnd }, carriedIn: carriedIn, carriedOut: carriedOut)
    }

    /// A year's budget in twelve monthly parts, to the øre; December takes what rounding leaves,
    /// so the months add up to the year exactly.
    public static func monthly(_ annual: Decimal) -> [Decimal] {
        let month = (annual / 12).rounded(scale: 2)
        return Array(repeating: month, count: 11) + [annual - month * 11]
    }

    static func part(_ part: AllocationPart, year: Int, actuals: [ActualEntry], through recorded: BudgetMonth?, fte: [FilledFTE]) -> Part {
        let budget = part.budget(in: year)
        let monthlyBudget = monthly(budget)
        var perMonth: [Int: Decimal] = [:]
        var byType: [CostType: Decimal] = [:]
        for entry in actuals {
            perMonth[entry.month.month, default: 0] += entry.amount
            byType[entry.costType, default: 0] += entry.amount
        }
        let last = recorded?.month ?? 0
        var months: [Month] = []
        var accumulatedBudget: Decimal = 0
        var accumulatedActual: Decimal = 0
        for month in 1...12 {
            accumulatedBudget += monthlyBudget[month - 1]
            let closed = month <= last
            let actual: Decimal? = closed ? perMonth[month] ?? 0 : nil
            if let actual { accumulatedActual += actual }
            months.append(
                Month(
                    month: BudgetMonth(year: year, month: month), budget: monthlyBudget[month - 1], actual: actual,
                    deviation: actual.map { $0 - monthlyBudget[month - 1] }, accumulatedBudget: accumulatedBudget,
                    accumulatedActual: closed ? accumulatedActual : nil, accumulatedDeviation: closed ? accumulatedActual - accumulatedBudget : nil))
        }
        let remaining = monthlyBudget.dropFirst(last).reduce(0, +)
        return Part(
            code: part.code, name: part.name, activity: part.activity, budget: budget, budgetByCostType: part.budgets[year] ?? [:],
            actualToDate: accumulatedActual, actualByCostType: byType, expectedYearEnd: accumulatedActual + remaining, fteBudgeted: part.fte[year],
            fteFilled: fte.filter { $0.partCode == part.code && $0.month.year == year }.max { $0.month < $1.month }, months: months)
    }

    static func combine(_ months: [Month], month: BudgetMonth) -> Month {
        func sum(_ values: [Decimal?]) -> Decimal? { values.contains { $0 == nil } ? nil : values.reduce(0) { $0 + $1! } }
        return Month(
            month: month, budget: months.reduce(0) { $0 + $1.budget }, actual: sum(months.map(\.actual)),
            deviation: sum(months.map(\.deviation)), accumulatedBudget: months.reduce(0) { $0 + $1.accumulatedBudget },
            accumulatedActual: sum(months.map(\.accumulatedActual)), accumulatedDeviation: sum(months.map(\.accumulatedDeviation)))
    }
}

extension CarryOver {
    /// A carry-over as finance types it: kroner (øre allowed, negative for a deficit carried) and
    /// a reason, which the follow-up shows the politicians.
    public static func validated(fromYear: Int, amount: String?, reason: String?) throws(ValidationFailure) -> CarryOver {
        var v = Validator()
        let amount = v.decimal("carryOverAmount", amount, decimals: 2, in: ActualsDraft.amountRange, required: true)
        let reason = v.requiredText("carryOverReason", reason ?? "", maxLength: InitiativeDraft.maxGoalTextLength)
        try v.check()
        return CarryOver(fromYear: fromYear, amount: amount!, reason: reason)
    }
}
