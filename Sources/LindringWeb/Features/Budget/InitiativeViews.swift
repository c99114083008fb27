import Foundation
import LindringCore
import LindringStore
import Plot

/// A budget initiative's pages: the form (the region's layout: the proposal, a grid of amounts
/// per line and year, financing, goals, the agreement text), the initiative with its computed
/// totals and versions, its print view, and several side by side.
enum InitiativeViews {
    static func statusText(_ t: Localizer, _ status: InitiativeStatus) -> String { t.label("initiativeStatus", status) }

    static func labels(_ t: Localizer, _ draft: InitiativeDraft) -> [String: String] {
        var labels: [String: String] = [:]
        for key in [
            "title", "proposedBy", "purpose", "remarks", "priceLevel", "firstYear", "fte", "funds", "commitmentBudgetable", "scalable",
            "scalingNote", "agreementText", "status",
        ] {
            labels[key] = t("initiative.field.\(key)")
        }
        let years = InitiativeForm.years(draft.firstYear)
        for (index, type) in CostType.allCases.enumerated() {
            for year in years {
                labels["lines[\(index)].amounts.\(year)"] = t("initiative.field.amount", ["line": t.label("costType", type), "year": String(year)])
            }
        }
        for year in years { labels["fte.\(year)"] = t("initiative.field.amount", ["line": t("initiative.field.fte"), "year": String(year)]) }
        for index in 0..<max(draft.funds?.count ?? 0, 3) {
            labels["funds[\(index)].fund"] = t("initiative.field.fund")
            labels["funds[\(index)].sharePercent"] = t("initiative.field.sharePercent")
        }
        for index in 0..<max(draft.sdgs?.count ?? 0, 17) {
            for field in ["goal", "effect", "text"] { labels["sdgs[\(index)].\(field)"] = t("initiative.field.\(field)") }
        }
        return labels
    }

    // MARK: The form

    static func form(
        _ page: PageContext, draft: InitiativeDraft, errors: [FieldError], action: String, baseVersion: Int?, title: String, stale: Bool = false
    ) -> HTML {
        let t = page.t
        let labels = labels(t, draft)
        let years = InitiativeForm.years(draft.firstYear)
        let funds = draft.funds ?? []
        let goals = draft.sdgs ?? []
        return Layout.page(
            page, title: title,
            .p(.a(.href(Routes.budget()), .plainText("← " + t("budget.title")))),
            .h1(.plainText(title)),
            .if(stale, .div(.class("form-error"), .attribute(named: "role", value: "alert"), .p(.plainText(t("initiative.stale"))))),
            .form(
                .method(.post), .action(action), .class("initiative-form"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                .unwrap(baseVersion) { .input(.type(.hidden), .name("baseVersion"), .value(String($0))) },
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                .fieldset(
                    FormFields.legend(t("initiative.section.about"), required: false),
                    FormFields.text(
                        t, name: "title", label: labels["title"]!, value: draft.title, errors: errors, required: true,
                        maxLength: InitiativeDraft.maxTitleLength),
                    FormFields.text(
                        t, name: "proposedBy", label: labels["proposedBy"]!, value: draft.proposedBy, errors: errors, required: true,
                        hint: t("initiative.field.proposedByHint"), maxLength: InitiativeDraft.maxTitleLength),
                    FormFields.textarea(
                        t, name: "purpose", label: labels["purpose"]!, value: draft.purpose, errors: errors, required: true,
                        maxLength: InitiativeDraft.maxTextLength),
                    FormFields.textarea(
                        t, name: "remarks", label: labels["remarks"]!, value: draft.remarks, errors: errors, maxLength: InitiativeDraft.maxTextLength),
                    FormFields.select(
                        t, name: "status", label: labels["status"]!, options: t.options("initiativeStatus", InitiativeStatus.self),
                        selected: draft.status ?? InitiativeStatus.draft.rawValue, errors: errors)),
                .fieldset(
                    FormFields.legend(t("initiative.section.economy"), required: false),
                    .p(.class("hint"), .plainText(t("initiative.section.economyHint"))),
                    .div(
                        .class("grid"),
                        FormFields.text(
                            t, name: "priceLevel", label: labels["priceLevel"]!, value: draft.priceLevel, errors: errors, required: true,
                            hint: t("initiative.field.priceLevelHint"), maxLength: 7),
                        FormFields.text(
                            t, name: "firstYear", label: labels["firstYear"]!, value: draft.firstYear, errors: errors, type: .number, required: true,
                            hint: t("initiative.field.firstYearHint"))),
                    amountsGrid(t, draft: draft, years: years, errors: errors)),
                .fieldset(
                    FormFields.legend(t("initiative.section.financing"), required: false),
                    .p(.class("hint"), .plainText(t("initiative.section.financingHint"))),
                    fieldError(t, "funds", errors),
                    .div(
                        .id("funds"), .class("rows"),
                        .forEach(Array(0..<max(funds.count + 1, BudgetFund.allCases.count)).map { ($0, $0 < funds.count ? funds[$0] : nil) }) {
                            index, fund in
                            .div(
                                .class("grid row-group"),
                                FormFields.select(
                                    t, name: "funds[\(index)].fund", label: labels["funds[\(index)].fund"] ?? "",
                                    options: t.options("fund", BudgetFund.self),
                                    selected: fund?.fund, errors: errors, includeEmpty: t("initiative.chooseFund")),
                                FormFields.text(
                                    t, name: "funds[\(index)].sharePercent", label: labels["funds[\(index)].sharePercent"] ?? "",
                                    value: fund?.sharePercent,
                                    errors: errors, maxLength: 6))
                        }),
                    .div(
                        .class("checkbox"),
                        .input(
                            .type(.checkbox), .id("commitmentBudgetable"), .name("commitmentBudgetable"), .value("true"),
                            .checked(draft.commitmentBudgetable == true)),
                        .label(.for("commitmentBudgetable"), .plainText(labels["commitmentBudgetable"]!))),
                    fieldError(t, "commitmentBudgetable", errors),
                    FormFields.select(
                        t, name: "scalable", label: labels["scalable"]!,
                        options: [("yes", t("initiative.scalable.yes")), ("no", t("initiative.scalable.no"))],
                        selected: draft.scalable.map { $0 ? "yes" : "no" }, errors: errors, includeEmpty: t("initiative.scalable.unknown")),
                    FormFields.textarea(
                        t, name: "scalingNote", label: labels["scalingNote"]!, value: draft.scalingNote, errors: errors,
                        hint: t("initiative.field.scalableHint"), maxLength: InitiativeDraft.maxTextLength)),
                .fieldset(
                    FormFields.legend(t("initiative.section.sdgs"), required: false),
                    .p(.class("hint"), .plainText(t("initiative.section.sdgsHint"))),
                    .div(
                        .id("sdgs"), .class("rows"),
                        .forEach(Array(0..<max(goals.count + 1, 3)).map { ($0, $0 < goals.count ? goals[$0] : nil) }) { index, goal in
                            .div(
                                .class("grid row-group"),
                                FormFields.select(
                                    t, name: "sdgs[\(index)].goal", label: labels["sdgs[\(index)].goal"] ?? "",
                                    options: SustainableDevelopmentGoal.goals.map { (String($0), "\($0). " + t("sdg.\($0)")) }, selected: goal?.goal,
                                    errors: errors, includeEmpty: t("initiative.chooseGoal")),
                                FormFields.select(
                                    t, name: "sdgs[\(index)].effect", label: labels["sdgs[\(index)].effect"] ?? "",
                                    options: t.options("sdgEffect", SDGEffect.self), selected: goal?.effect ?? SDGEffect.positive.rawValue,
                                    errors: errors),
                                FormFields.text(
                                    t, name: "sdgs[\(index)].text", label: labels["sdgs[\(index)].text"] ?? "", value: goal?.text, errors: errors,
                                    maxLength: InitiativeDraft.maxGoalTextLength))
                        })),
                .fieldset(
                    FormFields.legend(t("initiative.section.agreement"), required: false),
                    FormFields.textarea(
                        t, name: "agreementText", label: labels["agreementText"]!, value: draft.agreementText, errors: errors,
                        maxLength: InitiativeDraft.maxTextLength)),
                FormFields.submit(t("initiative.save"), id: "save-initiative")))
    }

    static func fieldError(_ t: Localizer, _ field: String, _ errors: [FieldError]) -> Node<HTML.FormContext> {
        .unwrap(errors.first { $0.field == field }) { error in
            .p(.class("field-error"), .id("\(field)-error"), .plainText(FormFields.message(t, error.code)))
        }
    }

    /// The grid of amounts: a row per cost type and FTEs, a column per year. Each cell's id is
    /// the field its error names (`lines[1].amounts.2027`); its name is its column's position.
    static func amountsGrid(_ t: Localizer, draft: InitiativeDraft, years: [Int], errors: [FieldError]) -> Node<HTML.FormContext> {
        let lines = draft.lines ?? []
        func cell(id: String, name: String, value: String?, label: String) -> Node<HTML.TableRowContext> {
            FormFields.cell(t, id: id, name: name, value: value, label: label, errors: errors)
        }
        return .div(
            .class("table-wrap"),
            .table(
                .class("data amounts-grid"), .id("amounts"), .data(named: "years-from", value: "firstYear"),
                .caption(.plainText(t("initiative.field.lines"))),
                .thead(.tr(.th(.attribute(named: "scope", value: "col"), .plainText("")), yearHeaders(years))),
                .tbody(
                    .forEach(Array(CostType.allCases.enumerated())) { index, type in
                        let amounts = lines.first { $0.type == type.rawValue }?.amounts ?? [:]
                        return .tr(
                            .th(.attribute(named: "scope", value: "row"), .plainText(t.label("costType", type))),
                            .forEach(Array(years.enumerated())) { position, year in
                                cell(
                                    id: "lines[\(index)].amounts.\(year)", name: "lines[\(InitiativeForm.column(position))][\(index)]",
                                    value: amounts[String(year)],
                                    label: t("initiative.field.amount", ["line": t.label("costType", type), "year": String(year)]))
                            })
                    },
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .plainText(t("initiative.field.fte"))),
                        .forEach(Array(years.enumerated())) { position, year in
                            cell(
                                id: "fte.\(year)", name: "fte[\(InitiativeForm.column(position))]", value: draft.fte?[String(year)],
                                label: t("initiative.field.amount", ["line": t("initiative.field.fte"), "year": String(year)]))
                        }))))
    }

    /// The grid's year columns, which `app.js` renumbers while the first year is typed (the grid
    /// is sent by position, so the amounts follow it).
    static func yearHeaders(_ years: [Int]) -> Node<HTML.TableRowContext> {
        .forEach(Array(years.enumerated())) { position, year in
            .th(
                .attribute(named: "scope", value: "col"), .class("number"), .data(named: "year-offset", value: String(position)),
                .plainText(String(year)))
        }
    }

    // MARK: The initiative

    /// The region's table of consequences: a row per line, the total, and FTEs; a column per year and the whole.
    static func consequences(_ t: Localizer, _ initiative: ValidInitiative) -> Node<HTML.BodyContext> {
        let years = initiative.years, totals = initiative.totals
        func amount(_ value: Decimal?) -> Node<HTML.TableRowContext> {
            .td(.class("number"), .plainText(DanishNumber.million(value ?? 0, unit: false)))
        }
        return .div(
            .class("table-wrap"),
            .table(
                .class("data consequences"), .id("consequences"),
                .caption(.plainText(t("initiative.amountsCaption", ["level": initiative.priceLevel.description]))),
                .thead(
                    .tr(
                        .th(.attribute(named: "scope", value: "col"), .plainText("")),
                        .forEach(years) { .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(String($0))) },
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("budget.column.total"))))),
                .tbody(
                    .forEach(initiative.lines) { line in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .plainText(t.label("costType", line.type))),
                            .forEach(years) { amount(line.amounts[$0]) }, amount(totals.byLine[line.type]))
                    },
                    .tr(
                        .class("total"), .th(.attribute(named: "scope", value: "row"), .plainText(t("initiative.netTotal"))),
                        .forEach(years) { year in
                            .td(.class("number"), .id("total-\(year)"), .plainText(DanishNumber.million(totals.byYear[year] ?? 0, unit: false)))
                        },
                        .td(.class("number"), .id("total-all"), .plainText(DanishNumber.million(totals.total, unit: false)))),
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .plainText(t("initiative.field.fte"))),
                        .forEach(years) { .td(.class("number"), .plainText(DanishNumber.fte(initiative.fte[$0] ?? 0))) },
                        .td(.class("number"), .plainText(DanishNumber.fte(totals.fteTotal)))))))
    }

    static func financing(_ t: Localizer, _ initiative: ValidInitiative) -> Node<HTML.BodyContext> {
        guard !initiative.funds.isEmpty else { return .p(.plainText(t("initiative.noFunds"))) }
        let years = initiative.years, totals = initiative.totals
        return .div(
            .class("table-wrap"),
            .table(
                .class("data"), .id("financing"),
                .caption(.plainText(t("initiative.fundsCaption"))),
                .thead(
                    .tr(
                        .th(.attribute(named: "scope", value: "col"), .plainText(t("initiative.field.fund"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("initiative.field.sharePercent"))),
                        .forEach(years) { .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(String($0))) })),
                .tbody(
                    .forEach(initiative.funds) { fund in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .plainText(t.label("fund", fund.fund))),
                            .td(.class("number"), .plainText(DanishNumber.fte(fund.sharePercent) + " %")),
                            .forEach(years) { year in
                                .td(.class("number"), .plainText(DanishNumber.million(totals.byFund[fund.fund]?[year] ?? 0, unit: false)))
                            })
                    })))
    }

    static func details(_ t: Localizer, _ initiative: ValidInitiative) -> Node<HTML.BodyContext> {
        .group(
            .h2(.plainText(t("initiative.field.purpose"))),
            .p(.class("prose"), .plainText(initiative.purpose)),
            .unwrap(initiative.remarks) { .group(.h2(.plainText(t("initiative.field.remarks"))), .p(.class("prose"), .plainText($0))) },
            .h2(.plainText(t("initiative.section.economy"))),
            consequences(t, initiative),
            .h2(.plainText(t("initiative.section.financing"))),
            financing(t, initiative),
            .p(.plainText(t(initiative.commitmentBudgetable ? "initiative.commitment.yes" : "initiative.commitment.no"))),
            .unwrap(initiative.scalable) { scalable in
                .p(.plainText(t("initiative.field.scalable") + ": " + t(scalable ? "initiative.scalable.yes" : "initiative.scalable.no")))
            },
            .unwrap(initiative.scalingNote) { .p(.class("prose"), .plainText($0)) },
            .h2(.plainText(t("initiative.section.sdgs"))),
            initiative.sdgs.isEmpty
                ? .p(.plainText(t("initiative.noSdgs")))
                : .ul(
                    .class("sdgs"),
                    .forEach(initiative.sdgs) { goal in
                        .li(
                            .strong(.plainText("\(goal.goal). " + t("sdg.\(goal.goal)"))), .plainText(" – " + t.label("sdgEffect", goal.effect)),
                            .unwrap(goal.text) { .plainText(": " + $0) })
                    }),
            .unwrap(initiative.agreementText) { .group(.h2(.plainText(t("initiative.field.agreementText"))), .p(.class("prose"), .plainText($0))) })
    }

    static func notice(_ t: Localizer, _ notice: String?) -> Node<HTML.BodyContext> {
        let known = ["saved", "created", "unchanged", "reprojected", "index", "allocationCreated", "actuals", "carryOver"]
        guard let notice, known.contains(notice) else { return .empty }
        return .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText(t("budget.notice.\(notice)"))))
    }

    static func page(
        _ page: PageContext, _ stored: StoredInitiative, versions: [InitiativeVersion], allocationId: UUID?, levels: [PriceLevelIndex],
        notice: String?, reprojectErrors: [FieldError] = [], typedLevel: String? = nil
    ) -> HTML {
        let t = page.t
        let initiative = stored.initiative
        let mayChange = page.user?.can(.manageBudget) == true
        return Layout.page(
            page, title: initiative.title,
            .p(.a(.href(Routes.budget()), .plainText("← " + t("budget.title")))),
            Self.notice(t, notice),
            .div(
                .class("title-row"),
                .h1(.plainText(initiative.title)),
                .div(
                    .if(mayChange, .a(.class("button primary"), .href(Routes.editBudgetInitiative(stored.id)), .plainText(t("initiative.edit")))),
                    .a(.class("button secondary"), .href(Routes.printBudgetInitiative(stored.id)), .plainText(t("initiative.print"))))),
            .p(
                .class("lead"),
                .span(.class("status-tag status-\(initiative.status.rawValue)"), .plainText(statusText(t, initiative.status))),
                .plainText(" · " + t("initiative.proposedBy", ["who": initiative.proposedBy]) + " · " + initiative.priceLevel.description)),
            details(t, initiative),
            .unwrap(allocationId) {
                .p(.a(.class("button secondary"), .href(Routes.budgetAllocation($0)), .plainText(t("initiative.seeAllocation"))))
            },
            .if(
                mayChange && allocationId == nil && initiative.status == .adopted,
                .p(
                    .a(
                        .class("button secondary"), .href(Routes.newBudgetAllocation() + "?initiative=\(stored.id.uuidString)"),
                        .plainText(t("initiative.toAllocation"))))),
            .if(mayChange, reprojectForm(page, stored, levels: levels, errors: reprojectErrors, typed: typedLevel)),
            .section(
                .id("versions"),
                .h2(.plainText(t("initiative.versions"))),
                .ul(
                    .class("versions"),
                    .forEach(versions) { version in
                        .li(
                            .strong(.plainText(t("initiative.version", ["version": String(version.version)]))),
                            .plainText(
                                " · "
                                    + t(
                                        "initiative.versionBy",
                                        ["when": Timestamps.displayMinutes(version.savedAt), "who": version.savedBy]) + " · "
                                    + (version.changed.isEmpty
                                        ? t("initiative.versionFirst")
                                        : t(
                                            "initiative.versionChanged",
                                            ["fields": version.changed.map { t("initiative.changed.\($0)") }.joined(separator: ", ")]))),
                            .plainText(" · " + statusText(t, version.initiative.status)))
                    })))
    }

    static func reprojectForm(
        _ page: PageContext, _ stored: StoredInitiative, levels: [PriceLevelIndex], errors: [FieldError], typed: String?
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        let others = levels.filter { $0.level != stored.initiative.priceLevel }
        return .section(
            .id("reproject"),
            .h2(.plainText(t("initiative.reproject"))),
            .p(.class("hint"), .plainText(t("initiative.reprojectHint"))),
            .form(
                .method(.post), .action(Routes.reprojectBudgetInitiative(stored.id)), .class("filter-form"),
                Layout.csrfField(page),
                FormFields.errorSummary(
                    t, errors, labels: ["toPriceLevel": t("initiative.field.toPriceLevel"), "priceLevel": t("initiative.field.priceLevel")]),
                FormFields.select(
                    t, name: "toPriceLevel", label: t("initiative.field.toPriceLevel"),
                    options: others.map {
                        ($0.level.description, "\($0.level) (\(DanishNumber.index($0.index)))")
                    },
                    selected: typed, errors: errors, required: true),
                FormFields.submit(t("initiative.reprojectButton"))))
    }

    // MARK: Print

    static func print(_ page: PageContext, _ stored: StoredInitiative) -> HTML {
        let t = page.t
        let initiative = stored.initiative
        return Layout.page(
            page, title: initiative.title, bodyClass: "print-view",
            .p(.class("no-print"), .a(.href(Routes.budgetInitiative(stored.id)), .plainText("← " + initiative.title))),
            .article(
                .class("budget-form-print"), .id("initiative-print"),
                .p(.class("form-heading"), .plainText(t("initiative.print.region"))),
                .h1(.plainText(initiative.title)),
                .dl(
                    .class("facts"),
                    .dt(.plainText(t("initiative.field.proposedBy"))), .dd(.plainText(initiative.proposedBy)),
                    .dt(.plainText(t("initiative.field.status"))), .dd(.plainText(statusText(t, initiative.status))),
                    .dt(.plainText(t("initiative.field.priceLevel"))), .dd(.plainText(initiative.priceLevel.description)),
                    .dt(.plainText(t("budget.column.total"))), .dd(.id("print-total"), .plainText(DanishNumber.million(initiative.totals.total))),
                    .dt(.plainText(t("initiative.version", ["version": String(stored.version)]))),
                    .dd(.plainText(Timestamps.displayMinutes(stored.updatedAt) + " · " + stored.updatedBy))),
                details(t, initiative)),
            .p(
                .class("no-print"),
                .button(
                    .type(.button), .class("button primary"), .data(named: "print", value: "page"), .attribute(named: "hidden", value: "hidden"),
                    .plainText(t("initiative.printNow")))))
    }

    // MARK: Side by side

    static func compare(_ page: PageContext, _ initiatives: [StoredInitiative]) -> HTML {
        let t = page.t
        let years = Set(initiatives.flatMap { $0.initiative.years }).sorted()
        let mixed = Set(initiatives.map { $0.initiative.priceLevel }).count > 1
        func byYear(_ stored: StoredInitiative, _ year: Int) -> Decimal? { stored.initiative.totals.byYear[year] }
        let sums = Dictionary(uniqueKeysWithValues: years.map { year in (year, initiatives.reduce(Decimal(0)) { $0 + (byYear($1, year) ?? 0) }) })
        func cell(_ value: Decimal?) -> Node<HTML.TableRowContext> {
            .td(.class("number"), .plainText(value.map { DanishNumber.million($0, unit: false) } ?? "–"))
        }
        return Layout.page(
            page, title: t("initiative.compare.title"),
            .p(.a(.href(Routes.budget()), .plainText("← " + t("budget.title")))),
            .h1(.plainText(t("initiative.compare.title"))),
            initiatives.count < 2
                ? .p(.plainText(t("initiative.compare.none")))
                : .group(
                    .if(mixed, .div(.class("notice warning"), .p(.plainText(t("initiative.compare.mixedLevels"))))),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .class("data"), .id("compare-years"),
                            .caption(.plainText(t("initiative.compare.byYear"))),
                            .thead(
                                .tr(
                                    .th(.attribute(named: "scope", value: "col"), .plainText(t("budget.column.title"))),
                                    .th(.attribute(named: "scope", value: "col"), .plainText(t("budget.column.status"))),
                                    .forEach(years) { .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(String($0))) },
                                    .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("budget.column.total"))))),
                            .tbody(
                                .forEach(initiatives) { stored in
                                    .tr(
                                        .th(
                                            .attribute(named: "scope", value: "row"),
                                            .a(.href(Routes.budgetInitiative(stored.id)), .plainText(stored.initiative.title)),
                                            .span(.class("hint"), .plainText(" " + stored.initiative.priceLevel.description))),
                                        .td(.plainText(statusText(t, stored.initiative.status))),
                                        .forEach(years) { cell(byYear(stored, $0)) }, cell(stored.initiative.totals.total))
                                },
                                .if(
                                    !mixed,
                                    .tr(
                                        .class("total"), .th(.attribute(named: "scope", value: "row"), .plainText(t("initiative.compare.sum"))),
                                        .td(),
                                        .forEach(years) { cell(sums[$0]) }, cell(sums.values.reduce(0, +))))))),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .class("data"), .id("compare-funds"),
                            .caption(.plainText(t("initiative.compare.byFund"))),
                            .thead(
                                .tr(
                                    .th(.attribute(named: "scope", value: "col"), .plainText(t("budget.column.title"))),
                                    .forEach(BudgetFund.allCases) {
                                        .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t.label("fund", $0)))
                                    })),
                            .tbody(
                                .forEach(initiatives) { stored in
                                    let totals = stored.initiative.totals
                                    return .tr(
                                        .th(.attribute(named: "scope", value: "row"), .plainText(stored.initiative.title)),
                                        .forEach(BudgetFund.allCases) { fund in cell(totals.byFund[fund].map { $0.values.reduce(0, +) }) })
                                },
                                .if(
                                    !mixed,
                                    .tr(
                                        .class("total"), .th(.attribute(named: "scope", value: "row"), .plainText(t("initiative.compare.sum"))),
                                        .forEach(BudgetFund.allCases) { fund in
                                            let shares = initiatives.compactMap { $0.initiative.totals.byFund[fund]?.values.reduce(0, +) }
                                            return cell(shares.isEmpty ? nil : shares.reduce(0, +))
                                        })))))))
    }
}
