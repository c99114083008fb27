import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// Attendance on the day and the participants' evaluations.
struct AttendanceController {
    let services: AppServices
    var attendance: AttendanceService { AttendanceService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.learningAttendance.routerPath, use: list)
        router.post(Routes.learningAttendance.routerPath, use: take)
        router.post(Routes.learningEvaluation.routerPath, use: evaluate)
    }

    struct AttendanceInput: Decodable {
        var present: [String]?
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try await listPage(try context.requiredIdParameter(), context, errors: [], notice: request.query["notice"])
    }

    func listPage(
        _ id: UUID, _ context: AppContext, errors: [FieldError], notice: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (session, registrations) = try await attendance.list(id, context)
        return .html(
            AttendanceViews.page(
                PageContext(context, path: Routes.learningAttendance(id)), session, registrations: registrations.filter { $0.status != .cancelled },
                open: SessionTiming.mayTakeAttendance(startsAt: session.session.startsAt, now: Date()), errors: errors, notice: notice),
            status: status)
    }

    @Sendable func take(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: AttendanceInput.self, context: context)
        do {
            _ = try await attendance.take(id, present: (form.present ?? []).filter { !$0.isEmpty }, context)
        } catch AppError.validation(let errors) {
            return try await listPage(id, context, errors: errors, notice: nil, status: .unprocessableContent)
        }
        return .redirect(to: Routes.learningAttendance(id) + "?notice=attendanceSaved")
    }

    @Sendable func evaluate(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let draft = try await request.decode(as: EvaluationDraft.self, context: context)
        let controller = LearningController(services: services)
        do {
            try await attendance.evaluate(id, draft, context)
        } catch let failure as ValidationFailure {
            return try await controller.sessionPage(
                id, context, typed: RegistrationInput(), errors: failure.errors, notice: nil, evaluation: draft, status: .unprocessableContent)
        }
        return .redirect(to: Routes.learningSession(id) + "?notice=evaluated#evaluation")
    }
}
