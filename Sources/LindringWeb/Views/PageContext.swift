import LindringCore
import LindringStore

/// What every page needs to know about the request: the language, who is signed in, the
/// CSRF token for its forms and where it is.
struct PageContext: Sendable {
    let t: Localizer
    let user: User?
    let csrfToken: String?
    let path: String

    init(_ context: AppContext, path: String) {
        t = Localizer(context.language)
        user = context.user
        csrfToken = context.session?.csrfToken
        self.path = path
    }

    init(t: Localizer, user: User?, csrfToken: String?, path: String) {
        self.t = t
        self.user = user
        self.csrfToken = csrfToken
        self.path = path
    }

    var language: Language { t.language }

    /// The main navigation: only what the user's roles permit.
    var navigation: [(title: String, path: String)] {
        guard let user else { return [] }
        var items: [(String, String)] = [(t("nav.home"), Routes.home())]
        if user.can(.viewUnits) { items.append((t("nav.units"), Routes.units())) }
        if user.can(.manageUsers) { items.append((t("nav.users"), Routes.users())) }
        if user.can(.manageApiTokens) { items.append((t("nav.apiTokens"), Routes.apiTokens())) }
        if user.can(.readAuditLog) { items.append((t("nav.audit"), Routes.audit())) }
        if user.can(.manageOwnAccount) { items.append((t("nav.account"), Routes.account())) }
        return items
    }
}
