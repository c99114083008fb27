import Foundation
import LindringCore
import LindringStore

/// A year of an allocation beside what the money achieved: spending month by month and, for
/// each part, the activity figures Lindring measures itself and the cost per unit of activity.
struct FollowUpService {
    let services: AppServices

    struct PartActivity: Sendable {
        let part: AllocationFollowUp.Part
        let indicators: [ActivityIndicator]
        /// Nil where the part's activity has no unit to divide by.
        let costPerUnit: (months: [Decimal?], year: Decimal?)?
        let unitKey: String?
    }

    struct Report: Sendable {
        let allocation: StoredAllocation
        let followUp: AllocationFollowUp
        let parts: [PartActivity]
        /// The organisation that holds the allocation at the year's end (a successor after a merger).
        let heldBy: String
    }

    /// The allocation's year; `year` defaults to the latest of its years up to this one.
    func report(_ id: UUID, year: Int?, _ context: AppContext) async throws -> Report {
        _ = try context.require(.viewBudget)
        let today = DanishCalendar.today()
        let team = try await services.units(includeInactive: true).first { $0.kind == .paediatricTeam }
        return try await services.persistence.read { tx in
            guard let stored = try await AllocationRepository.find(id: id, on: tx) else { throw AppError.notFound }
            let years = stored.allocation.years
            let year = year ?? years.last { $0 <= today.year } ?? years.first ?? today.year
            guard years.contains(year) else { throw AppError.validation([FieldError("year", .outOfRange)]) }
            let carryOvers = try await AllocationRepository.carryOvers(allocationId: id, on: tx)
            let followUp = AllocationFollowUp(
                year: year, allocation: stored.allocation, actuals: try await AllocationRepository.actuals(allocationId: id, on: tx),
                fte: try await AllocationRepository.filledFTE(allocationId: id, on: tx), carriedIn: carryOvers.first { $0.fromYear == year - 1 },
                carriedOut: carryOvers.first { $0.fromYear == year })
            // The months that can have activity: all of a past year, up to this month of this one.
            let shown = year < today.year ? 12 : year == today.year ? today.month : 0
            var indicators: [FundedActivity: [ActivityIndicator]] = [:]
            for activity in Set(stored.allocation.parts.map(\.activity)) {
                switch activity {
                case .advisoryLine:
                    let counts = try await ActivityRepository.advisory(year: year, on: tx)
                    // Every month shown is measured: one without contacts had none.
                    let months = Dictionary(uniqueKeysWithValues: (0..<shown).map { ($0 + 1, counts[$0 + 1] ?? AdvisoryMonthCounts()) })
                    indicators[activity] = ActivityIndicators.advisory(months)
                case .paediatricSocialWork:
                    if let team, shown > 0 {
                        let from = BudgetMonth(year: year, month: 1).firstDay
                        let to = BudgetMonth(year: year, month: shown).lastDay
                        let facts = try await CapacityRepository.facts(teamUnitId: team.id, from: from, to: to, on: tx)
                        indicators[activity] = ActivityIndicators.socialWork(SocialWorkCapacity.report(from: from, to: to, facts))
                    } else {
                        indicators[activity] = ActivityIndicators.socialWork([])
                    }
                case .training:
                    indicators[activity] = ActivityIndicators.training(
                        try await ActivityRepository.completions(year: year, on: tx), shownMonths: shown)
                case .workingGroup:
                    // The working group's indicators for the whole region, by the same rules as /indicators.
                    var cases: [IndicatorCase] = []
                    if shown > 0 {
                        let period = BudgetMonth(year: year, month: 1).firstDay...BudgetMonth(year: year, month: shown).lastDay
                        cases = try await IndicatorRepository.facts(period: period, families: [.dpd, .plans], by: nil, group: { _ in "" }, on: tx)
                            .cases(period: period, now: Date())
                    }
                    indicators[activity] = ActivityIndicators.workingGroup(cases, year: year, shownMonths: shown)
                case .other:
                    indicators[activity] = []
                }
            }
            let parts = followUp.parts.map { part in
                let list = indicators[part.activity] ?? []
                let unitKey = ActivityIndicators.unitKey(part.activity)
                let units = list.first { $0.key == unitKey }
                return PartActivity(
                    part: part, indicators: list, costPerUnit: units.map { ActivityIndicators.costPerUnit(part, units: $0) }, unitKey: unitKey)
            }
            return Report(
                allocation: stored, followUp: followUp, parts: parts,
                heldBy: stored.allocation.organisation(on: BudgetMonth(year: year, month: 12).lastDay))
        }
    }
}
