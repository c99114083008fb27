import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/learning/cohorts/…`: specialist-education cohorts, their nurses and progress per stage.
struct CohortAPI {
    let services: AppServices
    var cohorts: CohortService { CohortService(services: services) }

    static var memberParameter: [String: Any] {
        ["name": "memberId", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
    }

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .post, path: Routes.API.learningCohorts, operationId: "createLearningCohort",
                summary: "Start a cohort of a specialist-education offer (educators): the standard stages, 23 weeks of theory and 55 of "
                    + "clinical training in turn, dated from `startsOn`",
                operation: { OpenAPIParts.writeOperation(body: "CohortInput", success: "201", conditional: false, result: "Cohort") },
                handler: create),
            APIEndpoint(
                method: .get, path: Routes.API.learningCohort, operationId: "getLearningCohort",
                summary: "A cohort's stages and nurses with their status per stage: every nurse for educators, a nurse's own row for "
                    + "a nurse in it (by her employee number), 403 for others",
                operation: { OpenAPIParts.getOperation(item: "Cohort") }, handler: get),
            APIEndpoint(
                method: .post, path: Routes.API.learningCohortMembers, operationId: "addLearningCohortMember",
                summary: "Add a nurse by her employee number in the staff register (educators); 422 naming `employeeNumber` when the "
                    + "register does not list her (`notFound`), lists another profession (`notANurse`), she is in the cohort "
                    + "(`duplicate`) or all 25 places are taken (`full`)",
                operation: { OpenAPIParts.writeOperation(body: "CohortMemberInput", success: "201", conditional: false, result: "CohortMember") },
                handler: addMember),
            APIEndpoint(
                method: .put, path: Routes.API.learningCohortMember, operationId: "setLearningCohortSupervisor",
                summary: "Name a nurse's clinical supervisor (educators); blank fields clear them",
                operation: {
                    var operation = OpenAPIParts.writeOperation(
                        body: "CohortSupervisorInput", success: "200", conditional: false, result: "CohortMember")
                    operation["parameters"] = [Self.memberParameter]
                    return operation
                }, handler: setSupervisor),
            APIEndpoint(
                method: .put, path: Routes.API.learningCohortProgress, operationId: "setLearningCohortProgress",
                summary: "Set a nurse's status in a stage (educators). When every stage is completed, her completion of the offer "
                    + "counts in the coverage report at the offer's levels",
                operation: {
                    var operation = OpenAPIParts.writeOperation(
                        body: "CohortProgressInput", success: "200", conditional: false, result: "CohortMember")
                    operation["parameters"] = [
                        Self.memberParameter, ["name": "stageId", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]],
                    ]
                    return operation
                }, handler: setProgress),
        ]
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageTraining)
        let draft = try await request.decodeJSON(CohortDraft.self, limit: services.config.maxBodySize)
        let id = try await cohorts.create(draft, context)
        return try .json(CohortDTO(try await cohorts.cohort(id, context)), status: .created, headers: [.location: Routes.API.learningCohort(id)])
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        try .json(CohortDTO(try await cohorts.cohort(try context.requiredIdParameter(), context)))
    }

    @Sendable func addMember(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        _ = try context.require(.manageTraining)
        let draft = try await request.decodeJSON(CohortMemberDraft.self, limit: services.config.maxBodySize)
        let memberId = try await cohorts.addMember(cohortId: id, draft, context)
        return try await member(id, memberId, context, status: .created)
    }

    @Sendable func setSupervisor(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let memberId = try context.requiredUUIDParameter("memberId")
        _ = try context.require(.manageTraining)
        let draft = try await request.decodeJSON(SupervisorDraft.self, limit: services.config.maxBodySize)
        try await cohorts.updateMember(cohortId: id, memberId: memberId, supervisor: draft, context)
        return try await member(id, memberId, context, status: .ok)
    }

    struct ProgressInput: Decodable {
        var status: String?
    }

    @Sendable func setProgress(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let memberId = try context.requiredUUIDParameter("memberId")
        let stageId = try context.requiredUUIDParameter("stageId")
        _ = try context.require(.manageTraining)
        let input = try await request.decodeJSON(ProgressInput.self, limit: services.config.maxBodySize)
        try await cohorts.updateMember(cohortId: id, memberId: memberId, progress: [(stageId, input.status)], context)
        return try await member(id, memberId, context, status: .ok)
    }

    func member(_ cohortId: UUID, _ memberId: UUID, _ context: AppContext, status: HTTPResponse.Status) async throws -> Response {
        let cohort = try await cohorts.cohort(cohortId, context)
        guard let member = cohort.members.first(where: { $0.id == memberId }) else { throw AppError.notFound }
        return try .json(CohortMemberDTO(member, stages: cohort.stages), status: status)
    }
}
