import Foundation

/// One of Lindring's own activity figures, month by month over a year, shown beside what an
/// allocation's part spent. Counts only: never a person.
public struct ActivityIndicator: Equatable, Sendable {
    public enum Unit: String, Sendable {
        case count, percent, perFTE
    }

    /// `advisory.contacts`, `training.completed.basal`, …: the catalog's key and the API's name.
    public var key: String
    public var unit: Unit
    /// January … December; nil for a month with nothing to measure yet (the future, a share of nothing).
    public var months: [Decimal?]
    /// The year so far: a sum of counts, a share of the summed parts, the latest month's rate.
    public var year: Decimal?
    /// False for the figures of a module Lindring does not have yet: shown as "not yet measured", never as 0.
    public var measured: Bool

    public init(key: String, unit: Unit, months: [Decimal?], year: Decimal?, measured: Bool = true) {
        self.key = key
        self.unit = unit
        self.months = months
        self.year = year
        self.measured = measured
    }

    public static func notYetMeasured(_ key: String) -> ActivityIndicator {
        ActivityIndicator(key: key, unit: .count, months: Array(repeating: nil, count: 12), year: nil, measured: false)
    }
}

/// The advisory line's counts in one month, from its per-day counts.
public struct AdvisoryMonthCounts: Equatable, Sendable {
    public var contacts = 0
    public var outsideWorkingHours = 0
    public var stayedAtHomeKnown = 0
    public var stayedAtHome = 0
    public var homeCareNurseCallers = 0

    public init(contacts: Int = 0, outsideWorkingHours: Int = 0, stayedAtHomeKnown: Int = 0, stayedAtHome: Int = 0, homeCareNurseCallers: Int = 0) {
        self.contacts = contacts
        self.outsideWorkingHours = outsideWorkingHours
        self.stayedAtHomeKnown = stayedAtHomeKnown
        self.stayedAtHome = stayedAtHome
        self.homeCareNurseCallers = homeCareNurseCallers
    }
}

/// Which figures each funded activity shows, and which one its cost per unit divides by.
public enum ActivityIndicators {
    /// The figure a part's spending is divided by for its cost per unit of activity.
    public static func unitKey(_ activity: FundedActivity) -> String? {
        switch activity {
        case .advisoryLine: "advisory.contacts"
        case .paediatricSocialWork: "socialWork.familiesSupported"
        case .training: "training.completed"
        case .workingGroup, .other: nil
        }
    }

    /// `months` holds only the months to show (the year's months up to today), keyed 1–12.
    public static func advisory(_ months: [Int: AdvisoryMonthCounts]) -> [ActivityIndicator] {
        func count(_ key: String, _ value: KeyPath<AdvisoryMonthCounts, Int>) -> ActivityIndicator {
            let values = (1...12).map { months[$0].map { Decimal($0[keyPath: value]) } }
            return ActivityIndicator(
                key: key, unit: .count, months: values, year: months.isEmpty ? nil : months.values.reduce(0) { $0 + Decimal($1[keyPath: value]) })
        }
        func share(_ key: String, _ part: KeyPath<AdvisoryMonthCounts, Int>, of whole: KeyPath<AdvisoryMonthCounts, Int>) -> ActivityIndicator {
            let values = (1...12).map { months[$0].flatMap { percent($0[keyPath: part], of: $0[keyPath: whole]) } }
            let year = percent(months.values.reduce(0) { $0 + $1[keyPath: part] }, of: months.values.reduce(0) { $0 + $1[keyPath: whole] })
            return ActivityIndicator(key: key, unit: .percent, months: values, year: year)
        }
        return [
            count("advisory.contacts", \.contacts), share("advisory.outsideWorkingHours", \.outsideWorkingHours, of: \.contacts),
            share("advisory.stayedAtHome", \.stayedAtHome, of: \.stayedAtHomeKnown), count("advisory.homeCareNurseCallers", \.homeCareNurseCallers),
        ]
    }

    /// From the paediatric team's capacity months of the year (those up to today).
    public static func socialWork(_ capacity: [CapacityMonth]) -> [ActivityIndicator] {
        var families: [Decimal?] = Array(repeating: nil, count: 12)
        var applications: [Decimal?] = Array(repeating: nil, count: 12)
        var caseload: [Decimal?] = Array(repeating: nil, count: 12)
        for month in capacity {
            families[month.month.month - 1] = Decimal(month.openFamilies)
            applications[month.month.month - 1] = Decimal(month.applicationsSubmitted)
            caseload[month.month.month - 1] = month.caseloadPerFTE
        }
        return [
            ActivityIndicator(
                key: "socialWork.familiesSupported", unit: .count, months: families, year: capacity.last.map { Decimal($0.openFamilies) }),
            ActivityIndicator(
                key: "socialWork.applications", unit: .count, months: applications,
                year: capacity.isEmpty ? nil : Decimal(capacity.reduce(0) { $0 + $1.applicationsSubmitted })),
            ActivityIndicator(key: "socialWork.caseloadPerFTE", unit: .perFTE, months: caseload, year: capacity.last?.caseloadPerFTE),
        ]
    }

    /// Completions in the year's months (`shownMonths`: those up to today), each with the
    /// levels of the offer completed: all together, then by level.
    public static func training(_ completions: [(month: Int, levels: [CompetenceLevel])], shownMonths: Int) -> [ActivityIndicator] {
        func indicator(_ key: String, _ counts: (Int) -> Int) -> ActivityIndicator {
            let values = (1...12).map { $0 <= shownMonths ? Decimal(counts($0)) : nil }
            return ActivityIndicator(key: key, unit: .count, months: values, year: shownMonths > 0 ? values.compactMap { $0 }.reduce(0, +) : nil)
        }
        return [indicator("training.completed") { month in completions.filter { $0.month == month }.count }]
            + CompetenceLevel.allCases.map { level in
                indicator("training.completed.\(level.rawValue)") { month in
                    completions.filter { $0.month == month && $0.levels.contains(level) }.count
                }
            }
    }

    /// The working group's headline indicators for the region, month by month (issue 23's
    /// `IndicatorRules`): first contact within 10 days, and death in the preferred place. A month
    /// without cases has no share (nil), never 0 %.
    public static let workingGroupIndicators: [IndicatorID] = [.firstContactWithin10Days, .placeOfDeathConcordance]

    public static func workingGroup(_ cases: [IndicatorCase], year: Int, shownMonths: Int) -> [ActivityIndicator] {
        guard shownMonths > 0 else {
            return workingGroupIndicators.map {
                ActivityIndicator(key: "workingGroup.\($0.rawValue)", unit: .percent, months: Array(repeating: nil, count: 12), year: nil)
            }
        }
        let period =
            LocalDate(year: year, month: 1, day: 1)...LocalDate(year: year, month: shownMonths, day: LocalDate.days(in: shownMonths, of: year))
        return workingGroupIndicators.map { indicator in
            let points = IndicatorReport.series(cases, indicator: indicator, group: nil, period: period, interval: .month)
            let months = (1...12).map { month in month <= points.count ? points[month - 1].count.share : nil }
            let total = points.reduce(IndicatorCount()) { $0 + $1.count }
            return ActivityIndicator(key: "workingGroup.\(indicator.rawValue)", unit: .percent, months: months, year: total.share)
        }
    }

    /// Part as a share of whole in percent, one decimal; nil when the whole is none.
    static func percent(_ part: Int, of whole: Int) -> Decimal? {
        whole > 0 ? (Decimal(part) * 100 / Decimal(whole)).rounded(scale: 1) : nil
    }

    /// Kroner per unit of activity, month by month where both are known, and for the months recorded.
    public static func costPerUnit(_ part: AllocationFollowUp.Part, units: ActivityIndicator) -> (months: [Decimal?], year: Decimal?) {
        let months = zip(part.months, units.months).map { month, count -> Decimal? in
            guard let actual = month.actual, let count, count > 0 else { return nil }
            return (actual / count).rounded(scale: 0)
        }
        let recorded = part.months.filter { $0.actual != nil }.count
        let unitsRecorded = units.months.prefix(recorded).compactMap { $0 }.reduce(0, +)
        return (months, unitsRecorded > 0 ? (part.actualToDate / unitsRecorded).rounded(scale: 0) : nil)
    }
}
