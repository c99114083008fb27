import Foundation
import LindringCore
import LindringStore
import Plot

/// The budget's front page: the initiatives (ticked ones compared side by side), the allocations
/// with their budget per year, and the price levels with finance's form for an index.
enum BudgetViews {
    struct PriceLevelForm: Decodable, Sendable {
        var name: String?
        var index: String?
    }

    static func overview(
        _ page: PageContext, initiatives: [StoredInitiative], allocations: [StoredAllocation], levels: [PriceLevelIndex], notice: String?,
        levelForm: PriceLevelForm = PriceLevelForm(), levelErrors: [FieldError] = []
    ) -> HTML {
        let t = page.t
        let mayChange = page.user?.can(.manageBudget) == true
        return Layout.page(
            page, title: t("budget.title"),
            InitiativeViews.notice(t, notice),
            .h1(.plainText(t("budget.title"))),
            .p(.class("lead"), .plainText(t("budget.lead"))),
            .if(!mayChange, .p(.class("hint"), .plainText(t("budget.readOnly")))),
            .section(
                .id("initiatives"),
                .div(
                    .class("title-row"),
                    .h2(.plainText(t("budget.initiatives.title"))),
                    .if(mayChange, .a(.class("button primary"), .href(Routes.newBudgetInitiative()), .plainText(t("budget.initiatives.new"))))),
                initiatives.isEmpty
                    ? .p(.plainText(t("budget.initiatives.none")))
                    : .form(
                        .method(.get), .action(Routes.budgetComparison()),
                        .p(.class("hint"), .plainText(t("budget.initiatives.compareHint"))),
                        .div(
                            .class("table-wrap"),
                            .table(
                                .class("data"), .id("initiative-list"),
                                .thead(
                                    .tr(
                                        .th(
                                            .attribute(named: "scope", value: "col"),
                                            .span(.class("visually-hidden"), .plainText(t("budget.initiatives.compare")))),
                                        .th(.attribute(named: "scope", value: "col"), .plainText(t("budget.column.title"))),
                                        .th(.attribute(named: "scope", value: "col"), .plainText(t("initiative.field.proposedBy"))),
                                        .th(.attribute(named: "scope", value: "col"), .plainText(t("budget.column.status"))),
                                        .th(.attribute(named: "scope", value: "col"), .plainText(t("followUp.years"))),
                                        .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("budget.column.total"))),
                                        .th(.attribute(named: "scope", value: "col"), .plainText(t("budget.column.changed"))))),
                                .tbody(
                                    .forEach(initiatives) { stored in
                                        let initiative = stored.initiative
                                        return .tr(
                                            .td(
                                                .input(
                                                    .type(.checkbox), .name("id"), .value(stored.id.uuidString),
                                                    .id("compare-\(stored.id.uuidString)"),
                                                    .attribute(
                                                        named: "aria-label",
                                                        value: HTMLEscaping.escape(t("budget.initiatives.choose", ["title": initiative.title]))))),
                                            .th(
                                                .attribute(named: "scope", value: "row"),
                                                .a(.href(Routes.budgetInitiative(stored.id)), .plainText(initiative.title))),
                                            .td(.plainText(initiative.proposedBy)),
                                            .td(
                                                .span(
                                                    .class("status-tag status-\(initiative.status.rawValue)"),
                                                    .plainText(InitiativeViews.statusText(t, initiative.status)))),
                                            .td(
                                                .plainText(
                                                    "\(initiative.firstYear)–\(initiative.firstYear + ValidInitiative.yearCount - 1) · \(initiative.priceLevel)"
                                                )),
                                            .td(.class("number"), .plainText(DanishNumber.million(initiative.totals.total))),
                                            .td(.plainText(Timestamps.displayMinutes(stored.updatedAt) + " · " + stored.updatedBy)))
                                    }))),
                        .div(.class("actions"), .button(.type(.submit), .class("button secondary"), .plainText(t("budget.initiatives.compare")))))),
            .section(
                .id("allocations"),
                .div(
                    .class("title-row"),
                    .h2(.plainText(t("budget.allocations.title"))),
                    .if(mayChange, .a(.class("button primary"), .href(Routes.newBudgetAllocation()), .plainText(t("budget.allocations.new"))))),
                allocations.isEmpty
                    ? .p(.plainText(t("budget.allocations.none")))
                    : .ul(
                        .class("inbox allocations"),
                        .forEach(allocations) { stored in
                            let allocation = stored.allocation
                            return .li(
                                .p(.a(.href(Routes.budgetAllocation(stored.id)), .strong(.plainText(allocation.name)))),
                                .p(
                                    .class("hint"),
                                    .plainText(
                                        t("followUp.decided", ["date": allocation.decidedOn.danish, "organisation": allocation.organisation])
                                            + (allocation.successor.map {
                                                " · " + t("followUp.successor", ["organisation": $0.organisation, "date": $0.from.danish])
                                            } ?? ""))),
                                .p(
                                    .plainText(
                                        allocation.years.map { "\($0): " + DanishNumber.kroner(allocation.budget(in: $0)) }.joined(separator: " · ")))
                            )
                        })),
            .section(
                .id("price-levels"),
                .h2(.plainText(t("budget.priceLevels.title"))),
                .p(.class("hint"), .plainText(t("budget.priceLevels.text"))),
                levels.isEmpty
                    ? .p(.plainText(t("budget.priceLevels.none")))
                    : .table(
                        .class("data"), .id("price-level-list"),
                        .thead(
                            .tr(
                                .th(.attribute(named: "scope", value: "col"), .plainText(t("budget.priceLevels.level"))),
                                .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("budget.priceLevels.index"))),
                                .th(.attribute(named: "scope", value: "col"), .plainText(t("budget.column.changed"))))),
                        .tbody(
                            .forEach(levels) { level in
                                .tr(
                                    .th(.attribute(named: "scope", value: "row"), .plainText(level.level.description)),
                                    .td(
                                        .class("number"),
                                        .plainText(DanishNumber.index(level.index))),
                                    .td(.plainText(Timestamps.displayMinutes(level.updatedAt) + " · " + level.updatedBy)))
                            })),
                .if(
                    mayChange,
                    .form(
                        .method(.post), .action(Routes.budgetPriceLevels()), .class("filter-form"), .id("price-level-form"),
                        Layout.csrfField(page),
                        FormFields.errorSummary(
                            t, levelErrors, labels: ["name": t("budget.priceLevels.level"), "index": t("budget.priceLevels.index")]),
                        .div(
                            .class("grid"),
                            FormFields.text(
                                t, name: "name", label: t("budget.priceLevels.level"), value: levelForm.name, errors: levelErrors, required: true,
                                hint: t("budget.priceLevels.nameHint"), maxLength: 7),
                            FormFields.text(
                                t, name: "index", label: t("budget.priceLevels.index"), value: levelForm.index, errors: levelErrors, required: true,
                                maxLength: 10)),
                        FormFields.submit(t("budget.priceLevels.save"))))))
    }
}
