import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// `/social-work/consultations`: consultation and teaching the team delivered to municipalities
/// and institutions, recorded and reported per municipality and per year. No patient data.
struct ConsultationsController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.consultations.routerPath, use: show)
        router.post(Routes.consultations.routerPath, use: create)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await page(
            context, form: ConsultationDraft(kind: ConsultationKind.consultation.rawValue, heldOn: SocialWorkService.today().description),
            errors: [], notice: request.query["notice"])
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.manageSocialWorkCases)
        guard let team = user.unitId else { throw AppError.forbidden }
        let draft = try await request.decode(as: ConsultationDraft.self, context: context)
        do {
            let valid = try draft.validated(.init(today: SocialWorkService.today()))
            try await services.persistence.write { tx in
                try await ConsultationRepository.create(teamUnitId: team, valid, author: RecordAuthor(user), on: tx)
                try await AuditLog.append(
                    context.auditRecord("socialWork.consultation", as: .manageSocialWorkCases, entityType: "unit", entityId: team.uuidString), on: tx)
            }
            return .redirect(to: Routes.consultations() + "?notice=saved")
        } catch let failure as ValidationFailure {
            return try await page(context, form: draft, errors: failure.errors, notice: nil, status: .unprocessableContent)
        }
    }

    func page(
        _ context: AppContext, form: ConsultationDraft, errors: [FieldError], notice: String?, status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        let user = try context.require(.manageSocialWorkCases)
        guard let team = user.unitId else { throw AppError.forbidden }
        let (latest, totals) = try await services.persistence.read { tx in
            (
                try await ConsultationRepository.latest(teamUnitId: team, limit: 50, on: tx),
                try await ConsultationRepository.totals(teamUnitId: team, on: tx)
            )
        }
        return .html(
            ConsultationViews.page(
                PageContext(context, path: Routes.consultations()), form: form, latest: latest, totals: totals, errors: errors, notice: notice),
            status: status)
    }
}

enum ConsultationViews {
    static func page(
        _ page: PageContext, form: ConsultationDraft, latest: [ValidConsultation], totals: [ConsultationRepository.YearTotal], errors: [FieldError],
        notice: String?
    ) -> HTML {
        let t = page.t
        func label(_ field: String) -> String { t("consultation.field.\(field)") }
        func municipality(_ code: String?) -> String { code.map { Municipalities.name($0) ?? $0 } ?? t("consultation.noMunicipality") }
        func hours(_ value: Decimal) -> String { CapacityViews.text(t, .decimal(value)) }
        return Layout.page(
            page, title: t("consultation.title"),
            .h1(.plainText(t("consultation.title"))),
            Notices.banner(t, notice),
            .p(.a(.href(Routes.socialWork()), .plainText("← " + t("socialWork.title")))),
            .section(
                .id("consultation-totals"),
                .h2(.plainText(t("consultation.totals"))),
                totals.isEmpty
                    ? .p(.plainText(t("consultation.none")))
                    : .div(
                        .class("table-wrap"),
                        .table(
                            .caption(.class("visually-hidden"), .plainText(t("consultation.totals"))),
                            .thead(
                                .tr(
                                    .th(.plainText(t("consultation.year"))), .th(.plainText(label("municipalityCode"))),
                                    .th(.plainText(label("kind"))),
                                    .th(.plainText(t("consultation.count"))), .th(.plainText(label("hours"))),
                                    .th(.plainText(label("participantCount"))))),
                            .tbody(
                                .forEach(totals) { total in
                                    .tr(
                                        .td(.plainText(String(total.year))), .td(.plainText(municipality(total.municipalityCode))),
                                        .td(.plainText(t.label("consultationKind", total.kind))), .td(.plainText(String(total.count))),
                                        .td(.plainText(hours(total.hours))), .td(.plainText(String(total.participants))))
                                })))),
            .section(
                .id("new-consultation"),
                .h2(.plainText(t("consultation.new"))),
                .form(
                    .method(.post), .action(Routes.consultations()), .class("stacked"), .id("consultation-form"),
                    .attribute(named: "novalidate", value: "novalidate"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(
                        t, errors, labels: Dictionary(errors.map { ($0.field, label($0.field)) }, uniquingKeysWith: { a, _ in a })),
                    FormFields.requiredNote(t),
                    FormFields.select(
                        t, name: "kind", label: label("kind"),
                        options: t.options("consultationKind", ConsultationKind.self),
                        selected: form.kind, errors: errors, required: true),
                    FormFields.text(t, name: "organisation", label: label("organisation"), value: form.organisation, errors: errors, required: true),
                    FormFields.select(
                        t, name: "municipalityCode", label: label("municipalityCode"), options: Municipalities.all.map { ($0.code, $0.name) },
                        selected: form.municipalityCode, errors: errors, includeEmpty: t("consultation.noMunicipality")),
                    FormFields.text(t, name: "topic", label: label("topic"), value: form.topic, errors: errors, required: true),
                    FormFields.text(t, name: "heldOn", label: label("heldOn"), value: form.heldOn, errors: errors, type: .date, required: true),
                    FormFields.text(
                        t, name: "hours", label: label("hours"), value: form.hours, errors: errors, required: true, hint: t("consultation.hoursHint")),
                    FormFields.text(
                        t, name: "participantCount", label: label("participantCount"), value: form.participantCount, errors: errors, type: .number,
                        required: true),
                    FormFields.submit(t("action.save"), id: "save-consultation"))),
            .section(
                .id("latest-consultations"),
                .h2(.plainText(t("consultation.latest"))),
                .ul(
                    .forEach(latest) { c in
                        .li(
                            .plainText(
                                "\(c.heldOn.danish) · \(t.label("consultationKind", c.kind)) · \(c.organisation) (\(municipality(c.municipalityCode))) · \(c.topic) · "
                                    + t("consultation.hoursAndPeople", ["hours": hours(c.hours), "people": String(c.participantCount)])))
                    })))
    }
}
