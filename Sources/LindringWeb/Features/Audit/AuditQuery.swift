import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The audit search as given in a query string, shared by the page and the API.
/// `from`/`to` take an ISO 8601 instant or a date (`to` as a date includes that whole day).
struct AuditQuery {
    var filter = AuditFilter()
    var limit = 50
    var cursor: Int64?
    /// What was typed, to show it again in the form.
    var typed: [String: String] = [:]

    static let maxLimit = 200

    init(_ query: FormData) throws(ValidationFailure) {
        var v = Validator()
        func text(_ name: String) -> String? {
            let value = query[name].map { $0.trimmingCharacters(in: .whitespaces) }
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
        let filter = self.filter, limit = self.limit, cursor = self.cursor
        let purpose = [filter.patientId.map { "patientId=\($0)" }, filter.username.map { "username=\($0)" }]
            .compactMap { $0 }.joined(separator: " ")
        return try await services.persistence.write { tx in
            try await AuditLog.append(context.auditRecord("audit.search", as: .readAuditLog, entityType: "auditLog",
                                                          patientId: filter.patientId, purpose: purpose.isEmpty ? nil : purpose), on: tx)
            let entries = try await AuditLog.search(filter, limit: limit + 1, before: cursor, on: tx)
            let page = Array(entries.prefix(limit))
            return (page, entries.count > limit ? page.last?.sequence : nil)
        }
    }
}
