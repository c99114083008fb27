import FluentKit
import Foundation
import LindringCore
import SQLKit

/// One stored audit entry as read back.
public struct AuditEntry: Equatable, Sendable {
    public var sequence: Int64
    public var record: AuditRecord
}

public struct AuditFilter: Equatable, Sendable {
    public var patientId: UUID?
    /// Any of these patients (a search by CPR number or name); empty matches nothing.
    public var patientIds: [UUID]?
    public var username: String?
    public var action: String?
    public var from: Date?
    public var to: Date?

    public init(patientId: UUID? = nil, patientIds: [UUID]? = nil, username: String? = nil, action: String? = nil, from: Date? = nil, to: Date? = nil)
    {
        self.patientId = patientId
        self.patientIds = patientIds
        self.username = username
        self.action = action
        self.from = from
        self.to = to
    }
}

/// The append-only, hash-chained audit log. `append` must run inside the transaction of the
/// change it records (see `Persistence.write`), so that both commit or neither does.
public enum AuditLog {
    static let columns = [
        "seq", "at", "user_id", "username", "role", "action", "entity_type", "entity_id",
        "patient_id", "purpose", "outcome", "ip", "user_agent", "previous_hash", "hash",
    ]

    /// Appends one entry.
    public static func append(_ record: AuditRecord, on database: WriteTransaction) async throws {
        try await append([record], on: database)
    }

    /// Appends entries in order, each chained to the one before. Inside `Persistence.write` they
    /// are handed to the group, which appends them with every other entry of its transaction
    /// just before the COMMIT, so a query later in the same write does not see them yet;
    /// elsewhere (a bulk load's `writeAlone`) they are inserted at once.
    public static func append(_ records: [AuditRecord], on database: WriteTransaction) async throws {
        if let scope = WriteGroup.scope {
            try scope.append(records)
        } else {
            guard let key = sealingKey else { throw AuditKeyMissing() }
            try await insert(records, key: key, on: database.sql)
        }
    }

    /// The key that seals entries appended outside a group (`Persistence.writeAlone` sets it).
    @TaskLocal static var sealingKey: AuditKey?

    public struct AuditKeyMissing: Error, CustomStringConvertible {
        public var description: String { "Audit entries can only be appended through Persistence.write or writeAlone, which know the audit key." }
    }

    /// Chains and inserts entries with one multi-row insert and one update of the head. The
    /// first statement takes the chain head's row lock (PostgreSQL) or the write lock (SQLite),
    /// so concurrent appends from any process queue up and the chain stays a single line; it
    /// returns the head as it is once the lock is held (PostgreSQL re-reads a row it waited for),
    /// sparing a round trip per group.
    static func insert(_ records: [AuditRecord], key: AuditKey, on sql: any SQLDatabase) async throws {
        guard !records.isEmpty else { return }
        guard let head = try await sql.raw("UPDATE audit_chain_head SET last_seq = last_seq WHERE id = 1 RETURNING last_seq, last_hash").first()
        else {
            throw AuditLogUnavailable()
        }
        var sequence = try head.decode(column: "last_seq", as: Int64.self)
        var previous = try head.decode(column: "last_hash", as: String.self)
        var batch = RowBatch()
        for record in records {
            sequence += 1
            let hash = AuditChain.hash(record, sequence: sequence, previousHash: previous)
            batch.add(
                "audit_entries", columns + ["seal"],
                [
                    SQLBind(sequence), SQLBind(record.at), SQLBind(record.userId), SQLBind(record.username), SQLBind(record.role),
                    SQLBind(record.action), SQLBind(record.entityType), SQLBind(record.entityId), SQLBind(record.patientId),
                    SQLBind(record.purpose), SQLBind(record.outcome.rawValue), SQLBind(record.ip), SQLBind(record.userAgent),
                    SQLBind(previous), SQLBind(hash), SQLBind(key.seal(sequence: sequence, hash: hash)),
                ])
            previous = hash
        }
        try await batch.write(on: sql)
        try await sql.raw(
            """
            UPDATE audit_chain_head SET last_seq = \(bind: sequence), last_hash = \(bind: previous),
                last_seal = \(bind: key.headSeal(sequence: sequence, hash: previous)) WHERE id = 1
            """
        ).run()
    }

    public struct AuditLogUnavailable: Error {}

    /// Newest first; `before` is the sequence number to continue below (the page cursor).
    public static func search(_ filter: AuditFilter, limit: Int, before: Int64? = nil, on database: any DatabaseReading) async throws -> [AuditEntry]
    {
        let sql = database.sql
        var query = sql.select().columns(columns.map { SQLColumn($0) }).from("audit_entries")
        if let patientId = filter.patientId { query = query.where("patient_id", .equal, SQLBind(patientId)) }
        if let patientIds = filter.patientIds {
            guard !patientIds.isEmpty else { return [] }
            query = query.where("patient_id", .in, SQLBind.group(patientIds))
        }
        if let username = filter.username { query = query.where("username", .equal, SQLBind(username)) }
        if let action = filter.action { query = query.where("action", .equal, SQLBind(action)) }
        if let from = filter.from { query = query.where("at", .greaterThanOrEqual, SQLBind(from)) }
        if let to = filter.to { query = query.where("at", .lessThan, SQLBind(to)) }
        if let before { query = query.where("seq", .lessThan, SQLBind(before)) }
        return try await query.orderBy("seq", .descending).limit(limit).all().map(entry)
    }

    static func entry(_ row: any SQLRow) throws -> AuditEntry {
        let outcome = try row.decode(column: "outcome", as: String.self)
        let record = AuditRecord(
            at: try row.decode(column: "at", as: Date.self),
            userId: try row.decodeNil(column: "user_id") ? nil : row.decode(column: "user_id", as: UUID.self),
            username: try row.decode(column: "username", as: String?.self),
            role: try row.decode(column: "role", as: String?.self),
            action: try row.decode(column: "action", as: String.self),
            entityType: try row.decode(column: "entity_type", as: String?.self),
            entityId: try row.decode(column: "entity_id", as: String?.self),
            patientId: try row.decodeNil(column: "patient_id") ? nil : row.decode(column: "patient_id", as: UUID.self),
            purpose: try row.decode(column: "purpose", as: String?.self),
            outcome: AuditOutcome(rawValue: outcome) ?? .denied,
            ip: try row.decode(column: "ip", as: String?.self),
            userAgent: try row.decode(column: "user_agent", as: String?.self)
        )
        return AuditEntry(sequence: try row.decode(column: "seq", as: Int64.self), record: record)
    }

    public struct VerificationReport: Sendable {
        public var checked: Int64
        public var problem: AuditChain.Problem?
    }

    /// Walks the whole chain in pages, oldest first, and reports the first broken entry. With a
    /// key, every entry and the head must carry its seal; every checkpoint's entry must be there,
    /// unchanged.
    public static func verify(
        on database: any DatabaseReading, key: AuditKey?, checkpoints: [AuditCheckpoint] = [],
        pageSize: Int = 5000
    ) async throws -> VerificationReport {
        var verifier = AuditChain.Verifier(key: key, checkpoints: checkpoints)
        try await walk(on: database, pageSize: pageSize) { entry in
            verifier.feed(entry)
            return verifier.firstProblem == nil
        }
        let head = try await head(on: database)
        let problem = verifier.finish(headSequence: head?.sequence ?? -1, headHash: head?.hash ?? "", headSeal: head?.seal)
        return VerificationReport(checked: verifier.checked, problem: problem)
    }

    /// Every stored entry, oldest first, until `body` answers false.
    static func walk(on database: any DatabaseReading, pageSize: Int, _ body: (AuditChain.StoredEntry) throws -> Bool) async throws {
        let sql = database.sql
        var after: Int64 = 0
        while true {
            let rows = try await sql.select().columns((columns + ["seal"]).map { SQLColumn($0) }).from("audit_entries")
                .where("seq", .greaterThan, SQLBind(after)).orderBy("seq").limit(pageSize).all()
            for row in rows {
                let entry = try entry(row)
                let stored = AuditChain.StoredEntry(
                    sequence: entry.sequence, record: entry.record,
                    previousHash: try row.decode(column: "previous_hash", as: String.self),
                    hash: try row.decode(column: "hash", as: String.self),
                    seal: try row.decode(column: "seal", as: String?.self))
                guard try body(stored) else { return }
                after = entry.sequence
            }
            if rows.count < pageSize { return }
        }
    }

    public struct Head: Sendable {
        public var sequence: Int64
        public var hash: String
        public var seal: String?
    }

    public static func head(on database: any DatabaseReading) async throws -> Head? {
        try await database.sql.raw("SELECT last_seq, last_hash, last_seal FROM audit_chain_head WHERE id = 1").first().map { row in
            Head(
                sequence: try row.decode(column: "last_seq", as: Int64.self), hash: try row.decode(column: "last_hash", as: String.self),
                seal: try row.decode(column: "last_seal", as: String?.self))
        }
    }

    /// A signed checkpoint of the head as it is now, for the auditors' own records.
    public static func checkpoint(on database: any DatabaseReading, now: Date = Date()) async throws -> AuditCheckpoint {
        guard let head = try await head(on: database) else { throw AuditLogUnavailable() }
        return AuditCheckpoint(sequence: head.sequence, hash: head.hash, at: now)
    }

    /// Whether any entry carries a seal: then the log has a key, and a missing key file is an
    /// error rather than a fresh start.
    public static func isSealed(on database: any DatabaseReading) async throws -> Bool {
        try await database.sql.raw("SELECT seq FROM audit_entries WHERE seal IS NOT NULL LIMIT 1").first() != nil
    }

    public struct ChainBroken: Error, CustomStringConvertible {
        public let problem: AuditChain.Problem
        public var description: String { "the audit log's chain is broken, so it is not sealed: \(problem)" }
    }
}

extension Persistence {
    /// Seals the entries written before the log had a key (`M0024_AddAuditSeals`), after checking
    /// that their unkeyed chain holds: a chain that was already broken is refused, not blessed.
    /// Returns how many entries were sealed. Runs at start-up; on an upgraded database it goes
    /// once through the log, later starts find nothing to do.
    public func sealUnsealedAuditEntries(pageSize: Int = 5000) async throws -> Int {
        let sql = database.sql
        guard try await sql.raw("SELECT seq FROM audit_entries WHERE seal IS NULL LIMIT 1").first() != nil else { return 0 }
        let unkeyed = try await readEach { try await AuditLog.verify(on: $0, key: nil, pageSize: pageSize) }
        if let problem = unkeyed.problem { throw AuditLog.ChainBroken(problem: problem) }
        let key = auditKey
        var sealed = 0
        while true {
            let count = try await writeAlone { tx in
                let sql = tx.sql
                let rows = try await sql.raw("SELECT seq, hash FROM audit_entries WHERE seal IS NULL ORDER BY seq LIMIT \(literal: pageSize)").all()
                for row in rows {
                    let sequence = try row.decode(column: "seq", as: Int64.self), hash = try row.decode(column: "hash", as: String.self)
                    try await sql.raw(
                        "UPDATE audit_entries SET seal = \(bind: key.seal(sequence: sequence, hash: hash)) WHERE seq = \(bind: sequence)"
                    ).run()
                }
                if let head = try await AuditLog.head(on: tx) {
                    try await sql.raw(
                        "UPDATE audit_chain_head SET last_seal = \(bind: key.headSeal(sequence: head.sequence, hash: head.hash)) WHERE id = 1"
                    ).run()
                }
                return rows.count
            }
            sealed += count
            if count < pageSize { return sealed }
        }
    }
}

extension Persistence {
    /// Reads in one snapshot, then commits the audit entry that describes the read (in a group
    /// with other requests' entries) before returning: what was read leaves only once its entry
    /// is durable, and the read itself never waits for the writer.
    public func readAudited<T: Sendable>(_ body: @escaping @Sendable (ReadSnapshot) async throws -> (T, AuditRecord)) async throws -> T {
        try await readAudited { tx in
            let (value, record) = try await body(tx)
            return (value, [record])
        }
    }

    /// The same for a read described by several entries (a list: one for each patient it shows).
    public func readAudited<T: Sendable>(_ body: @escaping @Sendable (ReadSnapshot) async throws -> (T, [AuditRecord])) async throws -> T {
        let (value, records) = try await read(body)
        try await appendAudit(records)
        return value
    }

    /// Commits one audit entry, in the next group's batch of entries (`WriteGroup`), and
    /// returns once it is durable.
    public func appendAudit(_ record: AuditRecord) async throws {
        try await appendAudit([record])
    }

    /// Commits several entries (a list that showed several patients) together.
    public func appendAudit(_ records: [AuditRecord]) async throws {
        guard !records.isEmpty else { return }
        _ = try await write(.audit(records))
    }
}
