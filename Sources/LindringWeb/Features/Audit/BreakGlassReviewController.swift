import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// The auditors' review of break-the-glass accesses (`/audit/break-glass`): filtered by period,
/// user and status; each access with who (name, unit), the patient, the reason, how long it was
/// used, and a review (status and note) that only auditors record. Looking and reviewing are
/// audited; the audit log itself is never changed.
struct BreakGlassReviewController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.breakGlassReview.routerPath, use: list)
        router.post(Routes.reviewBreakGlass.routerPath, use: review)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.readAuditLog)
        return try await render(request.query, context, failed: nil)
    }

    @Sendable func review(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.reviewBreakGlass)
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: BreakGlassReviewForm.self, context: context)
        var v = Validator()
        let status = form.status.flatMap(BreakGlassReviewStatus.init(rawValue:))
        if status == nil { v.add("status", .required) }
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 1000 {
            v.add("note", .tooLong)
        } else if TextInput.hasControlCharacters(note.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "\r", with: "")) {
            v.add("note", .invalidFormat)
        } else if status == .needsFollowUp, note.isEmpty {
            v.add("note", .required)
        }
        let back = Self.back(form.filters)
        guard v.errors.isEmpty, let status else {
            return try await render(FormData(urlEncoded: back.query), context, failed: (id, v.errors, note, form.status))
        }
        let found = try await services.persistence.write { tx -> Bool in
            guard
                let patientId = try await BreakGlassRepository.review(
                    grantId: id, status: status, note: note.isEmpty ? nil : note,
                    reviewerId: user.id, on: tx)
            else { return false }
            // The note is free text: it stays on the grant, never in the log.
            try await AuditLog.append(
                context.auditRecord(
                    "breakGlass.review", as: .reviewBreakGlass, entityType: "breakGlassGrant",
                    entityId: id.uuidString, patientId: patientId, purpose: status.rawValue), on: tx)
            return true
        }
        guard found else { throw AppError.notFound }
        return .redirect(to: back.path + "#grant-\(id.uuidString.lowercased())")
    }

    /// The list's own address with its filters, from the hidden field the review form carries
    /// (only the list's own filters survive: nothing else can be smuggled into the redirect).
    static func back(_ filters: String?) -> (path: String, query: String) {
        let allowed = ["from", "to", "username", "status"]
        let items = URLComponents(string: "?" + (filters ?? ""))?.queryItems?.filter { allowed.contains($0.name) && !($0.value ?? "").isEmpty } ?? []
        var components = URLComponents()
        components.queryItems = items
        let query = items.isEmpty ? "" : (components.percentEncodedQuery ?? "")
        return (query.isEmpty ? Routes.breakGlassReview() : Routes.breakGlassReview() + "?" + query, query)
    }

    typealias Failed = (grant: UUID, errors: [FieldError], note: String, status: String?)

    func render(_ fields: FormData, _ context: AppContext, failed: Failed?) async throws -> Response {
        let page = PageContext(context, path: Routes.breakGlassReview())
        var v = Validator()
        var filter = BreakGlassFilter()
        var typed: [String: String] = [:]
        for name in ["from", "to", "username", "status"] {
            if let value = fields[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty, value.count <= 100 { typed[name] = value }
        }
        if let raw = typed["from"] {
            if let date = AuditQuery.instant(raw, endOfDay: false) { filter.from = date } else { v.add("from", .invalidFormat) }
        }
        if let raw = typed["to"] {
            if let date = AuditQuery.instant(raw, endOfDay: true) { filter.to = date } else { v.add("to", .invalidFormat) }
        }
        filter.username = typed["username"].map(Username.normalized)
        if let raw = typed["status"] {
            if let status = BreakGlassFilter.Status(rawValue: raw) { filter.status = status } else { v.add("status", .invalidFormat) }
        }
        guard v.errors.isEmpty else {
            return .html(
                BreakGlassReviewView.render(page, grants: [], typed: typed, filterErrors: v.errors, failed: nil), status: .unprocessableContent)
        }
        let grants = try await services.persistence.write { [filter] tx in
            try await AuditLog.append(context.auditRecord("audit.breakGlassReview", as: .readAuditLog, entityType: "auditLog"), on: tx)
            return try await BreakGlassRepository.list(filter, on: tx)
        }
        return .html(
            BreakGlassReviewView.render(page, grants: grants, typed: typed, filterErrors: [], failed: failed),
            status: failed == nil ? .ok : .unprocessableContent)
    }
}

enum BreakGlassReviewView {
    static func render(
        _ page: PageContext, grants: [BreakGlassGrant], typed: [String: String], filterErrors: [FieldError],
        failed: BreakGlassReviewController.Failed?
    ) -> HTML {
        let t = page.t
        let canReview = page.user?.can(.reviewBreakGlass) ?? false
        var components = URLComponents()
        components.queryItems = typed.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let filters = components.percentEncodedQuery ?? ""
        let labels = ["from": t("audit.from"), "to": t("audit.to"), "username": t("audit.username"), "status": t("breakGlass.status")]
        let statusOptions = BreakGlassFilter.Status.allCases.map { (value: $0.rawValue, label: t("breakGlass.status.\($0.rawValue)")) }
        return Layout.page(
            page, title: t("breakGlass.review"),
            .h1(.plainText(t("breakGlass.review"))),
            .p(.class("lead"), .plainText(t("breakGlass.reviewLead"))),
            .form(
                .class("filters"), .method(.get), .action(Routes.breakGlassReview()),
                FormFields.errorSummary(t, filterErrors, labels: labels),
                FormFields.text(t, name: "from", label: labels["from"]!, value: typed["from"], errors: filterErrors, type: .date),
                FormFields.text(t, name: "to", label: labels["to"]!, value: typed["to"], errors: filterErrors, type: .date),
                FormFields.text(t, name: "username", label: labels["username"]!, value: typed["username"], errors: filterErrors, maxLength: 40),
                FormFields.select(
                    t, name: "status", label: labels["status"]!, options: statusOptions, selected: typed["status"], errors: filterErrors,
                    includeEmpty: t("breakGlass.status.any")),
                .div(.class("actions"), .button(.type(.submit), .class("button secondary"), .plainText(t("breakGlass.filter"))))),
            .if(grants.isEmpty && filterErrors.isEmpty, .p(.plainText(t("breakGlass.none")))),
            .ul(
                .class("grants"),
                .forEach(grants) { grant in
                    .li(
                        .class("grant"), .id("grant-\(grant.id.uuidString.lowercased())"),
                        .h2(
                            .plainText(grant.userName),
                            .span(.class("hint"), .plainText(" " + [grant.username, grant.unitName].compactMap { $0 }.joined(separator: " · ")))),
                        .dl(
                            .class("facts"),
                            .dt(.plainText(t("breakGlass.patient"))),
                            .dd(.a(.href(Routes.audit() + "?patientId=\(grant.patientId)"), .plainText(grant.patientName))),
                            .dt(.plainText(t("breakGlass.grantedAt"))), .dd(.plainText(Timestamps.display(grant.createdAt))),
                            .dt(.plainText(t("breakGlass.reason"))), .dd(.class("reason"), .plainText(grant.reason)),
                            .dt(.plainText(t("breakGlass.duration"))), .dd(.plainText(duration(t, grant))),
                            .dt(.plainText(t("breakGlass.status"))),
                            .dd(
                                .span(
                                    .class("status status-\(grant.reviewStatus?.rawValue ?? "unreviewed")"),
                                    .plainText(t("breakGlass.status.\(grant.reviewStatus?.rawValue ?? "unreviewed")"))),
                                .unwrap(grant.reviewedAt) { at in
                                    .span(
                                        .class("hint"),
                                        .plainText(
                                            " " + t("breakGlass.reviewedBy", ["name": grant.reviewerName ?? "–", "time": Timestamps.display(at)])))
                                }),
                            .unwrap(grant.reviewNote) { .group(.dt(.plainText(t("breakGlass.note"))), .dd(.class("note"), .plainText($0))) }),
                        .if(canReview, reviewForm(page, grant: grant, filters: filters, failed: failed?.grant == grant.id ? failed : nil)))
                }))
    }

    static func reviewForm(
        _ page: PageContext, grant: BreakGlassGrant, filters: String, failed: BreakGlassReviewController.Failed?
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        let id = grant.id.uuidString.lowercased()
        let errors = failed?.errors ?? []
        let status = failed?.status ?? grant.reviewStatus?.rawValue
        let noteError = errors.first { $0.field == "note" }
        let statusError = errors.first { $0.field == "status" }
        return .form(
            .class("review"), .method(.post), .action(Routes.reviewBreakGlass(grant.id)),
            Layout.csrfField(page),
            .input(.type(.hidden), .name("filters"), .value(HTMLEscaping.escape(filters))),
            statusChoices(t, id: id, status: status, error: statusError),
            noteField(t, id: id, note: failed?.note ?? grant.reviewNote ?? "", error: noteError),
            .div(.class("actions"), .button(.type(.submit), .class("button"), .plainText(t("breakGlass.saveReview")))))
    }

    static func statusChoices(_ t: Localizer, id: String, status: String?, error: FieldError?) -> Node<HTML.FormContext> {
        let choices: [Node<HTML.FormContext>] = BreakGlassReviewStatus.allCases.map { option in
            let label = " " + t("breakGlass.status.\(option.rawValue)")
            let input: Node<HTML.LabelContext> = .input(
                .type(.radio), .name("status"), .value(option.rawValue), .id("status-\(id)-\(option.rawValue)"),
                .checked(status == option.rawValue))
            return .label(.class("choice"), input, .text(label))
        }
        let errorNode: Node<HTML.FormContext> = .unwrap(error) { .p(.class("field-error"), .plainText(FormFields.message(t, $0.code))) }
        return .fieldset(
            .class(error == nil ? "field choices" : "field choices has-error"), .legend(t("breakGlass.yourReview")),
            errorNode, .group(choices))
    }

    static func noteField(_ t: Localizer, id: String, note: String, error: FieldError?) -> Node<HTML.FormContext> {
        let described = error == nil ? "note-\(id)-hint" : "note-\(id)-hint note-\(id)-error"
        let errorNode: Node<HTML.FormContext> = .unwrap(error) {
            .p(.class("field-error"), .id("note-\(id)-error"), .plainText(FormFields.message(t, $0.code)))
        }
        let area: Node<HTML.FormContext> = .textarea(
            .id("note-\(id)"), .name("note"), .attribute(named: "rows", value: "2"),
            .attribute(named: "maxlength", value: "1000"), .attribute(named: "aria-describedby", value: described),
            .text(note))
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for("note-\(id)"), .text(t("breakGlass.note"))),
            .p(.class("hint"), .id("note-\(id)-hint"), .text(t("breakGlass.noteHint"))),
            errorNode, area)
    }

    /// How long the access was used: from breaking the glass to the last read on that ground, and
    /// whether the session that broke it can still use it.
    static func duration(_ t: Localizer, _ grant: BreakGlassGrant) -> String {
        let used =
            grant.lastUsedAt.map { last in
                t("breakGlass.usedFor", ["duration": span(t, last.timeIntervalSince(grant.createdAt)), "time": Timestamps.display(last)])
            } ?? t("breakGlass.notUsed")
        let session = grant.sessionEndsAt.map { t("breakGlass.sessionOpen", ["time": Timestamps.display($0)]) } ?? t("breakGlass.sessionEnded")
        return used + " " + session
    }

    /// A length of time in words: "under 1 min", "25 min", "2 t 5 min", "3 døgn".
    static func span(_ t: Localizer, _ seconds: TimeInterval) -> String {
        let minutes = Int(max(0, seconds) / 60)
        if minutes < 1 { return t("duration.underAMinute") }
        if minutes < 60 { return t("duration.minutes", ["m": String(minutes)]) }
        if minutes < 48 * 60 {
            let rest = minutes % 60
            return rest == 0
                ? t("duration.hours", ["h": String(minutes / 60)]) : t("duration.hoursMinutes", ["h": String(minutes / 60), "m": String(rest)])
        }
        return t("duration.days", ["d": String(minutes / (24 * 60))])
    }
}

/// An auditor's review of one break-the-glass access; `filters` is the list's query, to return to.
struct BreakGlassReviewForm: Decodable {
    var status: String?
    var note: String?
    var filters: String?
}
