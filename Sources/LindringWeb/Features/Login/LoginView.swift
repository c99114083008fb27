import Plot

enum LoginView {
    static func render(_ page: PageContext, form: LoginForm, message: String?) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("login.title"), bodyClass: "login",
            .div(
                .class("login-card"),
                .h1(.plainText(t("login.heading"))),
                .p(.class("lead"), .plainText(t("login.lead"))),
                .unwrap(message) { .div(.class("form-error"), .attribute(named: "role", value: "alert"), .p(.plainText($0))) },
                .form(
                    .id("login-form"), .method(.post), .action(Routes.login()),
                    Layout.csrfField(page),
                    .unwrap(form.next) { .input(.type(.hidden), .name("next"), .value(HTMLEscaping.escape($0))) },
                    FormFields.text(
                        t, name: "username", label: t("login.username"), value: form.username, errors: [],
                        required: true, autocomplete: "username", autofocus: form.username.isEmpty, maxLength: 100),
                    FormFields.text(
                        t, name: "password", label: t("login.password"), value: nil, errors: [], type: .password,
                        required: true, autocomplete: "current-password", autofocus: !form.username.isEmpty, maxLength: 200),
                    FormFields.submit(t("login.submit"), id: "login-button")),
                .form(
                    .class("language-switch"), .method(.post), .action(Routes.language()),
                    Layout.csrfField(page),
                    .input(.type(.hidden), .name("language"), .value(page.language == .danish ? "en" : "da")),
                    .button(
                        .type(.submit), .class("button-link"),
                        .attribute(named: "lang", value: page.language == .danish ? "en" : "da"),
                        .plainText(t("login.switchLanguage"))))))
    }
}
