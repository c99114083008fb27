import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The audit search form as sent (it posts, so that a CPR number or name stays out of the address).
struct AuditSearchForm: Decodable {
    var patientId: String?
    var patient: String?
    var username: String?
    var action: String?
    var from: String?
    var to: String?
    var limit: String?
    var cursor: String?

    subscript(name: String) -> String? {
        switch name {
        case "patientId": patientId
        case "patient": patient
        case "username": username
        case "action": action
        case "from": from
        case "to": to
        case "limit": limit
        case "cursor": cursor
        default: nil
        }
    }

    static let names = ["patientId", "patient", "username", "action", "from", "to", "limit", "cursor"]
}

/// The audit search as given in a query string, shared by the page and the API.
/// `from`/`to` take an ISO 8601 instant or a date (`to` as a date includes that whole day).
struct AuditQuery {
    var filter = AuditFilter()
    /// A CPR number or a name to find the patient by (`patient`): looked up when the search runs.
    /// A CPR number only ever comes in a form's body (`inAddress` refuses it).
    var patient: String?
    var limit = 50
    var cursor: Int64?
    /// What was typed, to show it again in the form.
    var typed: [String: String] = [:]

    static let maxLimit = 200

    /// The most patients a name search filters the log by (the page names them all).
    static let maxPatients = 50

    /// `inAddress`: the search came as a query string, where a CPR number must not be (it would end up in
    /// proxy logs and the browser's history): it is refused (`cprInAddress`), as the patient search does.
    init(_ query: FormData, inAddress: Bool = true) throws(ValidationFailure) {
        try self.init(inAddress: inAddress) { query[$0] }
    }

    init(inAddress: Bool, _ field: (String) -> String?) throws(ValidationFailure) {
        var v = Validator()
        func text(_ name: String) -> String? {
            let value = field(name).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let value, !value.isEmpty else { return nil }
            typed[name] = value
            if value.count > 100 || TextInput.hasControlCharacters(value) {
                v.add(name, .invalidFormat)
                return nil
            }
            return value
        }
        if let raw = text("patientId") {
            if let id = UUID(uuidString: raw) { filter.patientId = id } else { v.add("patientId", .invalidFormat) }
        }
        if let raw = text("patient") {
            if inAddress, CPRNumber.hasShape(raw) {
                typed["patient"] = nil
                v.add("patient", .cprInAddress)
            } else {
                patient = raw
            }
        }
        filter.username = text("username").map(Username.normalized)
        filter.action = text("action")
        if let raw = text("from") {
            if let date = Self.instant(raw, endOfDay: false) { filter.from = date } else { v.add("from", .invalidFormat) }
        }
        if let raw = text("to") {
            if let date = Self.instant(raw, endOfDay: true) { filter.to = date } else { v.add("to", .invalidFormat) }
        }
        if let raw = text("limit") {
            if let n = Int(raw), (1...Self.maxLimit).contains(n) { limit = n } else { v.add("limit", .invalidFormat) }
        }
        if let raw = text("cursor") {
            if let n = Int64(raw), n > 0 { cursor = n } else { v.add("cursor", .invalidFormat) }
        }
        try v.check()
    }

    static func instant(_ text: String, endOfDay: Bool) -> Date? {
        if text.count == 10, let day = Timestamps.parseLocalDate(text) {
            return endOfDay ? DanishCalendar.calendar.date(byAdding: .day, value: 1, to: day) : day
        }
        return Timestamps.parseISO8601(text)
    }

    /// Runs the search and records it in the audit log in the same transaction: a search
    /// whose audit entry cannot be written returns nothing (fail closed).
    func run(_ context: AppContext, services: AppServices) async throws -> (entries: [AuditEntry], next: Int64?) {
        let result = try await runWithPatients(context, services: services)
        return (result.entries, result.next)
    }

    /// The search with the patients a CPR number or name was found to be, and who each user is.
    /// The search's entry never holds what was typed (a CPR number, a name): only how many
    /// patients it found; each patient found gets an entry of its own, so the patient's access
    /// log shows that an auditor looked.
    func runWithPatients(_ context: AppContext, services: AppServices) async throws -> AuditSearchResult {
        let limit = self.limit, cursor = self.cursor, patient = self.patient, given = self.filter
        return try await services.persistence.write { tx in
            var filter = given
            var matches: [AuditDirectory.PatientMatch] = []
            if let patient {
                matches = try await AuditDirectory.patients(matching: patient, limit: Self.maxPatients, on: tx)
                filter.patientIds = matches.map(\.id)
            }
            let purpose = [
                filter.patientId.map { "patientId=\($0)" }, patient.map { _ in "patients=\(matches.count)" },
                filter.username.map { "username=\($0)" },
            ].compactMap { $0 }.joined(separator: " ")
            try await AuditLog.append(
                [
                    context.auditRecord(
                        "audit.search", as: .readAuditLog, entityType: "auditLog",
                        patientId: filter.patientId ?? (matches.count == 1 ? matches[0].id : nil),
                        purpose: purpose.isEmpty ? nil : purpose)
                ]
                    + (matches.count > 1
                        ? context.shownRecords(
                            "audit.search", as: .readAuditLog,
                            patients: matches.map { ($0.id, "patientSearch") }) : []),
                on: tx)
            let entries = try await AuditLog.search(filter, limit: limit + 1, before: cursor, on: tx)
            let page = Array(entries.prefix(limit))
            let people = try await AuditDirectory.people(usernames: page.compactMap(\.record.username), on: tx)
            let names = try await AuditDirectory.patientNames(ids: page.compactMap(\.record.patientId), on: tx)
            return AuditSearchResult(
                entries: page, next: entries.count > limit ? page.last?.sequence : nil, patients: patient == nil ? nil : matches,
                people: people, patientNames: names)
        }
    }
}

struct AuditSearchResult: Sendable {
    var entries: [AuditEntry]
    var next: Int64?
    /// The patients a CPR number or name was found to be (nil: not searched by patient).
    var patients: [AuditDirectory.PatientMatch]?
    var people: [String: AuditDirectory.Person]
    var patientNames: [UUID: String]
}
