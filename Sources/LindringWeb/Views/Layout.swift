import Plot

/// The page shell: skip link, header with the signed-in user and sign-out, role-based
/// navigation, the main landmark and a footer. No inline script or style anywhere (CSP).
enum Layout {
    static func page(_ page: PageContext, title: String, bodyClass: String = "", _ main: Node<HTML.BodyContext>...) -> HTML {
        document(page, title: title, bodyClass: bodyClass, main: .main(.id("main"), .attribute(named: "tabindex", value: "-1"), .group(main)))
    }

    static func document(_ page: PageContext, title: String, bodyClass: String = "", main: Node<HTML.BodyContext>) -> HTML {
        let t = page.t
        return HTML(
            .attribute(named: "lang", value: page.language.rawValue),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Not Plot's .title(): it also writes the title into unescaped meta attributes.
                .element(named: "title", nodes: [.plainText("\(title) · Lindring")]),
                .link(.rel(.stylesheet), .href("/assets/app.css")),
                .link(.rel(.icon), .href("/assets/logo.svg"), .type("image/svg+xml")),
                // The e-learning installs as an app on a phone (issue 21).
                .link(.rel(.manifest), .href(Routes.webManifest())),
                .script(.src("/assets/app.js"), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .class(bodyClass),
                .a(.class("skip-link"), .href("#main"), .plainText(t("layout.skipToContent"))),
                .header(
                    .class("site-header"),
                    .a(
                        .class("brand"), .href(Routes.home()),
                        .selfClosedElement(
                            named: "img",
                            attributes: [
                                Attribute(name: "src", value: "/assets/logo.svg"), Attribute(name: "alt", value: "", ignoreIfValueIsEmpty: false),
                                Attribute(name: "width", value: "28"), Attribute(name: "height", value: "28"),
                            ]),
                        .span(.plainText("Lindring"))),
                    .unwrap(page.user) { user in
                        .div(
                            .class("account"),
                            .span(
                                .class("who"), .plainText(user.name),
                                .unwrap(user.unitName) { .span(.class("unit"), .plainText(" · " + $0)) }),
                            .form(
                                .id("logout-form"), .method(.post), .action(Routes.logout()),
                                csrfField(page),
                                .button(.id("logout-button"), .type(.submit), .class("button-link"), .plainText(t("layout.logout")))))
                    }
                ),
                .if(!page.navigation.isEmpty, navigation(page)),
                main,
                .footer(.class("site-footer"), .p(.plainText(t("layout.footer"))))
            )
        )
    }

    static func navigation(_ page: PageContext) -> Node<HTML.BodyContext> {
        let current = current(page)
        return .nav(
            .id("main-nav"), .attribute(named: "aria-label", value: page.t("nav.label")),
            .ul(
                .forEach(page.navigation) { item in
                    .li(
                        .a(
                            .href(item.path),
                            .if(item.path == current, .attribute(named: "aria-current", value: "page")),
                            .plainText(item.title)))
                }))
    }

    /// The navigation item the page belongs to: the longest one that is the path or a parent of it.
    static func current(_ page: PageContext) -> String? {
        page.navigation.map(\.path).filter { item in
            item == "/" ? page.path == "/" : (page.path == item || page.path.hasPrefix(item + "/"))
        }.max { $0.count < $1.count }
    }

    static func csrfField(_ page: PageContext) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name("csrf"), .value(page.csrfToken ?? ""))
    }
}
