import FluentKit
import LindringCore
import SQLKit

/// Sign-in without a lockout and without a row per visit to the login page: login throttles
/// count attempts in flight per account (`in_flight`, lapsing at `in_flight_until`) and are
/// keyed by hashes of (account, address) from now on, so the old rows (some of whose ids were
/// passwords typed into the username field) go; and the deployment's secret that signs the
/// login form's CSRF token (`login_form_secret`, one row, made here so every process shares it).
struct M0026_HardenSignIn: AsyncMigration {
    var name: String { "M0026_HardenSignIn" }

    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite alters a table one column per statement.
        try await database.schema("login_throttles").field("in_flight", .int, .required, .sql(.default(0))).update()
        try await database.schema("login_throttles").field("in_flight_until", .datetime).update()
        try await database.sql.delete(from: "login_throttles").run()
        try await database.schema(LoginFormSecret.table)
            .field("id", .int, .identifier(auto: false))
            .field("secret", .string, .required)
            .create()
        try await database.sql.insert(into: LoginFormSecret.table).columns("id", "secret")
            .values(SQLBind(1), SQLBind(RandomToken.make())).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginFormSecret.table).delete()
        try await database.schema("login_throttles").deleteField("in_flight_until").update()
        try await database.schema("login_throttles").deleteField("in_flight").update()
    }
}
