import Foundation
import LindringCore
import LindringStore
import Plot

/// A family case's page: everything for the team, the basic facts for the child's other units.
enum FamilyViews {
    static func page(
        _ page: PageContext, _ casePage: SocialWorkService.CasePage, notice: String?, appealReminder: ApplicationRecord? = nil,
        bereavement: BereavementViews.Typed? = nil, today: LocalDate = SocialWorkService.today()
    ) -> HTML {
        let t = page.t
        let basics = casePage.basics
        guard let family = casePage.family else {
            return Layout.page(
                page, title: t("family.title"),
                .h1(.plainText(t("family.title"))),
                .div(.class("notice"), .p(.plainText(t("family.basicsOnly")))),
                facts(t, basics, family: nil))
        }
        let canChange = casePage.level == .change
        let benefits = Dictionary(uniqueKeysWithValues: casePage.benefits.map { ($0.code, $0) })
        return Layout.page(
            page, title: t("family.titleFor", ["child": family.child.name]),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("family.titleFor", ["child": family.child.name]))),
                .if(
                    canChange,
                    .div(
                        .class("actions"),
                        .a(
                            .class("button primary"), .id("new-application"), .href(Routes.newApplication(family.id)),
                            .plainText(t("application.new"))),
                        .a(.class("button secondary"), .id("edit-family"), .href(Routes.editFamily(family.id)), .plainText(t("family.edit")))))),
            Notices.banner(t, notice),
            .unwrap(appealReminder) { record in
                .unwrap(record.dates.appealDueOn) { due in
                    .div(
                        .class("notice warning"), .id("appeal-reminder"), .attribute(named: "role", value: "alert"),
                        .p(
                            .strong(.plainText(t("application.appealReminder.title") + " ")),
                            .plainText(
                                t(
                                    "application.appealReminder",
                                    [
                                        "outcome": t.label("decisionOutcome", record.details.decision?.outcome ?? .refused).lowercased(),
                                        "benefit": benefitName(record.details.benefit, benefits, page.language), "date": due.danish,
                                        "received": record.dates.receivedOn?.danish ?? "–",
                                    ]))))
                }
            },
            .p(.a(.href(Routes.socialWork()), .plainText("← " + t("socialWork.title")))),
            facts(t, basics, family: family, today: today),
            parents(t, family.details.parents),
            siblings(t, family),
            network(t, family.details.network),
            NeedsViews.section(page, casePage.assessments, familyId: family.id, canChange: canChange),
            applications(t, casePage.applications, benefits: benefits, canChange: canChange, language: page.language, today: today),
            MeetingViews.section(page, casePage.meetings, familyId: family.id, canChange: canChange, today: today),
            BereavementViews.section(page, casePage, family: family, canChange: canChange, typed: bereavement),
            timeline(t, casePage.events, benefits: benefits, language: page.language))
    }

    static func facts(
        _ t: Localizer, _ basics: FamilyBasics, family: FamilyCase?, today: LocalDate = SocialWorkService.today()
    )
        -> Node<HTML.BodyContext>
    {
        .dl(
            .class("facts"),
            .unwrap(family) { family in
                .group(
                    .dt(.plainText(t("family.child"))),
                    .dd(.plainText(family.child.name + ", " + PatientViews.born(t, family.child.birthDate, today: today))),
                    .dt(.plainText(t("family.conditionGroup"))), .dd(.plainText(t.label("conditionGroup", family.details.conditionGroup))))
            },
            .dt(.plainText(t("family.status"))), .dd(.plainText(t.label("familyStatus", basics.status))),
            .dt(.plainText(t("family.keyWorker"))), .dd(.plainText(basics.keyWorkerName)),
            .dt(.plainText(t("family.municipality"))),
            .dd(.plainText(Municipalities.name(basics.municipalityCode).map { "\($0) (\(basics.municipalityCode))" } ?? basics.municipalityCode)),
            .dt(.plainText(t("family.interpreter"))),
            .dd(.plainText(basics.interpreterNeeded ? t("family.interpreterIn", ["language": basics.language ?? "–"]) : t("form.no"))),
            .unwrap(family) { family in
                .group(.dt(.plainText(t("family.openedOn"))), .dd(.plainText(family.openedOn.danish)))
            })
    }

    static func parents(_ t: Localizer, _ parents: [FamilyParent]) -> Node<HTML.BodyContext> {
        section(
            "parents", t("family.parents"), empty: t("family.parents.none"), parents.isEmpty,
            headers: [t("family.parent.name"), t("family.parent.relation"), t("family.contact"), t("family.parent.custody")],
            rows: parents.map { parent in
                [
                    parent.name, t.label("parentRelation", parent.relation),
                    [parent.phone, parent.email, parent.address].compactMap { $0 }.joined(separator: " · "),
                    [parent.holdsCustody ? t("family.parent.holdsCustody") : nil, parent.livesWithChild ? t("family.parent.livesWithChild") : nil]
                        .compactMap { $0 }.joined(separator: ", "),
                ]
            })
    }

    static func siblings(_ t: Localizer, _ family: FamilyCase) -> Node<HTML.BodyContext> {
        let siblings = zip(family.details.siblings, family.siblingAgesRecordedOn)
        return section(
            "siblings", t("family.siblings"), empty: t("family.siblings.none"), family.details.siblings.isEmpty,
            headers: [t("family.sibling.name"), t("family.sibling.age"), t("family.sibling.schoolOrDaycare"), t("family.sibling.supportNeeds")],
            rows: siblings.map { sibling, recorded in
                [
                    sibling.name ?? "–", t("family.sibling.ageOn", ["age": String(sibling.age), "date": recorded.danish]),
                    sibling.schoolOrDaycare ?? "–", sibling.supportNeeds ?? "–",
                ]
            })
    }

    static func network(_ t: Localizer, _ network: [NetworkContact]) -> Node<HTML.BodyContext> {
        section(
            "network", t("family.network"), empty: t("family.network.none"), network.isEmpty,
            headers: [t("family.network.role"), t("family.network.who"), t("family.contact")],
            rows: network.map { contact in
                [
                    t.label("networkRole", contact.role), [contact.name, contact.organisation].compactMap { $0 }.joined(separator: ", "),
                    [contact.phone, contact.email].compactMap { $0 }.joined(separator: " · "),
                ]
            })
    }

    /// A section with a table of plain text, or a line saying there is nothing.
    static func section(_ id: String, _ title: String, empty: String, _ isEmpty: Bool, headers: [String], rows: [[String]]) -> Node<HTML.BodyContext>
    {
        .section(
            .id(id), .h2(.plainText(title)),
            isEmpty
                ? .p(.plainText(empty))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .caption(.class("visually-hidden"), .plainText(title)),
                        .thead(.tr(.forEach(headers) { .th(.plainText($0)) })),
                        .tbody(.forEach(rows) { row in .tr(.forEach(row) { .td(.plainText($0.isEmpty ? "–" : $0)) }) }))))
    }

    static func benefitName(_ code: String, _ benefits: [String: BenefitEntry], _ language: Language) -> String {
        guard let entry = benefits[code] else { return code }
        return language == .danish ? entry.danishName : entry.englishName
    }

    static func applications(
        _ t: Localizer, _ applications: [ApplicationRecord], benefits: [String: BenefitEntry], canChange: Bool, language: Language, today: LocalDate
    ) -> Node<HTML.BodyContext> {
        .section(
            .id("applications"),
            .h2(.plainText(t("family.applications"))),
            applications.isEmpty
                ? .p(.plainText(t("family.applications.none")))
                : .div(
                    .class("table-wrap"),
                    .table(
                        .class("applications cards-on-phone"),
                        .caption(.class("visually-hidden"), .plainText(t("family.applications"))),
                        .thead(
                            .tr(
                                .th(.plainText(t("application.benefit"))), .th(.plainText(t("application.submittedOn"))),
                                .th(.plainText(t("application.processingDueOn"))), .th(.plainText(t("application.decision"))),
                                .th(.plainText(t("application.appealDueOn"))), .th(.plainText(t("application.reviewOn"))),
                                .if(canChange, .th(.span(.class("visually-hidden"), .plainText(t("application.change"))))))),
                        .tbody(
                            .forEach(applications) { record in
                                let d = record.details
                                let waiting = d.decision == nil
                                let late = waiting && record.dates.processingDueOn < today
                                return .tr(
                                    .class(late ? "overdue" : ""),
                                    .td(
                                        .plainText(benefitName(d.benefit, benefits, language)),
                                        .span(
                                            .class("hint block"),
                                            .plainText(
                                                (benefits[d.benefit]?.law(on: d.submittedOn) ?? "") + " · " + t.label("authority", d.authority)))),
                                    .td(.attribute(named: "data-label", value: t("application.submittedOn")), .plainText(d.submittedOn.danish)),
                                    .td(
                                        .attribute(named: "data-label", value: t("application.processingDueOn")),
                                        .plainText(record.dates.processingDueOn.danish),
                                        .if(late, .span(.class("hint block"), .strong(.plainText(t("application.overdue")))))),
                                    .td(.attribute(named: "data-label", value: t("application.decision")), .plainText(decision(t, record))),
                                    .td(.attribute(named: "data-label", value: t("application.appealDueOn")), .plainText(appeal(t, record))),
                                    .td(.attribute(named: "data-label", value: t("application.reviewOn")), .plainText(d.reviewOn?.danish ?? "–")),
                                    .if(
                                        canChange,
                                        .td(
                                            .a(
                                                .class("button small secondary"), .href(Routes.editApplication(record.id)),
                                                .plainText(t(waiting ? "application.recordDecision" : "application.change"))))))
                            }))))
    }

    static func decision(_ t: Localizer, _ record: ApplicationRecord) -> String {
        guard let decision = record.details.decision else { return t("application.awaiting") }
        let sent = decision.sentVia.map { t("application.sentVia", ["via": t.label("sentVia", $0).lowercased(), "date": decision.sentOn.danish]) }
        return [t.label("decisionOutcome", decision.outcome) + " " + decision.decidedOn.danish, sent].compactMap { $0 }.joined(separator: ", ")
    }

    static func appeal(_ t: Localizer, _ record: ApplicationRecord) -> String {
        guard let due = record.dates.appealDueOn else { return "–" }
        let received = record.dates.receivedOn.map { t("application.receivedOn", ["date": $0.danish]) } ?? ""
        let status = record.details.appealStatus == .none ? "" : " · " + t.label("appealStatus", record.details.appealStatus)
        return due.danish + " (" + received + ")" + status
    }

    static func timeline(_ t: Localizer, _ events: [FamilyEvent], benefits: [String: BenefitEntry], language: Language) -> Node<HTML.BodyContext> {
        .section(
            .id("timeline"),
            .h2(.plainText(t("family.timeline"))),
            .ul(
                .class("timeline"),
                .forEach(events) { event in
                    let summary: String? =
                        switch event.kind {
                        case .statusChanged: event.summary.flatMap(FamilyCaseStatus.init(rawValue:)).map { t.label("familyStatus", $0) }
                        case .applicationAdded, .decisionRecorded, .appealChanged: event.summary.map { benefitName($0, benefits, language) }
                        case .opened, .changed, .meetingHeld: nil
                        }
                    return .li(
                        .strong(.plainText(Timestamps.displayMinutes(event.at))), .plainText(" · " + t.label("familyEvent", event.kind)),
                        .unwrap(summary) { .plainText(": " + $0) }, .span(.class("hint"), .plainText(" – " + event.authorName)))
                }))
    }
}
