import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// The home page: what is the user's to do today, by role (issue 18, items 11 and 14), rather
/// than the navigation again. A part of the programme Lindring does not yet cover says so plainly.
struct HomeController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.home.routerPath, use: show)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let page = PageContext(context, path: Routes.home())
        // Who is on call on the advisory line is for everyone who may call it or work on it.
        let onDuty = user.can(.readPatientData) ? try await AdvisoryService(services: services).onDuty() : nil
        // The paediatric team's doctors and nurses read its families; they are counted, not shown, here.
        var teamFamilies = 0
        if user.can(.readPatientData), !user.can(.manageSocialWorkCases), let unit = user.unitId {
            teamFamilies = try await services.persistence.readEach { try await FamilyRepository.activeCount(teamUnitId: unit, on: $0) }
        }
        let messages = try await services.persistence.readEach { try await UserMessageRepository.latest(userId: user.id, limit: 5, on: $0) }
        return .html(
            HomeView.render(
                page, user: user, messages: messages.filter { $0.readAt == nil },
                work: HomeView.Work(
                    unreadInbox: context.unreadInbox, socialWorkTasks: context.socialWorkTasks, teamFamilies: teamFamilies, onDuty: onDuty)))
    }
}

enum HomeView {
    struct Work {
        /// Unread plan changes and open follow-ups of the user's unit (the navigation's badge).
        let unreadInbox: Int
        var socialWorkTasks = 0
        /// The unit's active family cases, for a paediatric team's doctors and nurses.
        var teamFamilies = 0
        let onDuty: OnDuty?
    }

    struct Card {
        let title: String
        let text: String
        let link: (title: String, path: String)?
    }

    static func render(_ page: PageContext, user: User, messages: [UserMessage] = [], work: Work) -> HTML {
        let t = page.t
        let roles = user.roles.map { t.label("role", $0) }.joined(separator: ", ")
        return Layout.page(
            page, title: t("home.title"),
            .h1(.plainText(t("home.greeting", ["name": user.name]))),
            .p(.class("lead"), .plainText(t("home.roles", ["roles": roles]))),
            .unwrap(work.onDuty) { AdvisoryViews.onDuty(t, $0) },
            MessageViews.list(page, messages),
            .ul(
                .class("cards work"),
                .forEach(cards(t, user: user, work: work)) { card in
                    .li(
                        .div(
                            .class("card"),
                            .h2(.plainText(card.title)),
                            .p(.plainText(card.text)),
                            .unwrap(card.link) { .a(.class("button secondary"), .href($0.path), .plainText($0.title)) }))
                }))
    }

    /// One card per part of the programme the user works in, in the order of the day's work.
    static func cards(_ t: Localizer, user: User, work: Work) -> [Card] {
        var cards: [Card] = []
        if user.can(.documentAdvisoryContacts) {
            cards.append(Card(title: t("home.advisory.title"), text: t("home.advisory.text"), link: (t("home.advisory.link"), Routes.advisory())))
        }
        if user.can(.readPatientData), user.unitId != nil {
            if !user.can(.documentAdvisoryContacts) {
                cards.append(
                    Card(title: t("home.worklist.title"), text: t("home.worklist.text"), link: (t("home.worklist.link"), Routes.myPatients())))
            }
            let text =
                switch work.unreadInbox {
                case 0: t("home.inbox.none")
                case 1: t("home.inbox.one")
                default: t("home.inbox.some", ["count": String(work.unreadInbox)])
                }
            cards.append(Card(title: t("home.inbox.title"), text: text, link: (t("home.inbox.link"), Routes.inbox())))
        }
        if user.can(.readPatientData) {
            cards.append(Card(title: t("home.patients.title"), text: t("home.patients.text"), link: (t("home.patients.link"), Routes.patients())))
        }
        if user.can(.manageSocialWorkCases) {
            let text =
                switch work.socialWorkTasks {
                case 0: t("home.socialWork.none")
                case 1: t("home.socialWork.one")
                default: t("home.socialWork.some", ["count": String(work.socialWorkTasks)])
                }
            cards.append(Card(title: t("home.socialWork.title"), text: text, link: (t("home.socialWork.link"), Routes.socialWork())))
        }
        if work.teamFamilies > 0 {
            let text = work.teamFamilies == 1 ? t("home.teamFamilies.one") : t("home.teamFamilies.some", ["count": String(work.teamFamilies)])
            cards.append(Card(title: t("home.teamFamilies.title"), text: text, link: (t("home.teamFamilies.link"), Routes.socialWork())))
        }
        if user.can(.manageTraining) {
            cards.append(Card(title: t("home.training.title"), text: t("home.training.text"), link: (t("home.training.link"), Routes.learning())))
        }
        if user.can(.viewBudget) {
            cards.append(Card(title: t("home.budget.title"), text: t("home.budget.text"), link: (t("home.budget.link"), Routes.budget())))
        }
        if user.can(.readAuditLog) {
            cards.append(Card(title: t("home.audit.title"), text: t("home.audit.text"), link: (t("home.audit.link"), Routes.breakGlassReview())))
        }
        if cards.isEmpty {
            cards.append(Card(title: t("home.units.title"), text: t("home.units.text"), link: (t("home.units.link"), Routes.units())))
        }
        return cards
    }
}
