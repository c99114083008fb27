import Foundation
import LindringCore
import SQLKit

/// A family's needs assessments, each kept as it was made.
public enum NeedsAssessmentRepository {
    public static func create(
        familyId: UUID, _ assessment: NeedsAssessment, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    )
        async throws
    {
        try await tx.sql.insert(into: "needs_assessments").columns("id", "family_id", "assessed_on", "content", "created_at", "created_by_name")
            .values(
                SQLBind(UUID()), SQLBind(familyId), SQLBind(assessment.assessedOn.description), SQLBind(try JSONColumn.encode(assessment)),
                SQLBind(AuditRecord.truncatedToMilliseconds(now)), SQLBind(author.name)
            ).run()
    }

    /// Oldest first, so the history reads as a change over time.
    public static func list(familyId: UUID, on db: any DatabaseReading) async throws -> [NeedsAssessment] {
        try await db.sql.raw(
            "SELECT content FROM needs_assessments WHERE family_id = \(bind: familyId) ORDER BY assessed_on, created_at"
        ).all().map { try $0.decodeJSON(NeedsAssessment.self, column: "content") }
    }
}
