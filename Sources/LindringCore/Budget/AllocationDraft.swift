import Foundation

/// A decision to spend (an adopted initiative, or one entered directly like the 2025 palliation
/// package) as finance types it: its parts, each with a budget per year and cost type in whole
/// kroner and the FTEs budgeted.
public struct AllocationDraft: Codable, Equatable, Sendable {
    public struct Part: Codable, Equatable, Sendable {
        /// The part's code in the finance system's export (`24-7`, `PABU`).
        public var code: String?
        public var name: String?
        public var activity: String?
        /// Kroner per year (`"2025"`) and cost type (`"salaries"`).
        public var budgets: [String: [String: String]]?
        public var fte: [String: String]?

        public init(
            code: String? = nil, name: String? = nil, activity: String? = nil, budgets: [String: [String: String]]? = nil,
            fte: [String: String]? = nil
        ) {
            self.code = code
            self.name = name
            self.activity = activity
            self.budgets = budgets
            self.fte = fte
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            code = try container.decodeIfPresent(String.self, forKey: .code)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            activity = try container.decodeIfPresent(String.self, forKey: .activity)
            if container.contains(.budgets), try !container.decodeNil(forKey: .budgets) {
                budgets = try container.decode([String: [String: NumberText]].self, forKey: .budgets).mapValues { $0.compactMapValues(\.text) }
            }
            fte = try container.decodeNumberTextMap(forKey: .fte)
        }
    }

    public var name: String?
    /// The organisation that decided it (`Region Hovedstaden`).
    public var organisation: String?
    /// The organisation that carries it on, from `successorFrom` (`Region Østdanmark`, 2027-01-01).
    public var successor: String?
    public var successorFrom: String?
    public var decidedOn: String?
    /// The adopted initiative it comes from, if any.
    public var initiativeId: String?
    public var parts: [Part]?

    public init(
        name: String? = nil, organisation: String? = nil, successor: String? = nil, successorFrom: String? = nil, decidedOn: String? = nil,
        initiativeId: String? = nil, parts: [Part]? = nil
    ) {
        self.name = name
        self.organisation = organisation
        self.successor = successor
        self.successorFrom = successorFrom
        self.decidedOn = decidedOn
        self.initiativeId = initiativeId
        self.parts = parts
    }

    public static let maxNameLength = 200
    /// Kroner: a part of more than ten billion a year is a typing error.
    public static let budgetRange: ClosedRange<Decimal> = 0...10_000_000_000
    public static let years = 2000...2100
    public static let maxParts = 20

    public func validated() throws(ValidationFailure) -> ValidAllocation {
        var v = Validator()
        let name = v.requiredText("name", name ?? "", maxLength: Self.maxNameLength)
        let organisation = v.requiredText("organisation", organisation ?? "", maxLength: Self.maxNameLength)
        let successor = v.optionalText("successor", successor, maxLength: Self.maxNameLength)
        let successorFrom = v.localDate("successorFrom", successorFrom, required: successor != nil)
        if successor == nil, successorFrom != nil { v.add("successor", .required) }
        let decidedOn = v.localDate("decidedOn", decidedOn, required: true)
        let initiativeId = v.uuid("initiativeId", initiativeId, required: false)
        var parts: [AllocationPart] = []
        let typed = self.parts ?? []
        if typed.isEmpty { v.add("parts", .required) } else if typed.count > Self.maxParts { v.add("parts", .outOfRange) }
        for (index, part) in typed.enumerated() {
            let field = "parts[\(index)]"
            let code = v.partCode("\(field).code", part.code)
            if !code.isEmpty, parts.contains(where: { $0.code.lowercased() == code.lowercased() }) { v.add("\(field).code", .duplicate) }
            let name = v.requiredText("\(field).name", part.name ?? "", maxLength: Self.maxNameLength)
            let activity = isBlankText(part.activity) ? .other : v.choice("\(field).activity", part.activity.map(trimmed), as: FundedActivity.self)
            var budgets: [Int: [CostType: Decimal]] = [:]
            for (yearText, amounts) in (part.budgets ?? [:]).sorted(by: { $0.key < $1.key }) {
                let yearField = "\(field).budgets.\(trimmed(yearText))"
                guard let year = v.wholeNumber(yearField, yearText, in: Self.years, required: true) else { continue }
                for (typeText, amount) in amounts.sorted(by: { $0.key < $1.key }) {
                    let amountField = "\(yearField).\(trimmed(typeText))"
                    guard let type = v.choice(amountField, trimmed(typeText), as: CostType.self) else { continue }
                    if let value = v.decimal(amountField, amount, decimals: 0, in: Self.budgetRange, required: false) {
                        budgets[year, default: [:]][type] = value
                    }
                }
            }
            var fte: [Int: Decimal] = [:]
            for (yearText, text) in (part.fte ?? [:]).sorted(by: { $0.key < $1.key }) {
                let fteField = "\(field).fte.\(trimmed(yearText))"
                guard let year = v.wholeNumber(fteField, yearText, in: Self.years, required: true) else { continue }
                if let value = v.decimal(fteField, text, decimals: 2, in: InitiativeDraft.fteRange, required: false) { fte[year] = value }
            }
            if let activity { parts.append(AllocationPart(code: code, name: name, activity: activity, budgets: budgets, fte: fte)) }
        }
        try v.check()
        return ValidAllocation(
            name: name, organisation: organisation, successor: successor.map { Successor(organisation: $0, from: successorFrom!) },
            decidedOn: decidedOn!, initiativeId: initiativeId, parts: parts)
    }
}

extension Validator {
    /// A code as a finance system writes it: letters, digits and hyphens, at most 20.
    mutating func partCode(_ field: String, _ value: String?) -> String {
        let code = requiredText(field, value ?? "", maxLength: 20)
        if !code.isEmpty, !code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) { add(field, .invalidFormat) }
        return code
    }
}

/// The organisation that carries an allocation on after a merger, from a day.
public struct Successor: Equatable, Sendable {
    public var organisation: String
    public var from: LocalDate

    public init(organisation: String, from: LocalDate) {
        self.organisation = organisation
        self.from = from
    }
}

public struct AllocationPart: Equatable, Sendable {
    public var code: String
    public var name: String
    public var activity: FundedActivity
    /// Kroner per year and cost type.
    public var budgets: [Int: [CostType: Decimal]]
    public var fte: [Int: Decimal]

    public init(code: String, name: String, activity: FundedActivity, budgets: [Int: [CostType: Decimal]], fte: [Int: Decimal] = [:]) {
        self.code = code
        self.name = name
        self.activity = activity
        self.budgets = budgets
        self.fte = fte
    }

    public func budget(in year: Int) -> Decimal { (budgets[year] ?? [:]).values.reduce(0, +) }
}

public struct ValidAllocation: Equatable, Sendable {
    public var name: String
    public var organisation: String
    public var successor: Successor?
    public var decidedOn: LocalDate
    public var initiativeId: UUID?
    public var parts: [AllocationPart]

    public init(
        name: String, organisation: String, successor: Successor? = nil, decidedOn: LocalDate, initiativeId: UUID? = nil,
        parts: [AllocationPart]
    ) {
        self.name = name
        self.organisation = organisation
        self.successor = successor
        self.decidedOn = decidedOn
        self.initiativeId = initiativeId
        self.parts = parts
    }

    /// The years any part has a budget for, in order.
    public var years: [Int] { Set(parts.flatMap { $0.budgets.keys }).sorted() }

    public func budget(in year: Int) -> Decimal { parts.reduce(0) { $0 + $1.budget(in: year) } }

    /// Who holds the allocation on `day`: the successor from its day, the deciding organisation before.
    public func organisation(on day: LocalDate) -> String {
        guard let successor, day >= successor.from else { return organisation }
        return successor.organisation
    }
}

extension AllocationDraft {
    /// The allocation an adopted initiative becomes: one part, its lines per year in kroner
    /// (DKK million × 1,000,000) and its FTEs. Finance names the part's code and activity.
    public init(adopted initiative: ValidInitiative, id: UUID, organisation: String, decidedOn: LocalDate) {
        var budgets: [String: [String: String]] = [:]
        for line in initiative.lines {
            // Savings too: a negative net for a cost type is refused on the allocation's form, where finance sees it.
            for (year, amount) in line.amounts where amount != 0 {
                budgets[String(year), default: [:]][line.type.rawValue] = (amount * 1_000_000).fixed(0)
            }
        }
        self.init(
            name: initiative.title, organisation: organisation, decidedOn: decidedOn.description, initiativeId: id.uuidString,
            parts: [
                Part(
                    code: "", name: initiative.title, activity: nil, budgets: budgets,
                    fte: Dictionary(uniqueKeysWithValues: initiative.fte.map { (String($0.key), $0.value.description) }))
            ])
    }
}
