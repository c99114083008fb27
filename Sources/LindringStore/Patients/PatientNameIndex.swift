import Foundation
import SQLKit

/// Narrows a search by name with the trigram index (M0021) when that pays. A rare name is
/// found in the index in well under a millisecond, where walking the name-ordered B-tree
/// meant reading every entry; a common one ("holm") is better served by that walk, which stops
/// at the first page of patients the requester may see, than by fetching its candidates one by
/// one and sorting them. So the index is asked first how many candidates
/// there are, stopping at `enough(among:)`.
///
/// Which is cheaper depends on the table's size, not on the count alone: to fill a page the
/// walk reads about `page × names / candidates` entries (fewer when the requester's unit has
/// fewer patients), while the index path reads each candidate's patient row and checks its
/// access, which costs as much as `candidateCost` entries of the walk. An absolute threshold,
/// tuned on the full region's data, sent the common name parts of a smaller table through the
/// index at many times the walk's cost (issue 19, docs/performance.md).
enum PatientNameIndex {
    /// What reading one candidate costs, in entries of the name-ordered walk, with the page cache
    /// cold as it is under load (each audit commit empties the readers' caches). Measured on the
    /// region's data at several scales (docs/performance.md).
    static let candidateCost = 50.0

    /// The page of the patient list the rule is worked out for. The API's and the advisory line's
    /// shorter pages use the same rule, so that a name part takes one path whatever the page.
    static let page = 50

    /// The most candidates ever read from the index, whatever the table's size: beyond them the
    /// count alone costs about what a walk does.
    static let enough = 1_000

    /// The most candidates for which the index path is the cheaper one among `names` names:
    /// reading `c` candidates beats the walk while `candidateCost × c² ≤ page × names`. A page's
    /// worth of candidates is always read from the index (a page is the least any plan reads), and
    /// never more than `enough`.
    static func enough(among names: Int) -> Int {
        min(enough, max(page, Int((Double(page) * Double(max(names, 0)) / candidateCost).squareRoot())))
    }

    /// Name parts found to have more than `enough(among:)` candidates: asked again, they go
    /// straight to the walk, sparing the count. Only the plan depends on it, never the answer, so
    /// a remembered part that has since become rare costs time but not correctness; it is
    /// forgotten after ten minutes.
    static let common = CommonNameParts(capacity: 10_000, rememberFor: 600)

    /// A condition limiting patients to the index's candidates, or nil when the walk is the
    /// better plan (many candidates for the table's size, terms too short for trigrams, or no
    /// index: PostgreSQL).
    static func candidates(for terms: [String], on sql: any SQLDatabase) async throws -> (any SQLExpression)? {
        guard sql.dialect.name == "sqlite" else { return nil }
        // A trigram index cannot help with a term of fewer than three letters; the others still narrow.
        let long = terms.filter { $0.count >= 3 }
        guard !long.isEmpty else { return nil }
        let key = long.joined(separator: " ")
        if common.contains(key) { return nil }
        // Names are only appended to the index (a rename updates its row in place), so its last
        // rowid is the number of names, give or take the rare removed patient: one B-tree descent.
        let names = try await sql.raw("SELECT max(rowid) AS n FROM patient_names").first()?.decode(column: "n", as: Int?.self) ?? 0
        let most = enough(among: names)
        let matching =
            SQLQueryString("SELECT patient_id FROM patient_names WHERE ")
            + long.map { SQLQueryString("name_folded LIKE \(bind: "%" + PatientRepository.escapeLike($0) + "%")") }.joined(separator: " AND ")
        let count =
            try await sql.raw(SQLQueryString("SELECT count(*) AS n FROM (") + matching + SQLQueryString(" LIMIT \(literal: most + 1))"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        guard count <= most else {
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
