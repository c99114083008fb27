import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/learning/…` after registration: attendance, evaluations and completions.
struct LearningEventsAPI {
    let services: AppServices

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .put, path: Routes.API.learningAttendance, operationId: "takeLearningAttendance",
                summary: "Attendance on the day (educators): `present` lists the user ids present among those registered; the others are "
                    + "marked absent. Being present completes the offer and issues its certificate. 409 before the session's day.",
                operation: {
                    OpenAPIParts.writeOperation(body: "AttendanceInput", success: "200", conditional: false, result: "LearningSession")
                }, handler: takeAttendance),
            APIEndpoint(
                method: .post, path: Routes.API.learningEvaluations, operationId: "evaluateLearningSession",
                summary: "The caller's evaluation of a session they held a place on, once it has begun; 409 the second time",
                operation: { OpenAPIParts.writeOperation(body: "EvaluationInput", success: "201", conditional: false, result: "Evaluation") },
                handler: evaluate),
            APIEndpoint(
                method: .get, path: Routes.API.learningCompletions, operationId: "listLearningCompletions",
                summary: "What the caller (or, for educators, the user `userId`) has completed: offers with their certificates, and modules",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "Completions",
                        parameters: [OpenAPIParts.query("userId", required: false, schema: ["type": "string", "format": "uuid"])])
                }, handler: completions),
            APIEndpoint(
                method: .get, path: Routes.API.learningMatrix, operationId: "getCompetenceMatrix",
                summary: "A unit's competence matrix (educators, administrators): its staff from the register with the first day each "
                    + "completed each level and the EAPC competencies covered, and per profession how many hold each level",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "CompetenceMatrix",
                        parameters: [
                            OpenAPIParts.query("unit", required: true, schema: ["type": "string", "format": "uuid"]),
                            OpenAPIParts.query("profession", required: false, schema: OpenAPIParts.one(Profession.self)),
                        ])
                }, handler: matrix),
        ]
    }

    struct AttendanceInput: Decodable {
        var present: [String]?
    }

    @Sendable func takeAttendance(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageTraining)
        let input = try await request.decodeJSON(AttendanceInput.self, limit: services.config.maxBodySize)
        guard let present = input.present else { throw AppError.validation([FieldError("present", .required)]) }
        _ = try await AttendanceService(services: services).take(id, present: present, context)
        return try await LearningAPI(services: services).session(id, context, status: .ok)
    }

    @Sendable func evaluate(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let draft = try await request.decodeJSON(EvaluationDraft.self, limit: services.config.maxBodySize)
        try await AttendanceService(services: services).evaluate(id, draft, context)
        let stored = try draft.validated()
        return try .json(EvaluationDTO(sessionId: id, rating: stored.rating, relevance: stored.relevance, comment: stored.comment), status: .created)
    }

    @Sendable func completions(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        var userId = user.id
        if let text = request.query["userId"]?.nilIfEmpty {
            guard let id = UUID(uuidString: text) else { throw AppError.validation([FieldError("userId", .invalidFormat)]) }
            if id != user.id, !user.can(.manageTraining) { throw AppError.forbidden }
            userId = id
        }
        let person = userId
        let (offers, modules) = try await services.persistence.read { tx in
            (try await CompletionRepository.offers(userId: person, on: tx), try await CompletionRepository.modules(userId: person, on: tx))
        }
        let today = LocalDate(Date(), in: DanishCalendar.timeZone)
        return try .json(
            CompletionsDTO(
                userId: person, offers: offers.map { OfferCompletionDTO($0, today: today) }, modules: modules.map(ModuleCompletionDTO.init)))
    }

    @Sendable func matrix(_ request: Request, context: AppContext) async throws -> Response {
        guard request.query["unit"]?.nilIfEmpty != nil else { throw AppError.validation([FieldError("unit", .required)]) }
        guard let matrix = try await CompetenceMatrixController(services: services).report(request.query, context).matrix else {
            throw AppError.notFound
        }
        return try .json(CompetenceMatrixDTO(matrix))
    }
}

struct CompetenceMatrixDTO: Encodable {
    struct Person: Encodable {
        var employeeNumber: String
        var name: String
        var profession: Profession
        /// The first day each level was completed, by level code.
        var levels: [String: LocalDate]
        var competencies: [Int]
    }

    struct ProfessionRow: Encodable {
        var profession: Profession
        var staff: Int
        var holding: [String: Int]
    }

    var people: [Person]
    var professions: [ProfessionRow]

    init(_ matrix: CompetenceMatrix) {
        people = matrix.rows.map { row in
            Person(
                employeeNumber: row.person.employeeNumber, name: row.person.name, profession: row.person.profession,
                levels: Dictionary(uniqueKeysWithValues: row.levels.map { ($0.key.rawValue, $0.value) }), competencies: row.competencies.sorted())
        }
        professions = matrix.professions.map { summary in
            ProfessionRow(
                profession: summary.profession, staff: summary.staff,
                holding: Dictionary(uniqueKeysWithValues: summary.holding.map { ($0.key.rawValue, $0.value) }))
        }
    }
}

struct EvaluationDTO: NullPreservingEncodable {
    var sessionId: UUID
    var rating: Int
    var relevance: Int
    var comment: String?
}

struct CompletionsDTO: Encodable {
    var userId: UUID
    var offers: [OfferCompletionDTO]
    var modules: [ModuleCompletionDTO]
}

struct OfferCompletionDTO: NullPreservingEncodable {
    struct CertificateDTO: NullPreservingEncodable {
        var id: UUID
        var code: String
        var lastValidDay: LocalDate?
        var status: CertificateValidity.Status
    }

    var offerId: UUID
    var offerTitle: String
    var levels: [CompetenceLevel]
    var completedAt: Date
    var source: String
    var certificate: CertificateDTO?

    init(_ completion: OfferCompletion, today: LocalDate) {
        offerId = completion.offerId
        offerTitle = completion.offerTitle
        levels = completion.levels
        completedAt = completion.completedAt
        source = completion.source
        if let id = completion.certificateId, let code = completion.certificateCode {
            certificate = CertificateDTO(
                id: id, code: ShortCode.grouped(code), lastValidDay: completion.lastValidDay,
                status: CertificateValidity.status(lastValidDay: completion.lastValidDay, on: today))
        }
    }
}

struct ModuleCompletionDTO: Encodable {
    var moduleId: UUID
    var offerId: UUID
    var completedAt: Date

    init(_ completion: ModuleCompletion) {
        moduleId = completion.moduleId
        offerId = completion.offerId
        completedAt = completion.completedAt
    }
}
