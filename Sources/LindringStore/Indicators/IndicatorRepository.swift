import Foundation
import LindringCore
import SQLKit

/// What places a record in a group: the unit that did the work (for `by=hospital`), the
/// patient's municipality and diagnosis group. The caller turns it into the group's code.
public struct IndicatorGroupInputs: Sendable {
    public var unitId: UUID?
    public var municipalityCode: String?
    public var diagnosisGroup: String?
}

/// The facts behind the working group's indicators, read from the modules' own tables for a
/// period of Copenhagen days. Nothing is counted here: `IndicatorRules` (Core) decides.
public enum IndicatorRepository {
    public struct Facts: Sendable {
        public var referrals: [IndicatorFacts.Referral] = []
        public var deaths: [IndicatorFacts.Death] = []
        public var calls: [IndicatorFacts.Tally<CallerRole>] = []
        public var planChanges: [IndicatorFacts.Tally<Sector>] = []
        public var followUps: [IndicatorFacts.FollowUp] = []
        public var inbox: [IndicatorFacts.InboxItem] = []
        /// For the DPD's places of death: the kind of unit that received each dead patient's referral.
        public var receivingUnitKinds: [UUID: UnitKind] = [:]

        /// Every counted case of the facts read, by Core's rules.
        public func cases(period: ClosedRange<LocalDate>, now: Date) -> [IndicatorCase] {
            IndicatorRules.cases(referrals: referrals, period: period) + IndicatorRules.cases(deaths: deaths, period: period)
                + IndicatorRules.cases(calls: calls, period: period) + IndicatorRules.cases(planChanges: planChanges, period: period)
                + IndicatorRules.cases(followUps: followUps, period: period, now: now)
                + IndicatorRules.cases(inbox: inbox, period: period, now: now)
        }
    }

    /// The covering index of the facets that place a patient in a group (M0045).
    static let patientFacetsIndex = "patients_indicator_facets_idx"

    /// `by`: the grouping `group` reads, so that tallies are counted by that column alone (nil: none).
    public static func facts(
        period: ClosedRange<LocalDate>, families: Set<IndicatorFamily> = Set(IndicatorFamily.allCases), by: IndicatorGrouping?,
        group: @escaping @Sendable (IndicatorGroupInputs) -> String, on db: any DatabaseReading
    ) async throws -> Facts {
        let sql = db.sql
        let from = period.lowerBound.description
        let to = period.upperBound.description
        let start = DanishCalendar.instant(period.lowerBound, hour: 0)!
        let end = DanishCalendar.instant(period.upperBound.adding(days: 1), hour: 0)!
        var facts = Facts()
        if !families.isDisjoint(with: [.dpd, .plans]) {
            facts.referrals = try await referrals(from: from, to: to, group: group, on: sql)
            facts.deaths = try await deaths(from: from, to: to, group: group, on: sql, kinds: &facts.receivingUnitKinds)
        }
        if families.contains(.collaboration) {
            facts.calls = try await calls(from: from, to: to, first: period.lowerBound, by: by, group: group, on: sql)
            facts.planChanges = try await planChanges(start: start, end: end, group: group, on: sql)
            facts.followUps = try await followUps(start: start, end: end, group: group, on: sql)
            facts.inbox = try await inbox(start: start, end: end, group: group, on: sql)
        }
        return facts
    }

    static func isCancer(_ row: any SQLRow, _ column: String = "diagnosis_group") throws -> Bool? {
        try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self) == DiagnosisGroup.cancer.rawValue
    }

    static func inputs(_ row: any SQLRow, unit: String, diagnosis: String = "diagnosis_group") throws -> IndicatorGroupInputs {
        IndicatorGroupInputs(
            unitId: try row.decode(column: unit, as: UUID?.self), municipalityCode: try row.decode(column: "municipality_code", as: String?.self),
            diagnosisGroup: try row.decode(column: diagnosis, as: String?.self))
    }

    /// Referrals received in the period, with the patient's plan as it is now and whether an
    /// EORTC QLQ-C15-PAL was completed at the start.
    static func referrals(
        from: String, to: String, group: @Sendable (IndicatorGroupInputs) -> String, on sql: any SQLDatabase
    ) async throws -> [IndicatorFacts.Referral] {
        let rows = try await sql.raw(
            """
            SELECT r.patient_id, r.received_on, r.status, r.not_reached_reason, r.first_contact_on, r.discussed_at_conference,
                r.receiving_unit_id, r.diagnosis_group, p.municipality_code, pl.id AS plan_id, pl.has_key_worker,
                pl.preferred_place_of_death, pl.resuscitation_decided, pl.date_of_death
            FROM referrals r JOIN patients p ON p.id = r.patient_id LEFT JOIN plans pl ON pl.patient_id = r.patient_id
            WHERE r.received_on >= \(bind: from) AND r.received_on <= \(bind: to)
            """
        ).all()
        let eortc = try await eortcDays(from: from, to: to, on: sql)
        return try rows.map { row in
            let patientId = try row.decode(column: "patient_id", as: UUID.self)
            let received: LocalDate = try row.decodeDate(column: "received_on")
            let firstContact: LocalDate? = try row.decodeDate(column: "first_contact_on")
            let window = EORTCAtStart.window(receivedOn: received, firstContactOn: firstContact)
            let plan =
                try row.decodeNil(column: "plan_id")
                ? nil
                : IndicatorFacts.PlanFacts(
                    hasKeyWorker: try row.decode(column: "has_key_worker", as: Bool?.self) ?? false,
                    preferredPlaceOfDeath: try row.decodeEnum(column: "preferred_place_of_death") ?? .notDiscussed,
                    resuscitationDecided: try row.decode(column: "resuscitation_decided", as: Bool?.self) ?? false)
            return IndicatorFacts.Referral(
                patientId: patientId, group: group(try inputs(row, unit: "receiving_unit_id")), cancer: try isCancer(row) ?? false,
                receivedOn: received, status: try row.decodeEnum(column: "status"),
                notReachedReason: try row.decodeEnum(column: "not_reached_reason"),
                firstContactOn: firstContact, discussedAtConference: try row.decode(column: "discussed_at_conference", as: Bool.self),
                eortcCompleted: window.map { window in (eortc[patientId] ?? []).contains { window.contains($0) } } ?? false,
                dateOfDeath: try row.decodeDate(column: "date_of_death"), plan: plan)
        }
    }

    /// The Copenhagen days of the EORTC QLQ-C15-PAL answers of the patients referred in the period.
    static func eortcDays(from: String, to: String, on sql: any SQLDatabase) async throws -> [UUID: [LocalDate]] {
        let rows = try await sql.raw(eortcQuery(from: from, to: to)).all()
        var days: [UUID: [LocalDate]] = [:]
        for row in rows {
            let day = LocalDate(try row.decode(column: "taken_at", as: Date.self), in: DanishCalendar.timeZone)
            days[try row.decode(column: "patient_id", as: UUID.self), default: []].append(day)
        }
        return days
    }

    static func eortcQuery(from: String, to: String) -> SQLQueryString {
        """
        SELECT a.patient_id, a.taken_at FROM assessments a
        WHERE a.instrument = \(bind: Instrument.eortcQLQC15PAL.rawValue)
          AND a.patient_id IN (
            SELECT r.patient_id FROM referrals r
            WHERE r.received_on >= \(bind: from) AND r.received_on <= \(bind: to) AND r.status = \(bind: ReferralStatus.firstContact.rawValue))
        """
    }

    /// Patients whose plan records a death in the period, with their earliest first contact with
    /// specialised palliative care and the unit that received that referral.
    static func deaths(
        from: String, to: String, group: @Sendable (IndicatorGroupInputs) -> String, on sql: any SQLDatabase,
        kinds: inout [UUID: UnitKind]
    ) async throws -> [IndicatorFacts.Death] {
        let rows = try await sql.raw(
            """
            SELECT pl.patient_id, pl.date_of_death, pl.place_of_death, pl.preferred_place_of_death, p.diagnosis_group,
                p.municipality_code, p.registering_unit_id,
                (SELECT MIN(r.first_contact_on) FROM referrals r WHERE r.patient_id = pl.patient_id AND r.status = 'firstContact')
                    AS first_contact_on,
                (SELECT u.kind FROM referrals r JOIN units u ON u.id = r.receiving_unit_id
                  WHERE r.patient_id = pl.patient_id AND r.status = 'firstContact' ORDER BY r.first_contact_on, r.id LIMIT 1) AS receiving_kind
            FROM plans pl JOIN patients p ON p.id = pl.patient_id
            WHERE pl.date_of_death >= \(bind: from) AND pl.date_of_death <= \(bind: to)
            """
        ).all()
        return try rows.map { row in
            let patientId = try row.decode(column: "patient_id", as: UUID.self)
            if let kind: UnitKind = try row.decodeEnum(column: "receiving_kind") { kinds[patientId] = kind }
            return IndicatorFacts.Death(
                patientId: patientId, group: group(try inputs(row, unit: "registering_unit_id")), cancer: try isCancer(row) ?? false,
                dateOfDeath: try row.decodeDate(column: "date_of_death"), placeOfDeath: try row.decodeEnum(column: "place_of_death"),
                preferredPlaceOfDeath: try row.decodeEnum(column: "preferred_place_of_death") ?? .notDiscussed,
                firstSpecialisedContactOn: try row.decodeDate(column: "first_contact_on"))
        }
    }

    /// Advisory contacts counted by month, caller role, the grouping's column and cancer, in SQL:
    /// a year is hundreds of thousands of contacts. A month's tally is dated its first day in the period.
    static func calls(
        from: String, to: String, first: LocalDate, by: IndicatorGrouping?, group: @Sendable (IndicatorGroupInputs) -> String,
        on sql: any SQLDatabase
    ) async throws -> [IndicatorFacts.Tally<CallerRole>] {
        let rows = try await sql.raw(callsQuery(from: from, to: to, by: by, dialect: sql.dialect.name)).all()
        return try rows.map { row in
            let month = try row.decode(column: "month", as: String.self)
            guard let start = LocalDate(month + "-01") else { throw UnknownStoredValue(column: "local_date", value: month) }
            let inputs = IndicatorGroupInputs(
                unitId: by == .hospital ? try row.decode(column: "group_key", as: UUID?.self) : nil,
                municipalityCode: by == .municipality ? try row.decode(column: "group_key", as: String?.self) : nil,
                diagnosisGroup: try row.decode(column: "diagnosis_group", as: String?.self))
            return IndicatorFacts.Tally(
                day: max(start, first), key: try row.decodeEnum(column: "caller_role"), group: group(inputs), cancer: try isCancer(row),
                count: try row.decode(column: "n", as: Int.self))
        }
    }

    /// The calls' tally: one row per month, caller role, the grouping's column and diagnosis.
    static func callsQuery(from: String, to: String, by: IndicatorGrouping?, dialect: String) -> SQLQueryString {
        let column: SQLQueryString =
            switch by {
            case .hospital: "p.registering_unit_id"
            case .municipality: "p.municipality_code"
            case .diagnosisGroup, nil: "NULL"
            }
        // Cancer or not is all a tally needs of the diagnosis, unless it is the grouping: fewer rows.
        let diagnosis: SQLQueryString =
            by == .diagnosisGroup
            ? "p.diagnosis_group"
            : "CASE WHEN p.diagnosis_group IS NULL THEN NULL WHEN p.diagnosis_group = 'cancer' THEN 'cancer' ELSE 'other' END"
        // Without statistics SQLite looks a patient up by the primary key and reads the wide row;
        // the facets' covering index is a fraction of the work (docs/performance.md). PostgreSQL
        // chooses its index-only scan itself.
        let facets: SQLQueryString = dialect == "sqlite" ? "INDEXED BY \(unsafeRaw: patientFacetsIndex)" : ""
        return """
            SELECT substr(c.local_date, 1, 7) AS month, c.caller_role, \(column) AS group_key, \(diagnosis) AS diagnosis_group, COUNT(*) AS n
            FROM contacts c LEFT JOIN patients p \(facets) ON p.id = c.patient_id
            WHERE c.local_date >= \(bind: from) AND c.local_date <= \(bind: to)
            GROUP BY substr(c.local_date, 1, 7), c.caller_role, \(column), \(diagnosis)
            """
    }

    /// Plan versions by the sector of the author's unit, each on its Copenhagen day.
    static func planChanges(
        start: Date, end: Date, group: @Sendable (IndicatorGroupInputs) -> String, on sql: any SQLDatabase
    ) async throws -> [IndicatorFacts.Tally<Sector>] {
        let rows = try await sql.raw(
            """
            SELECT v.created_at, u.sector, v.author_unit_id, p.municipality_code, p.diagnosis_group
            FROM plan_versions v JOIN plans pl ON pl.id = v.plan_id JOIN patients p ON p.id = pl.patient_id
                JOIN units u ON u.id = v.author_unit_id
            WHERE v.created_at >= \(bind: start) AND v.created_at < \(bind: end)
            """
        ).all()
        return try rows.map { row in
            IndicatorFacts.Tally(
                day: LocalDate(try row.decode(column: "created_at", as: Date.self), in: DanishCalendar.timeZone),
                key: try row.decodeEnum(column: "sector"), group: group(try inputs(row, unit: "author_unit_id")), cancer: try isCancer(row),
                count: 1)
        }
    }

    /// Follow-ups due in the period that the advisory line handed to units outside the region.
    static func followUps(
        start: Date, end: Date, group: @Sendable (IndicatorGroupInputs) -> String, on sql: any SQLDatabase
    ) async throws -> [IndicatorFacts.FollowUp] {
        let rows = try await sql.raw(
            """
            SELECT f.patient_id, f.unit_id, f.due_at, f.status, f.closed_at, u.sector, p.municipality_code, p.diagnosis_group
            FROM follow_ups f JOIN units u ON u.id = f.unit_id LEFT JOIN patients p ON p.id = f.patient_id
            WHERE f.due_at >= \(bind: start) AND f.due_at < \(bind: end) AND u.sector <> \(bind: Sector.region.rawValue)
            """
        ).all()
        return try rows.map { row in
            IndicatorFacts.FollowUp(
                patientId: try row.decode(column: "patient_id", as: UUID?.self), group: group(try inputs(row, unit: "unit_id")),
                cancer: try isCancer(row), unitSector: try row.decodeEnum(column: "sector"), dueAt: try row.decode(column: "due_at", as: Date.self),
                status: try row.decodeEnum(column: "status"), closedAt: try row.decode(column: "closed_at", as: Date?.self))
        }
    }

    /// Inbox items that arrived in the period, with the first time anyone read each.
    static func inbox(
        start: Date, end: Date, group: @Sendable (IndicatorGroupInputs) -> String, on sql: any SQLDatabase
    ) async throws -> [IndicatorFacts.InboxItem] {
        let rows = try await sql.raw(
            """
            SELECT i.patient_id, i.unit_id, i.created_at, p.municipality_code, p.diagnosis_group,
                (SELECT MIN(r.read_at) FROM inbox_reads r WHERE r.item_id = i.id) AS first_read_at
            FROM inbox_items i JOIN patients p ON p.id = i.patient_id
            WHERE i.created_at >= \(bind: start) AND i.created_at < \(bind: end)
            """
        ).all()
        return try rows.map { row in
            IndicatorFacts.InboxItem(
                patientId: try row.decode(column: "patient_id", as: UUID.self), group: group(try inputs(row, unit: "unit_id")),
                cancer: try isCancer(row) ?? false, createdAt: try row.decode(column: "created_at", as: Date.self),
                firstReadAt: try row.decode(column: "first_read_at", as: Date?.self))
        }
    }
}
