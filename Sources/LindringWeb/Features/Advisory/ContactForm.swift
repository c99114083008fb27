import Foundation
import LindringCore

/// The contact form as typed: the contact itself is Core's `ContactDraft`, decoded from the same
/// controls (`reasons[]` and `actions[]` are the ticked boxes, `followUp[unitId]` the follow-up),
/// so a field added to the draft is read from the form without a line here. Kept whole so that a
/// re-render (a patient look-up, a validation error) shows exactly what the nurse entered.
struct ContactForm: Sendable, Decodable, BlankMeansAbsent {
    /// The id the contact will get (`contactId`). Chosen when the form opens, so the patient
    /// look-ups made while filling it in are audited with this contact as their purpose, and a
    /// form sent twice stores one contact.
    var contactId: String?
    var draft: ContactDraft
    var patientQuery: String?
    /// Which button sent the form: `save` or `find` (look up a patient); `selectPatient`: a patient chosen from the results.
    var intent: String?
    var selectPatient: String?

    var id: UUID { contactId.flatMap(UUID.init(uuidString:)) ?? UUID() }
    var auditPurpose: String { "contact:\(id.uuidString)" }
    var patientUUID: UUID? { draft.patientUUID }

    /// A fresh form: a new contact id (or the one being documented, opened again), the start stamped now.
    init(now: Date = Date(), contactId: UUID? = nil, patientId: UUID? = nil) {
        self.contactId = (contactId ?? UUID()).uuidString
        draft = ContactDraft(
            startedAt: .copenhagen(LocalDateTime.format(now)), channel: ContactChannel.phone.rawValue,
            direction: ContactDirection.incoming.rawValue, patientId: patientId?.uuidString)
    }

    private enum FormOnlyKeys: String, CodingKey {
        case contactId, patientQuery, intent, selectPatient
    }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: FormOnlyKeys.self)
        contactId = try fields.decodeIfPresent(String.self, forKey: .contactId)
        patientQuery = try fields.decodeIfPresent(String.self, forKey: .patientQuery)
        intent = try fields.decodeIfPresent(String.self, forKey: .intent)
        selectPatient = try fields.decodeIfPresent(String.self, forKey: .selectPatient)
        draft = try ContactDraft(from: decoder)
    }

    /// The form as sent, with a patient chosen from the results (`selectPatient`) in the place of
    /// the previous one; a form without a well-formed id gets a new one.
    func submitted() -> ContactForm {
        var form = self
        if let chosen = selectPatient { form.draft.patientId = chosen == "none" ? nil : chosen }
        if contactId.flatMap(UUID.init(uuidString:)) == nil { form.contactId = UUID().uuidString }
        return form
    }
}
