import Foundation
import LindringCore
import SQLKit

/// The paediatric team's family cases. Reads take a snapshot, changes a write transaction;
/// the caller (the family gate) decides access and appends the audit entry.
public enum FamilyRepository {
    /// Opens a case for a child; the child must not have one.
    public static func create(
        _ family: ValidFamily, id: UUID = UUID(), teamUnitId: UUID, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> UUID {
        if let existing = try await familyId(childPatientId: family.childPatientId, on: tx) { throw FamilyAlreadyOpen(familyId: existing) }
        let today = LocalDate(now, in: DanishCalendar.timeZone)
        var batch = RowBatch()
        let stamp = AuditRecord.truncatedToMilliseconds(now)
        batch.add(
            "families",
            [
                "id", "child_patient_id", "team_unit_id", "condition_group", "municipality_code", "interpreter_needed", "language",
                "key_worker_id", "status", "opened_on", "version", "created_at", "updated_at", "updated_by_name",
            ],
            [
                SQLBind(id), SQLBind(family.childPatientId), SQLBind(teamUnitId), SQLBind(family.conditionGroup.rawValue),
                SQLBind(family.municipalityCode), SQLBind(family.interpreterNeeded), SQLBind(family.language), SQLBind(family.keyWorkerId),
                SQLBind(family.status.rawValue), SQLBind(today.description), SQLBind(1), SQLBind(stamp), SQLBind(stamp), SQLBind(author.name),
            ])
        members(family, familyId: id, keptParents: [], recordedOn: today, into: &batch)
        event(familyId: id, .opened, summary: nil, author: author, at: stamp, into: &batch)
        try await batch.write(on: tx.sql)
        return id
    }

    /// Replaces the case's details if it is still at `version`; returns the new version.
    /// Parents keep their ids (applications name them); one left out of the list is marked
    /// removed rather than deleted. Siblings' ages keep the day they were recorded unless they change.
    public static func update(
        id: UUID, _ family: ValidFamily, version: Int, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws -> Int {
        guard let current = try await find(id: id, on: tx) else { throw FamilyNotFound() }
        guard current.version == version else { throw StaleFamilyVersion(current: current.version) }
        let sql = tx.sql
        let stamp = AuditRecord.truncatedToMilliseconds(now)
        let today = LocalDate(now, in: DanishCalendar.timeZone)
        var closedOn = current.closedOn
        if family.status != current.details.status { closedOn = family.status == .closed ? today : nil }
        try await sql.raw(
            """
            UPDATE families SET condition_group = \(bind: family.conditionGroup.rawValue), municipality_code = \(bind: family.municipalityCode),
            interpreter_needed = \(bind: family.interpreterNeeded), language = \(bind: family.language), key_worker_id = \(bind: family.keyWorkerId),
            status = \(bind: family.status.rawValue), closed_on = \(bind: closedOn?.description), version = version + 1,
            updated_at = \(bind: stamp), updated_by_name = \(bind: author.name) WHERE id = \(bind: id)
            """
        ).run()
        // Parents keep their rows (applications name them): changed in place, or marked removed.
        let stored = Set(current.details.parents.compactMap(\.id))
        let kept = Set(family.parents.compactMap(\.id)).intersection(stored)
        for removed in stored.subtracting(kept) {
            try await sql.raw("UPDATE family_parents SET removed = \(bind: true) WHERE id = \(bind: removed)").run()
        }
        for (position, parent) in family.parents.enumerated() {
            guard let parentId = parent.id, kept.contains(parentId) else { continue }
            try await sql.raw(
                """
                UPDATE family_parents SET position = \(bind: position), name = \(bind: parent.name), relation = \(bind: parent.relation.rawValue),
                phone = \(bind: parent.phone), email = \(bind: parent.email), address = \(bind: parent.address),
                lives_with_child = \(bind: parent.livesWithChild), holds_custody = \(bind: parent.holdsCustody) WHERE id = \(bind: parentId)
                """
            ).run()
        }
        try await sql.raw("DELETE FROM family_siblings WHERE family_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM family_network WHERE family_id = \(bind: id)").run()
        var batch = RowBatch()
        let recorded = zip(current.details.siblings, current.siblingAgesRecordedOn).map { ($0.age, $0.name, $1) }
        members(family, familyId: id, keptParents: kept, recordedOn: today, previousSiblings: recorded, into: &batch)
        let statusChanged = family.status != current.details.status
        event(
            familyId: id, statusChanged ? .statusChanged : .changed, summary: statusChanged ? family.status.rawValue : nil, author: author,
            at: stamp, into: &batch)
        try await batch.write(on: sql)
        return current.version + 1
    }

    /// The rows of the new parents, the siblings and the network. A parent whose id is not one
    /// of the case's stored parents (`keptParents`, changed in place) is new and gets a new id:
    /// an id sent for another family's parent is not honoured.
    static func members(
        _ family: ValidFamily, familyId: UUID, keptParents: Set<UUID>, recordedOn: LocalDate,
        previousSiblings: [(age: Int, name: String?, on: LocalDate)] = [], into batch: inout RowBatch
    ) {
        for (position, parent) in family.parents.enumerated() {
            if let id = parent.id, keptParents.contains(id) { continue }
            let parentId = UUID()
            batch.add(
                "family_parents",
                ["id", "family_id", "position", "name", "relation", "phone", "email", "address", "lives_with_child", "holds_custody", "removed"],
                [
                    SQLBind(parentId), SQLBind(familyId), SQLBind(position), SQLBind(parent.name), SQLBind(parent.relation.rawValue),
                    SQLBind(parent.phone), SQLBind(parent.email), SQLBind(parent.address), SQLBind(parent.livesWithChild),
                    SQLBind(parent.holdsCustody), SQLBind(false),
                ])
        }
        for (position, sibling) in family.siblings.enumerated() {
            let unchanged = previousSiblings.first { $0.age == sibling.age && $0.name == sibling.name }
            batch.add(
                "family_siblings",
                ["family_id", "position", "name", "age", "age_recorded_on", "school_or_daycare", "support_needs"],
                [
                    SQLBind(familyId), SQLBind(position), SQLBind(sibling.name), SQLBind(sibling.age),
                    SQLBind((unchanged?.on ?? recordedOn).description), SQLBind(sibling.schoolOrDaycare), SQLBind(sibling.supportNeeds),
                ])
        }
        for (position, contact) in family.network.enumerated() {
            batch.add(
                "family_network", ["family_id", "position", "role", "name", "organisation", "phone", "email"],
                [
                    SQLBind(familyId), SQLBind(position), SQLBind(contact.role.rawValue), SQLBind(contact.name), SQLBind(contact.organisation),
                    SQLBind(contact.phone), SQLBind(contact.email),
                ])
        }
    }

    static func event(
        familyId: UUID, _ kind: FamilyEventKind, summary: String?, author: RecordAuthor, at: Date, into batch: inout RowBatch
    ) {
        batch.add(
            "family_events", ["id", "family_id", "at", "kind", "summary", "author_name"],
            [SQLBind(UUID()), SQLBind(familyId), SQLBind(at), SQLBind(kind.rawValue), SQLBind(summary), SQLBind(author.name)])
    }

    /// Adds a line to a case's timeline (an application saved, a decision recorded).
    public static func addEvent(
        familyId: UUID, _ kind: FamilyEventKind, summary: String?, author: RecordAuthor, now: Date = Date(), on tx: WriteTransaction
    ) async throws {
        var batch = RowBatch()
        event(familyId: familyId, kind, summary: summary, author: author, at: AuditRecord.truncatedToMilliseconds(now), into: &batch)
        try await batch.write(on: tx.sql)
    }

    public static func familyId(childPatientId: UUID, on db: any DatabaseReading) async throws -> UUID? {
        try await db.sql.raw("SELECT id FROM families WHERE child_patient_id = \(bind: childPatientId)").first()?
            .decode(column: "id", as: UUID.self)
    }

    /// What the family gate decides on: the team that holds the case and its child.
    public static func gateFacts(id: UUID, on db: any DatabaseReading) async throws -> (teamUnitId: UUID, childPatientId: UUID)? {
        guard let row = try await db.sql.raw("SELECT team_unit_id, child_patient_id FROM families WHERE id = \(bind: id)").first() else {
            return nil
        }
        return (try row.decode(column: "team_unit_id", as: UUID.self), try row.decode(column: "child_patient_id", as: UUID.self))
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> FamilyCase? {
        let sql = db.sql
        guard
            let row = try await sql.raw(
                """
                SELECT f.*, p.name AS child_name, p.birth_date AS child_birth_date, u.name AS key_worker_name FROM families f
                JOIN patients p ON p.id = f.child_patient_id JOIN users u ON u.id = f.key_worker_id WHERE f.id = \(bind: id)
                """
            ).first()
        else { return nil }
        let parents = try await sql.raw(
            "SELECT * FROM family_parents WHERE family_id = \(bind: id) AND removed = \(bind: false) ORDER BY position"
        ).all().map { row in
            FamilyParent(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                relation: try row.decodeEnum(column: "relation"), phone: try row.decode(column: "phone", as: String?.self),
                email: try row.decode(column: "email", as: String?.self), address: try row.decode(column: "address", as: String?.self),
                livesWithChild: try row.decode(column: "lives_with_child", as: Bool.self),
                holdsCustody: try row.decode(column: "holds_custody", as: Bool.self))
        }
        let siblingRows = try await sql.raw("SELECT * FROM family_siblings WHERE family_id = \(bind: id) ORDER BY position").all()
        let siblings = try siblingRows.map { row in
            FamilySibling(
                name: try row.decode(column: "name", as: String?.self), age: try row.decode(column: "age", as: Int.self),
                schoolOrDaycare: try row.decode(column: "school_or_daycare", as: String?.self),
                supportNeeds: try row.decode(column: "support_needs", as: String?.self))
        }
        let network = try await sql.raw("SELECT * FROM family_network WHERE family_id = \(bind: id) ORDER BY position").all().map { row in
            NetworkContact(
                role: try row.decodeEnum(column: "role"), name: try row.decode(column: "name", as: String?.self),
                organisation: try row.decode(column: "organisation", as: String?.self), phone: try row.decode(column: "phone", as: String?.self),
                email: try row.decode(column: "email", as: String?.self))
        }
        let details = ValidFamily(
            childPatientId: try row.decode(column: "child_patient_id", as: UUID.self), conditionGroup: try row.decodeEnum(column: "condition_group"),
            municipalityCode: try row.decode(column: "municipality_code", as: String.self), parents: parents, siblings: siblings,
            interpreterNeeded: try row.decode(column: "interpreter_needed", as: Bool.self),
            language: try row.decode(column: "language", as: String?.self),
            network: network, keyWorkerId: try row.decode(column: "key_worker_id", as: UUID.self), status: try row.decodeEnum(column: "status"))
        return FamilyCase(
            id: id, teamUnitId: try row.decode(column: "team_unit_id", as: UUID.self),
            child: .init(
                patientId: details.childPatientId, name: try row.decode(column: "child_name", as: String.self),
                birthDate: try row.decodeDate(column: "child_birth_date")),
            details: details, siblingAgesRecordedOn: try siblingRows.map { try $0.decodeDate(column: "age_recorded_on") },
            keyWorkerName: try row.decode(column: "key_worker_name", as: String.self), openedOn: try row.decodeDate(column: "opened_on"),
            deathOn: try row.decodeDate(column: "death_on"), closedOn: try row.decodeDate(column: "closed_on"),
            version: try row.decode(column: "version", as: Int.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            updatedByName: try row.decode(column: "updated_by_name", as: String.self))
    }

    /// The case's timeline, newest first.
    public static func events(familyId: UUID, on db: any DatabaseReading) async throws -> [FamilyEvent] {
        try await db.sql.raw("SELECT * FROM family_events WHERE family_id = \(bind: familyId) ORDER BY at DESC").all().map { row in
            FamilyEvent(
                at: try row.decode(column: "at", as: Date.self), kind: try row.decodeEnum(column: "kind"),
                summary: try row.decode(column: "summary", as: String?.self), authorName: try row.decode(column: "author_name", as: String.self))
        }
    }
}

public struct FamilyNotFound: Error {}

/// A family case in the team's caseload.
public struct FamilyListItem: Equatable, Sendable {
    public var id: UUID
    public var childPatientId: UUID
    public var childName: String
    public var childBirthDate: LocalDate
    public var status: FamilyCaseStatus
    public var keyWorkerId: UUID
    public var keyWorkerName: String
    public var municipalityCode: String
    public var openedOn: LocalDate
}

extension FamilyRepository {
    /// The team's cases, open before bereavement before closed, then by the child's name.
    public static func list(teamUnitId: UUID, includeClosed: Bool = false, on db: any DatabaseReading) async throws -> [FamilyListItem] {
        let rows = try await db.sql.raw(
            """
            SELECT f.id, f.child_patient_id, p.name AS child_name, p.birth_date, f.status, f.key_worker_id, u.name AS key_worker_name,
            f.municipality_code, f.opened_on FROM families f
            JOIN patients p ON p.id = f.child_patient_id JOIN users u ON u.id = f.key_worker_id
            WHERE f.team_unit_id = \(bind: teamUnitId) AND (f.status <> 'closed' OR \(bind: includeClosed))
            """
        ).all()
        let items = try rows.map { row in
            FamilyListItem(
                id: try row.decode(column: "id", as: UUID.self), childPatientId: try row.decode(column: "child_patient_id", as: UUID.self),
                childName: try row.decode(column: "child_name", as: String.self), childBirthDate: try row.decodeDate(column: "birth_date"),
                status: try row.decodeEnum(column: "status"), keyWorkerId: try row.decode(column: "key_worker_id", as: UUID.self),
                keyWorkerName: try row.decode(column: "key_worker_name", as: String.self),
                municipalityCode: try row.decode(column: "municipality_code", as: String.self), openedOn: try row.decodeDate(column: "opened_on"))
        }
        let order = FamilyCaseStatus.allCases
        return items.sorted {
            (order.firstIndex(of: $0.status)!, $0.childName) < (order.firstIndex(of: $1.status)!, $1.childName)
        }
    }
}

extension FamilyRepository {
    /// How many cases the unit's team has open or in bereavement follow-up: whether its doctors
    /// and nurses have families to read.
    public static func activeCount(teamUnitId: UUID, on db: any DatabaseReading) async throws -> Int {
        try await db.sql.raw(
            "SELECT COUNT(*) AS n FROM families WHERE team_unit_id = \(bind: teamUnitId) AND status <> 'closed'"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The team's own child patients (registered by the unit or on a care team with it) who are
    /// under 18 and have no case yet: whom a social worker may open a case for.
    public static func childrenWithoutCase(
        teamUnitId: UUID, today: LocalDate, on db: any DatabaseReading
    ) async throws
        -> [(id: UUID, name: String, birthDate: LocalDate)]
    {
        let eighteenYearsAgo = today.adding(months: -12 * 18).description
        return try await db.sql.raw(
            """
            SELECT p.id, p.name, p.birth_date FROM patients p
            WHERE (p.registering_unit_id = \(bind: teamUnitId) OR p.id IN (SELECT patient_id FROM plan_care_team WHERE unit_id = \(bind: teamUnitId)))
            AND p.birth_date > \(bind: eighteenYearsAgo) AND NOT EXISTS (SELECT 1 FROM families f WHERE f.child_patient_id = p.id)
            ORDER BY p.name
            """
        ).all().map { row in
            (try row.decode(column: "id", as: UUID.self), try row.decode(column: "name", as: String.self), try row.decodeDate(column: "birth_date"))
        }
    }
}
