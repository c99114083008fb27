import LindringCore

/// Reads the plan form (`careTeam[0].unitId`, `medications[1].drug`, …) into a `PlanInput`.
enum PlanFormInput {
    static let maxRows = 40

    static func parse(_ form: FormData) -> PlanInput {
        var input = PlanInput()
        input.status = form["status"]
        input.endReason = form["endReason"]
        input.dateOfDeath = form["dateOfDeath"]
        input.placeOfDeath = form["placeOfDeath"]
        input.careTeam = rows(form, "careTeam") { f in
            PlanInput.Member(unitId: f("unitId"), userId: f("userId"), role: f("role"), dayPhone: f("dayPhone"), outOfHoursPhone: f("outOfHoursPhone"))
        }
        input.preferredPlaceOfCare = form["preferredPlaceOfCare"]
        input.preferredPlaceOfDeath = form["preferredPlaceOfDeath"]
        input.whatMattersMost = form["whatMattersMost"]
        input.wishesDiscussedOn = form["wishesDiscussedOn"]
        input.wishesDiscussedWith = form["wishesDiscussedWith"]
        input.resuscitation = form["resuscitation"]
        input.treatmentLevel = form["treatmentLevel"]
        input.decidedBy = form["decidedBy"]
        input.decisionDate = form["decisionDate"]
        input.reviewDate = form["reviewDate"]
        input.livingWill = form["livingWill"] == "true"
        input.prognosis = form["prognosis"]
        input.patientKnowsPrognosis = form["patientKnowsPrognosis"] == "true"
        input.relativesKnowPrognosis = form["relativesKnowPrognosis"] == "true"
        input.medications = rows(form, "medications") { f in
            PlanInput.Medication(drug: f("drug"), strength: f("strength"), dose: f("dose"), route: f("route"), indication: f("indication"),
                                 maxPer24h: f("maxPer24h"), prescribedBy: f("prescribedBy"), availableInHome: f("availableInHome") == "true",
                                 date: f("date"))
        }
        input.equipment = form.all("equipment")
        input.contingencies = rows(form, "contingencies") { f in
            PlanInput.ContingencyInput(situation: f("situation"), action: f("action"), callDay: f("callDay"), callNight: f("callNight"))
        }
        return input
    }

    /// Rows numbered from 0 up to the highest index submitted (at most `maxRows`).
    static func rows<T>(_ form: FormData, _ name: String, _ make: ((String) -> String?) -> T) -> [T] {
        let prefix = name + "["
        let indices = form.pairs.compactMap { pair -> Int? in
            guard pair.0.hasPrefix(prefix), let close = pair.0.firstIndex(of: "]") else { return nil }
            return Int(pair.0[pair.0.index(pair.0.startIndex, offsetBy: prefix.count)..<close])
        }
        guard let highest = indices.filter({ $0 >= 0 && $0 < maxRows }).max() else { return [] }
        return (0...highest).map { index in make { field in form["\(name)[\(index)].\(field)"] } }
    }
}
