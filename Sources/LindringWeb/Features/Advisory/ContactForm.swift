import Foundation
import LindringCore

/// The contact form as typed: kept whole so that a re-render (a patient look-up, a validation
/// error) shows exactly what the nurse entered, and turned into a `ContactDraft` to save.
struct ContactForm: Sendable {
    var values: FormData

    /// The id the contact will get. Chosen when the form opens, so the patient look-ups made
    /// while filling it in are audited with this contact as their purpose, and a form sent twice
    /// stores one contact.
    var contactId: UUID { values["contactId"].flatMap(UUID.init(uuidString:)) ?? UUID() }

    var auditPurpose: String { "contact:\(contactId.uuidString)" }

    var patientId: UUID? { values["patientId"].flatMap { UUID(uuidString: $0) } }

    /// A fresh form: a new contact id (or the one being documented, opened again), the start stamped now.
    static func new(now: Date = Date(), contactId: UUID? = nil, patientId: UUID? = nil) -> ContactForm {
        var pairs = [("contactId", (contactId ?? UUID()).uuidString), ("startedAt", LocalDateTime.format(now)), ("channel", ContactChannel.phone.rawValue),
                     ("direction", ContactDirection.incoming.rawValue)]
        if let patientId { pairs.append(("patientId", patientId.uuidString)) }
        return ContactForm(values: FormData(pairs: pairs))
    }

    /// The submitted form, with a patient chosen from the results (`selectPatient`) taking the place of the previous one.
    static func submitted(_ form: FormData) -> ContactForm {
        var pairs = form.pairs.filter { !["csrf", "intent", "selectPatient"].contains($0.0) }
        if let chosen = form["selectPatient"] {
            pairs.removeAll { $0.0 == "patientId" }
            if chosen != "none" { pairs.append(("patientId", chosen)) }
        }
        if form["contactId"].flatMap(UUID.init(uuidString:)) == nil {
            pairs.removeAll { $0.0 == "contactId" }
            pairs.append(("contactId", UUID().uuidString))
        }
        return ContactForm(values: FormData(pairs: pairs))
    }

    func value(_ name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    var draft: ContactDraft {
        ContactDraft(
            startedAt: LocalDateTime.instantText(values["startedAt"]), endedAt: LocalDateTime.instantText(values["endedAt"]),
            channel: value("channel"), direction: value("direction"), callerRole: values["callerRole"], callerName: value("callerName"),
            callerPhone: value("callerPhone"), callerUnitId: value("callerUnitId"), patientId: value("patientId"),
            reasons: values.all("reasons"), situation: value("situation"), background: value("background"), assessment: value("assessment"),
            recommendation: value("recommendation"), triage: values["triage"], actions: values.all("actions"), outcome: values["outcome"],
            stayedAtHome: value("stayedAtHome").map { $0 == "true" },
            followUp: .init(unitId: value("followUp.unitId"), dueAt: LocalDateTime.instantText(values["followUp.dueAt"]), text: value("followUp.text")))
    }
}

/// `datetime-local` values (`2026-11-23T21:14`), which are Copenhagen wall-clock times.
enum LocalDateTime {
    static func format(_ date: Date) -> String {
        let c = DanishCalendar.components(of: date)
        return "\(c.year.zeroPadded(4))-\(c.month.zeroPadded(2))-\(c.day.zeroPadded(2))T\(c.hour.zeroPadded(2)):\(c.minute.zeroPadded(2))"
    }

    static func parse(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2, let day = LocalDate(String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":").map { Int($0) }
        guard (2...3).contains(time.count), time.allSatisfy({ $0 != nil }), let hour = time[0], let minute = time[1],
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return DanishCalendar.instant(day, hour: hour, minute: minute, second: time.count == 3 ? time[2]! : 0)
    }

    /// The ISO 8601 instant for the draft; text that is not a time is passed on as typed, so it becomes a field error.
    static func instantText(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return parse(text).map(ISO8601Instant.format) ?? text
    }
}
