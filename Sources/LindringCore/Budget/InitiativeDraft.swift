import Foundation

/// A budget initiative on the region's form, as finance types it or another system sends it:
/// amounts as decimal text (`"2.6"`, `"-0.4"`, DKK million), keyed by budget year.
public struct InitiativeDraft: Codable, Equatable, Sendable {
    public struct Line: Codable, Equatable, Sendable {
        public var type: String?
        /// DKK million per year (`"2026"`), savings and financing negative.
        public var amounts: [String: String]?

        public init(type: String? = nil, amounts: [String: String]? = nil) {
            self.type = type
            self.amounts = amounts
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decodeIfPresent(String.self, forKey: .type)
            amounts = try container.decodeNumberTextMap(forKey: .amounts)
        }
    }

    public struct Fund: Codable, Equatable, Sendable {
        public var fund: String?
        public var sharePercent: String?

        public init(fund: String? = nil, sharePercent: String? = nil) {
            self.fund = fund
            self.sharePercent = sharePercent
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            fund = try container.decodeIfPresent(String.self, forKey: .fund)
            sharePercent = try container.decodeNumberText(forKey: .sharePercent)
        }
    }

    public struct Goal: Codable, Equatable, Sendable {
        public var goal: String?
        public var effect: String?
        public var text: String?

        enum CodingKeys: String, CodingKey { case goal, effect, text }

        public init(goal: String? = nil, effect: String? = nil, text: String? = nil) {
            self.goal = goal
            self.effect = effect
            self.text = text
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            goal = try container.decodeNumberText(forKey: .goal)
            effect = try container.decodeIfPresent(String.self, forKey: .effect)
            text = try container.decodeIfPresent(String.self, forKey: .text)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(goal.flatMap { Int($0) }, forKey: .goal)
            try container.encodeIfPresent(effect, forKey: .effect)
            try container.encodeIfPresent(text, forKey: .text)
        }
    }

    public var title: String?
    public var proposedBy: String?
    public var purpose: String?
    public var remarks: String?
    public var priceLevel: String?
    /// The first of the four budget years.
    public var firstYear: String?
    public var lines: [Line]?
    public var fte: [String: String]?
    public var funds: [Fund]?
    public var commitmentBudgetable: Bool?
    public var scalable: Bool?
    public var scalingNote: String?
    public var agreementText: String?
    public var sdgs: [Goal]?
    public var status: String?

    enum CodingKeys: String, CodingKey {
        case title, proposedBy, purpose, remarks, priceLevel, firstYear, lines, fte, funds, commitmentBudgetable, scalable, scalingNote,
            agreementText, sdgs, status
    }

    public init(
        title: String? = nil, proposedBy: String? = nil, purpose: String? = nil, remarks: String? = nil, priceLevel: String? = nil,
        firstYear: String? = nil, lines: [Line]? = nil, fte: [String: String]? = nil, funds: [Fund]? = nil, commitmentBudgetable: Bool? = nil,
        scalable: Bool? = nil, scalingNote: String? = nil, agreementText: String? = nil, sdgs: [Goal]? = nil, status: String? = nil
    ) {
        self.title = title
        self.proposedBy = proposedBy
        self.purpose = purpose
        self.remarks = remarks
        self.priceLevel = priceLevel
        self.firstYear = firstYear
        self.lines = lines
        self.fte = fte
        self.funds = funds
        self.commitmentBudgetable = commitmentBudgetable
        self.scalable = scalable
        self.scalingNote = scalingNote
        self.agreementText = agreementText
        self.sdgs = sdgs
        self.status = status
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        proposedBy = try container.decodeIfPresent(String.self, forKey: .proposedBy)
        purpose = try container.decodeIfPresent(String.self, forKey: .purpose)
        remarks = try container.decodeIfPresent(String.self, forKey: .remarks)
        priceLevel = try container.decodeIfPresent(String.self, forKey: .priceLevel)
        firstYear = try container.decodeNumberText(forKey: .firstYear)
        lines = try container.decodeIfPresent([Line].self, forKey: .lines)
        fte = try container.decodeNumberTextMap(forKey: .fte)
        funds = try container.decodeIfPresent([Fund].self, forKey: .funds)
        commitmentBudgetable = try container.decodeIfPresent(Bool.self, forKey: .commitmentBudgetable)
        scalable = try container.decodeIfPresent(Bool.self, forKey: .scalable)
        scalingNote = try container.decodeIfPresent(String.self, forKey: .scalingNote)
        agreementText = try container.decodeIfPresent(String.self, forKey: .agreementText)
        sdgs = try container.decodeIfPresent([Goal].self, forKey: .sdgs)
        status = try container.decodeIfPresent(String.self, forKey: .status)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(proposedBy, forKey: .proposedBy)
        try container.encodeIfPresent(purpose, forKey: .purpose)
        try container.encodeIfPresent(remarks, forKey: .remarks)
        try container.encodeIfPresent(priceLevel, forKey: .priceLevel)
        try container.encodeIfPresent(firstYear.flatMap { Int($0) }, forKey: .firstYear)
        try container.encodeIfPresent(lines, forKey: .lines)
        try container.encodeIfPresent(fte, forKey: .fte)
        try container.encodeIfPresent(funds, forKey: .funds)
        try container.encodeIfPresent(commitmentBudgetable, forKey: .commitmentBudgetable)
        try container.encodeIfPresent(scalable, forKey: .scalable)
        try container.encodeIfPresent(scalingNote, forKey: .scalingNote)
        try container.encodeIfPresent(agreementText, forKey: .agreementText)
        try container.encodeIfPresent(sdgs, forKey: .sdgs)
        try container.encodeIfPresent(status, forKey: .status)
    }

    public static let maxTitleLength = 200
    public static let maxTextLength = 8000
    public static let maxGoalTextLength = 500
    /// DKK million: an initiative of more than ten billion is a typing error.
    public static let amountRange: ClosedRange<Decimal> = Decimal(string: "-9999.9")!...Decimal(string: "9999.9")!
    /// FTEs, for an initiative, an allocation's part and what is filled.
    public static let fteRange: ClosedRange<Decimal> = 0...Decimal(string: "9999.99")!
    public static let firstYears = 2000...2100

    public func validated() throws(ValidationFailure) -> ValidInitiative {
        var v = Validator()
        let title = v.requiredText("title", title ?? "", maxLength: Self.maxTitleLength)
        let proposedBy = v.requiredText("proposedBy", proposedBy ?? "", maxLength: Self.maxTitleLength)
        let purpose = v.requiredText("purpose", purpose ?? "", maxLength: Self.maxTextLength)
        let remarks = v.optionalText("remarks", remarks, maxLength: Self.maxTextLength)
        var level: PriceLevel?
        if isBlankText(priceLevel) {
            v.add("priceLevel", .required)
        } else if let parsed = PriceLevel(priceLevel ?? "") {
            level = parsed
        } else {
            v.add("priceLevel", .invalidFormat)
        }
        let firstYear = v.wholeNumber("firstYear", firstYear, in: Self.firstYears, required: true)
        let years = firstYear.map { Array($0...($0 + ValidInitiative.yearCount - 1)) } ?? []
        var lines: [InitiativeLine] = []
        for (index, line) in (self.lines ?? []).enumerated() {
            let field = "lines[\(index)]"
            let type = v.choice("\(field).type", line.type.map(trimmed), as: CostType.self)
            if let type, lines.contains(where: { $0.type == type }) { v.add("\(field).type", .duplicate) }
            let amounts = v.yearAmounts("\(field).amounts", line.amounts ?? [:], years: years, decimals: 1, in: Self.amountRange)
            if let type { lines.append(InitiativeLine(type: type, amounts: amounts)) }
        }
        let fte = v.yearAmounts("fte", fte ?? [:], years: years, decimals: 2, in: Self.fteRange)
        var funds: [FundShare] = []
        for (index, fund) in (self.funds ?? []).enumerated() {
            let field = "funds[\(index)]"
            let kind = v.choice("\(field).fund", fund.fund.map(trimmed), as: BudgetFund.self)
            if let kind, funds.contains(where: { $0.fund == kind }) { v.add("\(field).fund", .duplicate) }
            let share = v.decimal("\(field).sharePercent", fund.sharePercent, decimals: 1, in: 0...100, required: true)
            if let kind, let share { funds.append(FundShare(fund: kind, sharePercent: share)) }
        }
        if funds.count == (self.funds ?? []).count, !funds.isEmpty, funds.reduce(0, { $0 + $1.sharePercent }) != 100 {
            v.add("funds", .notHundredPercent)
        }
        let status = isBlankText(status) ? .draft : v.choice("status", status.map(trimmed), as: InitiativeStatus.self)
        // A draft may leave the financing for later; what goes to the politicians says where the money comes from.
        if let status, [.submitted, .commented, .adopted].contains(status), (self.funds ?? []).isEmpty { v.add("funds", .required) }
        let commitmentBudgetable = commitmentBudgetable ?? false
        // Commitment budgeting is a rule of the regional development fund only.
        if commitmentBudgetable, funds.contains(where: { $0.fund != .regionalDevelopment }) { v.add("commitmentBudgetable", .invalidChoice) }
        let scalingNote = v.optionalText("scalingNote", scalingNote, maxLength: Self.maxTextLength)
        let agreementText = v.optionalText("agreementText", agreementText, maxLength: Self.maxTextLength)
        var goals: [SDGContribution] = []
        for (index, goal) in (sdgs ?? []).enumerated() {
            let field = "sdgs[\(index)]"
            let number = v.wholeNumber("\(field).goal", goal.goal, in: SustainableDevelopmentGoal.goals, required: true)
            if let number, goals.contains(where: { $0.goal == number }) { v.add("\(field).goal", .duplicate) }
            let effect = v.choice("\(field).effect", goal.effect.map(trimmed), as: SDGEffect.self)
            let text = v.optionalText("\(field).text", goal.text, maxLength: Self.maxGoalTextLength)
            if let number, let effect { goals.append(SDGContribution(goal: number, effect: effect, text: text)) }
        }
        try v.check()
        return ValidInitiative(
            title: title, proposedBy: proposedBy, purpose: purpose, remarks: remarks, priceLevel: level!, firstYear: firstYear!,
            lines: CostType.allCases.compactMap { type in lines.first { $0.type == type } }, fte: fte, funds: funds,
            commitmentBudgetable: commitmentBudgetable, scalable: scalable, scalingNote: scalingNote, agreementText: agreementText,
            sdgs: goals.sorted { $0.goal < $1.goal }, status: status!)
    }
}

extension Validator {
    /// Amounts keyed by year as text: each key one of `years` (`outOfRange` naming
    /// `field.key` otherwise), each value a decimal within `range` with at most `decimals`
    /// decimals; blank values are left out.
    mutating func yearAmounts(
        _ field: String, _ amounts: [String: String], years: [Int], decimals: Int, in range: ClosedRange<Decimal>
    ) -> [Int: Decimal] {
        var result: [Int: Decimal] = [:]
        for (key, text) in amounts.sorted(by: { $0.key < $1.key }) {
            let name = "\(field).\(trimmed(key))"
            guard let year = Int(trimmed(key)) else {
                add(name, .invalidFormat)
                continue
            }
            guard let value = decimal(name, text, decimals: decimals, in: range, required: false) else { continue }
            guard years.isEmpty || years.contains(year) else {
                add(name, .outOfRange)
                continue
            }
            result[year] = value
        }
        return result
    }
}

public struct InitiativeLine: Equatable, Sendable {
    public var type: CostType
    /// DKK million per budget year; a year not stated is none.
    public var amounts: [Int: Decimal]

    public init(type: CostType, amounts: [Int: Decimal]) {
        self.type = type
        self.amounts = amounts
    }
}

public struct FundShare: Equatable, Sendable {
    public var fund: BudgetFund
    /// Percent, with at most one decimal.
    public var sharePercent: Decimal

    public init(fund: BudgetFund, sharePercent: Decimal) {
        self.fund = fund
        self.sharePercent = sharePercent
    }
}

public struct SDGContribution: Equatable, Sendable {
    public var goal: Int
    public var effect: SDGEffect
    public var text: String?

    public init(goal: Int, effect: SDGEffect, text: String?) {
        self.goal = goal
        self.effect = effect
        self.text = text
    }
}

/// A budget initiative that meets the form's rules; totals are computed from it, never typed.
public struct ValidInitiative: Equatable, Sendable {
    /// An initiative states its consequences over four budget years.
    public static let yearCount = 4

    public var title: String
    public var proposedBy: String
    public var purpose: String
    public var remarks: String?
    public var priceLevel: PriceLevel
    public var firstYear: Int
    /// At most one line per cost type, in the form's order.
    public var lines: [InitiativeLine]
    public var fte: [Int: Decimal]
    public var funds: [FundShare]
    public var commitmentBudgetable: Bool
    public var scalable: Bool?
    public var scalingNote: String?
    public var agreementText: String?
    public var sdgs: [SDGContribution]
    public var status: InitiativeStatus

    public init(
        title: String, proposedBy: String, purpose: String, remarks: String? = nil, priceLevel: PriceLevel, firstYear: Int,
        lines: [InitiativeLine], fte: [Int: Decimal] = [:], funds: [FundShare] = [], commitmentBudgetable: Bool = false,
        scalable: Bool? = nil, scalingNote: String? = nil, agreementText: String? = nil, sdgs: [SDGContribution] = [],
        status: InitiativeStatus = .draft
    ) {
        self.title = title
        self.proposedBy = proposedBy
        self.purpose = purpose
        self.remarks = remarks
        self.priceLevel = priceLevel
        self.firstYear = firstYear
        self.lines = lines
        self.fte = fte
        self.funds = funds
        self.commitmentBudgetable = commitmentBudgetable
        self.scalable = scalable
        self.scalingNote = scalingNote
        self.agreementText = agreementText
        self.sdgs = sdgs
        self.status = status
    }

    public var years: [Int] { Array(firstYear..<(firstYear + Self.yearCount)) }

    public func line(_ type: CostType) -> InitiativeLine? { lines.first { $0.type == type } }

    /// The parts of the form that differ from `other`, by their field names: what a version changed.
    public func changes(since other: ValidInitiative) -> [String] {
        var changed: [String] = []
        func note(_ field: String, _ differs: Bool) { if differs { changed.append(field) } }
        note("title", title != other.title)
        note("proposedBy", proposedBy != other.proposedBy)
        note("purpose", purpose != other.purpose)
        note("remarks", remarks != other.remarks)
        note("priceLevel", priceLevel != other.priceLevel)
        note("firstYear", firstYear != other.firstYear)
        note("lines", lines != other.lines)
        note("fte", fte != other.fte)
        note("funds", funds != other.funds)
        note("commitmentBudgetable", commitmentBudgetable != other.commitmentBudgetable)
        note("scalable", scalable != other.scalable || scalingNote != other.scalingNote)
        note("agreementText", agreementText != other.agreementText)
        note("sdgs", sdgs != other.sdgs)
        note("status", status != other.status)
        return changed
    }
}

extension InitiativeDraft {
    /// A valid initiative as a draft: to store it, to change it on the form. Every cost type has
    /// its line, in the form's order; amounts to one decimal, FTE as entered.
    public init(_ initiative: ValidInitiative) {
        func texts(_ amounts: [Int: Decimal], _ scale: Int) -> [String: String] {
            Dictionary(uniqueKeysWithValues: amounts.map { (String($0.key), $0.value.fixed(scale)) })
        }
        self.init(
            title: initiative.title, proposedBy: initiative.proposedBy, purpose: initiative.purpose, remarks: initiative.remarks,
            priceLevel: initiative.priceLevel.description, firstYear: String(initiative.firstYear),
            lines: CostType.allCases.map { type in Line(type: type.rawValue, amounts: texts(initiative.line(type)?.amounts ?? [:], 1)) },
            fte: Dictionary(
                uniqueKeysWithValues: initiative.fte.map { (String($0.key), $0.value.fixed($0.value.shownDecimals(fewest: 1, most: 2))) }),
            funds: initiative.funds.map { Fund(fund: $0.fund.rawValue, sharePercent: $0.sharePercent.fixed(1)) },
            commitmentBudgetable: initiative.commitmentBudgetable, scalable: initiative.scalable, scalingNote: initiative.scalingNote,
            agreementText: initiative.agreementText,
            sdgs: initiative.sdgs.map { Goal(goal: String($0.goal), effect: $0.effect.rawValue, text: $0.text) },
            status: initiative.status.rawValue)
    }
}
