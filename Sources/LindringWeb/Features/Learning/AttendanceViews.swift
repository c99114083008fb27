import Foundation
import LindringCore
import LindringStore
import Plot

/// Attendance on the day (a list to tick on a phone) and the evaluation afterwards: the
/// participant's form and the educator's summary.
enum AttendanceViews {
    static func page(
        _ page: PageContext, _ session: LearningSession, registrations: [Registration], open: Bool, errors: [FieldError], notice: String?
    ) -> HTML {
        let t = page.t
        let present = registrations.filter { $0.attendedAt != nil }.count
        return Layout.page(
            page, title: t("attendance.title"),
            .p(.a(.href(Routes.learningSession(session.id)), .plainText("← " + session.offerTitle))),
            .h1(.plainText(t("attendance.title"))),
            Notices.banner(t, notice),
            .p(.class("lead"), .plainText(session.offerTitle + " · " + LearningViews.when(t, session.session))),
            .p(.id("attendance-count"), .plainText(t("attendance.count", ["present": String(present), "count": String(registrations.count)]))),
            .unwrap(errors.first) { .div(.class("form-error"), .p(.plainText(t("attendance.error.\($0.field)")))) },
            open
                ? .form(
                    .method(.post), .action(Routes.learningAttendance(session.id)), .class("attendance-form"),
                    Layout.csrfField(page),
                    // An empty list is sent as one blank value, so unticking everyone is possible.
                    .input(.type(.hidden), .name("present[]"), .value("")),
                    .ul(
                        .class("attendance-list"),
                        .forEach(registrations) { registration in
                            .li(
                                .input(
                                    .type(.checkbox), .id("present-\(registration.userId)"), .name("present[]"),
                                    .value(registration.userId.uuidString), .checked(registration.attendedAt != nil)),
                                .label(
                                    .for("present-\(registration.userId)"), .strong(.plainText(registration.userName)),
                                    .if(
                                        registration.status == .waitlisted,
                                        .span(.class("hint"), .plainText(" · " + t("attendance.waitlisted"))))))
                        }),
                    .div(.class("actions sticky-actions"), .button(.type(.submit), .class("button primary"), .plainText(t("attendance.save")))))
                : .p(.class("notice warning"), .plainText(t("attendance.notYet"))))
    }

    /// The participant's part of a session's page once it has begun: the evaluation form, or
    /// thanks for it.
    static func participantSection(
        _ page: PageContext, _ model: LearningService.SessionPage, mine: Registration?, typed: EvaluationDraft?, errors: [FieldError]
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        guard let mine, mine.status == .registered, SessionTiming.mayEvaluate(startsAt: model.session.session.startsAt, now: Date()) else {
            return .empty
        }
        let labels = ["rating": t("evaluation.field.rating"), "relevance": t("evaluation.field.relevance"), "comment": t("evaluation.field.comment")]
        return .section(
            .id("evaluation"),
            .h2(.plainText(t("evaluation.title"))),
            .if(mine.attendedAt != nil, .p(.plainText(t("evaluation.attended")))),
            model.evaluated
                ? .p(.class("notice"), .plainText(t("evaluation.thanks")))
                : .form(
                    .method(.post), .action(Routes.learningEvaluation(model.session.id)), .class("plan-form"),
                    .attribute(named: "novalidate", value: "novalidate"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(t, errors, labels: labels),
                    scale(t, name: "rating", legend: labels["rating"]!, chosen: typed?.rating, errors: errors),
                    scale(t, name: "relevance", legend: labels["relevance"]!, chosen: typed?.relevance, errors: errors),
                    FormFields.textarea(
                        t, name: "comment", label: labels["comment"]!, value: typed?.comment, errors: errors,
                        maxLength: EvaluationDraft.maxCommentLength),
                    FormFields.submit(t("evaluation.submit"))))
    }

    /// Five radio buttons from 1 (poor) to 5 (very good).
    static func scale(_ t: Localizer, name: String, legend: String, chosen: String?, errors: [FieldError]) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        return .fieldset(
            .class(error == nil ? "field scale" : "field scale has-error"),
            FormFields.legend(legend, required: true),
            .unwrap(error) { .p(.class("field-error"), .id("\(name)-error"), .plainText(FormFields.message(t, $0.code))) },
            .div(
                .class("scale-options"),
                .forEach(EvaluationDraft.scale.map { $0 }) { value in scaleOption(t, name: name, value: value, chosen: chosen) }))
    }

    static func scaleOption(_ t: Localizer, name: String, value: Int, chosen: String?) -> Node<HTML.FormContext> {
        let id = "\(name)-\(value)"
        let label = ("\(value) " + t("evaluation.scale.\(value)")).trimmingCharacters(in: .whitespaces)
        return .div(
            .class("checkbox"),
            .input(.type(.radio), .id(id), .name(name), .value(String(value)), .checked(chosen == String(value))),
            .label(.for(id), .plainText(label)))
    }

    /// The educator's summary of the evaluations: how many, the means, the comments.
    static func summary(_ t: Localizer, _ evaluations: [ValidEvaluation]) -> Node<HTML.BodyContext> {
        let summary = EvaluationSummary(evaluations)
        func mean(_ value: Decimal?) -> String { value.map { CapacityViews.text(t, .decimal($0)) } ?? "–" }
        return .section(
            .id("evaluations"),
            .h2(.plainText(t("evaluation.summary.title"))),
            summary.count == 0
                ? .p(.plainText(t("evaluation.summary.none")))
                : .group(
                    .p(
                        .id("evaluation-summary"),
                        .plainText(
                            t(
                                "evaluation.summary.means",
                                ["count": String(summary.count), "rating": mean(summary.meanRating), "relevance": mean(summary.meanRelevance)]))),
                    .ul(.class("reflections"), .forEach(evaluations.compactMap(\.comment)) { .li(.p(.class("prewrap"), .plainText($0))) })))
    }
}
