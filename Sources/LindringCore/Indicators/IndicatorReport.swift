import Foundation

/// A numerator over a denominator, with the share in per cent to one decimal (exact, half away
/// from zero) and its 95 % Wilson score interval.
public struct IndicatorCount: Equatable, Sendable {
    public var numerator: Int
    public var denominator: Int

    public init(numerator: Int = 0, denominator: Int = 0) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// nil when nobody is in the denominator.
    public var share: Decimal? {
        guard denominator > 0 else { return nil }
        return (Decimal(numerator) * 100 / Decimal(denominator)).rounded(scale: 1)
    }

    /// The Wilson score interval (z = 1.96), in per cent to one decimal: unlike the normal
    /// approximation it stays within 0–100 and is honest for the small groups a municipality or
    /// a month gives. An estimate, so binary floating point is fine here; the share is exact.
    public var confidenceInterval: ClosedRange<Decimal>? {
        guard denominator > 0 else { return nil }
        let n = Double(denominator)
        let p = Double(numerator) / n
        let z = 1.96
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
        func percent(_ value: Double) -> Decimal {
            Decimal(string: String(format: "%.1f", min(100, max(0, value * 100)))) ?? 0
        }
        return percent(centre - half)...percent(centre + half)
    }

    static func + (a: IndicatorCount, b: IndicatorCount) -> IndicatorCount {
        IndicatorCount(numerator: a.numerator + b.numerator, denominator: a.denominator + b.denominator)
    }
}

/// One indicator for one group: all patients, and cancer and non-cancer side by side.
public struct IndicatorRow: Equatable, Sendable {
    public var indicator: IndicatorID
    public var group: String
    public var all: IndicatorCount
    public var cancer: IndicatorCount
    public var nonCancer: IndicatorCount

    public var standard: Decimal? { indicator.definition.standard }
}

/// One period of an indicator's chart.
public struct IndicatorPoint: Equatable, Sendable {
    public var start: LocalDate
    public var count: IndicatorCount
}

/// Sums counted cases into rows and series.
public enum IndicatorReport {
    /// One row per indicator and group that has cases, indicators in their declared order and
    /// groups by code.
    public static func rows(_ cases: [IndicatorCase]) -> [IndicatorRow] {
        var rows: [IndicatorID: [String: IndicatorRow]] = [:]
        for item in cases {
            var row =
                rows[item.indicator]?[item.group]
                ?? IndicatorRow(indicator: item.indicator, group: item.group, all: .init(), cancer: .init(), nonCancer: .init())
            let count = IndicatorCount(numerator: item.numerator, denominator: item.denominator)
            row.all = row.all + count
            switch item.cancer {
            case true: row.cancer = row.cancer + count
            case false: row.nonCancer = row.nonCancer + count
            case nil: break
            }
            rows[item.indicator, default: [:]][item.group] = row
        }
        return IndicatorID.allCases.flatMap { id in (rows[id] ?? [:]).values.sorted { $0.group < $1.group } }
    }

    /// All groups together, one row per indicator that has cases.
    public static func totals(_ rows: [IndicatorRow]) -> [IndicatorID: IndicatorRow] {
        var totals: [IndicatorID: IndicatorRow] = [:]
        for row in rows {
            var total = totals[row.indicator] ?? IndicatorRow(indicator: row.indicator, group: "", all: .init(), cancer: .init(), nonCancer: .init())
            total.all = total.all + row.all
            total.cancer = total.cancer + row.cancer
            total.nonCancer = total.nonCancer + row.nonCancer
            totals[row.indicator] = total
        }
        return totals
    }

    /// The indicator period by period over `period` (every period, empty ones too), for `group`
    /// or all groups.
    public static func series(
        _ cases: [IndicatorCase], indicator: IndicatorID, group: String?, period: ClosedRange<LocalDate>, interval: IndicatorInterval
    ) -> [IndicatorPoint] {
        var counts: [LocalDate: IndicatorCount] = [:]
        for item in cases where item.indicator == indicator && (group == nil || item.group == group) {
            let start = interval.start(of: item.day)
            counts[start] = (counts[start] ?? .init()) + IndicatorCount(numerator: item.numerator, denominator: item.denominator)
        }
        var points: [IndicatorPoint] = []
        var start = interval.start(of: period.lowerBound)
        while start <= period.upperBound {
            points.append(IndicatorPoint(start: start, count: counts[start] ?? .init()))
            start = interval.next(after: start)
        }
        return points
    }
}
