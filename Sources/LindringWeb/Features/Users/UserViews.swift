import LindringCore
import LindringStore
import Plot

enum UserViews {
    static func list(_ page: PageContext, users: [User], notice: String?) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("users.title"),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("users.title"))),
                .a(.class("button primary"), .href(Routes.newUser()), .plainText(t("users.new")))),
            Notices.banner(t, notice),
            .div(
                .class("table-wrap"),
                .table(
                    .caption(.plainText(t("users.title"))),
                    .thead(
                        .tr(
                            .th(.plainText(t("users.name"))), .th(.plainText(t("users.username"))), .th(.plainText(t("users.profession"))),
                            .th(.plainText(t("users.unit"))), .th(.plainText(t("users.roles"))), .th(.plainText(t("units.status"))))),
                    .tbody(
                        .forEach(users) { user in
                            .tr(
                                .td(.a(.href(Routes.editUser(user.id)), .plainText(user.name))), .td(.plainText(user.username)),
                                .td(.plainText(t.label("profession", user.profession))), .td(.plainText(user.unitName ?? "–")),
                                .td(.plainText(user.roles.map { t.label("role", $0) }.joined(separator: ", "))),
                                .td(.plainText(user.active ? t("status.active") : t("status.inactive"))))
                        }))))
    }

    static func form(_ page: PageContext, draft: UserDraft, user: User?, units: [OrgUnit], errors: [FieldError], notice: String?) -> HTML {
        let t = page.t
        let title = user == nil ? t("users.new") : user!.name
        let labels = [
            "username": t("users.username"), "name": t("users.name"), "profession": t("users.profession"),
            "unitCode": t("users.unit"), "employeeNumber": t("users.employeeNumber"), "roles": t("users.roles"),
            "password": t("users.initialPassword"),
            "newPassword": t("users.newPassword"),
        ]
        return Layout.page(
            page, title: title,
            .p(.class("breadcrumb"), .a(.href(Routes.users()), .plainText("← " + t("users.title")))),
            .div(
                .class("page-heading"),
                .h1(.plainText(title)),
                .unwrap(user) { user in
                    .div(
                        .class("heading-actions"),
                        user.active
                            ? FormFields.actionButton(page, action: Routes.deactivateUser(user.id), label: t("action.deactivate"), style: "danger")
                            : FormFields.actionButton(page, action: Routes.activateUser(user.id), label: t("action.activate")))
                }),
            Notices.banner(t, notice),
            .unwrap(user) { .p(.plainText($0.active ? t("status.active") : t("status.inactive"))) },
            .form(
                .method(.post), .action(user.map { Routes.editUser($0.id) } ?? Routes.newUser()), .class("stacked"),
                .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors.filter { $0.field != "newPassword" }, labels: labels),
                FormFields.requiredNote(t),
                user == nil
                    ? FormFields.text(
                        t, name: "username", label: labels["username"]!, value: draft.username, errors: errors,
                        required: true, autocomplete: "off", hint: t("users.usernameHint"), maxLength: 40)
                    : .p(.plainText("\(labels["username"]!): \(draft.username)")),
                FormFields.text(
                    t, name: "name", label: labels["name"]!, value: draft.name, errors: errors, required: true,
                    autocomplete: "off", maxLength: 200),
                FormFields.select(
                    t, name: "profession", label: labels["profession"]!,
                    options: t.options("profession", Profession.self),
                    selected: draft.profession, errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.select(
                    t, name: "unitCode", label: labels["unitCode"]!,
                    options: units.map { ($0.code, $0.name) }, selected: draft.unitCode, errors: errors,
                    includeEmpty: t("users.noUnit")),
                FormFields.text(
                    t, name: "employeeNumber", label: labels["employeeNumber"]!, value: draft.employeeNumber, errors: errors,
                    autocomplete: "off", hint: t("users.employeeNumberHint"), maxLength: 20),
                FormFields.checkboxes(
                    t, name: "roles", legend: labels["roles"]!,
                    options: t.options("role", Role.self),
                    checked: Set(draft.roles), errors: errors, required: true),
                .if(
                    user == nil,
                    FormFields.text(
                        t, name: "password", label: labels["password"]!, value: nil, errors: errors,
                        type: .password, required: true, autocomplete: "new-password",
                        hint: t("password.rules"), maxLength: 200)),
                FormFields.submit(t("action.save"))),
            .unwrap(user) { user in
                .section(
                    .class("panel"),
                    .h2(.plainText(t("users.resetPassword"))),
                    .form(
                        .method(.post), .action(Routes.resetPassword(user.id)), .class("stacked"),
                        Layout.csrfField(page),
                        FormFields.text(
                            t, name: "newPassword", label: labels["newPassword"]!, value: nil, errors: errors,
                            type: .password, required: true, autocomplete: "new-password",
                            hint: t("password.rules"), maxLength: 200),
                        FormFields.submit(t("users.resetPassword"))))
            })
    }
}
