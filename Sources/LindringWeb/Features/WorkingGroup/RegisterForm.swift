import Foundation
import LindringCore

/// The register item's form as the browser sends it: every control as typed, the attendees as
/// rows sent column by column (`attendees[name][0]`, `attendees[sector][0]`; see `FormRows`), of
/// which blank rows are dropped.
struct RegisterItemForm: Decodable {
    var kind: String?
    var title: String?
    var date: String?
    var text: String?
    var minutes: String?
    var attendees: FormRows?
    var owner: String?
    var dueDate: String?
    var status: String?
    var indicator: String?
    var meetingId: String?
    /// The version the form was opened on: a save on top of a newer one is refused.
    var baseVersion: String?

    var draft: RegisterItemDraft {
        let rows = (attendees ?? FormRows()).map { _, value in RegisterItemDraft.AttendeeInput(name: value("name"), sector: value("sector")) }
            .filter { !isBlankText($0.name) || !isBlankText($0.sector) }
        return RegisterItemDraft(
            kind: kind, title: title, date: date, text: text, minutes: minutes, attendees: rows, owner: owner, dueDate: dueDate, status: status,
            indicator: indicator, meetingId: meetingId)
    }
}

/// The pathway's form: the pathway's own fields (`pages[]` a checkbox group), and on the edit
/// form which button was pressed (`intent=delete` removes the pathway) and the version it was opened on.
struct PathwayForm: Decodable {
    var intent: String?
    /// The version the form was opened on: a save on top of a newer one is refused.
    var baseVersion: String?
    var draft: PathwayDraft

    enum Keys: String, CodingKey { case intent, baseVersion }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        intent = try container.decodeIfPresent(String.self, forKey: .intent)
        baseVersion = try container.decodeIfPresent(String.self, forKey: .baseVersion)
        draft = try PathwayDraft(from: decoder)
    }
}
