import FluentKit

/// The severity bands administrators set per instrument; an instrument without a row uses the
/// defaults in LindringCore.
struct M0017_CreateInstrumentThresholds: AsyncMigration {
    var name: String { "M0017_CreateInstrumentThresholds" }

    func prepare(on database: any Database) async throws {
        try await database.schema("instrument_thresholds")
            .id()
            .field("instrument", .string, .required)
            .field("bands", .string, .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "instrument")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("instrument_thresholds").delete()
    }
}
