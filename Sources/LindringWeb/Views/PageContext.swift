import LindringCore
import LindringStore

/// What every page needs to know about the request: the language, who is signed in, the
/// CSRF token for its forms and where it is.
struct PageContext: Sendable {
    let t: Localizer
    let user: User?
    let csrfToken: String?
    let path: String
    /// The main navigation: only what the user's roles permit. Worked out once per page: the
    /// layout asks for it once per item.
    let navigation: [(title: String, path: String)]

    init(_ context: AppContext, path: String) {
        self.init(
            t: Localizer(context.language), user: context.user, csrfToken: context.session?.csrfToken, path: path,
            unreadInbox: context.unreadInbox, socialWorkTasks: context.socialWorkTasks)
    }

    init(t: Localizer, user: User?, csrfToken: String?, path: String, unreadInbox: Int = 0, socialWorkTasks: Int = 0) {
        self.t = t
        self.user = user
        self.csrfToken = csrfToken
        self.path = path
        navigation = Self.navigation(t, user, unreadInbox: unreadInbox, socialWorkTasks: socialWorkTasks)
    }

    var language: Language { t.language }

    private static func navigation(_ t: Localizer, _ user: User?, unreadInbox: Int, socialWorkTasks: Int) -> [(title: String, path: String)] {
        guard let user else { return [] }
        var items: [(String, String)] = [(t("nav.home"), Routes.home())]
        if user.can(.documentAdvisoryContacts) { items.append((t("nav.advisory"), Routes.advisory())) }
        // The advisory line's staff work from the board; "Mine patienter" is a clinical unit's list.
        if user.can(.readPatientData), user.unitId != nil, !user.can(.documentAdvisoryContacts) {
            items.append((t("nav.myPatients"), Routes.myPatients()))
        }
        if user.can(.readPatientData) { items.append((t("nav.patients"), Routes.patients())) }
        if user.can(.readPatientData), user.unitId != nil {
            items.append((unreadInbox > 0 ? t("nav.inboxUnread", ["count": String(unreadInbox)]) : t("nav.inbox"), Routes.inbox()))
        }
        if user.can(.readPatientData), user.unitId != nil || user.can(.documentAdvisoryContacts) {
            items.append((t("nav.followUps"), Routes.followUps()))
        }
        if user.can(.manageSocialWorkCases) {
            items.append(
                (socialWorkTasks > 0 ? t("nav.socialWorkTasks", ["count": String(socialWorkTasks)]) : t("nav.socialWork"), Routes.socialWork()))
        }
        // Every clinician is a learner; educators keep the catalogue.
        if user.can(.manageTraining) || (user.can(.readPatientData) && user.unitId != nil) { items.append((t("nav.learning"), Routes.learning())) }
        if user.can(.viewBudget) { items.append((t("nav.budget"), Routes.budget())) }
        if user.can(.viewIndicators) { items.append((t("nav.indicators"), Routes.indicators())) }
        if user.can(.manageWorkingGroupRegister) { items.append((t("nav.workingGroup"), Routes.workingGroup())) }
        // Finance follows what the money buys; administrators and auditors read the budget alone.
        if user.can(.manageBudget), !user.can(.manageTraining) { items.append((t("nav.coverage"), Routes.learningCoverage())) }
        if user.can(.manageBudget), !user.can(.manageSocialWorkCases) { items.append((t("nav.socialWorkCapacity"), Routes.socialWorkCapacity())) }
        if user.can(.viewAdvisoryStatistics), !user.can(.documentAdvisoryContacts) { items.append((t("nav.statistics"), Routes.statistics())) }
        if user.can(.viewScreeningOverview) { items.append((t("nav.screening"), Routes.screening())) }
        if user.can(.viewUnits) { items.append((t("nav.units"), Routes.units())) }
        if user.can(.manageUsers) { items.append((t("nav.users"), Routes.users())) }
        if user.can(.manageBenefitCatalogue) { items.append((t("nav.benefits"), Routes.benefitCatalogue())) }
        if user.can(.operateOutbox) { items.append((t("nav.outbox"), Routes.outbox())) }
        if user.can(.manageApiTokens) { items.append((t("nav.apiTokens"), Routes.apiTokens())) }
        if user.can(.readAuditLog) { items.append((t("nav.audit"), Routes.audit())) }
        if user.can(.readAuditLog) { items.append((t("nav.breakGlass"), Routes.breakGlassReview())) }
        if user.can(.manageOwnAccount) { items.append((t("nav.account"), Routes.account())) }
        return items
    }
}
