import Foundation
import LindringCore
import LindringStore
import Plot

/// `/social-work`: the social worker's worklist (their own cases, or the team's) and the team's cases.
enum SocialWorkViews {
    static func overview(
        _ page: PageContext, tasks: [SocialWorkTask], upcoming: [SocialWorkTask], teamWorklist: Bool, families: [FamilyListItem],
        benefits: [String: String],
        includeClosed: Bool, notice: String?, today: LocalDate = SocialWorkService.today()
    ) -> HTML {
        let t = page.t
        let socialWorker = page.user?.can(.manageSocialWorkCases) == true
        return Layout.page(
            page, title: t("socialWork.title"),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("socialWork.title"))),
                .if(
                    socialWorker,
                    .div(
                        .class("actions"),
                        .a(.class("button primary"), .id("new-family"), .href(Routes.newFamily()), .plainText(t("family.new"))),
                        .a(.class("button secondary"), .id("consultations"), .href(Routes.consultations()), .plainText(t("consultation.title"))),
                        .a(.class("button secondary"), .id("capacity"), .href(Routes.socialWorkCapacity()), .plainText(t("capacity.title")))))),
            Notices.banner(t, notice),
            .if(
                socialWorker,
                .section(
                    .id("worklist"),
                    .h2(.plainText(t(teamWorklist ? "socialWork.worklist.team" : "socialWork.worklist.mine", ["count": String(tasks.count)]))),
                    .p(
                        .class("hint"), .plainText(t("socialWork.worklist.lead") + " "),
                        .a(
                            .href(Routes.socialWork() + (teamWorklist ? "" : "?worklist=team")),
                            .plainText(t(teamWorklist ? "socialWork.worklist.showMine" : "socialWork.worklist.showTeam")))),
                    tasks.isEmpty ? .p(.plainText(t("socialWork.worklist.none"))) : worklist(t, tasks, benefits: benefits, today: today),
                    .h3(.id("upcoming"), .plainText(t("socialWork.upcoming", ["count": String(upcoming.count)]))),
                    upcoming.isEmpty ? .p(.plainText(t("socialWork.upcoming.none"))) : worklist(t, upcoming, benefits: benefits, today: today))),
            .section(
                .id("families"),
                .h2(.plainText(t("socialWork.families", ["count": String(families.count)]))),
                .p(
                    .class("hint"),
                    .a(
                        .href(Routes.socialWork() + (includeClosed ? "" : "?closed=true")),
                        .plainText(t(includeClosed ? "socialWork.families.hideClosed" : "socialWork.families.showClosed")))),
                families.isEmpty ? .p(.plainText(t("socialWork.families.none"))) : familyTable(t, families, today: today)))
    }

    static func worklist(_ t: Localizer, _ tasks: [SocialWorkTask], benefits: [String: String], today: LocalDate) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .class("social-worklist cards-on-phone"),
                .caption(.class("visually-hidden"), .plainText(t("socialWork.worklist.caption"))),
                .thead(
                    .tr(
                        .th(.plainText(t("socialWork.task.due"))), .th(.plainText(t("socialWork.task.what"))),
                        .th(.plainText(t("family.child"))), .th(.plainText(t("application.benefit"))))),
                .tbody(
                    .forEach(tasks) { task in
                        .tr(
                            .class(task.due < today ? "overdue" : ""),
                            .td(.attribute(named: "data-label", value: t("socialWork.task.due")), .plainText(task.due.danish)),
                            .td(.strong(.plainText(t("socialWork.task.\(task.kind.rawValue)")))),
                            .td(
                                .attribute(named: "data-label", value: t("family.child")),
                                .a(
                                    .href(Routes.family(task.familyId) + Self.anchor(task.kind)),
                                    .plainText(task.childName))),
                            .td(
                                .attribute(named: "data-label", value: t("application.benefit")),
                                .plainText(
                                    task.benefitCode.map { benefits[$0] ?? $0 }
                                        ?? task.owner.map { t("socialWork.task.decision", ["text": task.detail ?? "", "owner": $0]) } ?? task.detail
                                        ?? "–")))
                    })))
    }

    /// Where on the case's page a task is.
    static func anchor(_ kind: SocialWorkTask.Kind) -> String {
        switch kind {
        case .meetingDecisionOverdue: "#meetings"
        case .bereavementConversation: "#bereavement"
        case .processingOverdue, .appealDue, .reviewDue, .awaitingDecision, .appealOpen: "#applications"
        }
    }

    static func familyTable(_ t: Localizer, _ families: [FamilyListItem], today: LocalDate) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .caption(.class("visually-hidden"), .plainText(t("socialWork.families", ["count": String(families.count)]))),
                .thead(
                    .tr(
                        .th(.plainText(t("family.child"))), .th(.plainText(t("patient.born"))), .th(.plainText(t("family.status"))),
                        .th(.plainText(t("family.keyWorker"))), .th(.plainText(t("family.municipality"))))),
                .tbody(
                    .forEach(families) { family in
                        .tr(
                            .td(.a(.href(Routes.family(family.id)), .plainText(family.childName))),
                            .td(.plainText(PatientViews.born(t, family.childBirthDate, today: today))),
                            .td(.plainText(t.label("familyStatus", family.status))),
                            .td(.plainText(family.keyWorkerName)),
                            .td(.plainText(Municipalities.name(family.municipalityCode) ?? family.municipalityCode)))
                    })))
    }
}
