import Foundation
import LindringCore

/// The plan form as sent: the plan's own fields by name, the repeating groups column by column
/// (`careTeam[unitId][0]`, see `FormRows`), the equipment as a list (`equipment[]`).
struct PlanForm: Decodable {
    var baseVersion: String?
    var contactId: String?
    var status: String?
    var endReason: String?
    var dateOfDeath: String?
    var placeOfDeath: String?
    var careTeam: FormRows?
    var preferredPlaceOfCare: String?
    var preferredPlaceOfDeath: String?
    var whatMattersMost: String?
    var wishesDiscussedOn: String?
    var wishesDiscussedWith: String?
    var resuscitation: String?
    var treatmentLevel: String?
    var decidedBy: String?
    var decisionDate: String?
    var reviewDate: String?
    var livingWill: Bool?
    var prognosis: String?
    var patientKnowsPrognosis: Bool?
    var relativesKnowPrognosis: Bool?
    var medications: FormRows?
    var equipment: [String]?
    var contingencies: FormRows?

    var base: Int? { baseVersion.flatMap { Int($0) } }
    var contact: UUID? { contactId.flatMap(UUID.init(uuidString:)) }

    /// The plan as typed, for Core to validate (and the form to show again).
    var input: PlanInput {
        var input = PlanInput()
        input.status = status
        input.endReason = endReason
        input.dateOfDeath = dateOfDeath
        input.placeOfDeath = placeOfDeath
        input.careTeam = (careTeam ?? FormRows()).map { _, f in
            PlanInput.Member(
                unitId: f("unitId"), userId: f("userId"), role: f("role"), dayPhone: f("dayPhone"), outOfHoursPhone: f("outOfHoursPhone"))
        }
        input.preferredPlaceOfCare = preferredPlaceOfCare
        input.preferredPlaceOfDeath = preferredPlaceOfDeath
        input.whatMattersMost = whatMattersMost
        input.wishesDiscussedOn = wishesDiscussedOn
        input.wishesDiscussedWith = wishesDiscussedWith
        input.resuscitation = resuscitation
        input.treatmentLevel = treatmentLevel
        input.decidedBy = decidedBy
        input.decisionDate = decisionDate
        input.reviewDate = reviewDate
        input.livingWill = livingWill ?? false
        input.prognosis = prognosis
        input.patientKnowsPrognosis = patientKnowsPrognosis ?? false
        input.relativesKnowPrognosis = relativesKnowPrognosis ?? false
        let medications = medications ?? FormRows()
        input.medications = medications.map { row, f in
            PlanInput.Medication(
                drug: f("drug"), strength: f("strength"), dose: f("dose"), route: f("route"), indication: f("indication"),
                maxPer24h: f("maxPer24h"), prescribedBy: f("prescribedBy"),
                availableInHome: medications.isTicked(row, "availableInHome"), date: f("date"))
        }
        input.equipment = equipment ?? []
        input.contingencies = (contingencies ?? FormRows()).map { _, f in
            PlanInput.ContingencyInput(situation: f("situation"), action: f("action"), callDay: f("callDay"), callNight: f("callNight"))
        }
        return input
    }
}

/// The patient form as sent; relatives column by column (`relatives[name][0]`).
struct PatientForm: Decodable {
    var cpr: String?
    var name: String?
    var address: String?
    var municipalityCode: String?
    var phone: String?
    var gpUnitId: String?
    var diagnosisGroup: String?
    var icd10: String?
    var language: String?
    var interpreterNeeded: Bool?
    var relatives: FormRows?
    var sharingConsent: String?

    var draft: PatientDraft {
        let relatives = relatives ?? FormRows()
        return PatientDraft(
            cpr: cpr, name: name, address: address, municipalityCode: municipalityCode, phone: phone, gpUnitId: gpUnitId,
            diagnosisGroup: diagnosisGroup, icd10: icd10, language: language, interpreterNeeded: interpreterNeeded ?? false,
            relatives: relatives.map { row, f in
                PatientDraft.RelativeInput(
                    name: f("name"), relation: f("relation"), phone: f("phone"),
                    primaryContact: relatives.isTicked(row, "primaryContact"),
                    livesWithPatient: relatives.isTicked(row, "livesWithPatient"),
                    powerOfAttorney: relatives.isTicked(row, "powerOfAttorney"))
            },
            sharingConsent: sharingConsent)
    }
}

/// The patient search form (it posts, so a CPR number stays out of the address).
struct PatientSearchForm: Decodable {
    var q: String?
}

/// Breaking the glass: the reason, and where to go back to.
struct BreakGlassForm: Decodable {
    var reason: String?
    var returnTo: String?
}
