import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/patients/{id}/referrals` and `/api/v1/referrals/{id}`: referrals to specialised
/// palliative care, with the plan's access and audit.
struct ReferralsAPI {
    let services: AppServices
    var referrals: ReferralService { ReferralService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .post, path: Routes.API.patientReferrals, operationId: "createReferral",
                summary: "Record a referral to a specialised palliative team, unit or hospice (the patient's own units; 422 names each bad field)",
                operation: { OpenAPIParts.writeOperation(body: "ReferralInput", success: "201", conditional: false, result: "Referral") },
                handler: create),
            APIEndpoint(
                method: .get, path: Routes.API.patientReferrals, operationId: "listReferrals", summary: "The patient's referrals, newest first",
                operation: { OpenAPIParts.getOperation(item: "ReferralList") }, handler: list),
            APIEndpoint(
                method: .get, path: Routes.API.referral, operationId: "getReferral", summary: "One referral; its ETag guards a change",
                operation: { OpenAPIParts.getOperation(item: "Referral") }, handler: get),
            APIEndpoint(
                method: .put, path: Routes.API.referral, operationId: "updateReferral",
                summary: "Save the whole referral (status, first contact, conference, EORTC); If-Match is required (428 without, 412 when stale)",
                operation: { OpenAPIParts.writeOperation(body: "ReferralInput", success: "200", conditional: true, result: "Referral") },
                handler: update),
        ]
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let patientId = try context.requiredIdParameter()
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let shown = try await referrals.create(patientId, { try body.decode(ReferralDraft.self) }, context)
        let dto = ReferralDTO(shown)
        return try .json(dto, status: .created, headers: [.eTag: dto.etag, .location: Routes.API.referral(dto.id)])
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let items = try await referrals.list(try context.requiredIdParameter(), context)
        return try .json(["items": items.map(ReferralDTO.init)])
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let dto = ReferralDTO(try await referrals.read(try context.requiredIdParameter(), context))
        return try .json(dto, headers: [.eTag: dto.etag])
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let ifMatch = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces)
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        do {
            let shown = try await referrals.update(
                id, { try body.decode(ReferralDraft.self) },
                // As the plan's: a change names the version it read, or `*` for whatever is current.
                baseVersion: { try VersionTag.requiredBase(ifMatch: ifMatch) }, context)
            let dto = ReferralDTO(shown)
            return try .json(dto, headers: [.eTag: dto.etag])
        } catch ReferralRepository.Refusal.stale {
            throw AppError.preconditionFailed
        }
    }
}
