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
        router.post(Routes.audit.routerPath, use: searchByForm)
        BreakGlassReviewController(services: services).addRoutes(to: router)
    }

    /// The search as a link: no CPR number (`cprInAddress`).
    @Sendable func page(_ request: Request, context: AppContext) async throws -> Response {
        let query = request.query
        return try await render({ query[$0] }, inAddress: true, context)
    }

    /// The search form posts, so that a CPR number or name never ends up in an address.
    @Sendable func searchByForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.readAuditLog)
        let form = try await request.decode(as: AuditSearchForm.self, context: context)
        return try await render({ form[$0] }, inAddress: false, context)
    }

    func render(_ field: (String) -> String?, inAddress: Bool, _ context: AppContext) async throws -> Response {
        _ = try context.require(.readAuditLog)
        let page = PageContext(context, path: Routes.audit())
        do {
            let query = try AuditQuery(inAddress: inAddress, field)
            let result = try await query.runWithPatients(context, services: services)
            return .html(AuditView.render(page, query: query, typed: query.typed, result: result, errors: []))
        } catch let failure as ValidationFailure {
            var typed = Dictionary(uniqueKeysWithValues: AuditSearchForm.names.compactMap { name in field(name).map { (name, $0) } })
            if failure.errors.contains(where: { $0.code == .cprInAddress }) { typed["patient"] = nil }
            return .html(
                AuditView.render(page, query: nil, typed: typed, result: nil, errors: failure.errors),
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

enum AuditView {
    static func render(
        _ page: PageContext, query: AuditQuery?, typed: [String: String], result: AuditSearchResult?,
        errors: [FieldError]
    ) -> HTML {
        let t = page.t
        let entries = result?.entries ?? []
        let labels = [
            "patient": t("audit.patient"), "username": t("audit.username"), "patientId": t("audit.patientId"), "action": t("audit.action"),
            "from": t("audit.from"), "to": t("audit.to"), "limit": "limit", "cursor": "cursor",
        ]
        let kept = typed.filter { $0.key != "cursor" && $0.key != "csrf" }.sorted { $0.key < $1.key }
        var nextLink: String? = nil
        if let next = result?.next, query?.patient == nil {
            var items = kept.map { URLQueryItem(name: $0.key, value: $0.value) }
            items.append(URLQueryItem(name: "cursor", value: String(next)))
            var components = URLComponents()
            components.queryItems = items.sorted { $0.name < $1.name }
            nextLink = Routes.audit() + "?" + (components.percentEncodedQuery ?? "")
        }
        let actionOptions = AuditWording.knownActions.map { (value: $0, label: AuditWording.action(t, $0)) }.sorted { $0.label < $1.label }
        return Layout.page(
            page, title: t("audit.title"),
            .h1(.plainText(t("audit.title"))),
            .p(.class("lead"), .plainText(t("audit.lead"))),
            .form(
                .class("filters"), .method(.post), .action(Routes.audit()), .attribute(named: "role", value: "search"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.text(
                    t, name: "patient", label: labels["patient"]!, value: typed["patient"], errors: errors,
                    autocomplete: "off", hint: t("audit.patientHint"), maxLength: 100),
                FormFields.text(t, name: "username", label: labels["username"]!, value: typed["username"], errors: errors, maxLength: 40),
                FormFields.select(
                    t, name: "action", label: labels["action"]!, options: actionOptions, selected: typed["action"], errors: errors,
                    includeEmpty: t("audit.anyAction")),
                FormFields.text(t, name: "from", label: labels["from"]!, value: typed["from"], errors: errors, type: .date),
                FormFields.text(t, name: "to", label: labels["to"]!, value: typed["to"], errors: errors, type: .date),
                .unwrap(typed["patientId"]) { .input(.type(.hidden), .name("patientId"), .value(HTMLEscaping.escape($0))) },
                .div(.class("actions"), .button(.type(.submit), .class("button secondary"), .plainText(t("audit.search"))))),
            .unwrap(result?.patients) { patients in
                patients.isEmpty
                    ? .p(.class("notice"), .plainText(t("audit.noPatient")))
                    : patients.count == 1
                        ? .p(
                            .class("notice"), .plainText(t("audit.patientFound") + " "),
                            .a(
                                .href(Routes.audit() + "?patientId=\(patients[0].id)"),
                                .plainText("\(patients[0].name) (\(patients[0].cpr.masked))")))
                        : .div(
                            .class("notice"), .p(.plainText(t("audit.patientsFound", ["n": String(patients.count)]))),
                            .ul(
                                .forEach(patients) { match in
                                    .li(.a(.href(Routes.audit() + "?patientId=\(match.id)"), .plainText("\(match.name) (\(match.cpr.masked))")))
                                }))
            },
            .div(
                .class("table-wrap"),
                .table(
                    .class("audit-log"), .caption(.plainText(t("audit.results"))),
                    .thead(
                        .tr(
                            .th(.plainText(t("audit.time"))), .th(.plainText(t("audit.user"))), .th(.plainText(t("audit.role"))),
                            .th(.plainText(t("audit.action"))), .th(.plainText(t("audit.patient"))),
                            .th(.plainText(t("audit.purpose"))), .th(.plainText(t("audit.outcome"))), .th(.plainText(t("audit.details"))))),
                    .tbody(
                        .forEach(entries) { entry in
                            let r = entry.record
                            let person = r.username.flatMap { result?.people[$0] }
                            func cell(_ key: String, _ content: Node<HTML.BodyContext>) -> Node<HTML.TableRowContext> {
                                .td(.attribute(named: "data-label", value: t(key)), content)
                            }
                            // The entity only where it is not the patient already shown.
                            let entity =
                                r.entityType == "patient" && r.entityId == r.patientId?.uuidString
                                ? ""
                                : [r.entityType, r.entityId].compactMap { $0 }.joined(separator: " ")
                            let details = ["#\(entry.sequence)", r.action, entity, r.ip ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
                            let user: Node<HTML.BodyContext> = .unwrap(
                                person,
                                {
                                    .group(
                                        .strong(.plainText($0.name)), .br(),
                                        .span(.class("hint"), .plainText([r.username ?? "", $0.unitName].compactMap { $0 }.joined(separator: " · "))))
                                }, else: .plainText(r.username ?? "–"))
                            let patient: Node<HTML.BodyContext> = .unwrap(
                                r.patientId,
                                { id in
                                    .a(.href(Routes.audit() + "?patientId=\(id)"), .plainText(result?.patientNames[id] ?? id.uuidString))
                                }, else: .plainText("–"))
                            return .tr(
                                .class(r.outcome == .denied ? "denied" : ""),
                                cell("audit.time", .plainText(Timestamps.display(r.at))),
                                cell("audit.user", user),
                                cell("audit.role", .plainText(r.role.map { t("role.\($0)") } ?? "–")),
                                cell("audit.action", .plainText(AuditWording.action(t, r.action))),
                                cell("audit.patient", patient),
                                cell("audit.purpose", .plainText(AuditWording.purpose(t, r.purpose))),
                                cell("audit.outcome", .plainText(t.label("outcome", r.outcome))),
                                cell("audit.details", .span(.class("hint"), .plainText(details))))
                        }))),
            .if(entries.isEmpty && errors.isEmpty, .p(.plainText(t("audit.none")))),
            .unwrap(nextLink) { .p(.a(.class("button secondary"), .href(HTMLEscaping.escape($0)), .plainText(t("audit.older")))) },
            .unwrap(query?.patient == nil ? nil : result?.next) { next in
                .form(
                    .method(.post), .action(Routes.audit()), Layout.csrfField(page),
                    .forEach(kept) { .input(.type(.hidden), .name($0.key), .value(HTMLEscaping.escape($0.value))) },
                    .input(.type(.hidden), .name("cursor"), .value(String(next))),
                    .button(.type(.submit), .class("button secondary"), .plainText(t("audit.older"))))
            })
    }
}
