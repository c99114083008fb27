import Foundation
import LindringCore

/// The audit log's codes in words, for the auditor: each action (`patient.read` → "Åbnede
/// patientens journal") and each purpose (`careTeam: inbox`, `3 hits`, `contact:<id>`). What has
/// no words yet is shown as it is stored, never hidden.
enum AuditWording {
    /// The grounds and words a purpose is made of (`PatientGate.purpose`: "ground: purpose").
    static let purposeKeys: [String: String] = [
        "registeringUnit": "registeringUnit", "careTeam": "careTeam", "advisoryLine": "advisoryLine", "breakTheGlass": "breakTheGlass",
        "inbox": "inbox", "search": "search", "board": "board", "edit": "edit", "plan form": "planForm", "plan conflict": "planConflict",
        "audit": "audit", "command line": "commandLine", "role": "role", "CPR already registered": "cprAlreadyRegistered",
        "synthetic region-scale data": "syntheticData", "patientSearch": "patientSearch",
        "reviewed": "reviewed", "needsFollowUp": "needsFollowUp", "socialWorkTeam": "socialWorkTeam", "paediatricTeam": "paediatricTeam",
        "childsCareTeam": "childsCareTeam",
    ]

    /// Every action the code writes to the log (a test reads the sources to keep this complete),
    /// for the search's list of actions; each has words in both catalogs (`auditAction.…`).
    static let knownActions = [
        "apiToken.issue", "apiToken.revoke", "assessment.create", "assessment.form", "assessment.list", "assessment.selfReport",
        "audit.breakGlassReview", "audit.search", "benefit.municipalDeadline", "benefit.update", "auth.login", "auth.logout", "board.redScreening",
        "breakGlass.review",
        "contact.addendum", "contact.create", "family.application.create", "family.application.update", "family.bereavement", "family.create",
        "family.list",
        "family.meeting.create", "family.meeting.decision", "family.needs", "family.read", "family.update", "family.worklist",
        "socialWork.consultation",
        "socialWork.funding", "contact.list",
        "contact.read", "followup.cancelled",
        "followup.done", "followup.list",
        "followup.open",
        "inbox.read", "instrumentThresholds.update", "learning.cancel", "learning.offer.create", "learning.register", "learning.session.create",
        "learning.staff.import", "learning.attendance", "learning.evaluate", "learning.group.open", "learning.group.join",
        "learning.group.reflect", "learning.group.close", "learning.module.edit", "learning.series.create", "learning.cohort.create",
        "learning.cohort.member.add", "learning.cohort.supervisor", "learning.cohort.progress",
        "budget.initiative.create", "budget.initiative.update", "budget.initiative.reproject", "budget.priceLevel", "budget.allocation.create",
        "budget.actuals.entry", "budget.actuals.import", "budget.carryOver",
        "referral.create", "referral.update", "referral.read", "referral.list", "referral.form", "indicator.patients",
        "careCommunication.create", "careCommunication.reply", "careCommunication.read", "careCommunication.bundle", "careCommunication.list",
        "careCommunication.status",
        "workingGroup.item.create", "workingGroup.item.update", "workingGroup.pathway.create", "workingGroup.pathway.update",
        "workingGroup.pathway.delete",
        "patient.access", "patient.accessLog", "patient.breakGlass", "patient.create",
        "patient.read", "patient.register.duplicate", "patient.search", "patient.update", "plan.create", "plan.history", "plan.read",
        "plan.update", "rota.assign", "rota.remove", "selfReportLink.create", "selfReportLink.list", "selfReportLink.revoke", "spict.create",
        "spict.form", "spict.list",
        "unit.create", "unit.update", "user.changeOwnPassword", "user.create", "user.create.demo", "user.resetPassword", "user.update",
        "worklist.read",
    ]

    static func action(_ t: Localizer, _ action: String) -> String {
        let key = "auditAction.\(action)"
        let text = t(key)
        return text == "[\(key)]" ? action : text
    }

    static func purpose(_ t: Localizer, _ purpose: String?) -> String {
        guard let purpose, !purpose.isEmpty else { return "–" }
        if let key = purposeKeys[purpose] { return t("auditPurpose.\(key)") }
        if let hits = hits(purpose) {
            return hits == 0 ? t("auditPurpose.noHits") : hits == 1 ? t("auditPurpose.oneHit") : t("auditPurpose.hits", ["n": String(hits)])
        }
        if purpose.hasPrefix("contact:"), let id = UUID(uuidString: String(purpose.dropFirst("contact:".count))) {
            return t("auditPurpose.contact", ["id": String(id.uuidString.prefix(8)).lowercased()])
        }
        if let colon = purpose.range(of: ": ") {
            let head = String(purpose[..<colon.lowerBound]), rest = String(purpose[colon.upperBound...])
            let restKnown = isKnown(rest)
            // After breaking the glass comes the user's own reason, shown as written.
            if let key = purposeKeys[head] {
                return t("auditPurpose.\(key)") + ": " + (restKnown ? self.purpose(t, rest).lowercasedFirst : rest)
            }
            if isKnown(head), restKnown {
                return self.purpose(t, head) + ": " + self.purpose(t, rest).lowercasedFirst
            }
        }
        if let search = searchPurpose(t, purpose) { return search }
        return purpose
    }

    /// Whether a purpose (without ": ") has words.
    static func isKnown(_ text: String) -> Bool {
        purposeKeys[text] != nil || hits(text) != nil
            || (text.hasPrefix("contact:") && UUID(uuidString: String(text.dropFirst("contact:".count))) != nil)
    }

    /// "3 hits" as the searches write it.
    static func hits(_ text: String) -> Int? {
        guard text.hasSuffix(" hits") else { return nil }
        return Int(text.dropLast(" hits".count))
    }

    /// The audit search's own purpose: `patientId=… username=…`.
    static func searchPurpose(_ t: Localizer, _ text: String) -> String? {
        let parts = text.split(separator: " ").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        guard !parts.isEmpty, parts.allSatisfy({ $0.count == 2 }) else { return nil }
        var words: [String] = []
        for part in parts {
            switch part[0] {
            case "patientId": words.append(t("auditPurpose.searchPatient"))
            case "username": words.append(t("auditPurpose.searchUser", ["username": part[1]]))
            case "patients": words.append(t("auditPurpose.searchPatients", ["n": part[1]]))
            default: return nil
            }
        }
        return t("auditPurpose.auditSearch") + ": " + words.joined(separator: ", ")
    }
}

extension String {
    /// The text with its first letter in lower case, to follow a colon.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
