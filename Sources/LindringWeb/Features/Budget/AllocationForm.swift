import Foundation
import LindringCore

/// The allocation form: its parts are repeating rows, each with a budget per year (by column
/// position from the first year) and cost type, and its FTEs.
struct AllocationForm: Decodable, BlankMeansAbsent {
    var name: String?
    var organisation: String?
    var successor: String?
    var successorFrom: String?
    var decidedOn: String?
    var initiativeId: String?
    var firstYear: String?
    var parts: FormRows?

    /// A part's budget cell: cost type and year position (`salaries.y0`), or its FTEs (`fte.y0`).
    static func cell(_ costType: CostType?, _ position: Int) -> String { "\(costType?.rawValue ?? "fte").\(InitiativeForm.column(position))" }

    var draft: AllocationDraft {
        let years = InitiativeForm.years(firstYear)
        let rows = (parts ?? FormRows()).map { (_, value: (String) -> String?) -> AllocationDraft.Part in
            var budgets: [String: [String: String]] = [:]
            var fte: [String: String] = [:]
            for (position, year) in years.enumerated() {
                for type in CostType.allCases {
                    if let amount = value(Self.cell(type, position)) { budgets[String(year), default: [:]][type.rawValue] = amount }
                }
                if let typed = value(Self.cell(nil, position)) { fte[String(year)] = typed }
            }
            return AllocationDraft.Part(code: value("code"), name: value("name"), activity: value("activity"), budgets: budgets, fte: fte)
        }
        let parts = rows.filter { $0.code != nil || $0.name != nil || !($0.budgets ?? [:]).isEmpty }
        return AllocationDraft(
            name: name, organisation: organisation, successor: successor, successorFrom: successorFrom, decidedOn: decidedOn,
            initiativeId: initiativeId, parts: parts)
    }
}
