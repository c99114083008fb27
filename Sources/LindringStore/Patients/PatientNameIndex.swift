import Foundation
import SQLKit

/// Narrows a search by name with the trigram index (M0021) when that pays. A rare name is
/// found in the index in well under a millisecond, where walking the name-ordered B-tree
/// meant reading every entry; a common one ("holm": 8,000 patients) is better served by that
/// walk, which stops at the first page of patients the requester may see, than by fetching
/// thousands of candidates and sorting them. So the index is asked first how many candidates
/// there are, stopping at `enough`.
enum PatientNameIndex {
    /// Beyond this many candidates the name-ordered walk is cheaper (measured on the region's data).
    static let enough = 1_000

    /// Name parts found to have more than `enough` candidates: asked again, they go straight to
    /// the walk, sparing the count (about a millisecond at region scale, for most searches). Only
    /// the plan depends on it, never the answer, so a remembered part that has since become rare
    /// costs time but not correctness; it is forgotten after ten minutes.
    static let common = CommonNameParts(capacity: 10_000, rememberFor: 600)

    /// A condition limiting patients to the index's candidates, or nil when the walk is the
    /// better plan (many candidates, terms too short for trigrams, or no index: PostgreSQL).
    static func candidates(for terms: [String], on sql: any SQLDatabase) async throws -> (any SQLExpression)? {
        guard sql.dialect.name == "sqlite" else { return nil }
        // A trigram index cannot help with a term of fewer than three letters; the others still narrow.
        let long = terms.filter { $0.count >= 3 }
        guard !long.isEmpty else { return nil }
        let key = long.joined(separator: " ")
        if common.contains(key) { return nil }
        let matching = SQLQueryString("SELECT patient_id FROM patient_names WHERE ")
            + long.map { SQLQueryString("name_folded LIKE \(bind: "%" + PatientRepository.escapeLike($0) + "%")") }.joined(separator: " AND ")
        let count = try await sql.raw(SQLQueryString("SELECT count(*) AS n FROM (") + matching + SQLQueryString(" LIMIT \(literal: enough + 1))"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        guard count <= enough else {
            common.insert(key)
            return nil
        }
        return SQLQueryString("patients.id IN (") + matching + SQLQueryString(")")
    }
}

/// A bounded, expiring set of name parts (`PatientNameIndex.common`).
final class CommonNameParts: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String: Date] = [:]
    private let capacity: Int
    private let rememberFor: TimeInterval

    init(capacity: Int, rememberFor: TimeInterval) {
        self.capacity = capacity
        self.rememberFor = rememberFor
    }

    func contains(_ key: String, now: Date = Date()) -> Bool {
        lock.withLock { seen[key].map { now.timeIntervalSince($0) < rememberFor } ?? false }
    }

    func insert(_ key: String, now: Date = Date()) {
        lock.withLock {
            if seen.count >= capacity { seen.removeAll(keepingCapacity: true) }
            seen[key] = now
        }
    }
}
