import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// `/patients/{id}/spict/new`: the SPICT-DK checklist on one page, general indicators first,
/// then the clinical indicators by condition group, the surprise question, the conclusion
/// and the action. No score: the checklist supports the clinician's judgement.
struct SPICTController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.newSPICT.routerPath, use: form)
        router.post(Routes.newSPICT.routerPath, use: save)
    }

    @Sendable func form(_ request: Request, context: AppContext) async throws -> Response {
        try await render(context, typed: SPICTForm(), errors: [])
    }

    func render(_ context: AppContext, typed: SPICTForm, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try context.requiredIdParameter()
        let patient = try await PatientGate(services: services).write(context, patientId: id, action: "spict.form") { tx, _ in
            guard let patient = try await PatientRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return patient
        }
        return .html(SPICTViews.form(PageContext(context, path: Routes.newSPICT(id)), patient: patient, typed: typed, errors: errors), status: status)
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: SPICTForm.self, context: context)
        // Validated inside the gate's job, after the decision: a user who may not record learns
        // nothing from the form's errors.
        do {
            let saved = try await ScreeningService(services: services).recordSPICT(context, patientId: id) { (try form.validated(), Date()) }
            return .redirect(to: saved.planToStart ? Routes.newPlan(id) : Routes.patientScreening(id) + "?notice=saved")
        } catch let failure as ValidationFailure {
            return try await render(context, typed: form, errors: failure.errors, status: .unprocessableContent)
        }
    }
}

/// The SPICT-DK checklist as typed; ticked boxes as lists (`actions[]`).
struct SPICTForm: Decodable {
    var generalIndicators: [String]?
    var clinicalIndicators: [String]?
    var wouldBeSurprised: String?
    var conclusion: String?
    var actions: [String]?

    /// The checklist, or the fields that are wrong.
    func validated() throws(ValidationFailure) -> SPICTChecklist {
        let surprised: Bool? = ["yes": true, "no": false][wouldBeSurprised ?? ""]
        var v = Validator()
        if let answer = wouldBeSurprised, !answer.isEmpty, surprised == nil { v.add("wouldBeSurprised", .invalidChoice) }
        try v.check()
        return try SPICTChecklist(
            SPICTDraft(
                generalIndicators: generalIndicators ?? [], clinicalIndicators: clinicalIndicators ?? [],
                wouldBeSurprised: surprised, conclusion: conclusion, actions: actions ?? []))
    }
}

enum SPICTViews {
    static func form(_ page: PageContext, patient: Patient, typed: SPICTForm, errors: [FieldError]) -> HTML {
        let t = page.t
        let labels = [
            "generalIndicators": t("spict.general"), "clinicalIndicators": t("spict.clinical"), "wouldBeSurprised": t("spict.surprise"),
            "conclusion": t("spict.conclusion"), "actions": t("spict.action"),
        ]
        return Layout.page(
            page, title: t("spict.title"),
            .p(.class("breadcrumb"), .a(.href(Routes.patientScreening(patient.id)), .plainText("← " + patient.name))),
            .h1(.plainText(t("spict.title") + ": " + patient.name)),
            .p(.class("lead"), .plainText(t("spict.intro"))),
            .form(
                .method(.post), .action(Routes.newSPICT(patient.id)), .id("spict-form"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.checkboxes(
                    t, name: "generalIndicators", legend: t("spict.general"),
                    options: SPICT.GeneralIndicator.allCases.map { ($0.rawValue, t("spict.indicator.\($0.rawValue)")) },
                    checked: Set(typed.generalIndicators ?? []), errors: errors),
                .fieldset(
                    .id("clinicalIndicators"), .class("field spict-clinical"),
                    .legend(t("spict.clinical")),
                    .p(.class("hint"), .plainText(t("spict.clinicalHint"))),
                    .unwrap(errors.first { $0.field == "clinicalIndicators" }) {
                        .p(.class("field-error"), .plainText(FormFields.message(t, $0.code)))
                    },
                    .forEach(SPICT.ConditionGroup.allCases) { group in
                        .details(
                            .if(
                                group.indicators.contains { (typed.clinicalIndicators ?? []).contains($0) }, .attribute(named: "open", value: "open")),
                            .summary(.plainText(t("spict.group.\(group.rawValue)"))),
                            .forEach(group.indicators) { indicator in
                                .div(
                                    .class("checkbox"),
                                    .input(
                                        .type(.checkbox), .id("clinical-\(indicator)"), .name(FormName.list("clinicalIndicators")), .value(indicator),
                                        .checked((typed.clinicalIndicators ?? []).contains(indicator))),
                                    .label(.for("clinical-\(indicator)"), .plainText(t("spict.indicator.\(indicator)"))))
                            })
                    }),
                FormFields.select(
                    t, name: "wouldBeSurprised", label: t("spict.surprise"), options: [("yes", t("form.yes")), ("no", t("form.no"))],
                    selected: typed.wouldBeSurprised, errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.select(
                    t, name: "conclusion", label: t("spict.conclusion"),
                    options: SPICT.Conclusion.allCases.map { ($0.rawValue, t("spict.conclusion.\($0.rawValue)")) },
                    selected: typed.conclusion, errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.checkboxes(
                    t, name: "actions", legend: t("spict.action"),
                    options: SPICT.FollowUpAction.allCases.map { ($0.rawValue, t("spict.action.\($0.rawValue)")) },
                    checked: Set(typed.actions ?? []), errors: errors, required: true),
                FormFields.submit(t("spict.save"))))
    }

    /// The patient's checklists, newest first, as a table on the screening page.
    static func list(_ t: Localizer, _ records: [SPICTRecord]) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .id("spict-list"),
                .caption(.plainText(t("spict.title"))),
                .thead(
                    .tr(
                        .th(.plainText(t("screening.at"))), .th(.plainText(t("spict.indicators"))), .th(.plainText(t("spict.surpriseShort"))),
                        .th(.plainText(t("spict.conclusion"))), .th(.plainText(t("spict.action"))), .th(.plainText(t("spict.by"))))),
                .tbody(
                    .forEach(records) { r in
                        let indicators =
                            r.checklist.generalIndicators.map { t("spict.indicator.\($0.rawValue)") }
                            + r.checklist.clinicalIndicators.map { t("spict.indicator.\($0)") }
                        return .tr(
                            .td(.plainText(Timestamps.displayMinutes(r.assessedAt))),
                            .td(.if(indicators.isEmpty, .plainText("–")), .ul(.class("plain"), .forEach(indicators) { .li(.plainText($0)) })),
                            .td(.plainText(t(r.checklist.wouldBeSurprised ? "form.yes" : "form.no"))),
                            .td(
                                .span(
                                    .class(r.checklist.positive ? "light light-amber" : "light light-green"),
                                    .plainText(t("spict.conclusion.\(r.checklist.conclusion.rawValue)")))),
                            .td(.plainText(r.checklist.actions.map { t("spict.action.\($0.rawValue)") }.joined(separator: ", "))),
                            .td(.plainText(r.recordedByName)))
                    })))
    }
}
