import Foundation
import LindringCore

/// The initiative form as the browser sends it. The amounts grid is sent by column position
/// (`lines[y0][1]`: the first year's other operating costs), so changing the first year moves
/// every amount with it; the fund split and the goals are repeating rows, of which blank ones
/// are dropped.
struct InitiativeForm: Decodable, BlankMeansAbsent {
    var title: String?
    var proposedBy: String?
    var purpose: String?
    var remarks: String?
    var priceLevel: String?
    var firstYear: String?
    var lines: FormRows?
    var fte: [String: String]?
    var funds: FormRows?
    var commitmentBudgetable: String?
    /// `yes`, `no`, or absent (not stated).
    var scalable: String?
    var scalingNote: String?
    var agreementText: String?
    var sdgs: FormRows?
    var status: String?
    /// The version the form was opened on: a save on top of a newer one is refused.
    var baseVersion: String?

    /// The column of year `position` (0–3) in the grid.
    static func column(_ position: Int) -> String { "y\(position)" }

    /// The years the grid's columns stand for: the typed first year's four, or (when it is not a
    /// year) next year's, so that the first year's own error is the only one.
    static func years(_ firstYear: String?) -> [Int] {
        let first =
            firstYear.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { InitiativeDraft.firstYears.contains($0) ? $0 : nil }
            ?? (DanishCalendar.today().year + 1)
        return Array(first..<(first + ValidInitiative.yearCount))
    }

    var draft: InitiativeDraft {
        let years = Self.years(firstYear)
        func byYear(_ value: (String) -> String?) -> [String: String] {
            var result: [String: String] = [:]
            for (position, year) in years.enumerated() {
                if let text = value(Self.column(position)), !isBlankText(text) { result[String(year)] = text }
            }
            return result
        }
        let lines = CostType.allCases.enumerated().map { index, type in
            InitiativeDraft.Line(type: type.rawValue, amounts: byYear { self.lines?[index, $0] })
        }
        let funds = (funds ?? FormRows()).map { _, value in InitiativeDraft.Fund(fund: value("fund"), sharePercent: value("sharePercent")) }
            .filter { $0.fund != nil || $0.sharePercent != nil }
        let goals = (sdgs ?? FormRows()).map { _, value in InitiativeDraft.Goal(goal: value("goal"), effect: value("effect"), text: value("text")) }
            .filter { $0.goal != nil || $0.text != nil }
        return InitiativeDraft(
            title: title, proposedBy: proposedBy, purpose: purpose, remarks: remarks, priceLevel: priceLevel, firstYear: firstYear, lines: lines,
            fte: byYear { fte?[$0] }, funds: funds, commitmentBudgetable: commitmentBudgetable == "true",
            scalable: scalable == "yes" ? true : scalable == "no" ? false : nil, scalingNote: scalingNote, agreementText: agreementText, sdgs: goals,
            status: status)
    }
}
