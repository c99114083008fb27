import Foundation
import LindringCore
import LindringStore

/// What the indicators are asked for: a period of Copenhagen days, a grouping, and for the page
/// an interval for its charts and an indicator and group to draw.
struct IndicatorQuery: Sendable {
    var period: ClosedRange<LocalDate>
    var by: IndicatorGrouping
    var interval: IndicatorInterval = .month
    var indicator: IndicatorID?
    var group: String?

    /// Reads `from`, `to`, `by`, `interval`, `indicator` and `group`; the default is the last
    /// twelve whole months by hospital. 422 names each bad parameter.
    static func parse(_ query: FormData, today: LocalDate = DanishCalendar.today()) throws -> IndicatorQuery {
        let firstOfMonth = IndicatorInterval.month.start(of: today)
        let range = try DateRange.parse(query, defaultFrom: firstOfMonth.adding(months: -12), defaultTo: firstOfMonth.adding(days: -1))
        var v = Validator()
        func choice<T: RawRepresentable>(_ name: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let raw = query[name], !raw.isEmpty else { return nil }
            return v.choice(name, raw, as: type)
        }
        let by = choice("by", IndicatorGrouping.self) ?? .hospital
        let interval = choice("interval", IndicatorInterval.self) ?? .month
        let indicator = choice("indicator", IndicatorID.self)
        let group = query["group"].flatMap { $0.isEmpty ? nil : $0 }
        if let group, group.count > 40 || TextInput.hasControlCharacters(group) { v.add("group", .invalidFormat) }
        try v.check()
        return IndicatorQuery(period: range.from...range.to, by: by, interval: interval, indicator: indicator, group: group)
    }
}

/// Everything the indicators page shows: one snapshot's facts, counted by Core's rules.
struct IndicatorResults: Sendable {
    var query: IndicatorQuery
    var cases: [IndicatorCase]
    var rows: [IndicatorRow]
    var totals: [IndicatorID: IndicatorRow]
    /// Deaths in the period by the DPD's place codes, for the concordance's table.
    var placesOfDeath: [DPDPlaceOfDeath: Int]
    var groupNames: [String: String]

    func groupName(_ code: String) -> String { groupNames[code] ?? code }
}

/// The working group's indicators, computed from Lindring's own records. Counts need no patient
/// access; the drill-down shows a patient only to a user the patient access policy lets read
/// them, and writes an entry in each shown patient's access log.
struct IndicatorService {
    let services: AppServices

    func results(
        _ query: IndicatorQuery, _ context: AppContext, families: Set<IndicatorFamily> = Set(IndicatorFamily.allCases)
    )
        async throws -> IndicatorResults
    {
        _ = try context.require(.viewIndicators)
        let units = try await services.units()
        let grouping = IndicatorGroups(by: query.by, units: units)
        let now = Date()
        let facts = try await services.persistence.read { tx in
            try await IndicatorRepository.facts(period: query.period, families: families, by: query.by, group: grouping.code, on: tx)
        }
        let cases = facts.cases(period: query.period, now: now)
        let rows = IndicatorReport.rows(cases)
        // A group chosen under another grouping (the form's "by" changed) is not one of these: all.
        var query = query
        if let group = query.group, !rows.contains(where: { $0.group == group }) { query.group = nil }
        var places: [DPDPlaceOfDeath: Int] = [:]
        for death in facts.deaths where query.group == nil || death.group == query.group {
            guard let place = death.placeOfDeath else { continue }
            places[DPDPlaceOfDeath(place, receivingUnitKind: facts.receivingUnitKinds[death.patientId]), default: 0] += 1
        }
        return IndicatorResults(
            query: query, cases: cases, rows: rows, totals: IndicatorReport.totals(rows), placesOfDeath: places,
            groupNames: grouping.names(Set(rows.map(\.group))))
    }

    /// The patients behind one indicator (in a group): those the user may read, by name, each
    /// with whether they count in the numerator; the rest as a count. Audited per patient shown.
    struct DrillDown: Sendable {
        var shown: [(patient: PatientListItem, counted: Bool, day: LocalDate)]
        var hidden: Int
        /// The counts the list belongs to (for the group's name); nil when not counted.
        var results: IndicatorResults?
    }

    func drillDown(_ query: IndicatorQuery, indicator: IndicatorID, _ context: AppContext) async throws -> DrillDown {
        let user = try context.require(.viewIndicators)
        let results = try await results(query, context, families: [indicator.family])
        let cases = results.cases.filter { $0.indicator == indicator && (query.group == nil || $0.group == query.group) && $0.patientId != nil }
        let ids = Set(cases.compactMap(\.patientId))
        let requester = PatientRequester(roles: user.roles, unitId: user.unitId)
        // Only a role with clinical access may see a patient at all; the rest see counts.
        let mayRead = user.can(.readPatientData)
        return try await services.persistence.readAudited { tx in
            let facts = mayRead ? try await PatientRepository.accessFacts(patientIds: ids, on: tx) : [:]
            // Only the patient's own units (registering, care team): the advisory line's ground is a
            // look-up for a call, not a reason to list the region's patients.
            let readable = Set(
                ids.filter { id in
                    guard let facts = facts[id], case .allowed(let ground) = PatientAccessPolicy.read(requester, facts) else { return false }
                    return ground == .registeringUnit || ground == .careTeam
                })
            let items = try await PatientRepository.listItems(ids: readable, on: tx)
            let shown = cases.compactMap { item -> (PatientListItem, Bool, LocalDate)? in
                guard let id = item.patientId, let patient = items[id] else { return nil }
                return (patient, item.numerator > 0, item.day)
            }.sorted { ($0.0.name, $0.0.id.uuidString) < ($1.0.name, $1.0.id.uuidString) }
            let hidden = cases.count - shown.count
            let list = context.auditRecord(
                "indicator.patients", as: .viewIndicators, entityType: "indicator", entityId: indicator.rawValue,
                purpose: "\(shown.count) shown, \(hidden) not")
            let records = [list] + context.shownRecords("indicator.patients", patients: shown.map { ($0.0.id, "indicator:\(indicator.rawValue)") })
            return (DrillDown(shown: shown, hidden: hidden, results: results), records)
        }
    }
}

/// How records are placed in groups: a hospital is the top of the unit tree above the unit that
/// did the work (units outside the hospitals, which have no parent, are grouped by their
/// sector); a municipality by its code; a diagnosis group by its value.
struct IndicatorGroups: Sendable {
    let by: IndicatorGrouping
    let tops: [UUID: OrgUnit]

    init(by: IndicatorGrouping, units: [OrgUnit]) {
        self.by = by
        let byId = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var tops: [UUID: OrgUnit] = [:]
        for unit in units {
            var top = unit
            var seen: Set<UUID> = [unit.id]
            while let parent = top.parentId.flatMap({ byId[$0] }), seen.insert(parent.id).inserted { top = parent }
            tops[unit.id] = top
        }
        self.tops = tops
    }

    static let unknown = "unknown"

    var code: @Sendable (IndicatorGroupInputs) -> String {
        { [by, tops] inputs in
            switch by {
            case .hospital:
                guard let top = inputs.unitId.flatMap({ tops[$0] }) else { return Self.unknown }
                return top.sector == .region ? top.code : top.sector.rawValue
            case .municipality: return inputs.municipalityCode.flatMap { $0.isEmpty ? nil : $0 } ?? Self.unknown
            case .diagnosisGroup: return inputs.diagnosisGroup ?? Self.unknown
            }
        }
    }

    /// The groups' names where the code is not itself the word (a hospital's, a municipality's);
    /// the view words sectors and diagnosis groups.
    func names(_ codes: Set<String>) -> [String: String] {
        var names: [String: String] = [:]
        switch by {
        case .hospital:
            for top in tops.values where top.sector == .region && codes.contains(top.code) { names[top.code] = top.name }
        case .municipality:
            for municipality in Municipalities.all where codes.contains(municipality.code) { names[municipality.code] = municipality.name }
        case .diagnosisGroup: break
        }
        return names
    }
}
