import FluentKit
import Foundation
import LindringCore
import SQLKit

/// Who was screened with SPICT-DK in a period, how many were found to have palliative needs,
/// and how many of those have a shared plan: per screening unit, per hospital or per the
/// patients' municipality, cancer and non-cancer apart, so unequal access shows.
public enum EarlyIdentificationOverview {
    public enum Grouping: String, CaseIterable, Sendable {
        /// The unit that screened.
        case department
        /// The hospital the screening unit belongs to (a unit without one stands for itself).
        case hospital
        /// The municipality the patient lives in.
        case municipality
        /// The whole region: one row, each patient counted once however many units screened them.
        case region
    }

    public struct Counts: Equatable, Sendable {
        public var screened = 0
        public var positive = 0
        public var withPlan = 0

        public init(screened: Int = 0, positive: Int = 0, withPlan: Int = 0) {
            self.screened = screened
            self.positive = positive
            self.withPlan = withPlan
        }
    }

    public struct Row: Equatable, Sendable {
        /// A unit id for department and hospital, a municipality code for municipality; nil
        /// when unknown (screened by a user without a unit, or a patient without a municipality).
        public var key: String?
        public var cancer: Counts
        public var nonCancer: Counts

        public init(key: String?, cancer: Counts = Counts(), nonCancer: Counts = Counts()) {
            self.key = key
            self.cancer = cancer
            self.nonCancer = nonCancer
        }
    }

    /// Distinct patients per group; a patient counts as positive when any checklist in the
    /// period concluded palliative needs.
    public static func rows(from: Date, to: Date, by grouping: Grouping, on db: any DatabaseReading) async throws -> [Row] {
        let key: SQLQueryString =
            switch grouping {
            case .department: "s.unit_id"
            case .hospital: "COALESCE(u.parent_id, u.id)"
            case .municipality: "p.municipality_code"
            case .region: "'region'"
            }
        // PostgreSQL refuses a constant in GROUP BY, so the region row groups by cancer alone.
        let query: SQLQueryString = """
            SELECT \(key) AS group_key, s.cancer AS cancer, COUNT(DISTINCT s.patient_id) AS screened,
                   COUNT(DISTINCT CASE WHEN s.positive THEN s.patient_id END) AS positive,
                   COUNT(DISTINCT CASE WHEN s.positive AND EXISTS (SELECT 1 FROM plans pl WHERE pl.patient_id = s.patient_id)
                                       THEN s.patient_id END) AS with_plan
            FROM spict_checklists s
            JOIN patients p ON p.id = s.patient_id
            LEFT JOIN units u ON u.id = s.unit_id
            WHERE s.assessed_at >= \(bind: from) AND s.assessed_at < \(bind: to)
            GROUP BY \(grouping == .region ? "" : key + ", ")s.cancer
            """
        var byKey: [String?: Row] = [:]
        var order: [String?] = []
        for row in try await db.sql.raw(query).all() {
            let key: String? =
                grouping == .municipality || grouping == .region
                ? try row.decode(column: "group_key", as: String?.self) : try row.decode(column: "group_key", as: UUID?.self)?.uuidString
            let counts = Counts(
                screened: try row.decode(column: "screened", as: Int.self), positive: try row.decode(column: "positive", as: Int.self),
                withPlan: try row.decode(column: "with_plan", as: Int.self))
            if byKey[key] == nil {
                byKey[key] = Row(key: key, cancer: Counts(), nonCancer: Counts())
                order.append(key)
            }
            if try row.decode(column: "cancer", as: Bool.self) { byKey[key]!.cancer = counts } else { byKey[key]!.nonCancer = counts }
        }
        return order.compactMap { byKey[$0] }
    }
}
