import Foundation
import LindringCore

/// The contact form as typed: kept whole so that a re-render (a patient look-up, a validation
/// error) shows exactly what the nurse entered, and turned into a `ContactDraft` to save.
/// Field names: `reasons[]`, `actions[]` (ticked boxes), `followUp[unitId]`.
struct ContactForm: Sendable, Decodable {
    struct FollowUpFields: Sendable, Decodable {
        var unitId: String?
        var dueAt: String?
        var text: String?
    }

    /// The id the contact will get (`id`). Chosen when the form opens, so the patient look-ups
    /// made while filling it in are audited with this contact as their purpose, and a form sent
    /// twice stores one contact.
    var contactId: String?
    /// The patient's id as sent (a malformed one becomes a field error).
    var patientId: String?
    var startedAt: String?
    var endedAt: String?
    var channel: String?
    var direction: String?
    var callerRole: String?
    var callerName: String?
    var callerPhone: String?
    var callerUnitId: String?
    var reasons: [String]?
    var situation: String?
    var background: String?
    var assessment: String?
    var recommendation: String?
    var triage: String?
    var actions: [String]?
    var outcome: String?
    var stayedAtHome: String?
    var followUp: FollowUpFields?
    var patientQuery: String?
    /// Which button sent the form: `save` or `find` (look up a patient); `selectPatient`: a patient chosen from the results.
    var intent: String?
    var selectPatient: String?

    var id: UUID { contactId.flatMap(UUID.init(uuidString:)) ?? UUID() }
    var auditPurpose: String { "contact:\(id.uuidString)" }
    var patientUUID: UUID? { patientId.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) } }

    /// A fresh form: a new contact id (or the one being documented, opened again), the start stamped now.
    init(now: Date = Date(), contactId: UUID? = nil, patientId: UUID? = nil) {
        self.contactId = (contactId ?? UUID()).uuidString
        self.patientId = patientId?.uuidString
        startedAt = LocalDateTime.format(now)
        channel = ContactChannel.phone.rawValue
        direction = ContactDirection.incoming.rawValue
    }

    /// The form as sent, with a patient chosen from the results (`selectPatient`) in the place of
    /// the previous one; a form without a well-formed id gets a new one.
    func submitted() -> ContactForm {
        var form = self
        if let chosen = selectPatient { form.patientId = chosen == "none" ? nil : chosen }
        if contactId.flatMap(UUID.init(uuidString:)) == nil { form.contactId = UUID().uuidString }
        return form
    }

    /// The contact as typed, for Core to validate: blank fields are absent, times are Copenhagen wall-clock times.
    var draft: ContactDraft {
        func value(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        return ContactDraft(
            startedAt: InstantInput(formText: startedAt), endedAt: InstantInput(formText: endedAt),
            channel: value(channel), direction: value(direction), callerRole: callerRole, callerName: value(callerName),
            callerPhone: value(callerPhone), callerUnitId: value(callerUnitId), patientId: value(patientId),
            reasons: reasons ?? [], situation: value(situation), background: value(background), assessment: value(assessment),
            recommendation: value(recommendation), triage: triage, actions: actions ?? [], outcome: outcome,
            stayedAtHome: value(stayedAtHome).map { $0 == "true" },
            followUp: .init(unitId: value(followUp?.unitId), dueAt: InstantInput(formText: followUp?.dueAt), text: value(followUp?.text)))
    }
}
