import Foundation
import LindringCore
import LindringStore
import Plot

/// The cross-sector theme afternoons on their offer's page, for educators: each afternoon's
/// places by the participants' sector, and the form that plans the year's four together.
enum ThemeSeriesViews {
    struct Model {
        var placesBySector: [UUID: [Sector?: Int]]
        var draft: ThemeAfternoonSeriesDraft
        var errors: [FieldError]
    }

    static func section(_ page: PageContext, offerId: UUID, sessions: [LearningSession], _ model: Model) -> Node<HTML.BodyContext> {
        let t = page.t
        let columns: [Sector?] = Sector.allCases.map { $0 } + [nil]
        return .section(
            .id("series"),
            .h2(.plainText(t("series.bySector.title"))),
            sessions.isEmpty
                ? .p(.plainText(t("learning.sessions.none")))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .class("by-sector"),
                        .thead(
                            .tr(
                                .th(.plainText(t("series.afternoon"))),
                                .forEach(columns) { .th(.class("number"), .plainText($0.map { t.label("sector", $0) } ?? t("series.noSector"))) },
                                .th(.class("number"), .plainText(t("series.total"))),
                                .th(.class("number"), .plainText(t("series.waiting"))))),
                        .tbody(
                            .forEach(sessions) { session in
                                let counts = model.placesBySector[session.id] ?? [:]
                                return .tr(
                                    .td(.a(.href(Routes.learningSession(session.id)), .plainText(LearningViews.when(t, session.session)))),
                                    .forEach(columns) { .td(.class("number"), .plainText(String(counts[$0] ?? 0))) },
                                    .td(.class("number"), .plainText("\(session.registered) / \(session.session.capacity)")),
                                    .td(.class("number"), .plainText(String(session.waitlisted))))
                            }))),
            form(page, offerId: offerId, model.draft, errors: model.errors))
    }

    static func form(_ page: PageContext, offerId: UUID, _ draft: ThemeAfternoonSeriesDraft, errors: [FieldError]) -> Node<HTML.BodyContext> {
        let t = page.t
        let dates = draft.dates ?? []
        var labels = ["year": t("series.field.year"), "startTime": t("series.field.startTime"), "endTime": t("series.field.endTime")]
        labels["capacity"] = t("learning.session.field.capacity")
        labels["place"] = t("learning.session.field.place")
        for number in 1...ThemeAfternoonSeriesDraft.afternoons { labels["dates.\(number)"] = t("series.field.date", ["number": String(number)]) }
        let year = draft.year ?? String(LocalDate(Date(), in: DanishCalendar.timeZone).year + 1)
        return .form(
            .method(.post), .action(Routes.learningSeries(offerId)), .class("plan-form"), .attribute(named: "novalidate", value: "novalidate"),
            Layout.csrfField(page),
            .h3(.plainText(t("series.plan.title"))),
            .p(.plainText(t("series.plan.lead"))),
            FormFields.errorSummary(t, errors, labels: labels),
            FormFields.text(t, name: "year", label: labels["year"]!, value: year, errors: errors, type: .number, required: true),
            .div(
                .class("grid"),
                .forEach(Array(1...ThemeAfternoonSeriesDraft.afternoons)) { number in
                    dateField(
                        t, number: number, value: number <= dates.count ? dates[number - 1] : nil, label: labels["dates.\(number)"]!, errors: errors)
                }),
            .div(
                .class("grid"),
                FormFields.text(
                    t, name: "startTime", label: labels["startTime"]!, value: draft.startTime ?? "13:00", errors: errors,
                    type: .init(rawValue: "time") ?? .text, required: true),
                FormFields.text(
                    t, name: "endTime", label: labels["endTime"]!, value: draft.endTime ?? "16:00", errors: errors,
                    type: .init(rawValue: "time") ?? .text, required: true),
                FormFields.text(t, name: "capacity", label: labels["capacity"]!, value: draft.capacity, errors: errors, type: .number, required: true)
            ),
            FormFields.text(
                t, name: "place", label: labels["place"]!, value: draft.place, errors: errors, required: true, hint: t("learning.session.placeHint"),
                maxLength: OfferDraft.maxTitleLength),
            FormFields.submit(t("series.plan.submit")))
    }

    /// The four dates are sent in order as `dates[]`; each one's error is `dates.N`.
    static func dateField(_ t: Localizer, number: Int, value: String?, label: String, errors: [FieldError]) -> Node<HTML.FormContext> {
        let name = "dates.\(number)"
        let error = errors.first { $0.field == name }
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(name), .plainText(label), .raw(FormFields.requiredMark)),
            .unwrap(error) { .p(.class("field-error"), .id("\(name)-error"), .plainText(FormFields.message(t, $0.code))) },
            .input(
                .type(.date), .id(name), .name("dates[]"), .value(value ?? ""), .attribute(named: "required", value: "required"),
                .attribute(named: "aria-describedby", value: error == nil ? "" : "\(name)-error")))
    }
}
