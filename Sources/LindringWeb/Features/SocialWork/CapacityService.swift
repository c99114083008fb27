import Foundation
import LindringCore
import LindringStore

/// The team lead's capacity report: counts only, never names, so finance may see it too.
struct CapacityService {
    let services: AppServices

    struct Report: Sendable {
        let team: OrgUnit
        let from: LocalDate
        let to: LocalDate
        let months: [CapacityMonth]
        let totals: CapacityRepository.ApplicationTotals
        let funding: [FundedFTE]
    }

    /// The paediatric team a user's report is about: their own, or (finance) the region's team.
    func team(_ user: User) async throws -> OrgUnit {
        let teams = try await services.units(includeInactive: false).filter { $0.kind == .paediatricTeam }
        guard let team = teams.first(where: { $0.id == user.unitId }) ?? teams.first else { throw AppError.notFound }
        return team
    }

    static func mayRead(_ user: User) -> Bool { user.can(.manageSocialWorkCases) || user.can(.manageBudget) }

    /// The default range: from the start of the year before last (the 2024 funding change stays in view) to today.
    static func defaultRange(today: LocalDate = SocialWorkService.today()) -> (from: LocalDate, to: LocalDate) {
        (LocalDate("\(today.year - 2)-01-01") ?? today, today)
    }

    func report(_ context: AppContext, from: LocalDate, to: LocalDate) async throws -> Report {
        let user = try context.requireUser()
        guard Self.mayRead(user) else { throw AppError.forbidden }
        let team = try await team(user)
        return try await services.persistence.read { tx in
            let facts = try await CapacityRepository.facts(teamUnitId: team.id, from: from, to: to, on: tx)
            return Report(
                team: team, from: from, to: to, months: SocialWorkCapacity.report(from: from, to: to, facts),
                totals: try await CapacityRepository.applicationTotals(
                    teamUnitId: team.id, from: from, to: to, today: SocialWorkService.today(), on: tx),
                funding: facts.funding)
        }
    }

    /// The team's social workers keep the funding periods (the team lead).
    func setFunding(_ context: AppContext, from: String?, fte: String?) async throws {
        let user = try context.require(.manageSocialWorkCases)
        let team = try await team(user)
        guard team.id == user.unitId else { throw AppError.forbidden }
        var v = Validator()
        let day = v.localDate("fundingFrom", from, required: true)
        let amount = FundedFTE.parse("fundingFte", fte, &v)
        try v.check()
        try await services.persistence.write { tx in
            try await CapacityRepository.setFunding(teamUnitId: team.id, from: day!, fte: amount!, on: tx)
            try await AuditLog.append(
                context.auditRecord("socialWork.funding", as: .manageSocialWorkCases, entityType: "unit", entityId: team.id.uuidString), on: tx)
        }
    }
}
