import FluentKit
import Foundation
import LindringCore
import SQLKit

/// An instrument's bands as set, and by whom.
public struct ConfiguredThresholds: Equatable, Sendable {
    public var thresholds: InstrumentThresholds
    /// Nil while the instrument still uses the defaults.
    public var updatedByName: String?
    public var updatedAt: Date?
}

public enum InstrumentThresholdRepository {
    public static func find(_ instrument: Instrument, on db: any DatabaseReading) async throws -> ConfiguredThresholds {
        let row = try await db.sql.select().columns("bands", "updated_by_name", "updated_at")
            .from("instrument_thresholds").where("instrument", .equal, SQLBind(instrument.rawValue)).first()
        guard let row else { return ConfiguredThresholds(thresholds: InstrumentThresholds()) }
        let bands = try row.decodeJSON([String: SeverityBands].self, column: "bands")
        return ConfiguredThresholds(
            thresholds: InstrumentThresholds(bands: bands), updatedByName: try row.decode(column: "updated_by_name", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    /// Replaces the instrument's bands. Runs inside `Persistence.write`, with its audit entry.
    public static func save(
        _ thresholds: InstrumentThresholds, for instrument: Instrument, by name: String, now: Date = Date(), on db: WriteTransaction
    ) async throws {
        let sql = db.sql
        try await sql.delete(from: "instrument_thresholds").where("instrument", .equal, SQLBind(instrument.rawValue)).run()
        try await sql.insert(into: "instrument_thresholds").columns("id", "instrument", "bands", "updated_by_name", "updated_at")
            .values(
                SQLBind(UUID()), SQLBind(instrument.rawValue), SQLBind(try JSONColumn.encode(thresholds.bands)), SQLBind(name),
                SQLBind(AuditRecord.truncatedToMilliseconds(now))
            )
            .run()
    }
}
