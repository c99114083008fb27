import Hummingbird
import Plot

struct HomeController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.home.routerPath, use: show)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let page = PageContext(context, path: Routes.home())
        let t = page.t
        let roles = user.roles.map { t.label("role", $0) }.joined(separator: ", ")
        return .html(Layout.page(page, title: t("home.title"),
            .h1(.plainText(t("home.greeting", ["name": user.name]))),
            .p(.class("lead"), .plainText(t("home.roles", ["roles": roles]))),
            .ul(.class("cards"), .forEach(page.navigation.dropFirst()) { item in
                .li(.a(.class("card"), .href(item.path), .plainText(item.title)))
            })))
    }
}
