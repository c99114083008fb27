import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/learning/…`: the catalogue, sessions, and registrations with their waiting list.
struct LearningAPI {
    let services: AppServices
    var learning: LearningService { LearningService(services: services) }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.learningOffers, operationId: "listLearningOffers",
                summary: "The competence-development catalogue, filtered by `q` (title and summary), `format`, `level`, `competence` (1–10), "
                    + "`profession` and `sector`",
                operation: {
                    OpenAPIParts.listOperation(
                        item: "LearningOffer",
                        extraParameters: [
                            OpenAPIParts.query("q", required: false, schema: ["type": "string"]),
                            OpenAPIParts.query("format", required: false, schema: ["type": "string", "enum": OfferFormat.allCases.map(\.rawValue)]),
                            OpenAPIParts.query(
                                "level", required: false, schema: ["type": "string", "enum": CompetenceLevel.allCases.map(\.rawValue)]),
                            OpenAPIParts.query("competence", required: false, schema: ["type": "integer", "minimum": 1, "maximum": 10]),
                            OpenAPIParts.query(
                                "profession", required: false, schema: ["type": "string", "enum": Profession.allCases.map(\.rawValue)]),
                            OpenAPIParts.query("sector", required: false, schema: ["type": "string", "enum": Sector.allCases.map(\.rawValue)]),
                        ])
                }, handler: listOffers),
            APIEndpoint(
                method: .post, path: Routes.API.learningOffers, operationId: "createLearningOffer",
                summary: "Add an offer to the catalogue (educators)",
                operation: { OpenAPIParts.writeOperation(body: "LearningOfferInput", success: "201", conditional: false, result: "LearningOffer") },
                handler: createOffer),
            APIEndpoint(
                method: .get, path: Routes.API.learningOffer, operationId: "getLearningOffer", summary: "An offer with its sessions",
                operation: { OpenAPIParts.getOperation(item: "LearningOffer") }, handler: getOffer),
            APIEndpoint(
                method: .post, path: Routes.API.learningOfferSessions, operationId: "createLearningSession",
                summary: "Plan a session of a workshop, supervision, theme afternoon or course (educators)",
                operation: {
                    OpenAPIParts.writeOperation(body: "LearningSessionInput", success: "201", conditional: false, result: "LearningSession")
                }, handler: createSession),
            APIEndpoint(
                method: .get, path: Routes.API.learningSession, operationId: "getLearningSession",
                summary: "A session with its registrations: everyone's for educators, the caller's own for others",
                operation: { OpenAPIParts.getOperation(item: "LearningSession") }, handler: getSession),
            APIEndpoint(
                method: .post, path: Routes.API.learningSessionRegistrations, operationId: "registerForLearningSession",
                summary: "Register the caller, or (educators) the user `userId` names: a place while there is one, else the waiting list; "
                    + "409 when already registered",
                operation: {
                    OpenAPIParts.writeOperation(body: "RegistrationInput", success: "201", conditional: false, result: "Registration")
                }, handler: register),
            APIEndpoint(
                method: .delete, path: Routes.API.learningRegistration, operationId: "cancelLearningRegistration",
                summary: "Cancel a registration (one's own, or anyone's for educators); the first on the waiting list gets the place "
                    + "in the same transaction and is told in their inbox. 409 once the session has ended: its registrations are "
                    + "then the attendance record",
                operation: {
                    var responses = OpenAPIParts.errors(["404", "409"])
                    responses["200"] = OpenAPIParts.json(OpenAPIParts.ref("Cancellation"), description: "Cancelled")
                    return ["responses": responses]
                }, handler: cancel),
            APIEndpoint(
                method: .get, path: Routes.API.learningModule, operationId: "getLearningModule",
                summary: "An e-learning module's current text, read into sections and its check (without the right answers), "
                    + "with the caller's progress",
                operation: { OpenAPIParts.getOperation(item: "LearningModule") }, handler: getModule),
            APIEndpoint(
                method: .post, path: Routes.API.learningProgress, operationId: "syncLearningProgress",
                summary: "Progress from the learner's device, one change or a queue as `changes`: each stored once per `clientId` "
                    + "(`status: stored`, or `duplicate` when sent before); reflections are never overwritten",
                operation: {
                    OpenAPIParts.writeOperation(body: "ProgressInput", success: "200", conditional: false, result: "ProgressResults")
                }, handler: syncProgress),
            APIEndpoint(
                method: .post, path: Routes.API.staffImport, operationId: "importStaffRegister",
                summary: "Import the HR system's staff register as `text/csv` (header `employeeNumber,name,unitCode,profession,startDate`; "
                    + "educators and administrators): a re-import updates by employee number; a file with a bad line imports nothing and "
                    + "answers 422 listing each bad line (`line`, `field`, `code`)",
                operation: {
                    var responses = OpenAPIParts.errors(["415", "422"])
                    responses["200"] = OpenAPIParts.json(OpenAPIParts.ref("StaffImport"), description: "Imported")
                    return [
                        "requestBody": ["required": true, "content": ["text/csv": ["schema": ["type": "string"]]]], "responses": responses,
                    ]
                }, handler: importStaff),
            APIEndpoint(
                method: .get, path: Routes.API.learningCoverage, operationId: "getLearningCoverage",
                summary: "Coverage: per group of the staff register, the share who completed an offer at the level, beside the group's "
                    + "early identification over the last twelve months (patients screened with SPICT-DK; `planShare`: of those found to "
                    + "have palliative needs, the share with a shared plan). Lowest share first. Educators, finance, administrators.",
                operation: {
                    OpenAPIParts.queryOperation(
                        item: "LearningCoverage",
                        parameters: [
                            OpenAPIParts.query("by", required: false, schema: OpenAPIParts.one(CoverageGrouping.self)),
                            OpenAPIParts.query("level", required: false, schema: OpenAPIParts.one(CompetenceLevel.self)),
                        ])
                }, handler: coverage),
        ]
    }

    @Sendable func listOffers(_ request: Request, context: AppContext) async throws -> Response {
        let filter = try Self.filter(request.query)
        return try .json(Page(items: try await learning.offers(context, filter: filter).map { OfferDTO($0) }, next: nil))
    }

    /// The catalogue's filter from the query string; a value that is not one answers 422 naming it.
    static func filter(_ query: FormData) throws -> OfferFilter {
        var v = Validator()
        func one<T: RawRepresentable>(_ name: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let text = query[name], !text.isEmpty else { return nil }
            return v.choice(name, text, as: type)
        }
        let filter = OfferFilter(
            text: query["q"], format: one("format", OfferFormat.self), level: one("level", CompetenceLevel.self),
            competence: v.wholeNumber("competence", query["competence"], in: CoreCompetence.numbers, required: false),
            profession: one("profession", Profession.self), sector: one("sector", Sector.self))
        try v.check()
        return filter
    }

    @Sendable func createOffer(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageTraining)
        let draft = try await request.decodeJSON(OfferDraft.self, limit: services.config.maxBodySize)
        let offer = try await learning.createOffer(draft, context)
        return try .json(OfferDTO(offer, sessions: []), status: .created, headers: [.location: Routes.API.learningOffer(offer.id)])
    }

    @Sendable func getOffer(_ request: Request, context: AppContext) async throws -> Response {
        let (offer, sessions) = try await learning.offer(try context.requiredIdParameter(), context)
        return try .json(OfferDTO(offer, sessions: sessions))
    }

    @Sendable func createSession(_ request: Request, context: AppContext) async throws -> Response {
        let offerId = try context.requiredIdParameter()
        _ = try context.require(.manageTraining)
        let draft = try await request.decodeJSON(LearningSessionDraft.self, limit: services.config.maxBodySize)
        let id = try await learning.createSession(offerId: offerId, draft, context)
        return try await session(id, context, status: .created)
    }

    @Sendable func getSession(_ request: Request, context: AppContext) async throws -> Response {
        try await session(try context.requiredIdParameter(), context, status: .ok)
    }

    func session(_ id: UUID, _ context: AppContext, status: HTTPResponse.Status) async throws -> Response {
        let (session, registrations) = try await learning.session(id, context)
        let headers: HTTPFields = status == .created ? [.location: Routes.API.learningSession(id)] : [:]
        return try .json(LearningSessionDTO(session, registrations: registrations), status: status, headers: headers)
    }

    @Sendable func register(_ request: Request, context: AppContext) async throws -> Response {
        let sessionId = try context.requiredIdParameter()
        // Registering oneself needs no body at all.
        var input = RegistrationInput()
        if request.headers[.contentType] != nil {
            let body = try await request.collectJSON(limit: services.config.maxBodySize)
            if !body.isEmpty { input = try body.decode(RegistrationInput.self) }
        }
        let registration = try await learning.register(sessionId: sessionId, userId: input.userId, context)
        return try .json(RegistrationDTO(registration), status: .created)
    }

    @Sendable func getModule(_ request: Request, context: AppContext) async throws -> Response {
        let page = try await ModuleService(services: services).page(try context.requiredIdParameter(), context)
        return try .json(ModuleDTO(page))
    }

    @Sendable func syncProgress(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        let input = try await request.decodeJSON(ProgressInput.self, limit: services.config.maxBodySize)
        guard !input.changes.isEmpty, input.changes.count <= 500 else { throw AppError.validation([FieldError("changes", .outOfRange)]) }
        let results = try await ModuleService(services: services).apply(input.changes, batch: input.batch, context)
        return try .json(["results": results.map(ProgressResultDTO.init)])
    }

    @Sendable func coverage(_ request: Request, context: AppContext) async throws -> Response {
        let query = try CoverageService.Query.parse(request.query)
        return try .json(CoverageDTO(try await CoverageService(services: services).report(query, context)))
    }

    /// A region's register is tens of thousands of lines: more than a form or a JSON body.
    static let maxStaffFileBytes = 32 * 1024 * 1024

    @Sendable func importStaff(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        guard user.can(.manageTraining) || user.can(.manageUsers) else { throw AppError.forbidden }
        guard request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true else { throw AppError.unsupportedMediaType }
        // An export saved as "ANSI" would lose æ, ø and å: refused, not stored mangled.
        guard let text = String(validating: try await request.body.collect(upTo: Self.maxStaffFileBytes).readableBytesView, as: UTF8.self) else {
            throw AppError.validation([FieldError("file", .invalidFormat, line: 1)])
        }
        let units = try await services.persistence.readEach { try await UnitRepository.list(includeInactive: false, on: $0) }
        let unitIds = Dictionary(units.map { ($0.code, $0.id) }) { first, _ in first }
        let members = try StaffRegisterCSV.parse(text, knownUnitCodes: Set(unitIds.keys))
        // Tens of thousands of rows: a transaction of its own rather than everyone's group commit.
        let result = try await services.persistence.writeAlone { tx in
            let result = try await StaffRegisterRepository.importMembers(members, unitIds: unitIds, on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    "learning.staff.import", as: user.can(.manageTraining) ? .manageTraining : .manageUsers, entityType: "staffRegister",
                    purpose: "\(members.count)"), on: tx)
            return result
        }
        return try .json(["imported": members.count, "created": result.created, "updated": result.updated, "removed": result.removed])
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let result = try await learning.cancel(registrationId: try context.requiredIdParameter(), context)
        // Who got the place is an educator's business, not the colleague's who cancelled.
        let promoted = context.user?.can(.manageTraining) == true ? result.promoted : []
        return try .json(CancellationDTO(cancelled: RegistrationDTO(result.cancelled), promoted: promoted.map(RegistrationDTO.init)))
    }
}
