import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The unit's inbox: plan changes and red screenings for the unit (each shown only as far as
/// the access policy lets the reader read its patient now, `InboxQuery`) and the advisory
/// line's open follow-ups.
struct InboxController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.inbox.routerPath, use: inbox)
        router.post(Routes.markInboxRead.routerPath, use: markRead)
        router.post(Routes.markAllInboxRead.routerPath, use: markAllRead)
        router.post(Routes.markInboxPatientRead.routerPath, use: markPatientRead)
    }

    @Sendable func inbox(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        let entries = try await user.unitId.asyncMap { try await InboxQuery(services: services).page(context, user: user, unitId: $0).entries } ?? []
        let followUps =
            try await user.unitId.asyncMap {
                try await AdvisoryService(services: services).followUps(unitId: $0, status: .open, context)
            } ?? []
        let units = try await services.unitDirectory()
        let pathways = try await RegisterService.panel(.inbox, services)
        return .html(
            InboxViews.page(PageContext(context, path: Routes.inbox()), entries: entries, followUps: followUps, units: units, pathways: pathways))
    }

    @Sendable func markRead(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        guard let item = context.idParameter, let unit = user.unitId,
            try await services.persistence.write({ try await InboxRepository.markRead(itemId: item, unitId: unit, userId: user.id, on: $0) })
        else { throw AppError.notFound }
        return .redirect(to: Routes.inbox())
    }

    /// Marks what the unit's inbox holds for one patient read; it reveals nothing, so a patient the
    /// reader may no longer see is simply nothing to mark.
    @Sendable func markPatientRead(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        guard let patient = context.idParameter, let unit = user.unitId else { throw AppError.notFound }
        try await services.persistence.write { try await InboxRepository.markAllRead(unitId: unit, userId: user.id, patientId: patient, on: $0) }
        return .redirect(to: Routes.inbox())
    }

    @Sendable func markAllRead(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        guard let unit = user.unitId else { throw AppError.notFound }
        try await services.persistence.write { try await InboxRepository.markAllRead(unitId: unit, userId: user.id, on: $0) }
        return .redirect(to: Routes.inbox())
    }
}
