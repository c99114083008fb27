import FluentKit
import Foundation
import LindringCore
import SQLKit

public enum PatientRepository {
    static let columns = [
        "id", "cpr", "name", "birth_date", "address", "municipality_code", "phone", "gp_unit_id", "diagnosis_group", "icd10",
        "language", "interpreter_needed", "relatives", "sharing_consent", "consent_recorded_by",
        "consent_recorded_at", "registering_unit_id",
    ]
    private static let columnList = columns.joined(separator: ", ")

    /// Registers a patient. A CPR number already registered is a field error, not a second patient.
    public static func create(
        _ patient: ValidPatient, registeringUnitId: UUID, recordedBy: UUID?, now: Date = Date(),
        on db: WriteTransaction
    ) async throws -> UUID {
        let sql = db.sql
        var v = Validator()
        if try await sql.select().column("id").from("patients").where("cpr", .equal, patient.cpr.digits).first() != nil {
            v.add("cpr", .alreadyTaken)
        }
        try await checkGP(patient.gpUnitId, &v, sql)
        try v.check()
        let id = UUID()
        var batch = RowBatch()
        try rows(patient, id: id, registeringUnitId: registeringUnitId, recordedBy: recordedBy, now: now, into: &batch)
        try await batch.write(on: sql)
        return id
    }

    /// The patient's row, without the checks `create` makes (bulk loads bring their own unique CPR numbers).
    public static func rows(
        _ patient: ValidPatient, id: UUID, registeringUnitId: UUID, recordedBy: UUID?, now: Date, into batch: inout RowBatch
    ) throws {
        batch.add(
            "patients", columns + ["name_folded", "created_at", "updated_at"],
            try values(id: id, patient, registeringUnitId: registeringUnitId, recordedBy: recordedBy, now: now)
                + [SQLBind(NameSearch.fold(patient.name)), SQLBind(now), SQLBind(now)])
    }

    /// Changes the patient's details; the CPR number and registering unit stay.
    public static func update(id: UUID, _ patient: ValidPatient, recordedBy: UUID?, now: Date = Date(), on db: WriteTransaction) async throws {
        let sql = db.sql
        guard let current = try await find(id: id, on: db) else { throw PlanNotFound() }
        var v = Validator()
        try await checkGP(patient.gpUnitId, &v, sql)
        try v.check()
        let consentChanged = current.sharingConsent != patient.sharingConsent
        try await sql.update("patients")
            .set("name", to: SQLBind(patient.name)).set("name_folded", to: SQLBind(NameSearch.fold(patient.name)))
            .set("address", to: SQLBind(patient.address))
            .set("municipality_code", to: SQLBind(patient.municipalityCode)).set("phone", to: SQLBind(patient.phone))
            .set("gp_unit_id", to: SQLBind(patient.gpUnitId)).set("diagnosis_group", to: SQLBind(patient.diagnosisGroup.rawValue))
            .set("icd10", to: SQLBind(patient.icd10)).set("language", to: SQLBind(patient.language))
            .set("interpreter_needed", to: SQLBind(patient.interpreterNeeded)).set("relatives", to: SQLBind(try JSONColumn.encode(patient.relatives)))
            .set("sharing_consent", to: SQLBind(patient.sharingConsent.rawValue))
            .set("consent_recorded_by", to: SQLBind(consentChanged ? recordedBy : current.consentRecordedBy))
            .set("consent_recorded_at", to: SQLBind(consentChanged ? now : current.consentRecordedAt))
            .set("updated_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).run()
    }

    static func checkGP(_ gp: UUID?, _ v: inout Validator, _ sql: any SQLDatabase) async throws {
        guard let gp else { return }
        if try await sql.select().column("id").from("units").where("id", .equal, SQLBind(gp)).first() == nil {
            v.add("gpUnitId", .notFound)
        }
    }

    static func values(id: UUID, _ p: ValidPatient, registeringUnitId: UUID, recordedBy: UUID?, now: Date) throws -> [any SQLExpression] {
        let birth = p.cpr.birthDate
        let birthText = String(format: "%04d-%02d-%02d", birth.year!, birth.month!, birth.day!)
        return [
            SQLBind(id), SQLBind(p.cpr.digits), SQLBind(p.name), SQLBind(birthText), SQLBind(p.address), SQLBind(p.municipalityCode),
            SQLBind(p.phone),
            SQLBind(p.gpUnitId), SQLBind(p.diagnosisGroup.rawValue), SQLBind(p.icd10), SQLBind(p.language), SQLBind(p.interpreterNeeded),
            SQLBind(try JSONColumn.encode(p.relatives)), SQLBind(p.sharingConsent.rawValue),
            SQLBind(p.sharingConsent == .notAsked ? nil : recordedBy),
            SQLBind(p.sharingConsent == .notAsked ? nil : now), SQLBind(registeringUnitId),
        ]
    }

    public static func find(id: UUID, on db: any DatabaseReading) async throws -> Patient? {
        // SQL text rather than a builder for the reads every patient page makes (here and in
        // `accessFacts`): SQLKit quotes each identifier through a string replace on every call.
        try await db.sql.raw("SELECT \(unsafeRaw: columnList) FROM patients WHERE id = \(bind: id)").first().map(patient)
    }

    /// The facts the access policy decides on: two index look-ups in one statement.
    public static func accessFacts(patientId: UUID, on db: any DatabaseReading) async throws -> PatientAccessFacts? {
        try await accessFacts(patientIds: [patientId], on: db)[patientId]
    }

    /// The access facts of several patients at once (a list that shows each only where the
    /// policy allows, such as the inbox), by patient; unknown ids are left out.
    public static func accessFacts(patientIds: some Collection<UUID>, on db: any DatabaseReading) async throws -> [UUID: PatientAccessFacts] {
        guard !patientIds.isEmpty else { return [:] }
        let ids: [any Encodable & Sendable] = Array(Set(patientIds))
        let rows = try await db.sql.raw(
            """
            SELECT 0 AS care_team, id AS patient_id, registering_unit_id AS unit_id, sharing_consent FROM patients WHERE id IN (\(binds: ids))
            UNION ALL SELECT 1, patient_id, unit_id, NULL FROM plan_care_team WHERE patient_id IN (\(binds: ids))
            """
        ).all()
        var facts: [UUID: PatientAccessFacts] = [:]
        for row in rows where try row.decode(column: "care_team", as: Int.self) == 0 {
            facts[try row.decode(column: "patient_id", as: UUID.self)] = PatientAccessFacts(
                registeringUnitId: try row.decode(column: "unit_id", as: UUID.self), careTeamUnitIds: [],
                consent: SharingConsent(rawValue: try row.decode(column: "sharing_consent", as: String.self)) ?? .declined)
        }
        for row in rows where try row.decode(column: "care_team", as: Int.self) == 1 {
            facts[try row.decode(column: "patient_id", as: UUID.self)]?.careTeamUnitIds.insert(try row.decode(column: "unit_id", as: UUID.self))
        }
        return facts
    }

    /// The id of the patient with this CPR number, whoever may see them: needed to offer
    /// breaking the glass, never shown with the patient's details.
    public static func id(cpr: CPRNumber, on db: any DatabaseReading) async throws -> UUID? {
        try await db.sql.select().column("id").from("patients").where("cpr", .equal, cpr.digits).first()?
            .decode(column: "id", as: UUID.self)
    }

    /// Patients the requester may see whose name contains every word of the query (folded:
    /// case, accents and "aa"/"å" do not matter) or whose CPR number is the query, in name
    /// order. A name few patients share, for the table's size, is looked up in the trigram index
    /// (`PatientNameIndex`).
    /// Otherwise names are walked in order through covering indexes, stopping at the first page
    /// of matches: for a unit's staff, only the unit's own patients and care-team rows
    /// (`unitPatients`, M0022); for advisory staff, who may see most patients, all names, with the
    /// care-team check a per-row index probe. Plan statuses are fetched for that page only.
    /// With a birth date among the words (`NameSearch.Query`), the day's patients are read by the
    /// birth-date index and the name words narrow them.
    /// `after` continues a previous page after its last item (name order, then id).
    public static func search(
        _ query: String, requester: PatientRequester, limit: Int = 50, after: (name: String, id: UUID)? = nil,
        on db: any DatabaseReading
    ) async throws -> [PatientListItem] {
        let sql = db.sql
        let rows: [any SQLRow]
        if let cpr = try? CPRNumber(query) {
            rows = try await visible(
                to: requester,
                sql.select().columns("id", "name", "cpr").from("patients").where("cpr", .equal, SQLBind(cpr.digits))
                    .whereAfter(after, name: SQLColumn("name"), id: SQLColumn("id"))
            )
            .limit(limit).all()
        } else if let birthDate = NameSearch.Query(query).birthDate {
            let select = sql.select().columns("id", "name", "cpr").from("patients").where("birth_date", .equal, SQLBind(birthDate.description))
                .whereName(SQLColumn("name_folded"), containsAll: NameSearch.Query(query).terms)
                .whereAfter(after, name: SQLColumn("name"), id: SQLColumn("id"))
            rows = try await visible(to: requester, select).orderBy("name").orderBy("id").limit(limit).all()
        } else {
            let terms = NameSearch.terms(query)
            guard !terms.isEmpty else { return [] }
            let candidates = try await PatientNameIndex.candidates(for: terms, on: sql)
            if candidates == nil, let unit = requester.unitId, !requester.roles.contains(.advisor) {
                rows = try await unitPatients(unit, named: terms, after: after, limit: limit, on: sql)
            } else {
                var select = sql.select().columns("id", "name", "cpr").from("patients")
                    .whereName(SQLColumn("name_folded"), containsAll: terms)
                    .whereAfter(after, name: SQLColumn("name"), id: SQLColumn("id"))
                if let candidates { select = select.where(candidates) }
                rows = try await visible(to: requester, select).orderBy("name").orderBy("id").limit(limit).all()
            }
        }
        return try await listItems(rows, on: sql)
    }

    /// List items for rows of `id`, `name` and `cpr` (a page of a list), in the rows' order: what
    /// tells the page's patients apart, and their plans' status, in one statement for the page only.
    static func listItems(_ rows: [any SQLRow], on sql: any SQLDatabase) async throws -> [PatientListItem] {
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        var details: [UUID: (birthDate: LocalDate, address: String?, municipalityCode: String?, status: PlanStatus?)] = [:]
        if !ids.isEmpty {
            let binds: [any Encodable & Sendable] = ids
            for row in try await sql.raw(
                """
                SELECT p.id, p.birth_date, p.address, p.municipality_code, pl.status FROM patients p LEFT JOIN plans pl ON pl.patient_id = p.id
                WHERE p.id IN (\(binds: binds))
                """
            ).all() {
                guard let birthDate = LocalDate(try row.decode(column: "birth_date", as: String.self)) else { throw CorruptRow() }
                details[try row.decode(column: "id", as: UUID.self)] = (
                    birthDate, try row.decode(column: "address", as: String?.self),
                    try row.decode(column: "municipality_code", as: String?.self),
                    try row.decode(column: "status", as: String?.self).flatMap(PlanStatus.init)
                )
            }
        }
        return try zip(rows, ids).map { row, id in
            guard let detail = details[id] else { throw CorruptRow() }
            return PatientListItem(
                id: id, name: try row.decode(column: "name", as: String.self),
                cpr: try CPRNumber(try row.decode(column: "cpr", as: String.self)), planStatus: detail.status,
                birthDate: detail.birthDate, address: detail.address, municipalityCode: detail.municipalityCode)
        }
    }

    /// These patients as list items, by id; unknown ids are left out.
    public static func listItems(ids: some Collection<UUID>, on db: any DatabaseReading) async throws -> [UUID: PatientListItem] {
        guard !ids.isEmpty else { return [:] }
        let sql = db.sql
        let binds: [any Encodable & Sendable] = Array(Set(ids))
        let items = try await listItems(try await sql.raw("SELECT id, name, cpr FROM patients WHERE id IN (\(binds: binds))").all(), on: sql)
        return Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
    }

    /// A page of the patients a unit's staff may see without breaking the glass (`unitPatients`), in name order.
    public static func unitPatients(
        _ unit: UUID, after: (name: String, id: UUID)?, limit: Int, on db: any DatabaseReading
    ) async throws -> [PatientListItem] {
        let sql = db.sql
        return try await listItems(try await unitPatients(unit, named: [], after: after, limit: limit, on: sql), on: sql)
    }

    /// `PatientAccessPolicy.read` without breaking the glass, as a condition on `patients`.
    static func visible(to requester: PatientRequester, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        select.where { group in
            var group = group
            if let unit = requester.unitId {
                group = group.orWhere("registering_unit_id", .equal, SQLBind(unit))
                    .orWhere { inner in
                        inner.where("sharing_consent", .notEqual, SQLBind(SharingConsent.declined.rawValue))
                            .where(
                                SQLQueryString(
                                    "EXISTS (SELECT 1 FROM plan_care_team c WHERE c.patient_id = patients.id AND c.unit_id = \(bind: unit))"))
                    }
            }
            if requester.roles.contains(.advisor) {
                group = group.orWhere("sharing_consent", .equal, SQLBind(SharingConsent.given.rawValue))
            }
            // Nobody matches when the requester has neither a unit nor the advisory role.
            return group.orWhere(SQLLiteral.boolean(false), .equal, SQLLiteral.boolean(true))
        }
    }

    /// What `visible(to:)` grants a unit's staff, read as two name-ordered walks merged: the
    /// patients the unit registered, and its care-team rows (which carry the patient's name, M0022)
    /// of patients other units registered who did not decline sharing. The two never share a patient.
    static func unitPatients(
        _ unit: UUID, named terms: [String], after: (name: String, id: UUID)?, limit: Int,
        on sql: any SQLDatabase
    ) async throws -> [any SQLRow] {
        let registered = sql.select().columns("name", "id", "cpr").from("patients")
            .where("registering_unit_id", .equal, SQLBind(unit))
            .whereName(SQLColumn("name_folded"), containsAll: terms)
            .whereAfter(after, name: SQLColumn("name"), id: SQLColumn("id"))
        let team = sql.select()
            .column(SQLColumn("patient_name", table: "c"), as: "name").column(SQLColumn("patient_id", table: "c"), as: "id")
            .column(SQLColumn("cpr", table: "p"))
            .from("plan_care_team", as: "c").join(
                SQLAlias(SQLIdentifier("patients"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner, on: SQLColumn("id", table: "p"), .equal,
                SQLColumn("patient_id", table: "c")
            )
            .where(SQLColumn("unit_id", table: "c"), .equal, SQLBind(unit)).where(SQLColumn("registering_unit", table: "c"), .equal, SQLBind(false))
            .whereName(SQLColumn("patient_name_folded", table: "c"), containsAll: terms)
            .whereAfter(after, name: SQLColumn("patient_name", table: "c"), id: SQLColumn("patient_id", table: "c"))
            .where(SQLColumn("sharing_consent", table: "p"), .notEqual, SQLBind(SharingConsent.declined.rawValue))
        return try await SQLUnionBuilder(on: sql, initialQuery: registered.select).union(all: team.select)
            .orderBy("name").orderBy("id").limit(limit).all()
    }

    static func escapeLike(_ term: String) -> String {
        term.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }

    /// The first `limit` patients by CPR number with their diagnosis group (the demo's screenings).
    public static func firstByCPR(limit: Int, on db: any DatabaseReading) async throws -> [(id: UUID, diagnosisGroup: String)] {
        try await db.sql.select().columns("id", "diagnosis_group").from("patients").orderBy("cpr").limit(limit).all().map {
            (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "diagnosis_group", as: String.self))
        }
    }

    public static func count(on db: any DatabaseReading) async throws -> Int {
        try await db.sql.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("patients").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    struct CorruptRow: Error {}

    static func patient(_ row: any SQLRow) throws -> Patient {
        guard let birthDate = LocalDate(try row.decode(column: "birth_date", as: String.self)) else { throw CorruptRow() }
        return Patient(
            id: try row.decode(column: "id", as: UUID.self),
            cpr: try CPRNumber(try row.decode(column: "cpr", as: String.self)),
            name: try row.decode(column: "name", as: String.self),
            birthDate: birthDate,
            address: try row.decode(column: "address", as: String?.self),
            municipalityCode: try row.decode(column: "municipality_code", as: String?.self),
            phone: try row.decode(column: "phone", as: String?.self),
            gpUnitId: try row.decodeNil(column: "gp_unit_id") ? nil : row.decode(column: "gp_unit_id", as: UUID.self),
            diagnosisGroup: DiagnosisGroup(rawValue: try row.decode(column: "diagnosis_group", as: String.self)) ?? .other,
            icd10: try row.decode(column: "icd10", as: String?.self),
            language: try row.decode(column: "language", as: String?.self),
            interpreterNeeded: try row.decode(column: "interpreter_needed", as: Bool.self),
            relatives: try row.decodeJSON([Relative].self, column: "relatives"),
            sharingConsent: SharingConsent(rawValue: try row.decode(column: "sharing_consent", as: String.self)) ?? .declined,
            consentRecordedBy: try row.decodeNil(column: "consent_recorded_by") ? nil : row.decode(column: "consent_recorded_by", as: UUID.self),
            consentRecordedAt: try row.decode(column: "consent_recorded_at", as: Date?.self),
            registeringUnitId: try row.decode(column: "registering_unit_id", as: UUID.self)
        )
    }
}

extension SQLPredicateBuilder {
    /// Rows whose folded name (in `column`) contains every term.
    func whereName(_ column: any SQLExpression, containsAll terms: [String]) -> Self {
        terms.reduce(self) { $0.where(column, .like, SQLBind("%" + PatientRepository.escapeLike($1) + "%")) }
    }

    /// Rows after a page's last item, in name order then id.
    func whereAfter(_ after: (name: String, id: UUID)?, name: any SQLExpression, id: any SQLExpression) -> Self {
        guard let after else { return self }
        return self.where(SQLQueryString("(\(name), \(id)) > (\(bind: after.name), \(bind: after.id))"))
    }
}
