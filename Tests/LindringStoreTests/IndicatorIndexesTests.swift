import Foundation
import LindringCore
import LindringTestSupport
import SQLKit
import Testing

@testable import LindringStore

/// M0045's indexes are what keeps a year of the region's indicators under a second
/// (docs/performance.md): the calls' tally and the EORTC look-up must keep reading them.
@Suite struct IndicatorIndexesTests {
    @Test func theCallsTallyAndTheEORTCLookUpReadOnlyTheirIndexes() async throws {
        try await TestDatabase.withPersistence { persistence in
            // given: the migration taken back and applied again, as on an existing database (on one
            // connection: another of the pool may still hold its snapshot of the schema)
            try await persistence.database.withConnection { connection in
                try await M0045_AddIndicatorIndexes().revert(on: connection)
                try await M0045_AddIndicatorIndexes().prepare(on: connection)
            }
            let period = LocalDate("2025-12-01")!...LocalDate("2026-11-30")!
            // when
            let facts = try await persistence.read { tx in
                try await IndicatorRepository.facts(period: period, by: .municipality, group: { $0.municipalityCode ?? "" }, on: tx)
            }
            // then: the facts read on both databases, and SQLite's plans are the covering indexes
            #expect(facts.calls.isEmpty)
            guard persistence.sql.dialect.name == "sqlite" else { return }
            func plan(_ query: SQLQueryString) async throws -> String {
                try await persistence.sql.raw("EXPLAIN QUERY PLAN \(query)").all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
            }
            let calls = try await plan(IndicatorRepository.callsQuery(from: "2025-12-01", to: "2026-11-30", by: .hospital, dialect: "sqlite"))
            #expect(calls.contains("USING COVERING INDEX contacts_day_caller_patient_idx"), "\(calls)")
            #expect(calls.contains("USING COVERING INDEX patients_indicator_facets_idx"), "\(calls)")
            let eortc = try await plan(IndicatorRepository.eortcQuery(from: "2025-12-01", to: "2026-11-30"))
            #expect(eortc.contains("USING COVERING INDEX assessments_instrument_patient_idx"), "\(eortc)")
        }
    }
}
