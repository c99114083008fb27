import Foundation
import LindringCore
import LindringStore
import Plot

/// An allocation's pages: the form (its parts as repeating blocks, each a grid of budget per
/// cost type and year), and the year's follow-up: spending against budget month by month, and
/// each part's activity beside its cost (charts with their tables).
enum AllocationViews {
    // MARK: The form

    static func labels(_ t: Localizer, _ draft: AllocationDraft, years: [Int]) -> [String: String] {
        var labels: [String: String] = [:]
        for key in ["name", "organisation", "successor", "successorFrom", "decidedOn", "firstYear", "initiativeId", "parts"] {
            labels[key] = t("allocation.field.\(key)")
        }
        for index in 0..<max(draft.parts?.count ?? 0, 1) + 2 {
            let part = t("allocation.part", ["number": String(index + 1)])
            labels["parts[\(index)].code"] = part + ": " + t("allocation.field.code")
            labels["parts[\(index)].name"] = part + ": " + t("allocation.field.partName")
            labels["parts[\(index)].activity"] = part + ": " + t("allocation.field.activity")
            for year in years {
                for type in CostType.allCases {
                    labels["parts[\(index)].budgets.\(year).\(type.rawValue)"] = part + ": " + t.label("costType", type) + " \(year)"
                }
                labels["parts[\(index)].fte.\(year)"] = part + ": " + t("allocation.fteRow") + " \(year)"
            }
        }
        return labels
    }

    static func form(_ page: PageContext, draft: AllocationDraft, firstYear: String?, errors: [FieldError], initiativeTitle: String?) -> HTML {
        let t = page.t
        let years = InitiativeForm.years(firstYear)
        let labels = labels(t, draft, years: years)
        let parts = draft.parts ?? []
        let rows = max(parts.count + 1, 3)
        return Layout.page(
            page, title: t("allocation.new.title"),
            .p(.a(.href(Routes.budget()), .plainText("← " + t("budget.title")))),
            .h1(.plainText(t("allocation.new.title"))),
            .p(.class("lead"), .plainText(t("allocation.new.lead"))),
            .unwrap(initiativeTitle) { .p(.plainText(t("allocation.fromInitiative", ["title": $0]))) },
            .form(
                .method(.post), .action(Routes.budgetAllocations()), .class("allocation-form"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                .unwrap(draft.initiativeId) { .input(.type(.hidden), .name("initiativeId"), .value(HTMLEscaping.escape($0))) },
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                .div(
                    .class("grid"),
                    FormFields.text(t, name: "name", label: labels["name"]!, value: draft.name, errors: errors, required: true, maxLength: 200),
                    FormFields.text(
                        t, name: "organisation", label: labels["organisation"]!, value: draft.organisation, errors: errors, required: true,
                        hint: t("allocation.field.organisationHint"), maxLength: 200),
                    FormFields.text(
                        t, name: "decidedOn", label: labels["decidedOn"]!, value: draft.decidedOn, errors: errors, type: .date, required: true)),
                .div(
                    .class("grid"),
                    FormFields.text(
                        t, name: "successor", label: labels["successor"]!, value: draft.successor, errors: errors,
                        hint: t("allocation.field.successorHint"), maxLength: 200),
                    FormFields.text(
                        t, name: "successorFrom", label: labels["successorFrom"]!, value: draft.successorFrom, errors: errors, type: .date)),
                FormFields.text(
                    t, name: "firstYear", label: labels["firstYear"]!, value: firstYear, errors: errors, type: .number, required: true,
                    hint: t("initiative.field.firstYearHint")),
                .fieldset(
                    FormFields.legend(labels["parts"]!, required: true, spoken: FormFields.message(t, .required)),
                    .p(.class("hint"), .plainText(t("allocation.field.partsHint"))),
                    InitiativeViews.fieldError(t, "parts", errors),
                    .forEach(Array(0..<rows)) { index in
                        partBlock(t, index: index, part: index < parts.count ? parts[index] : nil, years: years, labels: labels, errors: errors)
                    }),
                FormFields.submit(t("allocation.save"), id: "save-allocation")))
    }

    static func partBlock(
        _ t: Localizer, index: Int, part: AllocationDraft.Part?, years: [Int], labels: [String: String], errors: [FieldError]
    ) -> Node<HTML.FormContext> {
        func cell(_ id: String, name: String, value: String?) -> Node<HTML.TableRowContext> {
            FormFields.cell(t, id: id, name: name, value: value, label: labels[id] ?? id, errors: errors)
        }
        return .fieldset(
            .class("part-block"),
            FormFields.legend(t("allocation.part", ["number": String(index + 1)]), required: false),
            .div(
                .class("grid"),
                FormFields.text(
                    t, name: "parts[\(index)].code", label: t("allocation.field.code"), value: part?.code, errors: errors, rowRequired: true,
                    maxLength: 20),
                FormFields.text(
                    t, name: "parts[\(index)].name", label: t("allocation.field.partName"), value: part?.name, errors: errors, rowRequired: true,
                    maxLength: 200),
                FormFields.select(
                    t, name: "parts[\(index)].activity", label: t("allocation.field.activity"),
                    options: t.options("fundedActivity", FundedActivity.self),
                    selected: part?.activity ?? FundedActivity.other.rawValue, errors: errors)),
            .div(
                .class("table-wrap"),
                .table(
                    .class("data amounts-grid"), .data(named: "years-from", value: "firstYear"),
                    .caption(.plainText(t("allocation.field.budgets"))),
                    .thead(.tr(.th(.plainText("")), InitiativeViews.yearHeaders(years))),
                    .tbody(
                        .forEach(CostType.allCases) { type in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .plainText(t.label("costType", type))),
                                .forEach(Array(years.enumerated())) { position, year in
                                    cell(
                                        "parts[\(index)].budgets.\(year).\(type.rawValue)",
                                        name: "parts[\(AllocationForm.cell(type, position))][\(index)]",
                                        value: part?.budgets?[String(year)]?[type.rawValue])
                                })
                        },
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .plainText(t("allocation.fteRow"))),
                            .forEach(Array(years.enumerated())) { position, year in
                                cell(
                                    "parts[\(index)].fte.\(year)", name: "parts[\(AllocationForm.cell(nil, position))][\(index)]",
                                    value: part?.fte?[String(year)])
                            })))))
    }

    // MARK: Follow-up

    struct EntryForm: Decodable, Sendable, BlankMeansAbsent {
        var month: String?
        var part: String?
        var costType: String?
        var amount: String?
        var fte: String?
        var csv: String?
        var carryOverAmount: String?
        var carryOverReason: String?
    }

    static func monthName(_ t: Localizer, _ month: BudgetMonth) -> String { "\(t("month.short.\(month.month)")) \(month.year)" }

    static func indicatorValue(_ t: Localizer, _ indicator: ActivityIndicator, _ value: Decimal?) -> String {
        guard indicator.measured else { return t("followUp.notYetMeasured") }
        guard let value else { return "–" }
        switch indicator.unit {
        case .count: return DanishNumber.decimal(value, decimals: 0)
        case .percent: return DanishNumber.fte(value) + " %"
        case .perFTE: return DanishNumber.fte(value)
        }
    }

    static func followUp(
        _ page: PageContext, _ report: FollowUpService.Report, notice: String?, entry: EntryForm = EntryForm(), errors: [FieldError] = [],
        importCount: Int? = nil
    ) -> HTML {
        let t = page.t
        let followUp = report.followUp, allocation = report.allocation.allocation, id = report.allocation.id
        let recorded = followUp.lastRecordedMonth
        return Layout.page(
            page, title: allocation.name + " · " + t("followUp.title", ["year": String(followUp.year)]),
            .p(.a(.href(Routes.budget()), .plainText("← " + t("budget.title")))),
            InitiativeViews.notice(t, notice),
            .unwrap(importCount) {
                .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText(t("budget.notice.imported", ["count": String($0)]))))
            },
            .h1(.plainText(allocation.name)),
            .p(
                .class("lead"),
                .plainText(
                    t("followUp.decided", ["date": allocation.decidedOn.danish, "organisation": allocation.organisation])
                        + (allocation.successor.map { " · " + t("followUp.successor", ["organisation": $0.organisation, "date": $0.from.danish]) }
                            ?? ""))),
            .nav(
                .class("year-choice"), .attribute(named: "aria-label", value: t("followUp.years")),
                .plainText(t("followUp.otherYears") + " "),
                .forEach(allocation.years) { year in
                    year == followUp.year
                        ? .strong(.attribute(named: "aria-current", value: "page"), .plainText(String(year) + " "))
                        : .a(.href(Routes.budgetAllocation(id) + "?year=\(year)"), .plainText(String(year) + " "))
                }),
            .h2(.plainText(t("followUp.title", ["year": String(followUp.year)]))),
            .dl(
                .class("facts budget-facts"), .id("follow-up-facts"),
                .dt(.plainText(t("followUp.budget"))), .dd(.plainText(DanishNumber.kroner(followUp.budget))),
                .unwrap(followUp.carriedIn) { carried in
                    .group(
                        .dt(.plainText(t("followUp.available"))),
                        .dd(
                            .plainText(
                                DanishNumber.kroner(followUp.available) + " ("
                                    + t("followUp.carriedIn", ["year": String(carried.fromYear), "amount": DanishNumber.kroner(carried.amount)])
                                    + ": " + carried.reason + ")")))
                },
                .dt(.plainText(recorded.map { t("followUp.actualToDate", ["month": monthName(t, $0)]) } ?? t("followUp.actual"))),
                .dd(
                    .id("actual-to-date"),
                    .plainText(
                        recorded == nil ? t("followUp.noActuals", ["year": String(followUp.year)]) : DanishNumber.kroner(followUp.actualToDate))),
                .dt(.plainText(t("followUp.expected"))),
                .dd(
                    .id("expected-year-end"), .plainText(DanishNumber.kroner(followUp.expectedYearEnd)),
                    .span(.class("hint"), .plainText(" " + t("followUp.expectedHint")))),
                .unwrap(followUp.carriedOut) { carried in
                    .group(
                        .dt(.plainText(t("followUp.carryOver", ["year": String(carried.fromYear + 1)]))),
                        .dd(.plainText(DanishNumber.kroner(carried.amount) + " – " + carried.reason)))
                }),
            .div(
                .class("chart-with-table"),
                .div(
                    .class("chart-box"),
                    .raw(BudgetCharts.spending(followUp.months, label: t("followUp.spendingChart"), monthName: { monthName(t, $0) }))),
                spendingTable(t, followUp.months, caption: t("followUp.spendingCaption"), id: "spending")),
            .section(
                .id("parts"),
                .h2(.plainText(t("followUp.parts"))),
                .forEach(report.parts) { activity in partSection(t, activity, year: followUp.year) }),
            .if(page.user?.can(.manageBudget) == true, entrySections(page, report, entry: entry, errors: errors)))
    }

    static func spendingTable(_ t: Localizer, _ months: [AllocationFollowUp.Month], caption: String, id: String) -> Node<HTML.BodyContext> {
        func money(_ value: Decimal?) -> Node<HTML.TableRowContext> {
            .td(.class("number"), .plainText(value.map { DanishNumber.kroner($0, unit: false) } ?? "–"))
        }
        return .div(
            .class("table-wrap"),
            .table(
                .class("data"), .id(id),
                .caption(.plainText(caption)),
                .thead(
                    .tr(
                        .th(.attribute(named: "scope", value: "col"), .plainText(t("followUp.month"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("followUp.budget"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("followUp.actual"))),
                        .th(
                            .attribute(named: "scope", value: "col"), .class("number"),
                            .attribute(named: "title", value: t("followUp.deviationHint")), .plainText(t("followUp.deviation"))),
                        .th(
                            .attribute(named: "scope", value: "col"), .class("number"),
                            .plainText(t("followUp.accumulated") + " " + t("followUp.deviation").lowercased())))),
                .tbody(
                    .forEach(months) { month in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .plainText(monthName(t, month.month))),
                            money(month.budget), money(month.actual), money(month.deviation), money(month.accumulatedDeviation))
                    })))
    }

    static func partSection(_ t: Localizer, _ activity: FollowUpService.PartActivity, year: Int) -> Node<HTML.BodyContext> {
        let part = activity.part
        let primary = activity.indicators.first { $0.key == activity.unitKey }
        return .section(
            .class("part-follow-up"), .id("part-\(part.code)"),
            .h3(.plainText(part.name + " (" + part.code + ")")),
            .p(
                .class("hint"),
                .plainText(
                    t.label("fundedActivity", part.activity) + " · "
                        + t("followUp.partBudget", ["year": String(year), "amount": DanishNumber.kroner(part.budget)])
                        + " · " + t("followUp.expected") + ": " + DanishNumber.kroner(part.expectedYearEnd))),
            .unwrap(part.fteBudgeted) { budgeted in
                .p(
                    .plainText(
                        part.fteFilled.map {
                            t(
                                "followUp.fte",
                                ["filled": DanishNumber.fte($0.fte), "budgeted": DanishNumber.fte(budgeted), "month": monthName(t, $0.month)])
                        } ?? t("followUp.fteBudgeted", ["budgeted": DanishNumber.fte(budgeted)])))
            },
            .unwrap(activity.costPerUnit?.year) { cost in
                .p(
                    .class("cost-per-unit"),
                    .strong(.plainText(t("followUp.costPerUnit") + ": ")),
                    .plainText(
                        t(
                            "followUp.costPerUnitYear",
                            ["amount": DanishNumber.kroner(cost), "unit": t("unit.\(activity.unitKey ?? "")"), "year": String(year)])))
            },
            activity.indicators.isEmpty
                ? .p(.plainText(t("followUp.noActivity")))
                : .group(
                    .if(activity.indicators.contains { !$0.measured }, .p(.class("hint"), .plainText(t("followUp.notYetMeasuredHint")))),
                    .div(
                        .class("activity"),
                        .unwrap(primary) { primary in
                            .div(
                                .class("chart-box"),
                                .raw(
                                    BudgetCharts.activity(
                                        primary.months, spending: part.months.map(\.actual),
                                        label: t("followUp.activityChart", ["indicator": t("indicator.\(primary.key)")]), year: year)))
                        },
                        activityTable(t, activity, year: year))))
    }

    static func activityTable(_ t: Localizer, _ activity: FollowUpService.PartActivity, year: Int) -> Node<HTML.BodyContext> {
        let months = (1...12).map { BudgetMonth(year: year, month: $0) }
        return .div(
            .class("table-wrap"),
            .table(
                .class("data activity-table"), .id("activity-\(activity.part.code)"),
                .caption(.plainText(t("followUp.activityCaption"))),
                .thead(
                    .tr(
                        .th(.attribute(named: "scope", value: "col"), .plainText("")),
                        .forEach(months) {
                            .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("month.short.\($0.month)")))
                        },
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .plainText(t("followUp.yearTotal"))))),
                .tbody(
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .plainText(t("followUp.actual") + " (kr.)")),
                        .forEach(activity.part.months) {
                            .td(.class("number"), .plainText($0.actual.map { DanishNumber.kroner($0, unit: false) } ?? "–"))
                        },
                        .td(.class("number"), .plainText(DanishNumber.kroner(activity.part.actualToDate, unit: false)))),
                    .forEach(activity.indicators) { indicator in
                        indicator.measured
                            ? .tr(
                                .th(.attribute(named: "scope", value: "row"), .plainText(t("indicator.\(indicator.key)"))),
                                .forEach(indicator.months) { .td(.class("number"), .plainText(indicatorValue(t, indicator, $0))) },
                                .td(.class("number"), .plainText(indicatorValue(t, indicator, indicator.year))))
                            : .tr(
                                .class("not-measured"),
                                .th(.attribute(named: "scope", value: "row"), .plainText(t("indicator.\(indicator.key)"))),
                                .td(.attribute(named: "colspan", value: "13"), .plainText(t("followUp.notYetMeasured"))))
                    },
                    .unwrap(activity.costPerUnit) { cost in
                        .tr(
                            .class("cost-row"),
                            .th(
                                .attribute(named: "scope", value: "row"),
                                .plainText(t("followUp.costPerUnit") + " (kr. pr. " + t("unit.\(activity.unitKey ?? "")") + ")")),
                            .forEach(cost.months) { .td(.class("number"), .plainText($0.map { DanishNumber.kroner($0, unit: false) } ?? "–")) },
                            .td(.class("number"), .plainText(cost.year.map { DanishNumber.kroner($0, unit: false) } ?? "–")))
                    })))
    }

    static func entrySections(_ page: PageContext, _ report: FollowUpService.Report, entry: EntryForm, errors: [FieldError]) -> Node<HTML.BodyContext>
    {
        let t = page.t
        let id = report.allocation.id, year = report.followUp.year
        let parts = report.allocation.allocation.parts
        let entryErrors = errors.filter { !$0.field.hasPrefix("carryOver") && $0.line == nil }
        let importErrors = errors.filter { $0.line != nil }
        let labels = [
            "month": t("followUp.field.month"), "part": t("followUp.field.part"), "costType": t("followUp.field.costType"),
            "amount": t("followUp.field.amount"), "fte": t("followUp.field.fte"),
        ]
        return .group(
            .section(
                .id("record"),
                .h2(.plainText(t("followUp.record"))),
                .p(.class("hint"), .plainText(t("followUp.recordHint"))),
                .form(
                    .method(.post), .action(Routes.budgetAllocationActuals(id)), .class("filter-form"),
                    .attribute(named: "novalidate", value: "novalidate"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(t, entryErrors, labels: labels),
                    .div(
                        .class("grid"),
                        FormFields.text(
                            t, name: "month", label: labels["month"]!, value: entry.month, errors: entryErrors, type: .month, required: true),
                        FormFields.select(
                            t, name: "part", label: labels["part"]!, options: parts.map { ($0.code, $0.name + " (" + $0.code + ")") },
                            selected: entry.part,
                            errors: entryErrors, required: true),
                        FormFields.select(
                            t, name: "costType", label: labels["costType"]!, options: t.options("costType", CostType.self),
                            selected: entry.costType ?? CostType.salaries.rawValue,
                            errors: entryErrors, required: true),
                        FormFields.text(
                            t, name: "amount", label: labels["amount"]!, value: entry.amount, errors: entryErrors, required: true, maxLength: 20),
                        FormFields.text(t, name: "fte", label: labels["fte"]!, value: entry.fte, errors: entryErrors, maxLength: 8)),
                    FormFields.submit(t("followUp.recordButton")))),
            .section(
                .id("import"),
                .h2(.plainText(t("followUp.import"))),
                .p(.class("hint"), .plainText(t("followUp.importHint"))),
                .if(
                    !importErrors.isEmpty,
                    .div(
                        .class("form-error"), .id("import-errors"), .attribute(named: "role", value: "alert"),
                        .p(.strong(.plainText(t("followUp.importErrors")))),
                        .ul(
                            .forEach(importErrors) { error in
                                .li(
                                    .plainText(
                                        t(
                                            "followUp.importLine",
                                            [
                                                "line": String(error.line ?? 0), "field": labels[error.field] ?? t("followUp.field.row"),
                                                "message": FormFields.message(t, error.code),
                                            ])))
                            }))),
                .form(
                    .method(.post), .action(Routes.budgetAllocationImport(id)), .class("filter-form csv-import"),
                    Layout.csrfField(page),
                    .div(
                        .class("field"),
                        .label(.for("csv-file"), .plainText(t("followUp.field.file"))),
                        .input(
                            .type(.file), .id("csv-file"), .attribute(named: "accept", value: ".csv,text/csv"), .data(named: "fills", value: "csv"))),
                    FormFields.textarea(t, name: "csv", label: t("followUp.field.csv"), value: entry.csv, errors: []),
                    FormFields.submit(t("followUp.importButton"), id: "import-button"))),
            .section(
                .id("carry-over"),
                .h2(.plainText(t("followUp.carryOver", ["year": String(year + 1)]))),
                .form(
                    .method(.post), .action(Routes.budgetAllocationCarryOver(id) + "?year=\(year)"), .class("filter-form"),
                    .attribute(named: "novalidate", value: "novalidate"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(
                        t, errors.filter { $0.field.hasPrefix("carryOver") },
                        labels: ["carryOverAmount": t("followUp.field.carryOverAmount"), "carryOverReason": t("followUp.field.carryOverReason")]),
                    .div(
                        .class("grid"),
                        FormFields.text(
                            t, name: "carryOverAmount", label: t("followUp.field.carryOverAmount"),
                            value: entry.carryOverAmount ?? report.followUp.carriedOut.map { AmountText.kroner($0.amount) }, errors: errors,
                            required: true,
                            maxLength: 20),
                        FormFields.text(
                            t, name: "carryOverReason", label: t("followUp.field.carryOverReason"),
                            value: entry.carryOverReason ?? report.followUp.carriedOut?.reason, errors: errors, required: true, maxLength: 500)),
                    FormFields.submit(t("followUp.carryOverButton")))))
    }
}
