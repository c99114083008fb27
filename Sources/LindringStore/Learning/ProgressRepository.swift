import Foundation
import LindringCore
import SQLKit

/// A reflection as kept: every one written, never overwritten.
public struct Reflection: Equatable, Sendable {
    public var clientId: UUID
    public var section: Int
    public var question: Int
    public var text: String
    public var writtenAt: Date
}

/// Learners' progress in modules, and the completions it earns.
public enum ProgressRepository {
    /// Stores a change unless its client id is already stored, and records the module's and
    /// the offer's completion when this change completes them. Answers whether it was new.
    public static func apply(
        _ change: ProgressChange, userId: UUID, module: LearningModule, now: Date = Date(), on tx: WriteTransaction
    )
        async throws -> Bool
    {
        let known = try await tx.sql.raw(
            """
            SELECT client_id FROM learning_progress WHERE client_id = \(bind: change.clientId)
            UNION ALL SELECT client_id FROM learning_reflections WHERE client_id = \(bind: change.clientId)
            """
        ).first()
        guard known == nil else { return false }
        switch change.kind {
        case .reflection:
            try await tx.sql.insert(into: "learning_reflections")
                .columns("client_id", "user_id", "module_id", "section", "question", "text", "written_at", "received_at")
                .values(
                    SQLBind(change.clientId), SQLBind(userId), SQLBind(change.moduleId), SQLBind(change.section ?? 0), SQLBind(change.question ?? 0),
                    SQLBind(change.text ?? ""), SQLBind(change.at), SQLBind(now)
                ).ignoringConflicts(with: ["client_id"]).run()
            return true
        case .sectionRead, .checkAnswers:
            let score = change.answers.map { module.content.score($0) }
            try await tx.sql.insert(into: "learning_progress")
                .columns("client_id", "user_id", "module_id", "kind", "section", "answers", "right_answers", "passed", "at", "received_at")
                .values(
                    SQLBind(change.clientId), SQLBind(userId), SQLBind(change.moduleId), SQLBind(change.kind.rawValue), SQLBind(change.section),
                    SQLBind(try change.answers.map(JSONColumn.encode)), SQLBind(score?.right), SQLBind(score?.passed), SQLBind(change.at),
                    SQLBind(now)
                ).ignoringConflicts(with: ["client_id"]).run()
        }
        // Completed when it reached the server: a device's clock may be anything.
        if try await progress(userId: userId, moduleId: module.id, on: tx).isComplete(module.content) {
            try await complete(userId: userId, module: module, at: now, on: tx)
        }
        return true
    }

    /// Records the module's completion, and the offer's when every one of its modules is complete.
    static func complete(userId: UUID, module: LearningModule, at: Date, on tx: WriteTransaction) async throws {
        try await tx.sql.raw(
            """
            INSERT INTO learning_module_completions (user_id, module_id, completed_at) VALUES (\(bind: userId), \(bind: module.id), \(bind: at))
            ON CONFLICT (user_id, module_id) DO NOTHING
            """
        ).run()
        let open =
            try await tx.sql.raw(
                """
                SELECT COUNT(*) AS n FROM learning_modules m WHERE m.offer_id = \(bind: module.offerId) AND NOT EXISTS
                (SELECT 1 FROM learning_module_completions c WHERE c.module_id = m.id AND c.user_id = \(bind: userId))
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 1
        if open == 0 { try await completeOffer(userId: userId, offerId: module.offerId, at: at, source: "modules", on: tx) }
    }

    /// Records that `userId` completed the offer (its modules, attendance, or an import) and
    /// issues the certificate it earns; the first completion stands.
    public static func completeOffer(userId: UUID, offerId: UUID, at: Date, source: String, on tx: WriteTransaction) async throws {
        let recorded = try await tx.sql.raw(
            """
            INSERT INTO learning_offer_completions (user_id, offer_id, completed_at, source)
            VALUES (\(bind: userId), \(bind: offerId), \(bind: at), \(bind: source)) ON CONFLICT (user_id, offer_id) DO NOTHING
            RETURNING user_id
            """
        ).first()
        if recorded != nil { try await CertificateRepository.issue(userId: userId, offerId: offerId, at: at, on: tx) }
    }

    /// Takes back a completion earned by attending (attendance marked by mistake), with its
    /// certificate, unless the person attended another session of the offer.
    public static func withdrawAttendanceCompletion(userId: UUID, offerId: UUID, on tx: WriteTransaction) async throws {
        let attendedElsewhere = try await tx.sql.raw(
            """
            SELECT 1 AS found FROM learning_registrations r JOIN learning_sessions s ON s.id = r.session_id
            WHERE r.user_id = \(bind: userId) AND s.offer_id = \(bind: offerId) AND r.attended_at IS NOT NULL AND r.status = 'registered'
            """
        ).first()
        guard attendedElsewhere == nil else { return }
        let withdrawn = try await tx.sql.raw(
            """
            DELETE FROM learning_offer_completions WHERE user_id = \(bind: userId) AND offer_id = \(bind: offerId) AND source = 'attendance'
            RETURNING user_id
            """
        ).first()
        if withdrawn != nil { try await CertificateRepository.withdraw(userId: userId, offerId: offerId, on: tx) }
    }

    /// A check's result as stored under its client id; nil for other changes.
    public static func storedScore(clientId: UUID, on db: any DatabaseReading) async throws -> (right: Int, passed: Bool)? {
        guard
            let row = try await db.sql.raw(
                "SELECT right_answers, passed FROM learning_progress WHERE client_id = \(bind: clientId) AND right_answers IS NOT NULL"
            ).first()
        else { return nil }
        return (try row.decode(column: "right_answers", as: Int.self), try row.decode(column: "passed", as: Bool.self))
    }

    public static func progress(userId: UUID, moduleId: UUID, on db: any DatabaseReading) async throws -> ModuleProgress {
        let rows = try await db.sql.raw(
            """
            SELECT kind, section, right_answers, passed FROM learning_progress
            WHERE user_id = \(bind: userId) AND module_id = \(bind: moduleId)
            """
        ).all()
        var progress = ModuleProgress()
        for row in rows {
            if let section = try row.decode(column: "section", as: Int?.self) { progress.sectionsRead.insert(section) }
            if let right = try row.decode(column: "right_answers", as: Int?.self) { progress.bestRight = max(progress.bestRight ?? 0, right) }
            if try row.decode(column: "passed", as: Bool?.self) == true { progress.passed = true }
        }
        return progress
    }

    /// The learner's reflections in the module, newest first.
    public static func reflections(userId: UUID, moduleId: UUID, on db: any DatabaseReading) async throws -> [Reflection] {
        try await db.sql.raw(
            """
            SELECT client_id, section, question, text, written_at FROM learning_reflections
            WHERE user_id = \(bind: userId) AND module_id = \(bind: moduleId) ORDER BY written_at DESC
            """
        ).all().map { row in
            Reflection(
                clientId: try row.decode(column: "client_id", as: UUID.self), section: try row.decode(column: "section", as: Int.self),
                question: try row.decode(column: "question", as: Int.self), text: try row.decode(column: "text", as: String.self),
                writtenAt: try row.decode(column: "written_at", as: Date.self))
        }
    }

    /// The modules of `offerId` the learner has completed.
    public static func completedModules(userId: UUID, offerId: UUID, on db: any DatabaseReading) async throws -> Set<UUID> {
        Set(
            try await db.sql.raw(
                """
                SELECT c.module_id FROM learning_module_completions c JOIN learning_modules m ON m.id = c.module_id
                WHERE c.user_id = \(bind: userId) AND m.offer_id = \(bind: offerId)
                """
            ).all().map { try $0.decode(column: "module_id", as: UUID.self) })
    }
}
