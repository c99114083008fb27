import Foundation

/// A calendar month (`2025-03`), the unit actuals are kept in.
public struct BudgetMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    /// 1–12.
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public init(_ day: LocalDate) { self.init(year: day.year, month: day.month) }

    public var description: String { String(format: "%04d-%02d", year, month) }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1) }
    public var lastDay: LocalDate { firstDay.adding(months: 1).adding(days: -1) }

    public static func < (lhs: BudgetMonth, rhs: BudgetMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

/// What was spent on a part in a month on a cost type (kroner, øre allowed; a correction may be negative).
public struct ActualEntry: Equatable, Sendable {
    public var month: BudgetMonth
    public var partCode: String
    public var costType: CostType
    public var amount: Decimal

    public init(month: BudgetMonth, partCode: String, costType: CostType, amount: Decimal) {
        self.month = month
        self.partCode = partCode
        self.costType = costType
        self.amount = amount
    }
}

/// The FTEs actually filled on a part in a month.
public struct FilledFTE: Equatable, Sendable {
    public var month: BudgetMonth
    public var partCode: String
    public var fte: Decimal

    public init(month: BudgetMonth, partCode: String, fte: Decimal) {
        self.month = month
        self.partCode = partCode
        self.fte = fte
    }
}

/// Actuals as finance types them or another system sends them.
public struct ActualsDraft: Codable, Equatable, Sendable {
    public struct Row: Codable, Equatable, Sendable {
        public var month: String?
        public var part: String?
        public var costType: String?
        public var amount: String?

        public init(month: String? = nil, part: String? = nil, costType: String? = nil, amount: String? = nil) {
            self.month = month
            self.part = part
            self.costType = costType
            self.amount = amount
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            month = try container.decodeIfPresent(String.self, forKey: .month)
            part = try container.decodeIfPresent(String.self, forKey: .part)
            costType = try container.decodeIfPresent(String.self, forKey: .costType)
            amount = try container.decodeNumberText(forKey: .amount)
        }
    }

    public struct FTERow: Codable, Equatable, Sendable {
        public var month: String?
        public var part: String?
        public var fte: String?

        public init(month: String? = nil, part: String? = nil, fte: String? = nil) {
            self.month = month
            self.part = part
            self.fte = fte
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            month = try container.decodeIfPresent(String.self, forKey: .month)
            part = try container.decodeIfPresent(String.self, forKey: .part)
            fte = try container.decodeNumberText(forKey: .fte)
        }
    }

    public var actuals: [Row]?
    public var fte: [FTERow]?

    public init(actuals: [Row]? = nil, fte: [FTERow]? = nil) {
        self.actuals = actuals
        self.fte = fte
    }

    public static let amountRange: ClosedRange<Decimal> = -10_000_000_000...10_000_000_000

    /// The rows against `allocation`: each part one of its codes, each month within its budget
    /// years and not after `thisMonth`. Rows for the same month, part and cost type add up (a
    /// finance export lists postings).
    public func validated(against allocation: ValidAllocation, thisMonth: BudgetMonth) throws(ValidationFailure) -> ValidActuals {
        var v = Validator()
        var entries: [ActualEntry] = []
        for (index, row) in (actuals ?? []).enumerated() {
            if let entry = Self.entry(row, field: "actuals[\(index)]", allocation, thisMonth, &v) { entries.append(entry) }
        }
        var filled: [FilledFTE] = []
        for (index, row) in (fte ?? []).enumerated() {
            let field = "fte[\(index)]"
            let month = Self.month("\(field).month", row.month, allocation, thisMonth, &v)
            let code = Self.part("\(field).part", row.part, allocation, &v)
            let fte = v.decimal("\(field).fte", row.fte, decimals: 2, in: InitiativeDraft.fteRange, required: true)
            if let month, let code, let fte { filled.append(FilledFTE(month: month, partCode: code, fte: fte)) }
        }
        if (actuals ?? []).isEmpty, (fte ?? []).isEmpty { v.add("actuals", .required) }
        try v.check()
        return ValidActuals(entries: ValidActuals.summed(entries), fte: filled)
    }

    static func entry(_ row: Row, field: String, _ allocation: ValidAllocation, _ thisMonth: BudgetMonth, _ v: inout Validator) -> ActualEntry? {
        let month = month("\(field).month", row.month, allocation, thisMonth, &v)
        let code = part("\(field).part", row.part, allocation, &v)
        let type = v.choice("\(field).costType", row.costType.map(trimmed), as: CostType.self)
        let amount = v.decimal("\(field).amount", row.amount, decimals: 2, in: amountRange, required: true)
        guard let month, let code, let type, let amount else { return nil }
        return ActualEntry(month: month, partCode: code, costType: type, amount: amount)
    }

    static func month(_ field: String, _ text: String?, _ allocation: ValidAllocation, _ thisMonth: BudgetMonth, _ v: inout Validator) -> BudgetMonth?
    {
        guard !isBlankText(text) else {
            v.add(field, .required)
            return nil
        }
        guard let month = BudgetMonth(text ?? "") else {
            v.add(field, .invalidFormat)
            return nil
        }
        guard allocation.years.contains(month.year) else {
            v.add(field, .outOfRange)
            return nil
        }
        guard month <= thisMonth else {
            v.add(field, .inFuture)
            return nil
        }
        return month
    }

    /// The part's code as the allocation spells it (a finance export may differ in case).
    static func part(_ field: String, _ text: String?, _ allocation: ValidAllocation, _ v: inout Validator) -> String? {
        guard !isBlankText(text), let text else {
            v.add(field, .required)
            return nil
        }
        guard let part = allocation.parts.first(where: { $0.code.lowercased() == trimmed(text).lowercased() }) else {
            v.add(field, .notFound)
            return nil
        }
        return part.code
    }
}

public struct ValidActuals: Equatable, Sendable {
    public var entries: [ActualEntry]
    public var fte: [FilledFTE]

    public init(entries: [ActualEntry], fte: [FilledFTE] = []) {
        self.entries = entries
        self.fte = fte
    }

    /// One entry per month, part and cost type: the sum of the rows given for it.
    static func summed(_ entries: [ActualEntry]) -> [ActualEntry] {
        var result: [ActualEntry] = []
        for entry in entries {
            if let index = result.firstIndex(where: { $0.month == entry.month && $0.partCode == entry.partCode && $0.costType == entry.costType }) {
                result[index].amount += entry.amount
            } else {
                result.append(entry)
            }
        }
        return result
    }
}

/// The finance system's export of postings (`month,part,costType,amount`, comma or semicolon
/// separated, a decimal comma allowed with semicolons). A file with any bad line is refused
/// whole, every bad line named with its number: nothing is imported from it.
public enum ActualsCSV {
    public static let header = ["month", "part", "costType", "amount"]
    public static let maxRows = 100_000

    public static func parse(_ text: String, against allocation: ValidAllocation, thisMonth: BudgetMonth) throws(ValidationFailure) -> ValidActuals {
        let csv = try CSVText(text, expectedHeader: header)
        guard !csv.lines.isEmpty else { throw ValidationFailure([FieldError("rows", .required, line: 2)]) }
        guard csv.lines.count <= maxRows else { throw ValidationFailure([FieldError("rows", .outOfRange, line: maxRows + 2)]) }
        var errors: [FieldError] = []
        var entries: [ActualEntry] = []
        for line in csv.lines {
            guard line.fields.count == header.count else {
                errors.append(FieldError("row", .invalidFormat, line: line.number))
                continue
            }
            var v = Validator()
            let row = ActualsDraft.Row(month: line.fields[0], part: line.fields[1], costType: line.fields[2], amount: line.fields[3])
            // The header's names, not the JSON's row path: the line number says where.
            if let entry = ActualsDraft.entry(row, field: "", allocation, thisMonth, &v) {
                entries.append(entry)
            } else {
                errors += v.errors.map { FieldError(String($0.field.dropFirst()), $0.code, line: line.number) }
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return ValidActuals(entries: ValidActuals.summed(entries))
    }
}
