import Foundation
import LindringCore
import SQLKit

/// A completion of an offer (its modules, attendance, an import), with the certificate it earned.
public struct OfferCompletion: Equatable, Sendable {
    public var offerId: UUID
    public var offerTitle: String
    public var levels: [CompetenceLevel]
    public var completedAt: Date
    public var source: String
    public var certificateId: UUID?
    public var certificateCode: String?
    public var lastValidDay: LocalDate?
}

/// A module completed: its check passed and every section read.
public struct ModuleCompletion: Equatable, Sendable {
    public var moduleId: UUID
    public var offerId: UUID
    public var completedAt: Date
}

/// What a person has completed: completion, not enrolment, is what counts.
public enum CompletionRepository {
    public static func offers(userId: UUID, on db: any DatabaseReading) async throws -> [OfferCompletion] {
        try await db.sql.raw(
            """
            SELECT c.offer_id, c.completed_at, c.source, o.title, o.levels, o.competencies, k.id AS certificate_id, k.code, k.last_valid_day
            FROM learning_offer_completions c JOIN learning_offers o ON o.id = c.offer_id
            LEFT JOIN learning_certificates k ON k.user_id = c.user_id AND k.offer_id = c.offer_id
            WHERE c.user_id = \(bind: userId) ORDER BY c.completed_at DESC
            """
        ).all().map { row in
            OfferCompletion(
                offerId: try row.decode(column: "offer_id", as: UUID.self), offerTitle: try row.decode(column: "title", as: String.self),
                levels: try OfferRepository.lists(row).levels, completedAt: try row.decode(column: "completed_at", as: Date.self),
                source: try row.decode(column: "source", as: String.self), certificateId: try row.decode(column: "certificate_id", as: UUID?.self),
                certificateCode: try row.decode(column: "code", as: String?.self), lastValidDay: try row.decodeDate(column: "last_valid_day"))
        }
    }

    public static func modules(userId: UUID, on db: any DatabaseReading) async throws -> [ModuleCompletion] {
        try await db.sql.raw(
            """
            SELECT c.module_id, m.offer_id, c.completed_at FROM learning_module_completions c JOIN learning_modules m ON m.id = c.module_id
            WHERE c.user_id = \(bind: userId) ORDER BY c.completed_at
            """
        ).all().map { row in
            ModuleCompletion(
                moduleId: try row.decode(column: "module_id", as: UUID.self), offerId: try row.decode(column: "offer_id", as: UUID.self),
                completedAt: try row.decode(column: "completed_at", as: Date.self))
        }
    }
}
