import Foundation

/// The sums of an initiative, exactly as the region's form computes them.
public struct InitiativeTotals: Equatable, Sendable {
    /// Every budget year, the sum of the lines as entered (DKK million).
    public var byYear: [Int: Decimal]
    public var total: Decimal
    /// Each fund's part of each year's total, one decimal, adding up to the year's total.
    public var byFund: [BudgetFund: [Int: Decimal]]
    /// Each line's sum over the four years.
    public var byLine: [CostType: Decimal]
    public var fteTotal: Decimal
}

extension ValidInitiative {
    public var totals: InitiativeTotals {
        var byYear: [Int: Decimal] = [:]
        for year in years { byYear[year] = lines.reduce(0) { $0 + ($1.amounts[year] ?? 0) } }
        var byLine: [CostType: Decimal] = [:]
        for line in lines { byLine[line.type] = years.reduce(0) { $0 + (line.amounts[$1] ?? 0) } }
        var byFund: [BudgetFund: [Int: Decimal]] = [:]
        for year in years {
            for (fund, amount) in BudgetArithmetic.split(byYear[year] ?? 0, funds) { byFund[fund, default: [:]][year] = amount }
        }
        return InitiativeTotals(
            byYear: byYear, total: years.reduce(0) { $0 + (byYear[$1] ?? 0) }, byFund: byFund, byLine: byLine,
            fteTotal: years.reduce(0) { $0 + (fte[$1] ?? 0) })
    }

    /// The initiative at another price and wage level: each line's amount × (new index ÷ old
    /// index), rounded to one decimal; totals then sum the rounded lines. FTEs are not prices.
    public func reprojected(to level: PriceLevel, fromIndex: Decimal, toIndex: Decimal) -> ValidInitiative {
        var copy = self
        copy.priceLevel = level
        copy.lines = lines.map { line in
            InitiativeLine(
                type: line.type, amounts: line.amounts.mapValues { BudgetArithmetic.reproject($0, fromIndex: fromIndex, toIndex: toIndex) })
        }
        return copy
    }
}

public enum BudgetArithmetic {
    /// `amount` split by the funds' shares: each share of it rounded half away from zero to one
    /// decimal, and what rounding leaves over (or takes too much) given to the fund with the
    /// largest share (the first listed, if several share it), so the parts add up to `amount`.
    public static func split(_ amount: Decimal, _ funds: [FundShare]) -> [(fund: BudgetFund, amount: Decimal)] {
        guard !funds.isEmpty else { return [] }
        var parts = funds.map { (fund: $0.fund, amount: (amount * $0.sharePercent / 100).rounded(scale: 1)) }
        let remainder = amount - parts.reduce(0) { $0 + $1.amount }
        var largest = 0
        for (index, fund) in funds.enumerated() where fund.sharePercent > funds[largest].sharePercent { largest = index }
        parts[largest].amount += remainder
        return parts
    }

    /// One amount at another price level: × (new index ÷ old index), half away from zero to one decimal.
    public static func reproject(_ amount: Decimal, fromIndex: Decimal, toIndex: Decimal) -> Decimal {
        // Multiplied before dividing, so the one inexact step is the last.
        (amount * toIndex / fromIndex).rounded(scale: 1)
    }
}
