import FluentKit
import Foundation
import LindringCore
import SQLKit

/// What puts a unit's patients on top of its worklist (`WorklistSignals`), read from the unit's
/// own indexes: its open follow-ups, its inbox (plan changes since `changeWindow`), and the red
/// screenings since `redScreeningWindow` of the patients it registered or is on the care team of.
/// Which of these patients the reader may see is the caller's to decide, with the access policy.
public enum WorklistRepository {
    public static func signals(unitId: UUID, userId: UUID, now: Date = Date(), on db: any DatabaseReading) async throws -> [UUID: WorklistSignals] {
        let sql = db.sql
        var signals: [UUID: WorklistSignals] = [:]
        for row in try await sql.raw(
            """
            SELECT patient_id, count(*) AS n, min(due_at) AS next_due FROM follow_ups
            WHERE unit_id = \(bind: unitId) AND status = \(bind: FollowUpStatus.open.rawValue) AND patient_id IS NOT NULL GROUP BY patient_id
            """
        ).all() {
            let id = try row.decode(column: "patient_id", as: UUID.self)
            signals[id, default: WorklistSignals()].openFollowUps = try row.decode(column: "n", as: Int.self)
            signals[id, default: WorklistSignals()].nextFollowUpDue = try row.decode(column: "next_due", as: Date.self)
        }
        let redSince = now.addingTimeInterval(-WorklistSignals.redScreeningWindow)
        for row in try await sql.raw(
            """
            SELECT a.patient_id, a.instrument, a.taken_at FROM (
                SELECT id AS patient_id FROM patients WHERE registering_unit_id = \(bind: unitId)
                UNION SELECT patient_id FROM plan_care_team WHERE unit_id = \(bind: unitId)) m
            JOIN assessments a ON a.patient_id = m.patient_id AND a.taken_at >= \(bind: redSince)
            WHERE a.traffic_light = \(bind: TrafficLight.red.rawValue)
            """
        ).all() {
            let id = try row.decode(column: "patient_id", as: UUID.self)
            let red = WorklistSignals.RedScreening(
                instrument: try row.decodeEnum(column: "instrument"), takenAt: try row.decode(column: "taken_at", as: Date.self))
            if signals[id]?.redScreening.map({ $0.takenAt < red.takenAt }) ?? true { signals[id, default: WorklistSignals()].redScreening = red }
        }
        let changesSince = now.addingTimeInterval(-WorklistSignals.changeWindow)
        for row in try await sql.raw(
            """
            SELECT i.patient_id, i.plan_version, i.created_at, i.changes, r.read_at FROM inbox_items i
            LEFT JOIN inbox_reads r ON r.item_id = i.id AND r.user_id = \(bind: userId)
            WHERE i.unit_id = \(bind: unitId) AND i.created_at >= \(bind: changesSince) AND i.assessment_id IS NULL
            """
        ).all() {
            let id = try row.decode(column: "patient_id", as: UUID.self)
            let at = try row.decode(column: "created_at", as: Date.self)
            let topics = try row.decodeJSON([PlanChange].self, column: "changes").criticalNews(
                planVersion: try row.decode(column: "plan_version", as: Int.self))
            let unread = try row.decodeNil(column: "read_at")
            var change = signals[id]?.change ?? WorklistSignals.Change(at: at, criticalTopics: [], unread: false)
            change.at = max(change.at, at)
            change.criticalTopics = (change.criticalTopics + topics).distinctInOrder
            change.unread = change.unread || unread
            signals[id, default: WorklistSignals()].change = change
        }
        return signals
    }
}
