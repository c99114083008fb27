import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/patients/{id}/assessments`: a patient's symptom screening, with the care team's
/// access rules and audit as for the plan.
struct AssessmentsAPI {
    let services: AppServices
    var gate: PatientGate { PatientGate(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .post, path: Routes.API.assessments, operationId: "createAssessment",
                summary: "Record a screening: scored on saving; a red result goes to the key-worker unit's inbox",
                operation: { OpenAPIParts.writeOperation(body: "AssessmentInput", success: "201", conditional: false, result: "Assessment") },
                handler: create),
            APIEndpoint(
                method: .post, path: Routes.API.selfReportLinks, operationId: "createSelfReportLink",
                summary: "A single-use link for the patient to answer an instrument at home (default 72 hours)",
                operation: { OpenAPIParts.writeOperation(body: "SelfReportLinkInput", success: "201", conditional: false, result: "SelfReportLink") },
                handler: createLink),
            APIEndpoint(
                method: .get, path: Routes.API.selfReportLinks, operationId: "listSelfReportLinks",
                summary: "The patient's self-report links that still work: unused, unexpired and not revoked, newest first (audited)",
                operation: { OpenAPIParts.getOperation(item: "OutstandingSelfReportLinkList") }, handler: listLinks),
            APIEndpoint(
                method: .post, path: Routes.API.revokeSelfReportLink, operationId: "revokeSelfReportLink",
                summary: "Take back a link the patient has not used; the link then answers as expired. 404 when it no longer works anyway",
                operation: {
                    var responses = OpenAPIParts.errors(["404"])
                    responses["200"] = OpenAPIParts.json(OpenAPIParts.ref("OutstandingSelfReportLink"), description: "Revoked")
                    return [
                        "responses": responses,
                        "parameters": [["name": "linkId", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                    ]
                }, handler: revokeLink),
            APIEndpoint(
                method: .get, path: Routes.API.assessments, operationId: "listAssessments",
                summary: "The patient's screenings, newest first (audited)",
                operation: { OpenAPIParts.getOperation(item: "AssessmentList") }, handler: list),
        ]
    }

    struct Input: Decodable {
        var instrument: String?
        var respondent: String?
        var answers: [String: AnswersBody.Answer]?
        var at: String?
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.writePatientData)
        guard let patientId = context.idParameter else { throw AppError.notFound }
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let stored = try await ScreeningService(services: services).recordAssessment(context, patientId: patientId) {
            let input = try body.decode(Input.self)
            var v = Validator()
            let instrument = v.choice("instrument", input.instrument, as: Instrument.self)
            let respondent = v.choice("respondent", input.respondent, as: Respondent.self)
            let takenAt = v.observedAt("at", input.at, now: Date())
            return .init(instrument: instrument, respondent: respondent, answers: input.answers?.mapValues(\.value), takenAt: takenAt, errors: v)
        }
        return try .json(AssessmentDTO(stored), status: .created)
    }

    struct LinkInput: Decodable {
        var instrument: String?
        var expiresInHours: Int?
    }

    @Sendable func createLink(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.writePatientData)
        guard let patientId = context.idParameter else { throw AppError.notFound }
        let body = try await request.collectJSON(limit: services.config.maxBodySize)
        let link = try await ScreeningService(services: services).issueLink(context, request: request, patientId: patientId) {
            let input = try body.decode(LinkInput.self)
            var v = Validator()
            let instrument = v.choice("instrument", input.instrument, as: Instrument.self)
            let hours = input.expiresInHours ?? 72
            if !(1...336).contains(hours) { v.add("expiresInHours", .outOfRange) }
            try v.check()
            guard let instrument else { throw ValidationFailure([FieldError("instrument", .required)]) }
            return (instrument, hours)
        }
        return try .json(link, status: .created)
    }

    @Sendable func listLinks(_ request: Request, context: AppContext) async throws -> Response {
        guard let patientId = context.idParameter else { throw AppError.notFound }
        let links = try await ScreeningService(services: services).outstandingLinks(context, patientId: patientId)
        return try .json(Page(items: links.map(OutstandingSelfReportLinkDTO.init), next: nil))
    }

    @Sendable func revokeLink(_ request: Request, context: AppContext) async throws -> Response {
        guard let patientId = context.idParameter else { throw AppError.notFound }
        let linkId = context.parameters.get("linkId").flatMap(UUID.init(uuidString:))
        guard let revoked = try await ScreeningService(services: services).revokeLink(context, patientId: patientId, linkId: linkId) else {
            throw AppError.notFound
        }
        return try .json(OutstandingSelfReportLinkDTO(revoked))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        guard let patientId = context.idParameter else { throw AppError.notFound }
        let items = try await gate.read(context, patientId: patientId, action: "assessment.list") { tx, _ in
            try await AssessmentRepository.list(patientId: patientId, on: tx)
        }
        return try .json(Page(items: items.map(AssessmentDTO.init), next: nil))
    }
}

struct AssessmentDTO: Encodable {
    var id: UUID
    var patientId: UUID
    var instrument: String
    var respondent: String
    var answers: [String: AnswerJSON]
    var scores: [String: Double?]
    var severity: [String: String]
    var trafficLight: String
    var at: Date
    var recordedByName: String
    var createdAt: Date

    init(_ a: Assessment) {
        id = a.id
        patientId = a.patientId
        instrument = a.instrument.rawValue
        respondent = a.respondent.rawValue
        answers = a.answers
        scores = a.score.scores
        severity = a.score.severity.mapValues(\.rawValue)
        trafficLight = a.score.trafficLight.rawValue
        at = a.takenAt
        recordedByName = a.recordedByName
        createdAt = a.createdAt
    }
}

struct SelfReportLinkDTO: Encodable {
    var id: UUID
    var url: String
    var expiresAt: Date
    var instrument: String
}

/// A link as listed: never its address, which exists only when it is made.
struct OutstandingSelfReportLinkDTO: Encodable {
    var id: UUID
    var instrument: String
    var createdAt: Date
    var createdByName: String?
    var expiresAt: Date

    init(_ link: OutstandingSelfReportLink) {
        id = link.id
        instrument = link.instrument.rawValue
        createdAt = link.createdAt
        createdByName = link.createdByName
        expiresAt = link.expiresAt
    }
}
