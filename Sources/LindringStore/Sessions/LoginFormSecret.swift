import FluentKit
import SQLKit

/// The deployment's secret for signing the login form's CSRF token (`LoginFormSigner`): one
/// random value made by migration M0026, read once at start-up by every process.
public enum LoginFormSecret {
    static let table = "login_form_secret"

    public static func load(on db: any DatabaseReading) async throws -> String {
        guard let row = try await db.sql.select().column("secret").from(table).where("id", .equal, SQLBind(1)).first() else {
            throw Missing()
        }
        return try row.decode(column: "secret", as: String.self)
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "the login form's secret is missing (table login_form_secret); run the migrations" }
    }
}
