import Foundation

/// The region's funds an initiative is financed from.
public enum BudgetFund: String, CaseIterable, Codable, Sendable {
    /// Sundhedskassen.
    case health
    /// Den regionale udviklingskasse.
    case regionalDevelopment
    /// Det sociale område.
    case social
}

/// The kinds of consequence a budget line states, on the initiative form and in an allocation.
public enum CostType: String, CaseIterable, Codable, Sendable {
    /// Salaries for new FTEs.
    case salaries
    /// Other operating costs.
    case otherOperations
    /// Establishment costs (one-off).
    case establishment
}

public enum InitiativeStatus: String, CaseIterable, Codable, Sendable {
    case draft, submitted, commented, adopted, rejected
}

/// An initiative's effect on one of the UN Sustainable Development Goals.
public enum SDGEffect: String, CaseIterable, Codable, Sendable {
    case positive, negative
}

/// The UN Sustainable Development Goals, 1–17.
public enum SustainableDevelopmentGoal {
    public static let goals = 1...17
}

/// What an allocation's part pays for, and so which of Lindring's own activity figures show
/// beside its spending.
public enum FundedActivity: String, CaseIterable, Codable, Sendable {
    /// The 24/7 palliative advisory line.
    case advisoryLine
    /// Social work in the paediatric palliative team.
    case paediatricSocialWork
    /// Competence development for doctors and nurses.
    case training
    /// The cross-sector working group.
    case workingGroup
    /// Something Lindring does not measure.
    case other
}

/// A price and wage level (`2026-pl`: the year's prices and wages), to which every amount of an
/// initiative is stated; finance enters one index per level.
public struct PriceLevel: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int

    public init?(_ name: String) {
        let text = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard text.count == 7, text.hasSuffix("-pl"), let year = Int(text.prefix(4)), (1990...2100).contains(year) else { return nil }
        self.year = year
    }

    public init(year: Int) { self.year = year }

    public var description: String { "\(year)-pl" }

    public static func < (lhs: PriceLevel, rhs: PriceLevel) -> Bool { lhs.year < rhs.year }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let level = PriceLevel(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not a price level"))
        }
        self = level
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// A price-level index as finance enters it: more than 0, at most 1000, at most three decimals.
    public static let indexRange: ClosedRange<Decimal> = Decimal(string: "0.001")!...1000
}
