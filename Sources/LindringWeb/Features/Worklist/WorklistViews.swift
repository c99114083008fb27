import Foundation
import LindringCore
import LindringStore
import Plot

enum WorklistViews {
    static func page(
        _ page: PageContext, worklist: WorklistQuery.Page, unitName: String, municipalities: [String: String],
        isFirstPage: Bool, today: LocalDate = LocalDate(Date(), in: DanishCalendar.timeZone)
    ) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("worklist.title"),
            .h1(.plainText(t("worklist.title"))),
            .p(.class("lead"), .plainText(t("worklist.lead", ["unit": unitName]))),
            .if(
                isFirstPage,
                .section(
                    .id("worklist-attention"),
                    .h2(.plainText(t("worklist.attention", ["count": String(worklist.attention.count)]))),
                    worklist.attention.isEmpty
                        ? .p(.plainText(t("worklist.attention.none")))
                        : table(
                            t, worklist.attention, caption: t("worklist.attention", ["count": String(worklist.attention.count)]),
                            municipalities: municipalities, today: today))),
            .section(
                .id("worklist-all"),
                .h2(.plainText(t("worklist.all"))),
                worklist.all.isEmpty
                    ? .p(.plainText(t("worklist.all.none")))
                    : table(t, worklist.all, caption: t("worklist.all"), municipalities: municipalities, today: today),
                .unwrap(worklist.next) { last in
                    .p(.a(.class("button secondary"), .href(Routes.myPatients() + "?after=\(last)"), .plainText(t("worklist.more"))))
                }))
    }

    static func table(
        _ t: Localizer, _ entries: [WorklistEntry], caption: String, municipalities: [String: String], today: LocalDate
    ) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .class("worklist"),
                .caption(.class("visually-hidden"), .plainText(caption)),
                .thead(
                    .tr(
                        .th(.plainText(t("patient.name"))), .th(.plainText(t("patient.born"))), .th(.plainText(t("worklist.needs"))),
                        .th(.plainText(t("plan.title"))))),
                .tbody(
                    .forEach(entries) { entry in
                        let patient = entry.patient
                        return .tr(
                            .td(
                                .a(.href(Routes.patient(patient.id)), .plainText(patient.name)),
                                .span(
                                    .class("hint block"),
                                    .plainText(
                                        PatientViews.whereabouts(
                                            patient.address, municipality: patient.municipalityCode.flatMap { municipalities[$0] })))),
                            .td(.class("born"), .plainText(PatientViews.born(t, patient.birthDate, today: today))),
                            .td(signals(t, entry)),
                            .td(.plainText(patient.planStatus.map { t.label("planStatus", $0) } ?? t("plan.none"))))
                    })))
    }

    /// What needs doing, in words, each with where to do it.
    static func signals(_ t: Localizer, _ entry: WorklistEntry) -> Node<HTML.BodyContext> {
        let s = entry.signals, id = entry.patient.id
        guard s.needsAttention else { return .plainText("–") }
        return .ul(
            .class("signals"),
            .if(
                s.openFollowUps > 0,
                .li(
                    .a(
                        .href(Routes.followUps()),
                        .plainText(
                            t(
                                s.openFollowUps == 1 ? "worklist.followUp.one" : "worklist.followUp.some",
                                ["count": String(s.openFollowUps), "due": s.nextFollowUpDue.map(Timestamps.displayMinutes) ?? "–"]))))),
            .unwrap(s.redScreening) { red in
                .li(
                    .class("red"),
                    .a(
                        .href(Routes.patientScreening(id)),
                        .plainText(
                            t("worklist.red", ["instrument": t.label("instrument", red.instrument), "time": Timestamps.displayMinutes(red.takenAt)])))
                )
            },
            .unwrap(s.change) { change in
                .li(
                    .class(change.criticalTopics.isEmpty ? "" : "critical"),
                    .a(
                        .href(Routes.planHistory(id)),
                        .if(
                            !change.criticalTopics.isEmpty,
                            .span(
                                .class("critical-tag"),
                                .plainText(
                                    t(
                                        "inbox.critical",
                                        ["topics": change.criticalTopics.map { t.label("criticalTopic", $0) }.joined(separator: ", ")])))),
                        .plainText(t(change.unread ? "worklist.change.unread" : "worklist.change", ["time": Timestamps.displayMinutes(change.at)]))))
            })
    }
}
