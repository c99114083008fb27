import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// `/patients/{id}/screening/new?instrument=esas-r`: staff enter a screening at the bedside, on
/// one page and from the keyboard (each item a radio group: arrows or a digit choose, Tab moves
/// on; Enter or Ctrl+Enter saves). Scored, stored and audited by `ScreeningService`, the same
/// path as the API; the item wording is the self-report pages'.
struct AssessmentFormController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.newAssessment.routerPath, use: form)
        router.post(Routes.newAssessment.routerPath, use: save)
    }

    @Sendable func form(_ request: Request, context: AppContext) async throws -> Response {
        guard let instrument = Self.instrument(request.query["instrument"]) else { throw AppError.notFound }
        return try await render(context, instrument: instrument, typed: AssessmentForm(at: LocalDateTime.format(Date())), errors: [])
    }

    /// No instrument named is ESAS-r, the one most often taken at the bedside.
    static func instrument(_ value: String?) -> Instrument? {
        guard let value, !value.isEmpty else { return .esasR }
        return Instrument(rawValue: value)
    }

    func render(
        _ context: AppContext, instrument: Instrument, typed: AssessmentForm, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try context.requiredIdParameter()
        let patient = try await PatientGate(services: services).write(
            context, patientId: id, action: "assessment.form",
            purpose: instrument.rawValue
        ) { tx, _ in
            guard let patient = try await PatientRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return patient
        }
        let page = PageContext(context, path: Routes.newAssessment(id))
        return .html(
            AssessmentFormViews.form(
                page, patient: patient, instrument: instrument, wording: services.config.instrumentWording,
                typed: typed, errors: errors), status: status)
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: AssessmentForm.self, context: context)
        guard let instrument = Self.instrument(form.instrument ?? request.query["instrument"]) else { throw AppError.notFound }
        var v = Validator()
        let respondent = v.choice("respondent", form.respondent, as: Respondent.self)
        let at = v.observedAt("at", InstantInput(formText: form.at), now: Date())
        let answers = form.answers(instrument)
        // A screening entered by staff is complete: every scored item answered (ESAS-r's "other
        // problem" only when there is one). The API and the patient's link may leave items out.
        for item in instrument.items where answers[item.id] == nil && !Self.optional.contains(item.id) {
            v.add("answers.\(item.id)", .required)
        }
        do {
            // The form's errors are reported only once the gate has let the user write for the patient.
            _ = try await ScreeningService(services: services).recordAssessment(context, patientId: id) { [v] in
                .init(instrument: instrument, respondent: respondent, answers: answers, takenAt: at, errors: v)
            }
        } catch let failure as ValidationFailure {
            return try await render(
                context, instrument: instrument, typed: form, errors: Self.ordered(failure.errors, instrument),
                status: .unprocessableContent)
        }
        return .redirect(to: Routes.patientScreening(id) + "?notice=saved")
    }

    static let optional: Set<String> = ["other"]

    /// Errors in the order of the page, so the summary reads top to bottom.
    static func ordered(_ errors: [FieldError], _ instrument: Instrument) -> [FieldError] {
        let order = ["respondent", "at"] + SelfReportViews.questions(instrument).map { "answers.\($0.id)" }
        return errors.sorted { (order.firstIndex(of: $0.field) ?? order.count) < (order.firstIndex(of: $1.field) ?? order.count) }
    }
}

/// A screening entered by staff, as typed: each item's answer as `answers[pain]`.
struct AssessmentForm: Decodable {
    var instrument: String?
    var respondent: String?
    /// When it was observed: a Copenhagen wall-clock time (`datetime-local`).
    var at: String?
    var typedAnswers: [String: String]?

    private enum CodingKeys: String, CodingKey {
        case instrument, respondent, at
        case typedAnswers = "answers"
    }

    init(at: String? = nil) { self.at = at }

    /// The answers as the API takes them; a scored item's text that is not a whole number goes
    /// on as text, so scoring names it (`notAnInteger`).
    func answers(_ instrument: Instrument) -> [String: AnswerValue] {
        var answers: [String: AnswerValue] = [:]
        for (item, value) in typedAnswers ?? [:] {
            let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            answers[item] = instrument.textItems.contains(item) ? .text(text) : Int(text).map(AnswerValue.integer) ?? .text(text)
        }
        return answers
    }
}

enum AssessmentFormViews {
    static func form(
        _ page: PageContext, patient: Patient, instrument: Instrument, wording: InstrumentWording, typed: AssessmentForm,
        errors: [FieldError]
    ) -> HTML {
        let t = page.t
        let action = Routes.newAssessment(patient.id) + "?instrument=\(instrument.rawValue)"
        let questions = SelfReportViews.questions(instrument)
        var labels = ["respondent": t("screening.respondent"), "at": t("screening.form.at"), "answers": t("screening.form.answers")]
        for question in questions { labels["answers.\(question.id)"] = wording.item(instrument, question.id, in: page.language) }
        return Layout.page(
            page, title: t("screening.form.title", ["instrument": t.label("instrument", instrument)]),
            .p(.class("breadcrumb"), .a(.href(Routes.patientScreening(patient.id)), .plainText("← " + t("screening.title") + ": " + patient.name))),
            .h1(.plainText(t("screening.form.title", ["instrument": t.label("instrument", instrument)]) + " – " + patient.name)),
            .nav(
                .class("instrument-switch"), .attribute(named: "aria-label", value: t("screening.form.instruments")),
                .ul(
                    .class("inline-list"),
                    .forEach(Instrument.allCases) { other in
                        .li(
                            .a(
                                .href(Routes.newAssessment(patient.id) + "?instrument=\(other.rawValue)"),
                                .if(other == instrument, .attribute(named: "aria-current", value: "page")),
                                .plainText(t.label("instrument", other))))
                    })),
            .p(.class("lead"), .plainText(t("screening.form.intro"))),
            .form(
                .method(.post), .action(action), .id("assessment-form"), .class("assessment-form"),
                Layout.csrfField(page),
                FormFields.sessionBanner(t),
                .input(.type(.hidden), .name("instrument"), .value(instrument.rawValue)),
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                .div(
                    .class("grid"),
                    choice(
                        t, name: "respondent", legend: t("screening.respondent"),
                        options: t.options("respondent", Respondent.self), selected: typed.respondent,
                        errors: errors, required: true),
                    FormFields.text(
                        t, name: "at", label: t("screening.form.at"), value: typed.at, errors: errors,
                        type: .init(rawValue: "datetime-local") ?? .text, required: true, hint: t("screening.form.atHint"))),
                .p(.class("hint"), .plainText(t("screening.form.keys"))),
                .forEach(Array(questions.enumerated())) { index, question in
                    item(
                        t, instrument: instrument, id: question.id, range: question.range, label: labels["answers.\(question.id)"] ?? question.id,
                        groupHint: groupHint(t, instrument, index: index, questions: questions), value: typed.typedAnswers?[question.id],
                        errors: errors)
                },
                .div(
                    .class("actions sticky-actions"),
                    .button(
                        .type(.submit), .id("save-screening"), .class("button primary"), .attribute(named: "data-save-shortcut", value: "enter"),
                        .attribute(named: "aria-keyshortcuts", value: "Control+Enter"), .plainText(t("screening.form.save"))),
                    .a(.class("button secondary"), .href(Routes.patientScreening(patient.id)), .plainText(t("action.cancel"))))))
    }

    /// The scale's anchors, shown before the first item of each threshold group (EORTC's quality
    /// of life has its own), in the self-report pages' words.
    static func groupHint(_ t: Localizer, _ instrument: Instrument, index: Int, questions: [(id: String, range: ClosedRange<Int>?)]) -> String? {
        func group(_ id: String) -> String? { instrument.thresholdGroups.first { $0.items.contains(id) }?.id }
        guard let current = group(questions[index].id) else { return nil }
        if index > 0, group(questions[index - 1].id) == current { return nil }
        return t("selfReport.anchors.\(instrument.rawValue).\(current)")
    }

    static func item(
        _ t: Localizer, instrument: Instrument, id: String, range: ClosedRange<Int>?, label: String, groupHint: String?, value: String?,
        errors: [FieldError]
    ) -> Node<HTML.FormContext> {
        let name = "answers.\(id)"
        let error = errors.first { $0.field == name }
        guard let range else {
            return .group(
                .unwrap(groupHint) { .p(.class("scale-anchors"), .plainText($0)) },
                id == "mainConcerns"
                    ? FormFields.textarea(t, name: name, label: label, value: value, errors: errors)
                    : FormFields.text(t, name: name, label: label, value: value, errors: errors, maxLength: 2000))
        }
        let required = !AssessmentFormController.optional.contains(id)
        return .group(
            .unwrap(groupHint) { .p(.class("scale-anchors"), .plainText($0)) },
            .fieldset(
                .id(name), .class(error == nil ? "field item-scale" : "field item-scale has-error"),
                .attribute(named: "role", value: "radiogroup"),
                .if(required, .attribute(named: "aria-required", value: "true")),
                .if(error != nil, .attribute(named: "aria-invalid", value: "true")),
                .if(error != nil, .attribute(named: "aria-describedby", value: "\(name)-error")),
                legend(label, required: required),
                .unwrap(error) { .p(.class("field-error"), .id("\(name)-error"), .plainText(FormFields.message(t, $0.code))) },
                .div(
                    .class("scale compact scale-\(range.count)"),
                    .forEach(Array(range)) { choice in
                        .label(
                            .class("scale-choice"),
                            .input(.type(.radio), .name(FormName.of(name)), .value(String(choice)), .checked(value == String(choice))),
                            .span(.plainText(String(choice))))
                    })))
    }

    /// A required choice as a radio group (the respondent): one Tab stop, arrows choose.
    static func choice(
        _ t: Localizer, name: String, legend: String, options: [(value: String, label: String)], selected: String?,
        errors: [FieldError], required: Bool
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        return .fieldset(
            .id(name), .class(error == nil ? "field radios" : "field radios has-error"),
            .attribute(named: "role", value: "radiogroup"),
            .if(required, .attribute(named: "aria-required", value: "true")),
            .if(error != nil, .attribute(named: "aria-describedby", value: "\(name)-error")),
            self.legend(legend, required: required),
            .unwrap(error) { .p(.class("field-error"), .id("\(name)-error"), .plainText(FormFields.message(t, $0.code))) },
            .div(
                .class("radio-row"),
                .forEach(options) { option in
                    .div(
                        .class("checkbox"),
                        .input(.type(.radio), .id("\(name)-\(option.value)"), .name(name), .value(option.value), .checked(selected == option.value)),
                        .label(.for("\(name)-\(option.value)"), .plainText(option.label)))
                }))
    }

    /// A fieldset's caption with the required marker the other fields carry.
    static func legend(_ text: String, required: Bool) -> Node<HTML.FormContext> {
        FormFields.legend(text, required: required)
    }
}
