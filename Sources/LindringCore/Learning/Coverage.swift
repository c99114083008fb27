import Foundation

/// How the coverage report groups the staff register.
public enum CoverageGrouping: String, CaseIterable, Codable, Sendable {
    /// The unit in the register (a hospital department, a municipality's home care).
    case department
    /// The hospital a department belongs to (a unit without one stands for itself).
    case hospital
    /// The municipality of a municipal unit.
    case municipality
    case profession
}

/// One group of the coverage report: how many of its staff completed an offer at the level,
/// beside the group's early identification (patients screened with SPICT-DK, and the share of
/// those found to have palliative needs who have a shared plan). Shares are exact decimals,
/// rounded half up to four places (0.6667); nil when there is nothing to divide by.
public struct CoverageRow: Equatable, Sendable {
    public var group: String
    public var staff: Int
    public var completed: Int
    public var screenedPatients: Int?
    public var identifiedPatients: Int?
    public var patientsWithPlan: Int?

    public init(group: String, staff: Int, completed: Int, screenedPatients: Int? = nil, identifiedPatients: Int? = nil, patientsWithPlan: Int? = nil)
    {
        self.group = group
        self.staff = staff
        self.completed = completed
        self.screenedPatients = screenedPatients
        self.identifiedPatients = identifiedPatients
        self.patientsWithPlan = patientsWithPlan
    }

    public var share: Decimal? { Coverage.share(completed, of: staff) }
    public var planShare: Decimal? { identifiedPatients.flatMap { Coverage.share(patientsWithPlan ?? 0, of: $0) } }
}

public enum Coverage {
    public static let places: Int16 = 4

    /// `part / whole` to four decimals, rounded half up; nil when `whole` is 0.
    public static func share(_ part: Int, of whole: Int) -> Decimal? {
        guard whole > 0 else { return nil }
        var exact = Decimal(part) / Decimal(whole)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, Int(places), .plain)
        return rounded
    }

    /// The rows in the order the report shows them: the lowest share first (where training lags),
    /// then by name; groups without staff last.
    public static func ordered(_ rows: [CoverageRow]) -> [CoverageRow] {
        rows.sorted(by: comesBefore)
    }

    public static func comesBefore(_ a: CoverageRow, _ b: CoverageRow) -> Bool {
        switch (a.share, b.share) {
        case let (x?, y?) where x != y: x < y
        case (nil, _?): false
        case (_?, nil): true
        default: a.group.localizedCompare(b.group) == .orderedAscending
        }
    }

    /// The whole register's row, the groups summed (each employee is in one group).
    public static func total(_ rows: [CoverageRow], name: String) -> CoverageRow {
        CoverageRow(group: name, staff: rows.reduce(0) { $0 + $1.staff }, completed: rows.reduce(0) { $0 + $1.completed })
    }
}
