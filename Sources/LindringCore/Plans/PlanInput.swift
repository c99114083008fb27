import Foundation

/// A plan as submitted by a form or the API: every value as text, checked by `validated`.
/// Its keys are those of `PlanContent`, so the API takes back the plan as GET returns it.
public struct PlanInput: Codable, Equatable, Sendable {
    public struct Member: Codable, Equatable, Sendable {
        public var unitId: String?
        public var userId: String?
        public var role: String?
        public var dayPhone: String?
        public var outOfHoursPhone: String?

        public init(unitId: String? = nil, userId: String? = nil, role: String? = nil, dayPhone: String? = nil, outOfHoursPhone: String? = nil) {
            self.unitId = unitId
            self.userId = userId
            self.role = role
            self.dayPhone = dayPhone
            self.outOfHoursPhone = outOfHoursPhone
        }

        var isBlank: Bool {
            [unitId, userId, role, dayPhone, outOfHoursPhone].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        }

        /// A row's identity in the team: its unit and its role (a unit has one row per role).
        struct Key: Equatable {
            let unit: String?
            let role: String?
        }

        var key: Key {
            Key(unit: PlanInput.meaning(unitId).map { UUID(uuidString: $0)?.uuidString ?? $0 }, role: PlanInput.meaning(role))
        }

        /// The row as it means, for telling whether it changed.
        var meaning: [String?] {
            [key.unit, key.role] + [\Member.userId, \.dayPhone, \.outOfHoursPhone].map { Self.meaning(self[keyPath: $0], of: $0) }
        }

        /// A field as it means: a user id in one case, a phone number by its digits (and a
        /// leading +), so "33 66 99 99" and "33669999" are the same number.
        static func meaning(_ value: String?, of field: KeyPath<Member, String?>) -> String? {
            guard let text = PlanInput.meaning(value) else { return nil }
            if field == \Member.userId { return UUID(uuidString: text)?.uuidString ?? text }
            return String(text.enumerated().filter { index, c in (c.isASCII && c.isNumber) || (c == "+" && index == 0) }.map(\.element))
        }
    }

    public struct Medication: Codable, Equatable, Sendable {
        public var drug: String?
        public var strength: String?
        public var dose: String?
        public var route: String?
        public var indication: String?
        public var maxPer24h: String?
        public var prescribedBy: String?
        public var availableInHome: Bool?
        public var date: String?

        public init(
            drug: String? = nil, strength: String? = nil, dose: String? = nil, route: String? = nil, indication: String? = nil,
            maxPer24h: String? = nil, prescribedBy: String? = nil, availableInHome: Bool? = nil, date: String? = nil
        ) {
            self.drug = drug
            self.strength = strength
            self.dose = dose
            self.route = route
            self.indication = indication
            self.maxPer24h = maxPer24h
            self.prescribedBy = prescribedBy
            self.availableInHome = availableInHome
            self.date = date
        }

        var isBlank: Bool {
            [drug, strength, dose, route, indication, maxPer24h, prescribedBy, date].allSatisfy {
                ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            }
        }

        /// The medication as it means, for telling whether it changed.
        var meaning: [String?] {
            [drug, strength, dose, route, indication, maxPer24h, prescribedBy, date].map(PlanInput.meaning) + [
                (availableInHome ?? false) ? "true" : nil
            ]
        }
    }

    public struct ContingencyInput: Codable, Equatable, Sendable {
        public var situation: String?
        public var action: String?
        public var callDay: String?
        public var callNight: String?

        public init(situation: String? = nil, action: String? = nil, callDay: String? = nil, callNight: String? = nil) {
            self.situation = situation
            self.action = action
            self.callDay = callDay
            self.callNight = callNight
        }

        var isBlank: Bool { [situation, action, callDay, callNight].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty } }

        /// The contingency as it means, for telling whether it changed.
        var meaning: [String?] { [situation, action, callDay, callNight].map(PlanInput.meaning) }
    }

    public var status: String?
    public var endReason: String?
    public var dateOfDeath: String?
    public var placeOfDeath: String?
    public var careTeam: [Member]?
    public var preferredPlaceOfCare: String?
    public var preferredPlaceOfDeath: String?
    public var whatMattersMost: String?
    public var wishesDiscussedOn: String?
    public var wishesDiscussedWith: String?
    public var resuscitation: String?
    public var treatmentLevel: String?
    public var decidedBy: String?
    public var decisionDate: String?
    public var reviewDate: String?
    public var livingWill: Bool?
    public var prognosis: String?
    public var patientKnowsPrognosis: Bool?
    public var relativesKnowPrognosis: Bool?
    public var medications: [Medication]?
    public var equipment: [String]?
    public var contingencies: [ContingencyInput]?

    public init() {}

    /// The input that shows `content` again, for an edit form.
    public init(_ content: PlanContent) {
        status = content.status.rawValue
        endReason = content.endReason?.rawValue
        dateOfDeath = content.dateOfDeath?.description
        placeOfDeath = content.placeOfDeath?.rawValue
        careTeam = content.careTeam.map {
            Member(
                unitId: $0.unitId.uuidString, userId: $0.userId?.uuidString, role: $0.role.rawValue,
                dayPhone: $0.dayPhone, outOfHoursPhone: $0.outOfHoursPhone)
        }
        preferredPlaceOfCare = content.preferredPlaceOfCare.rawValue
        preferredPlaceOfDeath = content.preferredPlaceOfDeath.rawValue
        whatMattersMost = content.whatMattersMost
        wishesDiscussedOn = content.wishesDiscussedOn?.description
        wishesDiscussedWith = content.wishesDiscussedWith
        resuscitation = content.resuscitation?.rawValue
        treatmentLevel = content.treatmentLevel?.rawValue
        decidedBy = content.decidedBy
        decisionDate = content.decisionDate?.description
        reviewDate = content.reviewDate?.description
        livingWill = content.livingWill
        prognosis = content.prognosis.rawValue
        patientKnowsPrognosis = content.patientKnowsPrognosis
        relativesKnowPrognosis = content.relativesKnowPrognosis
        medications = content.medications.map {
            Medication(
                drug: $0.drug, strength: $0.strength, dose: $0.dose, route: $0.route.rawValue, indication: $0.indication.rawValue,
                maxPer24h: $0.maxPer24h, prescribedBy: $0.prescribedBy, availableInHome: $0.availableInHome, date: $0.date?.description)
        }
        equipment = content.equipment.map(\.rawValue)
        contingencies = content.contingencies.map {
            ContingencyInput(situation: $0.situation, action: $0.action, callDay: $0.callDay, callNight: $0.callNight)
        }
    }

    /// Checks every field. `knownUnitIds` are the units that exist and are active; `today` is
    /// the Copenhagen date, for refusing a date of death, a decision or a conversation in the future.
    public func validated(knownUnitIds: Set<UUID>, today: LocalDate) throws(ValidationFailure) -> PlanContent {
        var v = Validator()
        var plan = PlanContent()
        plan.status = choice("status", status, default: .active, &v)
        if plan.status == .ended {
            plan.endReason = v.choice("endReason", endReason, as: EndReason.self)
        }
        if plan.endReason == .died {
            plan.dateOfDeath = date("dateOfDeath", dateOfDeath, &v)
            if plan.dateOfDeath == nil, v.errors.allSatisfy({ $0.field != "dateOfDeath" }) { v.add("dateOfDeath", .required) }
            if let death = plan.dateOfDeath, death > today { v.add("dateOfDeath", .inFuture) }
            plan.placeOfDeath = v.choice("placeOfDeath", placeOfDeath, as: PlaceOfDeath.self)
        }

        for (index, member) in (careTeam ?? []).enumerated() where !member.isBlank {
            let field = "careTeam[\(index)]"
            let unit = member.unitId.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
            if unit == nil {
                v.add("\(field).unitId", (member.unitId ?? "").isEmpty ? .required : .invalidFormat)
            } else if !knownUnitIds.contains(unit!) {
                v.add("\(field).unitId", .notFound)
            }
            var user: UUID?
            if let raw = member.userId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                user = UUID(uuidString: raw)
                if user == nil { v.add("\(field).userId", .invalidFormat) }
            }
            let role = v.choice("\(field).role", member.role, as: CareTeamRole.self)
            let day = PhoneNumber.check("\(field).dayPhone", member.dayPhone, &v)
            let night = PhoneNumber.check("\(field).outOfHoursPhone", member.outOfHoursPhone, &v)
            if let unit, let role {
                plan.careTeam.append(CareTeamMember(unitId: unit, userId: user, role: role, dayPhone: day, outOfHoursPhone: night))
            }
        }
        let keyWorkers = plan.careTeam.filter { $0.role == .keyWorker }.count
        if keyWorkers != 1, v.errors.allSatisfy({ !$0.field.hasPrefix("careTeam[") }) {
            v.add("careTeam", keyWorkers == 0 ? .keyWorkerMissing : .keyWorkerNotUnique)
        }

        plan.preferredPlaceOfCare = choice("preferredPlaceOfCare", preferredPlaceOfCare, default: .notDiscussed, &v)
        plan.preferredPlaceOfDeath = choice("preferredPlaceOfDeath", preferredPlaceOfDeath, default: .notDiscussed, &v)
        plan.whatMattersMost = v.optionalText("whatMattersMost", whatMattersMost, maxLength: 2000)
        plan.wishesDiscussedOn = date("wishesDiscussedOn", wishesDiscussedOn, &v)
        plan.wishesDiscussedWith = v.optionalText("wishesDiscussedWith", wishesDiscussedWith, maxLength: 200)

        plan.resuscitation = optionalChoice("resuscitation", resuscitation, &v)
        plan.treatmentLevel = optionalChoice("treatmentLevel", treatmentLevel, &v)
        plan.decidedBy = v.optionalText("decidedBy", decidedBy, maxLength: 200)
        plan.decisionDate = date("decisionDate", decisionDate, &v)
        // A decision and a conversation are dated when they happened; a planned one is not yet either.
        if let decided = plan.decisionDate, decided > today { v.add("decisionDate", .inFuture) }
        if let discussed = plan.wishesDiscussedOn, discussed > today { v.add("wishesDiscussedOn", .inFuture) }
        plan.reviewDate = date("reviewDate", reviewDate, &v)
        if plan.resuscitation != nil || plan.treatmentLevel != nil, plan.decidedBy == nil {
            v.add("decidedBy", .required)
        }
        plan.livingWill = livingWill ?? false

        plan.prognosis = choice("prognosis", prognosis, default: .unknown, &v)
        plan.patientKnowsPrognosis = patientKnowsPrognosis ?? false
        plan.relativesKnowPrognosis = relativesKnowPrognosis ?? false

        for (index, medication) in (medications ?? []).enumerated() where !medication.isBlank {
            let field = "medications[\(index)]"
            let drug = v.requiredText("\(field).drug", medication.drug ?? "", maxLength: 100)
            let strength = v.requiredText("\(field).strength", medication.strength ?? "", maxLength: 100)
            let dose = v.requiredText("\(field).dose", medication.dose ?? "", maxLength: 100)
            let route = v.choice("\(field).route", medication.route, as: MedicationRoute.self)
            let indication = v.choice("\(field).indication", medication.indication, as: MedicationIndication.self)
            let max = v.optionalText("\(field).maxPer24h", medication.maxPer24h, maxLength: 100)
            let by = v.optionalText("\(field).prescribedBy", medication.prescribedBy, maxLength: 200)
            let on = date("\(field).date", medication.date, &v)
            if let route, let indication {
                plan.medications.append(
                    AnticipatoryMedication(
                        drug: drug, strength: strength, dose: dose, route: route, indication: indication,
                        maxPer24h: max, prescribedBy: by, availableInHome: medication.availableInHome ?? false, date: on))
            }
        }
        for raw in equipment ?? [] where !raw.isEmpty {
            if let item = HomeEquipment(rawValue: raw) {
                if !plan.equipment.contains(item) { plan.equipment.append(item) }
            } else {
                v.add("equipment", .invalidChoice)
            }
        }
        plan.equipment.sort { HomeEquipment.allCases.firstIndex(of: $0)! < HomeEquipment.allCases.firstIndex(of: $1)! }
        for (index, item) in (contingencies ?? []).enumerated() where !item.isBlank {
            let field = "contingencies[\(index)]"
            let situation = v.requiredText("\(field).situation", item.situation ?? "", maxLength: 500)
            let action = v.requiredText("\(field).action", item.action ?? "", maxLength: 1000)
            let day = v.optionalText("\(field).callDay", item.callDay, maxLength: 200)
            let night = v.optionalText("\(field).callNight", item.callNight, maxLength: 200)
            plan.contingencies.append(Contingency(situation: situation, action: action, callDay: day, callNight: night))
        }
        try v.check()
        return plan
    }

    func choice<T: RawRepresentable>(_ field: String, _ raw: String?, default value: T, _ v: inout Validator) -> T where T.RawValue == String {
        guard let raw, !raw.isEmpty else { return value }
        guard let parsed = T(rawValue: raw) else {
            v.add(field, .invalidChoice)
            return value
        }
        return parsed
    }

    func optionalChoice<T: RawRepresentable>(_ field: String, _ raw: String?, _ v: inout Validator) -> T? where T.RawValue == String {
        guard let raw, !raw.isEmpty else { return nil }
        guard let parsed = T(rawValue: raw) else {
            v.add(field, .invalidChoice)
            return nil
        }
        return parsed
    }

    func date(_ field: String, _ raw: String?, _ v: inout Validator) -> LocalDate? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let date = LocalDate(raw) else {
            v.add(field, .invalidFormat)
            return nil
        }
        return date
    }
}

extension PlanInput {
    /// After a conflict: the changes this user made to `base` applied on top of `current`
    /// (what a colleague saved since). What the user changed is what differs between `base` (the
    /// version she opened) and what she submits, field by field and care-team row by row; values
    /// are compared as they mean, not as they were typed (blank and absent alike, spaces around
    /// text and inside phone numbers ignored). A field the user did not change takes the
    /// colleague's value, so saving cannot undo their work; a field both changed, differently,
    /// keeps the user's value and is named in `conflicts` for them to check.
    public func rebased(from base: PlanInput, onto current: PlanInput) -> (input: PlanInput, conflicts: [String]) {
        var merged = self
        var conflicts: [String] = []
        func merge<T: Equatable>(_ field: String, _ path: WritableKeyPath<PlanInput, T>, _ normal: (T) -> some Equatable) {
            switch Self.threeWay(mine: normal(self[keyPath: path]), theirs: normal(current[keyPath: path]), base: normal(base[keyPath: path])) {
            case .theirs: merged[keyPath: path] = current[keyPath: path]
            case .mine: break
            case .conflict: conflicts.append(field)
            }
        }
        let flag: (Bool?) -> Bool = { $0 ?? false }
        for (field, path) in Self.textFields { merge(field, path, Self.meaning) }
        for (field, path) in Self.flagFields { merge(field, path, flag) }
        merge("medications", \.medications) { ($0 ?? []).filter { !$0.isBlank }.map(\.meaning) }
        merge("contingencies", \.contingencies) { ($0 ?? []).filter { !$0.isBlank }.map(\.meaning) }
        merge("equipment", \.equipment) { Set(($0 ?? []).filter { !$0.isEmpty }) }
        let team = Self.mergedTeam(mine: careTeam, theirs: current.careTeam, base: base.careTeam)
        merged.careTeam = team.rows
        if team.conflict { conflicts.append("careTeam") }
        return (merged, conflicts)
    }

    enum Side { case mine, theirs, conflict }

    /// Whose value a three-way merge keeps: the colleague's where the user left the value as
    /// it was, the user's where only she changed it (or both made the same change).
    static func threeWay<T: Equatable>(mine: T, theirs: T, base: T) -> Side {
        if mine == base { return .theirs }
        if theirs == base || theirs == mine { return .mine }
        return .conflict
    }

    /// The care team merged row by row, each row found by its unit and role (not by its place
    /// in the form), and within a row that both changed, field by field.
    static func mergedTeam(mine: [Member]?, theirs: [Member]?, base: [Member]?) -> (rows: [Member], conflict: Bool) {
        func rows(_ members: [Member]?) -> [(key: Member.Key, row: Member)] {
            (members ?? []).filter { !$0.isBlank }.map { ($0.key, $0) }
        }
        let mineRows = rows(mine), theirRows = rows(theirs), baseRows = rows(base)
        func row(_ rows: [(key: Member.Key, row: Member)], _ key: Member.Key) -> Member? { rows.first { $0.key == key }?.row }
        var keys: [Member.Key] = []
        for key in theirRows.map(\.key) + mineRows.map(\.key) + baseRows.map(\.key) where !keys.contains(key) { keys.append(key) }
        var merged: [Member] = []
        var conflict = false
        for key in keys {
            let m = row(mineRows, key), t = row(theirRows, key), b = row(baseRows, key)
            switch threeWay(mine: m?.meaning, theirs: t?.meaning, base: b?.meaning) {
            case .theirs: if let t { merged.append(t) }
            case .mine: if let m { merged.append(m) }
            case .conflict:
                guard let m, let t, let b else {
                    // One removed the row, the other changed it: the user's choice stands, to be checked.
                    conflict = true
                    if let m { merged.append(m) }
                    continue
                }
                var row = m
                for path in [\Member.userId, \.dayPhone, \.outOfHoursPhone] {
                    switch threeWay(
                        mine: Member.meaning(m[keyPath: path], of: path), theirs: Member.meaning(t[keyPath: path], of: path),
                        base: Member.meaning(b[keyPath: path], of: path))
                    {
                    case .theirs: row[keyPath: path] = t[keyPath: path]
                    case .mine: break
                    case .conflict: conflict = true
                    }
                }
                merged.append(row)
            }
        }
        return (merged, conflict)
    }

    /// A text as it means: trimmed, and blank the same as absent.
    static func meaning(_ value: String?) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }

    static var textFields: [(String, WritableKeyPath<PlanInput, String?>)] {
        [
            ("status", \.status), ("endReason", \.endReason), ("dateOfDeath", \.dateOfDeath), ("placeOfDeath", \.placeOfDeath),
            ("preferredPlaceOfCare", \.preferredPlaceOfCare), ("preferredPlaceOfDeath", \.preferredPlaceOfDeath),
            ("whatMattersMost", \.whatMattersMost), ("wishesDiscussedOn", \.wishesDiscussedOn), ("wishesDiscussedWith", \.wishesDiscussedWith),
            ("resuscitation", \.resuscitation), ("treatmentLevel", \.treatmentLevel), ("decidedBy", \.decidedBy),
            ("decisionDate", \.decisionDate), ("reviewDate", \.reviewDate), ("prognosis", \.prognosis),
        ]
    }

    static var flagFields: [(String, WritableKeyPath<PlanInput, Bool?>)] {
        [
            ("livingWill", \.livingWill), ("patientKnowsPrognosis", \.patientKnowsPrognosis), ("relativesKnowPrognosis", \.relativesKnowPrognosis),
        ]
    }
}
