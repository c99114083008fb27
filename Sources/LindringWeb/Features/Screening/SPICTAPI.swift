import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/patients/{id}/spict` (the SPICT-DK checklist, care-team access and audit as for the
/// plan) and `/api/v1/screening/early-identification` (counts only, no patient data).
struct SPICTAPI {
    let services: AppServices
    var screening: ScreeningService { ScreeningService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .post, path: Routes.API.spict, operationId: "createSPICT",
                summary: "Record a SPICT-DK checklist: indicators, the surprise question, the clinician's conclusion and action (no score)",
                operation: { OpenAPIParts.writeOperation(body: "SPICTInput", success: "201", conditional: false, result: "SPICT") }, handler: create),
            APIEndpoint(
                method: .get, path: Routes.API.spict, operationId: "listSPICT", summary: "The patient's SPICT-DK checklists, newest first (audited)",
                operation: { OpenAPIParts.getOperation(item: "SPICTList") }, handler: list),
            APIEndpoint(
                method: .get, path: Routes.API.earlyIdentification, operationId: "getEarlyIdentification",
                summary: "Patients screened with SPICT-DK, the share positive and the share of those with a shared plan, cancer and non-cancer apart",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "EarlyIdentification",
                        parameters: [
                            ["name": "from", "in": "query", "required": false, "schema": ["type": "string", "format": "date"]],
                            ["name": "to", "in": "query", "required": false, "schema": ["type": "string", "format": "date"]],
                            [
                                "name": "by", "in": "query", "required": false,
                                "schema": ["type": "string", "enum": ["department", "hospital", "municipality"]],
                            ],
                        ])
                }, handler: overview),
        ]
    }

    struct Input: Decodable {
        var generalIndicators: [String]?
        var clinicalIndicators: [String]?
        var wouldBeSurprised: Bool?
        var conclusion: String?
        var actions: [String]?
        var at: String?
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.writePatientData)
        guard let patientId = context.idParameter else { throw AppError.notFound }
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let saved = try await screening.recordSPICT(context, patientId: patientId) {
            let input = try body.decode(Input.self)
            var v = Validator()
            let at = v.observedAt("at", input.at, now: Date())
            var checklist: SPICTChecklist?
            do {
                checklist = try SPICTChecklist(
                    SPICTDraft(
                        generalIndicators: input.generalIndicators ?? [], clinicalIndicators: input.clinicalIndicators ?? [],
                        wouldBeSurprised: input.wouldBeSurprised, conclusion: input.conclusion, actions: input.actions ?? []))
            } catch let failure as ValidationFailure {
                failure.errors.forEach { v.add($0.field, $0.code) }
            }
            try v.check()
            return (checklist!, at)
        }
        return try .json(SPICTDTO(saved.record), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        guard let patientId = context.idParameter else { throw AppError.notFound }
        let items = try await PatientGate(services: services).read(context, patientId: patientId, action: "spict.list") { tx, _ in
            try await SPICTRepository.list(patientId: patientId, on: tx)
        }
        return try .json(Page(items: items.map(SPICTDTO.init), next: nil))
    }

    @Sendable func overview(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.viewScreeningOverview)
        let query = try EarlyIdentificationQuery.parse(request.query)
        return try .json(EarlyIdentificationDTO(try await query.run(services), query: query))
    }
}

struct SPICTDTO: Encodable {
    var id: UUID
    var patientId: UUID
    var unitId: UUID?
    var generalIndicators: [String]
    var clinicalIndicators: [String]
    var conditionGroups: [String]
    var wouldBeSurprised: Bool
    var conclusion: String
    var actions: [String]
    var cancer: Bool
    var at: Date
    var recordedByName: String

    init(_ r: SPICTRecord) {
        id = r.id
        patientId = r.patientId
        unitId = r.unitId
        generalIndicators = r.checklist.generalIndicators.map(\.rawValue)
        clinicalIndicators = r.checklist.clinicalIndicators
        conditionGroups = r.checklist.conditionGroups.map(\.rawValue)
        wouldBeSurprised = r.checklist.wouldBeSurprised
        conclusion = r.checklist.conclusion.rawValue
        actions = r.checklist.actions.map(\.rawValue)
        cancer = r.cancer
        at = r.assessedAt
        recordedByName = r.recordedByName
    }
}
