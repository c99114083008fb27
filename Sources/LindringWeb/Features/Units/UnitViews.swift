import LindringCore
import LindringStore
import Plot

enum UnitViews {
    static func list(_ page: PageContext, units: [OrgUnit], filter: UnitListFilter, canManage: Bool, notice: String?) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("units.title"),
            .div(
                .class("page-heading"),
                .h1(.plainText(t("units.title"))),
                .if(canManage, .a(.class("button primary"), .href(Routes.newUnit()), .plainText(t("units.new"))))),
            Notices.banner(t, notice),
            .form(
                .class("filters"), .method(.get), .action(Routes.units()), .attribute(named: "role", value: "search"),
                FormFields.text(t, name: "q", label: t("units.search"), value: filter.text, errors: [], type: .search),
                FormFields.select(
                    t, name: "kind", label: t("units.kind"), options: kindOptions(t), selected: filter.kind?.rawValue,
                    errors: [], includeEmpty: t("units.allKinds")),
                .if(
                    canManage,
                    .div(
                        .class("checkbox"),
                        .input(.type(.checkbox), .id("inactive"), .name("inactive"), .value("1"), .checked(filter.includeInactive)),
                        .label(.for("inactive"), .plainText(t("units.includeInactive"))))),
                .div(.class("actions"), .button(.type(.submit), .class("button secondary"), .plainText(t("units.filter"))))),
            .p(.class("count"), .plainText(t("units.count", ["count": String(units.count)]))),
            .div(
                .class("table-wrap"),
                .table(
                    .caption(.plainText(t("units.title"))),
                    .thead(
                        .tr(
                            .th(.plainText(t("units.name"))), .th(.plainText(t("units.code"))), .th(.plainText(t("units.kind"))),
                            .th(.plainText(t("units.dayPhone"))), .th(.plainText(t("units.outOfHoursPhone"))), .th(.plainText(t("units.status"))))),
                    .tbody(
                        .forEach(units) { unit in
                            .tr(
                                .td(.a(.href(Routes.unit(unit.id)), .plainText(unit.name))),
                                .td(.plainText(unit.code)), .td(.plainText(t.label("unitKind", unit.kind))),
                                .td(.plainText(unit.dayPhone ?? "–")), .td(.plainText(unit.outOfHoursPhone ?? "–")),
                                .td(.plainText(unit.active ? t("status.active") : t("status.inactive"))))
                        }))))
    }

    static func detail(_ page: PageContext, unit: OrgUnit, children: [OrgUnit], canManage: Bool, notice: String?) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: unit.name,
            .p(.class("breadcrumb"), .a(.href(Routes.units()), .plainText("← " + t("units.title")))),
            .div(
                .class("page-heading"),
                .h1(.plainText(unit.name)),
                .if(
                    canManage,
                    .div(
                        .class("heading-actions"),
                        .a(.class("button secondary"), .href(Routes.editUnit(unit.id)), .plainText(t("action.edit"))),
                        unit.active
                            ? FormFields.actionButton(page, action: Routes.deactivateUnit(unit.id), label: t("action.deactivate"), style: "danger")
                            : FormFields.actionButton(page, action: Routes.activateUnit(unit.id), label: t("action.activate"))))),
            Notices.banner(t, notice),
            .dl(
                .class("facts"),
                .dt(.plainText(t("units.code"))), .dd(.plainText(unit.code)),
                .dt(.plainText(t("units.kind"))), .dd(.plainText(t.label("unitKind", unit.kind))),
                .dt(.plainText(t("units.sector"))), .dd(.plainText(t.label("sector", unit.sector))),
                .dt(.plainText(t("units.parent"))), .dd(.plainText(unit.parentCode ?? "–")),
                .dt(.plainText(t("units.dayPhone"))), .dd(.plainText(unit.dayPhone ?? "–")),
                .dt(.plainText(t("units.outOfHoursPhone"))), .dd(.plainText(unit.outOfHoursPhone ?? "–")),
                .dt(.plainText(t("units.sorCode"))), .dd(.plainText(unit.sorCode ?? "–")),
                .dt(.plainText(t("units.eanCode"))), .dd(.plainText(unit.eanCode ?? "–")),
                .dt(.plainText(t("units.status"))), .dd(.plainText(unit.active ? t("status.active") : t("status.inactive"))),
                .unwrap(unit.successorId) { successorId in
                    .group(
                        .dt(.plainText(t("units.successor"))),
                        .dd(
                            .a(.href(Routes.unit(successorId)), .plainText(unit.successorCode ?? "")),
                            .plainText(" " + t("units.successorFromDay", ["date": unit.successorFrom?.danish ?? ""]))))
                }),
            .if(
                !children.isEmpty,
                .group(
                    .h2(.plainText(t("units.children"))),
                    .ul(.forEach(children) { child in .li(.a(.href(Routes.unit(child.id)), .plainText(child.name))) }))))
    }

    static func form(_ page: PageContext, draft: UnitDraft, unit: OrgUnit?, parents: [OrgUnit], errors: [FieldError]) -> HTML {
        let t = page.t
        let title = unit == nil ? t("units.new") : t("units.edit", ["name": unit!.name])
        let labels = [
            "code": t("units.code"), "name": t("units.name"), "kind": t("units.kind"), "sector": t("units.sector"),
            "parentCode": t("units.parent"), "dayPhone": t("units.dayPhone"), "outOfHoursPhone": t("units.outOfHoursPhone"),
            "sorCode": t("units.sorCode"), "eanCode": t("units.eanCode"), "successorCode": t("units.successor"),
            "successorFrom": t("units.successorFrom"),
        ]
        return Layout.page(
            page, title: title,
            .p(.class("breadcrumb"), .a(.href(unit.map { Routes.unit($0.id) } ?? Routes.units()), .plainText("← " + t("action.back")))),
            .h1(.plainText(title)),
            .form(
                .method(.post), .action(unit.map { Routes.editUnit($0.id) } ?? Routes.newUnit()), .class("stacked"),
                .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                FormFields.text(
                    t, name: "code", label: labels["code"]!, value: draft.code, errors: errors, required: true,
                    hint: t("units.codeHint"), maxLength: 40),
                FormFields.text(t, name: "name", label: labels["name"]!, value: draft.name, errors: errors, required: true, maxLength: 200),
                FormFields.select(
                    t, name: "kind", label: labels["kind"]!, options: kindOptions(t), selected: draft.kind,
                    errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.select(
                    t, name: "sector", label: labels["sector"]!,
                    options: t.options("sector", Sector.self), selected: draft.sector,
                    errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.select(
                    t, name: "parentCode", label: labels["parentCode"]!,
                    options: parents.map { ($0.code, "\($0.name) (\($0.code))") }, selected: draft.parentCode,
                    errors: errors, includeEmpty: t("units.noParent")),
                FormFields.text(
                    t, name: "dayPhone", label: labels["dayPhone"]!, value: draft.dayPhone, errors: errors, type: .tel,
                    autocomplete: "off", maxLength: 25),
                FormFields.text(
                    t, name: "outOfHoursPhone", label: labels["outOfHoursPhone"]!, value: draft.outOfHoursPhone, errors: errors,
                    type: .tel, autocomplete: "off", maxLength: 25),
                FormFields.text(
                    t, name: "sorCode", label: labels["sorCode"]!, value: draft.sorCode, errors: errors,
                    hint: t("units.sorHint"), maxLength: 18),
                FormFields.text(
                    t, name: "eanCode", label: labels["eanCode"]!, value: draft.eanCode, errors: errors, hint: t("units.eanHint"),
                    maxLength: 13),
                FormFields.select(
                    t, name: "successorCode", label: labels["successorCode"]!,
                    options: parents.filter { $0.code != draft.code }.map { ($0.code, "\($0.name) (\($0.code))") }, selected: draft.successorCode,
                    errors: errors, includeEmpty: t("units.noSuccessor")),
                FormFields.text(
                    t, name: "successorFrom", label: labels["successorFrom"]!, value: draft.successorFrom, errors: errors, type: .date,
                    hint: t("units.successorHint")),
                FormFields.submit(t("action.save"))))
    }

    static func kindOptions(_ t: Localizer) -> [(value: String, label: String)] {
        t.options("unitKind", UnitKind.self)
    }
}
