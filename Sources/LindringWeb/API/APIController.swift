import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// Every endpoint under `/api/v1`, and the OpenAPI document that describes them.
struct APIController {
    let services: AppServices

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.me, operationId: "getMe", summary: "The authenticated user",
                operation: { OpenAPIParts.getOperation(item: "Me") }, handler: me),
            APIEndpoint(
                method: .get, path: Routes.API.audit, operationId: "searchAudit",
                summary: "Search the audit log, newest first (auditors and administrators)",
                operation: {
                    OpenAPIParts.listOperation(
                        item: "AuditEntry",
                        extraParameters: [
                            ["name": "patientId", "in": "query", "required": false, "schema": ["type": "string", "format": "uuid"]],
                            ["name": "username", "in": "query", "required": false, "schema": ["type": "string", "maxLength": 40]],
                            ["name": "action", "in": "query", "required": false, "schema": ["type": "string", "maxLength": 60]],
                            [
                                "name": "from", "in": "query", "required": false, "description": "ISO 8601 instant or date (inclusive)",
                                "schema": ["type": "string"],
                            ],
                            [
                                "name": "to", "in": "query", "required": false, "description": "ISO 8601 instant (exclusive) or date (inclusive)",
                                "schema": ["type": "string"],
                            ],
                        ])
                }, handler: AuditController(services: services).api),
        ] + UnitsAPI(services: services).endpoints + PatientsAPI(services: services).endpoints + AdvisoryAPI(services: services).endpoints
            + InstrumentsAPI(services: services).endpoints + AssessmentsAPI(services: services).endpoints
            + SPICTAPI(services: services).endpoints + CalendarAPI().endpoints + SocialWorkAPI(services: services).endpoints
            + LearningAPI(services: services).endpoints + LearningEventsAPI(services: services).endpoints
            + CohortAPI(services: services).endpoints + BudgetAPI(services: services).endpoints
            + ReferralsAPI(services: services).endpoints + IndicatorsAPI(services: services).endpoints
            + CareCommunicationAPI(services: services).endpoints
            + RegisterAPI(services: services).endpoints
    }

    func addRoutes(to router: Router<AppContext>) throws {
        let endpoints = self.endpoints
        router.add(endpoints)
        let document = ByteBuffer(data: try OpenAPIDocument.json(endpoints: endpoints))
        router.get(Routes.API.openAPI.routerPath) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"], body: .init(byteBuffer: document))
        }
        // Unknown API paths answer problem+json 404 rather than falling through to the site.
        router.on(RouterPath(Routes.API.prefix + "/**"), method: .get) { _, _ -> Response in throw AppError.notFound }
    }

    @Sendable func me(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        return try .json(
            MeDTO(
                id: user.id, username: user.username, name: user.name, profession: user.profession.rawValue,
                roles: user.roles.map(\.rawValue), unitCode: user.unitCode, language: user.language))
    }
}

struct MeDTO: NullPreservingEncodable {
    var id: UUID
    var username: String
    var name: String
    var profession: String
    var roles: [String]
    var unitCode: String?
    var language: String
}
