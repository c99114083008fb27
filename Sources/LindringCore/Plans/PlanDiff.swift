import Foundation

/// One readable change between two versions of a plan.
public struct PlanChange: Equatable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case changed, added, removed
    }

    /// A value as the reader needs it: coded values are localised by the field's vocabulary,
    /// units are shown by name.
    public enum Value: Equatable, Codable, Sendable {
        case text(String)
        case code(String)
        case flag(Bool)
        case member(role: CareTeamRole, unitId: UUID)
        /// A whole anticipatory medication (added or removed), or the one a change within it belongs to.
        case medication(AnticipatoryMedication)

        enum CodingKeys: String, CodingKey { case type, value, role, unitId }

        /// `{"type": "code", "value": "home"}`, `{"type": "member", "role": …, "unitId": …}`: readable for other systems.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .text(let text):
                try c.encode("text", forKey: .type)
                try c.encode(text, forKey: .value)
            case .code(let code):
                try c.encode("code", forKey: .type)
                try c.encode(code, forKey: .value)
            case .flag(let flag):
                try c.encode("flag", forKey: .type)
                try c.encode(flag, forKey: .value)
            case .member(let role, let unit):
                try c.encode("member", forKey: .type)
                try c.encode(role, forKey: .role)
                try c.encode(unit, forKey: .unitId)
            case .medication(let medication):
                try c.encode("medication", forKey: .type)
                try c.encode(medication, forKey: .value)
            }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            switch try c.decode(String.self, forKey: .type) {
            case "text": self = .text(try c.decode(String.self, forKey: .value))
            case "code": self = .code(try c.decode(String.self, forKey: .value))
            case "flag": self = .flag(try c.decode(Bool.self, forKey: .value))
            case "member": self = .member(role: try c.decode(CareTeamRole.self, forKey: .role), unitId: try c.decode(UUID.self, forKey: .unitId))
            case "medication": self = .medication(try c.decode(AnticipatoryMedication.self, forKey: .value))
            default: throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown change value type")
            }
        }
    }

    public var field: String
    public var kind: Kind
    public var before: Value?
    public var after: Value?
    /// The care-team row (`careTeam.outOfHoursPhone`) or the medication (`medications.dose`) a
    /// change within a row belongs to.
    public var member: Value?

    public init(field: String, kind: Kind = .changed, before: Value?, after: Value?, member: Value? = nil) {
        self.field = field
        self.kind = kind
        self.before = before
        self.after = after
        self.member = member
    }
}

/// Compares two versions field by field; lists compare item by item.
public enum PlanDiff {
    public static func changes(from old: PlanContent?, to new: PlanContent) -> [PlanChange] {
        let old = old ?? PlanContent()
        var changes: [PlanChange] = []
        func scalar(_ field: String, _ a: PlanChange.Value?, _ b: PlanChange.Value?) {
            if a != b { changes.append(PlanChange(field: field, before: a, after: b)) }
        }
        func code<T: RawRepresentable>(_ value: T?) -> PlanChange.Value? where T.RawValue == String { value.map { .code($0.rawValue) } }
        func text(_ value: String?) -> PlanChange.Value? { value.map { .text($0) } }
        func date(_ value: LocalDate?) -> PlanChange.Value? { value.map { .text($0.danish) } }

        scalar("status", code(old.status), code(new.status))
        scalar("endReason", code(old.endReason), code(new.endReason))
        scalar("dateOfDeath", date(old.dateOfDeath), date(new.dateOfDeath))
        scalar("placeOfDeath", code(old.placeOfDeath), code(new.placeOfDeath))
        careTeam(old.careTeam, new.careTeam, &changes)
        scalar("preferredPlaceOfCare", code(old.preferredPlaceOfCare), code(new.preferredPlaceOfCare))
        scalar("preferredPlaceOfDeath", code(old.preferredPlaceOfDeath), code(new.preferredPlaceOfDeath))
        scalar("whatMattersMost", text(old.whatMattersMost), text(new.whatMattersMost))
        scalar("wishesDiscussedOn", date(old.wishesDiscussedOn), date(new.wishesDiscussedOn))
        scalar("wishesDiscussedWith", text(old.wishesDiscussedWith), text(new.wishesDiscussedWith))
        scalar("resuscitation", code(old.resuscitation), code(new.resuscitation))
        scalar("treatmentLevel", code(old.treatmentLevel), code(new.treatmentLevel))
        scalar("decidedBy", text(old.decidedBy), text(new.decidedBy))
        scalar("decisionDate", date(old.decisionDate), date(new.decisionDate))
        scalar("reviewDate", date(old.reviewDate), date(new.reviewDate))
        scalar("livingWill", .flag(old.livingWill), .flag(new.livingWill))
        scalar("prognosis", code(old.prognosis), code(new.prognosis))
        scalar("patientKnowsPrognosis", .flag(old.patientKnowsPrognosis), .flag(new.patientKnowsPrognosis))
        scalar("relativesKnowPrognosis", .flag(old.relativesKnowPrognosis), .flag(new.relativesKnowPrognosis))
        medications(old.medications, new.medications, &changes)
        list("equipment", old.equipment, new.equipment, &changes) { .code($0.rawValue) }
        list("contingencies", old.contingencies, new.contingencies, &changes) { .text("\($0.situation) → \($0.action)") }
        return changes
    }

    /// Items only in the old list were removed, items only in the new one added; an item
    /// edited in place shows as one removed and one added, which reads correctly.
    static func list<T: Equatable>(
        _ field: String, _ old: [T], _ new: [T], _ changes: inout [PlanChange],
        _ value: (T) -> PlanChange.Value
    ) {
        for item in old where !new.contains(item) {
            changes.append(PlanChange(field: field, kind: .removed, before: value(item), after: nil))
        }
        for item in new where !old.contains(item) {
            changes.append(PlanChange(field: field, kind: .added, before: nil, after: value(item)))
        }
    }

    /// A row kept (the same unit in the same role) shows what changed in it, number by number;
    /// rows only in one version were removed or added. A key worker replaced by another unit is one
    /// change (`keyWorker`), not a removed and an added row.
    static func careTeam(_ old: [CareTeamMember], _ new: [CareTeamMember], _ changes: inout [PlanChange]) {
        func same(_ a: CareTeamMember, _ b: CareTeamMember) -> Bool { a.unitId == b.unitId && a.role == b.role }
        let kept = old.compactMap { before in new.first { same($0, before) }.map { (before, $0) } }
        var removed = old.filter { row in !kept.contains { same($0.0, row) } }, added = new.filter { row in !kept.contains { same($0.1, row) } }
        if let from = removed.singleKeyWorker, let to = added.singleKeyWorker {
            changes.append(
                PlanChange(
                    field: "keyWorker", before: .member(role: .keyWorker, unitId: from.unitId), after: .member(role: .keyWorker, unitId: to.unitId)))
            removed.removeAll { $0.role == .keyWorker }
            added.removeAll { $0.role == .keyWorker }
        }
        list("careTeam", removed, added, &changes) { .member(role: $0.role, unitId: $0.unitId) }
        for (before, after) in kept {
            rowChanges(
                "careTeam", [("dayPhone", { $0.dayPhone.map { .text($0) } }), ("outOfHoursPhone", { $0.outOfHoursPhone.map { .text($0) } })],
                before, after, member: .member(role: after.role, unitId: after.unitId), &changes)
        }
    }

    /// A medication kept (the same drug for the same indication, once in each version) shows what
    /// changed in it, field by field ("dose: 2,5 mg → 5 mg"); others were removed or added.
    static func medications(_ old: [AnticipatoryMedication], _ new: [AnticipatoryMedication], _ changes: inout [PlanChange]) {
        func key(_ m: AnticipatoryMedication) -> String { m.drug.trimmingCharacters(in: .whitespaces).lowercased() + "|" + m.indication.rawValue }
        func unique(_ list: [AnticipatoryMedication]) -> [String: AnticipatoryMedication] {
            Dictionary(grouping: list, by: key).compactMapValues { $0.count == 1 ? $0[0] : nil }
        }
        let oldByKey = unique(old), newByKey = unique(new)
        let kept = old.compactMap { before in oldByKey[key(before)] != nil ? newByKey[key(before)].map { (before, $0) } : nil }
            .filter { $0.0 != $0.1 }
        let keptKeys = Set(kept.map { key($0.0) })
        list("medications", old.filter { !keptKeys.contains(key($0)) }, new.filter { !keptKeys.contains(key($0)) }, &changes) { .medication($0) }
        let fields: [(String, (AnticipatoryMedication) -> PlanChange.Value?)] = [
            ("drug", { .text($0.drug) }), ("strength", { .text($0.strength) }), ("dose", { .text($0.dose) }), ("route", { .code($0.route.rawValue) }),
            ("maxPer24h", { $0.maxPer24h.map { .text($0) } }), ("availableInHome", { .flag($0.availableInHome) }),
            ("prescribedBy", { $0.prescribedBy.map { .text($0) } }), ("date", { $0.date.map { .text($0.danish) } }),
        ]
        for (before, after) in kept {
            rowChanges("medications", fields, before, after, member: .medication(after), &changes)
        }
    }

    /// The changes within one kept row: `list.field` for each field that differs.
    static func rowChanges<Row>(
        _ list: String, _ fields: [(String, (Row) -> PlanChange.Value?)], _ before: Row, _ after: Row,
        member: PlanChange.Value, _ changes: inout [PlanChange]
    ) {
        for (field, value) in fields where value(before) != value(after) {
            changes.append(PlanChange(field: "\(list).\(field)", before: value(before), after: value(after), member: member))
        }
    }
}

extension [CareTeamMember] {
    /// The one key-worker row among these, if there is exactly one.
    fileprivate var singleKeyWorker: CareTeamMember? {
        let keyWorkers = filter { $0.role == .keyWorker }
        return keyWorkers.count == 1 ? keyWorkers[0] : nil
    }
}
