import Foundation
import LindringCore
import SQLKit

public enum UserRepository {
    /// A user's columns, with the unit's code and name, from `users u` and `unitJoin`: one
    /// statement decoded by hand (`user(_:)`), because every signed-in request asks (through
    /// Fluent it was two queries, each decoded by reflection).
    static let columns =
        "u.id, u.username, u.name, u.profession, u.unit_id, u.roles, u.language, u.active, u.employee_number, n.code AS unit_code, n.name AS unit_name"
    static let unitJoin = "LEFT JOIN units n ON n.id = u.unit_id"

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> User? {
        try await db.sql.raw("SELECT \(unsafeRaw: columns) FROM users u \(unsafeRaw: unitJoin) WHERE u.id = \(bind: id)")
            .first().map(user)
    }

    /// A row of `columns`.
    static func user(_ row: any SQLRow) throws -> User {
        let unitId = try row.decodeNil(column: "unit_id") ? nil : try row.decode(column: "unit_id", as: UUID.self)
        return User(
            id: try row.decode(column: "id", as: UUID.self), username: try row.decode(column: "username", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            profession: Profession(rawValue: try row.decode(column: "profession", as: String.self)) ?? .other,
            unitId: unitId, unitCode: try row.decode(column: "unit_code", as: String?.self),
            unitName: try row.decode(column: "unit_name", as: String?.self),
            roles: roles(try row.decode(column: "roles", as: String.self)),
            language: try row.decode(column: "language", as: String.self), active: try row.decode(column: "active", as: Bool.self),
            employeeNumber: try row.decode(column: "employee_number", as: String?.self))
    }

    public static func find(username: String, on db: any DatabaseReading) async throws -> User? {
        try await db.sql.raw(
            "SELECT \(unsafeRaw: columns) FROM users u \(unsafeRaw: unitJoin) WHERE u.username = \(bind: Username.normalized(username))"
        )
        .first().map(user)
    }

    /// The stored Bcrypt hash, for checking a password at login.
    public static func credentials(username: String, on db: any DatabaseReading) async throws -> (user: User, passwordHash: String)? {
        guard
            let row = try await db.sql.raw(
                """
                SELECT \(unsafeRaw: columns), u.password_hash FROM users u \(unsafeRaw: unitJoin) WHERE u.username = \(bind: Username.normalized(username))
                """
            ).first()
        else { return nil }
        return (try user(row), try row.decode(column: "password_hash", as: String.self))
    }

    public static func passwordHash(userId: UUID, on db: any DatabaseReading) async throws -> String? {
        try await db.sql.select().column("password_hash").from("users").where("id", .equal, SQLBind(userId)).first()?
            .decode(column: "password_hash", as: String.self)
    }

    public static func list(on db: any DatabaseReading) async throws -> [User] {
        try await db.sql.raw("SELECT \(unsafeRaw: columns) FROM users u \(unsafeRaw: unitJoin) ORDER BY u.name").all().map(user)
    }

    /// A unit's active users, by name (a family case's key worker is one of its team's).
    public static func list(unitId: UUID, on db: any DatabaseReading) async throws -> [User] {
        try await db.sql.raw(
            "SELECT \(unsafeRaw: columns) FROM users u \(unsafeRaw: unitJoin) WHERE u.unit_id = \(bind: unitId) AND u.active = \(bind: true) ORDER BY u.name"
        ).all().map(user)
    }

    public static func count(on db: any DatabaseReading) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Creates the account. Throws `ValidationFailure` when the username is taken or the
    /// unit is unknown.
    public static func create(_ valid: ValidUser, passwordHash: String, language: String = "da", on db: WriteTransaction) async throws -> User {
        var v = Validator()
        if try await find(username: valid.username, on: db) != nil { v.add("username", .alreadyTaken) }
        try await checkEmployeeNumber(valid.employeeNumber, of: nil, &v, on: db)
        let unit = try await unit(for: valid.unitCode, &v, on: db)
        try v.check()
        let id = UUID()
        var batch = RowBatch()
        addRow(id: id, valid, unitId: unit?.id, passwordHash: passwordHash, language: language, now: Date(), to: &batch)
        try await batch.write(on: db)
        return User(
            id: id, username: valid.username, name: valid.name, profession: valid.profession, unitId: unit?.id,
            unitCode: unit?.code, unitName: unit?.name, roles: roles(storedRoles(valid)), language: language, active: true,
            employeeNumber: valid.employeeNumber)
    }

    /// Many users in one multi-row insert (bulk loads), with unit ids already looked up and no
    /// check for taken usernames (the unique index still refuses one).
    public static func createMany(
        _ users: [(user: ValidUser, unitId: UUID?)], passwordHash: String, now: Date = Date(), on db: WriteTransaction
    ) async throws {
        var batch = RowBatch()
        for (user, unitId) in users {
            addRow(id: UUID(), user, unitId: unitId, passwordHash: passwordHash, language: "da", now: now, to: &batch)
        }
        try await batch.write(on: db)
    }

    static let insertColumns = [
        "id", "username", "name", "profession", "unit_id", "roles", "password_hash", "language", "active",
        "password_changed_at", "created_at", "updated_at", "employee_number",
    ]

    static func addRow(id: UUID, _ valid: ValidUser, unitId: UUID?, passwordHash: String, language: String, now: Date, to batch: inout RowBatch) {
        batch.add(
            "users", insertColumns,
            [
                SQLBind(id), SQLBind(valid.username), SQLBind(valid.name), SQLBind(valid.profession.rawValue), SQLBind(unitId),
                SQLBind(storedRoles(valid)), SQLBind(passwordHash), SQLBind(language), SQLBind(true), SQLBind(now), SQLBind(now), SQLBind(now),
                SQLBind(valid.employeeNumber),
            ])
    }

    /// Roles are stored as one comma-separated column.
    static func storedRoles(_ valid: ValidUser) -> String {
        valid.roles.map(\.rawValue).joined(separator: ",")
    }

    /// Changes name, profession, unit and roles; the username stays (it is in the audit log).
    public static func update(id: UUID, _ valid: ValidUser, on db: WriteTransaction) async throws -> User? {
        guard try await exists(id, on: db) else { return nil }
        var v = Validator()
        let unit = try await unit(for: valid.unitCode, &v, on: db)
        try await checkEmployeeNumber(valid.employeeNumber, of: id, &v, on: db)
        try v.check()
        try await db.sql.update("users").set("name", to: SQLBind(valid.name)).set("profession", to: SQLBind(valid.profession.rawValue))
            .set("unit_id", to: SQLBind(unit?.id)).set("roles", to: SQLBind(storedRoles(valid))).set("updated_at", to: SQLBind(Date()))
            .set("employee_number", to: SQLBind(valid.employeeNumber))
            .where("id", .equal, SQLBind(id)).run()
        return try await find(id: id, on: db)
    }

    /// One employee number, one user: another's is named `employeeNumber` alreadyTaken.
    static func checkEmployeeNumber(_ number: String?, of userId: UUID?, _ v: inout Validator, on db: any DatabaseReading) async throws {
        guard let number,
            let holder = try await db.sql.raw("SELECT id FROM users WHERE employee_number = \(bind: number)").first()?.decode(
                column: "id", as: UUID.self)
        else { return }
        if holder != userId { v.add("employeeNumber", .alreadyTaken) }
    }

    public static func setPassword(userId: UUID, hash: String, on db: WriteTransaction) async throws {
        let now = Date()
        try await db.sql.update("users").set("password_hash", to: SQLBind(hash)).set("password_changed_at", to: SQLBind(now))
            .set("updated_at", to: SQLBind(now)).where("id", .equal, SQLBind(userId)).run()
    }

    public static func setActive(userId: UUID, _ active: Bool, on db: WriteTransaction) async throws {
        try await db.sql.update("users").set("active", to: SQLBind(active)).set("updated_at", to: SQLBind(Date()))
            .where("id", .equal, SQLBind(userId)).run()
    }

    public static func setLanguage(userId: UUID, _ language: String, on db: WriteTransaction) async throws {
        try await db.sql.update("users").set("language", to: SQLBind(language)).set("updated_at", to: SQLBind(Date()))
            .where("id", .equal, SQLBind(userId)).run()
    }

    static func exists(_ id: UUID, on db: any DatabaseReading) async throws -> Bool {
        try await db.sql.select().column("id").from("users").where("id", .equal, SQLBind(id)).first() != nil
    }

    /// The unit a user is placed in, by its code; an unknown code is a field error.
    static func unit(for code: String?, _ v: inout Validator, on db: any DatabaseReading) async throws -> (id: UUID, code: String, name: String)? {
        guard let code else { return nil }
        guard let row = try await db.sql.select().columns("id", "name").from("units").where("code", .equal, SQLBind(code)).first() else {
            v.add("unitCode", .notFound)
            return nil
        }
        return (try row.decode(column: "id", as: UUID.self), code, try row.decode(column: "name", as: String.self))
    }

    /// Roles are stored as one comma-separated column.
    static func roles(_ stored: String) -> [Role] {
        stored.split(separator: ",").compactMap { Role(rawValue: String($0)) }.sorted()
    }
}
