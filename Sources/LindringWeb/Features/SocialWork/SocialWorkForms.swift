import Foundation
import LindringCore

/// The family case form as sent: the case's own fields by name, parents, siblings and the
/// network column by column (`parents[name][0]`, see `FormRows`); a parent's two checkboxes list
/// the rows whose box is ticked.
struct FamilyForm: Decodable {
    var childPatientId: String?
    var conditionGroup: String?
    var municipalityCode: String?
    var interpreterNeeded: Bool?
    var language: String?
    var keyWorkerId: String?
    var status: String?
    /// The version the form was opened on (an edit).
    var version: String?
    var parents: FormRows?
    var siblings: FormRows?
    var network: FormRows?

    var draft: FamilyDraft {
        let parents = parents ?? FormRows()
        return FamilyDraft(
            childPatientId: childPatientId, conditionGroup: conditionGroup, municipalityCode: municipalityCode,
            parents: parents.map { row, f in
                FamilyDraft.ParentInput(
                    id: f("id"), name: f("name"), relation: f("relation"), phone: f("phone"), email: f("email"), address: f("address"),
                    livesWithChild: parents.isTicked(row, "livesWithChild"), holdsCustody: parents.isTicked(row, "holdsCustody"))
            },
            siblings: (siblings ?? FormRows()).map { _, f in
                FamilyDraft.SiblingInput(name: f("name"), age: f("age"), schoolOrDaycare: f("schoolOrDaycare"), supportNeeds: f("supportNeeds"))
            },
            interpreterNeeded: interpreterNeeded ?? false, language: language,
            network: (network ?? FormRows()).map { _, f in
                FamilyDraft.NetworkInput(role: f("role"), name: f("name"), organisation: f("organisation"), phone: f("phone"), email: f("email"))
            },
            keyWorkerId: keyWorkerId, status: status)
    }
}

/// The application form: Core's `ApplicationDraft` read from the same controls (every field is
/// sent, so a blank one clears the stored value), and the version it was opened on.
struct ApplicationForm: Decodable {
    var draft: ApplicationDraft
    var version: String?

    private enum Keys: String, CodingKey { case version }

    init(draft: ApplicationDraft, version: Int?) {
        self.draft = draft
        self.version = version.map(String.init)
    }

    init(from decoder: any Decoder) throws {
        version = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .version)
        draft = try ApplicationDraft(from: decoder)
    }
}

/// The network meeting form: participants one to a line, decisions as rows
/// (`decisions[text][0]`), and the parents who lost earnings as ticked boxes.
struct MeetingForm: Decodable {
    init(heldOn: String?) { self.heldOn = heldOn }

    var heldOn: String?
    var participants: String?
    var decisions: FormRows?
    var lostEarningsParentIds: [String]?

    var draft: NetworkMeetingDraft {
        NetworkMeetingDraft(
            heldOn: heldOn, participants: (participants ?? "").split(whereSeparator: \.isNewline).map(String.init),
            decisions: (decisions ?? FormRows()).map { _, f in
                NetworkMeetingDraft.DecisionInput(text: f("text"), owner: f("owner"), dueOn: f("dueOn"))
            },
            lostEarningsParentIds: lostEarningsParentIds ?? [])
    }
}

/// A button on a meeting: which meeting and parent (the § 87 application), or which decision.
struct MeetingActionForm: Decodable {
    var meetingId: String?
    var parentId: String?
    var decisionId: String?
    var done: String?
}
