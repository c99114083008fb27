import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// "Mine patienter" for the staff of a clinical unit (`WorklistQuery`).
struct WorklistController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.myPatients.routerPath, use: show)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        guard let unit = user.unitId else { throw AppError.notFound }
        let after = try request.query["after"].map { text in
            guard let id = UUID(uuidString: text) else { throw AppError.badRequest("The parameter after must be a patient id.") }
            return id
        }
        let page = try await WorklistQuery(services: services).page(context, user: user, unitId: unit, after: after)
        let units = try await services.unitDirectory()
        return .html(
            WorklistViews.page(
                PageContext(context, path: Routes.myPatients()), worklist: page, unitName: units.name(unit),
                municipalities: MunicipalityUnits.names(try await services.units()), isFirstPage: after == nil))
    }
}
