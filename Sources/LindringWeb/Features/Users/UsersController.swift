import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// User administration: create, edit, reset password, deactivate. Administrators only.
struct UsersController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.users.routerPath, use: list)
        router.get(Routes.newUser.routerPath, use: new)
        router.post(Routes.newUser.routerPath, use: create)
        router.get(Routes.editUser.routerPath, use: edit)
        router.post(Routes.editUser.routerPath, use: update)
        router.post(Routes.resetPassword.routerPath, use: resetPassword)
        router.post(Routes.deactivateUser.routerPath, use: deactivate)
        router.post(Routes.activateUser.routerPath, use: activate)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUsers)
        let users = try await services.persistence.readEach { try await UserRepository.list(on: $0) }
        return .html(
            UserViews.list(
                PageContext(context, path: Routes.users()), users: users,
                notice: request.query["notice"]))
    }

    @Sendable func new(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUsers)
        return try await form(context, draft: UserDraft(), user: nil, errors: [])
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUsers)
        let sent = try await request.decode(as: UserForm.self, context: context)
        let draft = sent.draft
        let password = sent.password ?? ""
        do {
            let user = try await Accounts.create(draft, password: password, persistence: services.persistence, hasher: services.hasher) { user in
                context.auditRecord("user.create", as: .manageUsers, entityType: "user", entityId: user.id.uuidString)
            }
            return .redirect(to: Routes.editUser(user.id) + "?notice=created")
        } catch let failure as ValidationFailure {
            return try await form(context, draft: draft, user: nil, errors: failure.errors, status: .unprocessableContent)
        }
    }

    @Sendable func edit(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUsers)
        let user = try await find(context)
        return try await form(
            context, draft: Self.draft(from: user), user: user, errors: [],
            notice: request.query["notice"])
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let admin = try context.require(.manageUsers)
        let user = try await find(context)
        var draft = try await request.decode(as: UserForm.self, context: context).draft
        draft.username = user.username
        do {
            let valid = try draft.validated()
            // An administrator cannot remove their own administrator role and lock everyone out.
            if admin.id == user.id, !valid.roles.contains(.administrator) {
                throw ValidationFailure([FieldError("roles", .required)])
            }
            try await services.persistence.write { tx in
                _ = try await UserRepository.update(id: user.id, valid, on: tx)
                try await AuditLog.append(
                    context.auditRecord("user.update", as: .manageUsers, entityType: "user", entityId: user.id.uuidString), on: tx)
            }
            return .redirect(to: Routes.editUser(user.id) + "?notice=saved")
        } catch let failure as ValidationFailure {
            return try await form(context, draft: draft, user: user, errors: failure.errors, status: .unprocessableContent)
        }
    }

    @Sendable func resetPassword(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageUsers)
        let user = try await find(context)
        let password = try await request.decode(as: PasswordReset.self, context: context).newPassword ?? ""
        do {
            try PasswordPolicy.standard.check(password, username: user.username, field: "newPassword")
        } catch {
            return try await form(context, draft: Self.draft(from: user), user: user, errors: error.errors, status: .unprocessableContent)
        }
        let hash = try await services.hasher.hash(password)
        try await services.persistence.write { tx in
            try await UserRepository.setPassword(userId: user.id, hash: hash, on: tx)
            try await SessionRepository.deleteAll(userId: user.id, on: tx)
            try await ApiTokenRepository.revokeAll(userId: user.id, on: tx)
            try await AuditLog.append(
                context.auditRecord("user.resetPassword", as: .manageUsers, entityType: "user", entityId: user.id.uuidString), on: tx)
        }
        return .redirect(to: Routes.editUser(user.id) + "?notice=passwordReset")
    }

    @Sendable func deactivate(_ request: Request, context: AppContext) async throws -> Response {
        try await setActive(false, context)
    }

    @Sendable func activate(_ request: Request, context: AppContext) async throws -> Response {
        try await setActive(true, context)
    }

    func setActive(_ active: Bool, _ context: AppContext) async throws -> Response {
        let admin = try context.require(.manageUsers)
        let user = try await find(context)
        guard active || admin.id != user.id else { throw AppError.badRequest("You cannot deactivate your own account.") }
        try await services.persistence.write { tx in
            try await UserRepository.setActive(userId: user.id, active, on: tx)
            if !active {
                try await SessionRepository.deleteAll(userId: user.id, on: tx)
                try await ApiTokenRepository.revokeAll(userId: user.id, on: tx)
            }
            try await AuditLog.append(
                context.auditRecord(
                    active ? "user.activate" : "user.deactivate", as: .manageUsers,
                    entityType: "user", entityId: user.id.uuidString), on: tx)
        }
        return .redirect(to: Routes.editUser(user.id) + "?notice=" + (active ? "activated" : "deactivated"))
    }

    func find(_ context: AppContext) async throws -> User {
        guard let id = context.idParameter else { throw AppError.notFound }
        return try await services.existing { try await UserRepository.find(id: id, on: $0) }
    }

    func form(
        _ context: AppContext, draft: UserDraft, user: User?, errors: [FieldError], status: HTTPResponse.Status = .ok,
        notice: String? = nil
    ) async throws -> Response {
        let units = try await services.units(includeInactive: false)
        let path = user.map { Routes.editUser($0.id) } ?? Routes.newUser()
        return .html(
            UserViews.form(PageContext(context, path: path), draft: draft, user: user, units: units, errors: errors, notice: notice),
            status: status)
    }

    static func draft(from user: User) -> UserDraft {
        UserDraft(
            username: user.username, name: user.name, profession: user.profession.rawValue, unitCode: user.unitCode,
            roles: user.roles.map(\.rawValue), employeeNumber: user.employeeNumber)
    }
}

/// The user form as sent (`roles[]`, one a ticked box); the password only when creating.
struct UserForm: Decodable {
    var username: String?
    var name: String?
    var profession: String?
    var unitCode: String?
    var roles: [String]?
    var password: String?
    var employeeNumber: String?

    var draft: UserDraft {
        UserDraft(
            username: username ?? "", name: name ?? "", profession: profession ?? "", unitCode: unitCode, roles: roles ?? [],
            employeeNumber: employeeNumber)
    }
}

/// An administrator's password reset.
struct PasswordReset: Decodable {
    var newPassword: String?
}
