import FluentKit

/// Failed-login counters per account and per client address. In the database, not in
/// memory, so that every `lindring serve` process behind a load balancer sees them.
struct M0004_CreateLoginThrottles: AsyncMigration {
    var name: String { "M0004_CreateLoginThrottles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("login_throttles")
            .field("id", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .field("locked_until", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_throttles").delete()
    }
}
