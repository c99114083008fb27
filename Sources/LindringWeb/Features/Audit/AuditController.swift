import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// The audit log for auditors and administrators: a search page and `GET /api/v1/audit`.
struct AuditController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.audit.routerPath, use: page)
    }

    @Sendable func page(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.readAuditLog)
        let page = PageContext(context, path: Routes.audit())
        do {
            let query = try AuditQuery(request.query)
            let result = try await query.run(context, services: services)
            return .html(AuditView.render(page, query: query, typed: query.typed, entries: result.entries, next: result.next, errors: []))
        } catch let failure as ValidationFailure {
            let typed = Dictionary(request.query.pairs, uniquingKeysWith: { a, _ in a })
            return .html(AuditView.render(page, query: nil, typed: typed, entries: [], next: nil, errors: failure.errors),
                         status: .unprocessableContent)
        }
    }

    @Sendable func api(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.readAuditLog)
        let query = try AuditQuery(request.query)
        let result = try await query.run(context, services: services)
        return try .json(Page(items: result.entries.map(AuditEntryDTO.init), next: result.next.map(String.init)))
    }
}

/// An audit entry as the API shows it.
struct AuditEntryDTO: NullPreservingEncodable {
    var sequence: Int64
    var at: Date
    var username: String?
    var role: String?
    var action: String
    var entityType: String?
    var entityId: String?
    var patientId: UUID?
    var purpose: String?
    var outcome: String
    var ip: String?

    init(_ entry: AuditEntry) {
        let r = entry.record
        sequence = entry.sequence
        at = r.at
        username = r.username
        role = r.role
        action = r.action
        entityType = r.entityType
        entityId = r.entityId
        patientId = r.patientId
        purpose = r.purpose
        outcome = r.outcome.rawValue
        ip = r.ip
    }
}

/// The API's list convention: `{"items": [...], "next": cursor-or-null}`.
struct Page<Item: Encodable>: NullPreservingEncodable {
    var items: [Item]
    var next: String?
}

enum AuditView {
    static func render(_ page: PageContext, query: AuditQuery?, typed: [String: String], entries: [AuditEntry], next: Int64?,
                       errors: [FieldError]) -> HTML {
        let t = page.t
        let labels = ["username": t("audit.username"), "patientId": t("audit.patientId"), "action": t("audit.action"),
                      "from": t("audit.from"), "to": t("audit.to"), "limit": "limit", "cursor": "cursor"]
        var nextLink: String? = nil
        if let next {
            var items = typed.filter { $0.key != "cursor" }.map { URLQueryItem(name: $0.key, value: $0.value) }
            items.append(URLQueryItem(name: "cursor", value: String(next)))
            var components = URLComponents()
            components.queryItems = items.sorted { $0.name < $1.name }
            nextLink = Routes.audit() + "?" + (components.percentEncodedQuery ?? "")
        }
        return Layout.page(page, title: t("audit.title"),
            .h1(.plainText(t("audit.title"))),
            .p(.class("lead"), .plainText(t("audit.lead"))),
            .form(.class("filters"), .method(.get), .action(Routes.audit()), .attribute(named: "role", value: "search"),
                  FormFields.errorSummary(t, errors, labels: labels),
                  FormFields.text(t, name: "username", label: labels["username"]!, value: typed["username"], errors: errors, maxLength: 40),
                  FormFields.text(t, name: "patientId", label: labels["patientId"]!, value: typed["patientId"], errors: errors, maxLength: 36),
                  FormFields.text(t, name: "action", label: labels["action"]!, value: typed["action"], errors: errors, maxLength: 60),
                  FormFields.text(t, name: "from", label: labels["from"]!, value: typed["from"], errors: errors, type: .date),
                  FormFields.text(t, name: "to", label: labels["to"]!, value: typed["to"], errors: errors, type: .date),
                  .div(.class("actions"), .button(.type(.submit), .class("button secondary"), .plainText(t("audit.search"))))),
            .div(.class("table-wrap"),
                 .table(.caption(.plainText(t("audit.results"))),
                        .thead(.tr(.th(.plainText("#")), .th(.plainText(t("audit.time"))), .th(.plainText(t("audit.username"))), .th(.plainText(t("audit.role"))),
                                   .th(.plainText(t("audit.action"))), .th(.plainText(t("audit.entity"))), .th(.plainText(t("audit.patientId"))),
                                   .th(.plainText(t("audit.purpose"))), .th(.plainText(t("audit.outcome"))), .th(.plainText(t("audit.ip"))))),
                        .tbody(.forEach(entries) { entry in
                            let r = entry.record
                            return .tr(.class(r.outcome == .denied ? "denied" : ""),
                                       .td(.plainText(String(entry.sequence))), .td(.plainText(Timestamps.display(r.at))),
                                       .td(.plainText(r.username ?? "–")), .td(.plainText(r.role.map { t("role.\($0)") } ?? "–")),
                                       .td(.code(.plainText(r.action))), .td(.plainText([r.entityType, r.entityId].compactMap { $0 }.joined(separator: " "))),
                                       .td(.plainText(r.patientId?.uuidString ?? "–")), .td(.plainText(r.purpose ?? "–")),
                                       .td(.plainText(t.label("outcome", r.outcome))), .td(.plainText(r.ip ?? "–")))
                        }))),
            .if(entries.isEmpty && errors.isEmpty, .p(.plainText(t("audit.none")))),
            .unwrap(nextLink) { .p(.a(.class("button secondary"), .href(HTMLEscaping.escape($0)), .plainText(t("audit.older")))) })
    }
}
