import FluentKit
import Foundation
import LindringCore
import SQLKit

public enum UserRepository {
    /// A user's columns, with the unit's code and name, from `users u` and `unitJoin`: one
    /// statement decoded by hand (`user(_:)`), because every signed-in request asks (through
    /// Fluent it was two queries, each decoded by reflection).
    static let columns = "u.id, u.username, u.name, u.profession, u.unit_id, u.roles, u.language, u.active, n.code AS unit_code, n.name AS unit_name"
    static let unitJoin = "LEFT JOIN units n ON n.id = u.unit_id"

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> User? {
        try await db.sql.raw("SELECT \(unsafeRaw: columns) FROM users u \(unsafeRaw: unitJoin) WHERE u.id = \(bind: id)")
            .first().map(user)
    }

    /// A row of `columns`.
    static func user(_ row: any SQLRow) throws -> User {
        let unitId = try row.decodeNil(column: "unit_id") ? nil : try row.decode(column: "unit_id", as: UUID.self)
        return User(id: try row.decode(column: "id", as: UUID.self), username: try row.decode(column: "username", as: String.self),
                    name: try row.decode(column: "name", as: String.self),
                    profession: Profession(rawValue: try row.decode(column: "profession", as: String.self)) ?? .other,
                    unitId: unitId, unitCode: try row.decode(column: "unit_code", as: String?.self),
                    unitName: try row.decode(column: "unit_name", as: String?.self),
                    roles: roles(try row.decode(column: "roles", as: String.self)),
                    language: try row.decode(column: "language", as: String.self), active: try row.decode(column: "active", as: Bool.self))
    }

    public static func find(username: String, on db: any DatabaseReading) async throws -> User? {
        try await model(username: username, on: db).asyncMap { try await user($0, on: db) }
    }

    /// The stored Bcrypt hash, for checking a password at login.
    public static func credentials(username: String, on db: any DatabaseReading) async throws -> (user: User, passwordHash: String)? {
        guard let model = try await model(username: username, on: db) else { return nil }
        return (try await user(model, on: db), model.passwordHash)
    }

    public static func passwordHash(userId: UUID, on db: any DatabaseReading) async throws -> String? {
        try await UserModel.find(userId, on: db.fluent)?.passwordHash
    }

    public static func list(on db: any DatabaseReading) async throws -> [User] {
        let units = try await unitCodes(on: db)
        return try await UserModel.query(on: db.fluent).sort(\.$name).all().map { user($0, units: units) }
    }

    public static func count(on db: any DatabaseReading) async throws -> Int {
        try await UserModel.query(on: db.fluent).count()
    }

    /// Creates the account. Throws `ValidationFailure` when the username is taken or the
    /// unit is unknown.
    public static func create(_ valid: ValidUser, passwordHash: String, language: String = "da", on db: WriteTransaction) async throws -> User {
        var v = Validator()
        if try await model(username: valid.username, on: db) != nil { v.add("username", .alreadyTaken) }
        let unitID = try await unitID(for: valid.unitCode, &v, on: db)
        try v.check()
        let model = model(valid, unitId: unitID, passwordHash: passwordHash, language: language, now: Date())
        try await model.create(on: db.fluent)
        return try await user(model, on: db)
    }

    /// Many users in one multi-row insert (bulk loads), with unit ids already looked up and no
    /// check for taken usernames (the unique index still refuses one).
    public static func createMany(_ users: [(user: ValidUser, unitId: UUID?)], passwordHash: String, now: Date = Date(), on db: WriteTransaction) async throws {
        guard !users.isEmpty else { return }
        try await users.map { model($0.user, unitId: $0.unitId, passwordHash: passwordHash, language: "da", now: now) }.create(on: db.fluent)
    }

    static func model(_ valid: ValidUser, unitId: UUID?, passwordHash: String, language: String, now: Date) -> UserModel {
        let model = UserModel()
        model.id = UUID()
        model.username = valid.username
        model.name = valid.name
        model.profession = valid.profession.rawValue
        model.unitID = unitId
        model.roles = valid.roles.map(\.rawValue).joined(separator: ",")
        model.passwordHash = passwordHash
        model.language = language
        model.active = true
        model.passwordChangedAt = now
        model.createdAt = now
        model.updatedAt = now
        return model
    }

    /// Changes name, profession, unit and roles; the username stays (it is in the audit log).
    public static func update(id: UUID, _ valid: ValidUser, on db: WriteTransaction) async throws -> User? {
        guard let model = try await UserModel.find(id, on: db.fluent) else { return nil }
        var v = Validator()
        let unitID = try await unitID(for: valid.unitCode, &v, on: db)
        try v.check()
        model.name = valid.name
        model.profession = valid.profession.rawValue
        model.unitID = unitID
        model.roles = valid.roles.map(\.rawValue).joined(separator: ",")
        model.updatedAt = Date()
        try await model.save(on: db.fluent)
        return try await user(model, on: db)
    }

    public static func setPassword(userId: UUID, hash: String, on db: WriteTransaction) async throws {
        guard let model = try await UserModel.find(userId, on: db.fluent) else { return }
        model.passwordHash = hash
        model.passwordChangedAt = Date()
        model.updatedAt = Date()
        try await model.save(on: db.fluent)
    }

    public static func setActive(userId: UUID, _ active: Bool, on db: WriteTransaction) async throws {
        guard let model = try await UserModel.find(userId, on: db.fluent) else { return }
        model.active = active
        model.updatedAt = Date()
        try await model.save(on: db.fluent)
    }

    public static func setLanguage(userId: UUID, _ language: String, on db: WriteTransaction) async throws {
        guard let model = try await UserModel.find(userId, on: db.fluent) else { return }
        model.language = language
        model.updatedAt = Date()
        try await model.save(on: db.fluent)
    }

    static func model(username: String, on db: any DatabaseReading) async throws -> UserModel? {
        try await UserModel.query(on: db.fluent).filter(\.$username == Username.normalized(username)).first()
    }

    static func unitID(for code: String?, _ v: inout Validator, on db: any DatabaseReading) async throws -> UUID? {
        guard let code else { return nil }
        guard let unit = try await UnitModel.query(on: db.fluent).filter(\.$code == code).first() else {
            v.add("unitCode", .notFound)
            return nil
        }
        return unit.id
    }

    static func unitCodes(on db: any DatabaseReading) async throws -> [UUID: (code: String, name: String)] {
        var result: [UUID: (code: String, name: String)] = [:]
        for unit in try await UnitModel.query(on: db.fluent).all() {
            if let id = unit.id { result[id] = (unit.code, unit.name) }
        }
        return result
    }

    static func user(_ model: UserModel, on db: any DatabaseReading) async throws -> User {
        var units: [UUID: (code: String, name: String)] = [:]
        if let unitID = model.unitID, let unit = try await UnitModel.find(unitID, on: db.fluent) {
            units[unitID] = (unit.code, unit.name)
        }
        return user(model, units: units)
    }

    /// Roles are stored as one comma-separated column.
    static func roles(_ stored: String) -> [Role] {
        stored.split(separator: ",").compactMap { Role(rawValue: String($0)) }.sorted()
    }

    static func user(_ model: UserModel, units: [UUID: (code: String, name: String)]) -> User {
        let unit = model.unitID.flatMap { units[$0] }
        return User(
            id: model.id!, username: model.username, name: model.name,
            profession: Profession(rawValue: model.profession) ?? .other,
            unitId: model.unitID, unitCode: unit?.code, unitName: unit?.name,
            roles: roles(model.roles),
            language: model.language, active: model.active
        )
    }
}
