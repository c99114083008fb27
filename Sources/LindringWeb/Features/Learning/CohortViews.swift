import Foundation
import LindringCore
import LindringStore
import Plot

/// Specialist-education cohorts' pages: an offer's cohorts, and a cohort's grid of nurses (rows)
/// by stages (columns). On a phone the grid scrolls sideways with the nurses' column kept in view;
/// without script each row is one form (its selects and inputs join it with `form=`), so an
/// educator saves a nurse's statuses and supervisor with one button.
enum CohortViews {
    /// The offer page's pointer to its cohorts; nothing for other formats.
    static func offerSection(_ page: PageContext, _ stored: LearningOffer) -> Node<HTML.BodyContext> {
        guard stored.offer.format == .specialistEducation else { return .empty }
        let t = page.t
        return .section(
            .id("cohorts"),
            .h2(.plainText(t("cohort.offer.title"))),
            .p(.plainText(t("cohort.offer.text"))),
            .p(.a(.class("button secondary"), .href(Routes.learningOfferCohorts(stored.id)), .plainText(t("cohort.offer.link")))))
    }

    static func period(_ t: Localizer, _ from: LocalDate, _ to: LocalDate?) -> String {
        t("cohort.period", ["from": from.danish, "to": to?.danish ?? ""])
    }

    static func notice(_ t: Localizer, _ notice: String?) -> Node<HTML.BodyContext> {
        guard let notice, ["created", "added", "saved", "completed"].contains(notice) else { return .empty }
        return .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText(t("cohort.notice.\(notice)"))))
    }

    // MARK: An offer's cohorts

    static func list(
        _ page: PageContext, _ offer: LearningOffer, cohorts: [CohortSummary], draft: CohortDraft, errors: [FieldError]
    ) -> HTML {
        let t = page.t
        let labels = ["offerId", "name", "startsOn"].reduce(into: [String: String]()) { $0[$1] = t("cohort.field.\($1)") }
        return Layout.page(
            page, title: t("cohort.list.title") + " · " + offer.offer.title,
            .p(.a(.href(Routes.learningOffer(offer.id)), .plainText("← " + offer.offer.title))),
            .h1(.plainText(t("cohort.list.title"))),
            .p(.class("lead"), .plainText(offer.offer.title)),
            cohorts.isEmpty
                ? .p(.plainText(t("cohort.list.none")))
                : .ul(
                    .class("inbox cohorts"),
                    .forEach(cohorts) { cohort in
                        .li(
                            .p(.a(.href(Routes.learningCohort(cohort.id)), .strong(.plainText(cohort.name)))),
                            .p(
                                .class("hint"),
                                .plainText(
                                    period(t, cohort.startsOn, SpecialistEducation.stages(startingOn: cohort.startsOn).last?.endsOn) + " · "
                                        + members(t, cohort.members))))
                    }),
            .if(
                page.user?.can(.manageTraining) == true,
                .section(
                    .id("new-cohort"),
                    .h2(.plainText(t("cohort.new"))),
                    .form(
                        .method(.post), .action(Routes.learningOfferCohorts(offer.id)), .class("filter-form"),
                        .attribute(named: "novalidate", value: "novalidate"),
                        Layout.csrfField(page),
                        FormFields.errorSummary(t, errors, labels: labels),
                        FormFields.text(
                            t, name: "name", label: labels["name"]!, value: draft.name, errors: errors, required: true,
                            hint: t("cohort.field.nameHint"), maxLength: OfferDraft.maxTitleLength),
                        FormFields.text(
                            t, name: "startsOn", label: labels["startsOn"]!, value: draft.startsOn, errors: errors, type: .date, required: true,
                            hint: t("cohort.field.startsOnHint")),
                        FormFields.submit(t("cohort.create"))))))
    }

    static func members(_ t: Localizer, _ count: Int) -> String {
        t("cohort.members", ["count": String(count), "limit": String(CohortLimit.members)])
    }

    // MARK: A cohort

    /// What was typed in a row that was refused, to show it again.
    struct TypedRow {
        var memberId: UUID
        var form: FormData
    }

    static func cohort(
        _ page: PageContext, _ cohort: Cohort, newMember: CohortMemberDraft, typedRow: TypedRow?, errors: [FieldError], notice: String?
    ) -> HTML {
        let t = page.t
        let educator = page.user?.can(.manageTraining) == true
        let summary = cohort.summary
        // The count is the cohort's, also on a nurse's page that shows her own row only.
        return Layout.page(
            page, title: summary.name,
            .p(.a(.href(Routes.learningOfferCohorts(summary.offerId)), .plainText("← " + summary.offerTitle))),
            .h1(.plainText(summary.name)),
            self.notice(t, notice),
            .p(.class("lead"), .plainText(period(t, summary.startsOn, cohort.endsOn) + " · " + members(t, summary.members))),
            .if(typedRow != nil, .div(.class("form-error"), .attribute(named: "role", value: "alert"), .ul(.forEach(errors) { rowError(t, $0) }))),
            cohort.members.isEmpty ? .p(.plainText(t("cohort.grid.none"))) : grid(page, cohort, educator: educator, typedRow: typedRow),
            .if(educator, addForm(page, cohort, draft: newMember, errors: typedRow == nil ? errors : [])))
    }

    static func rowError(_ t: Localizer, _ error: FieldError) -> Node<HTML.ListContext> {
        .li(.plainText(t("cohort.field.\(error.field)") + ": " + FormFields.message(t, error.code)))
    }

    static func grid(_ page: PageContext, _ cohort: Cohort, educator: Bool, typedRow: TypedRow?) -> Node<HTML.BodyContext> {
        let t = page.t
        return .group(
            .p(.class("hint cohort-scroll-hint"), .plainText(t("cohort.grid.scroll"))),
            .div(
                .class("table-wrap cohort-grid-wrap"), .attribute(named: "tabindex", value: "0"),
                .attribute(named: "aria-labelledby", value: "cohort-grid-caption"),
                .table(
                    .class("cohort-grid"),
                    .caption(.id("cohort-grid-caption"), .plainText(t("cohort.grid.caption"))),
                    .thead(
                        .tr(
                            .th(.attribute(named: "scope", value: "col"), .plainText(t("cohort.grid.nurse"))),
                            .forEach(cohort.stages) { stage in
                                .th(
                                    .attribute(named: "scope", value: "col"), .class("stage \(stage.stage.kind.rawValue)"),
                                    .strong(.plainText(stage.stage.name)),
                                    // "Teori 1" says its kind in Danish; the English page adds "Theory".
                                    .if(
                                        !stage.stage.name.hasPrefix(t.label("stageKind", stage.stage.kind)),
                                        .span(.class("hint block"), .plainText(t.label("stageKind", stage.stage.kind)))),
                                    .span(.class("hint block"), .plainText(stage.stage.startsOn.danish)),
                                    .span(.class("hint block"), .plainText(stage.stage.endsOn.danish)))
                            })),
                    .tbody(
                        .forEach(cohort.members) { member in
                            row(page, cohort, member, educator: educator, typed: typedRow?.memberId == member.id ? typedRow?.form : nil)
                        }))))
    }

    static func nurseName(_ t: Localizer, _ member: CohortMember) -> String {
        member.name ?? t("cohort.grid.unknown", ["number": member.employeeNumber])
    }

    static func row(_ page: PageContext, _ cohort: Cohort, _ member: CohortMember, educator: Bool, typed: FormData?) -> Node<HTML.TableContext> {
        let t = page.t
        let formId = "row-\(member.id.uuidString.lowercased())"
        let completed = SpecialistEducation.hasCompleted(stages: cohort.stages.map(\.id), statuses: member.progress)
        return .tr(
            .th(
                .attribute(named: "scope", value: "row"),
                .strong(.plainText(nurseName(t, member))),
                .span(
                    .class("hint block"),
                    .plainText(([member.unitName, member.employeeNumber] as [String?]).compactMap { $0 }.joined(separator: " · "))),
                .if(completed, .span(.class("status-ok block"), .plainText(t("cohort.grid.completed")))),
                educator
                    ? supervisorInputs(page, cohortId: cohort.summary.id, member, formId: formId, typed: typed)
                    : .span(.class("hint block"), .plainText(supervisorLine(t, member.supervisor)))),
            .forEach(cohort.stages) { stage in
                let status = typed?[stageField(stage.id)].flatMap(StageStatus.init(rawValue:)) ?? member.status(in: stage.id)
                return .td(
                    .class("stage-status \(status.rawValue)"),
                    educator ? statusSelect(t, member, stage, status: status, formId: formId) : .plainText(t.label("stageStatus", status)))
            })
    }

    /// "Vejleder: Birgitte Holm, Rigshospitalet" or that there is none yet.
    static func supervisorLine(_ t: Localizer, _ supervisor: Supervisor) -> String {
        guard let name = supervisor.name else { return t("cohort.grid.noSupervisor") }
        return t("cohort.grid.supervisor", ["name": supervisor.place.map { "\(name), \($0)" } ?? name])
    }

    /// The row's form (just its button) and the supervisor's inputs, which join it by `form=`.
    static func supervisorInputs(
        _ page: PageContext, cohortId: UUID, _ member: CohortMember, formId: String, typed: FormData?
    ) -> Node<HTML.BodyContext> {
        let t = page.t
        func input<Context: HTML.BodyContext>(_ field: String, _ value: String?) -> Node<Context> {
            let id = "\(field)-\(formId)"
            return .div(
                .class("field compact"),
                .label(.for(id), .plainText(t("cohort.field.\(field)"))),
                .selfClosedElement(
                    named: "input",
                    attributes: [
                        Attribute(name: "id", value: id), Attribute(name: "name", value: field), Attribute(name: "form", value: formId),
                        Attribute(name: "value", value: HTMLEscaping.escape(typed?[field] ?? value ?? "")),
                        Attribute(name: "maxlength", value: String(OfferDraft.maxTitleLength)), Attribute(name: "autocomplete", value: "off"),
                    ]))
        }
        // Folded away (no script needed), so a row is one line high on a phone; the inputs still
        // belong to the row's form while closed. Open when a refused row comes back.
        return .group(
            .details(
                .class("supervisor"), .if(typed != nil, .attribute(named: "open", value: "open")),
                .summary(.plainText(supervisorLine(t, member.supervisor))),
                input("supervisorName", member.supervisor.name),
                input("supervisorPlace", member.supervisor.place)),
            .form(
                .id(formId), .method(.post), .action(Routes.learningCohortMemberProgress(cohortId, member.id)), .class("inline-form"),
                Layout.csrfField(page),
                .button(
                    .type(.submit), .class("button secondary"),
                    .attribute(named: "aria-label", value: t("cohort.grid.save") + ": " + nurseName(t, member)),
                    .plainText(t("cohort.grid.save")))))
    }

    /// The form field of a stage's status in a row.
    static func stageField(_ stageId: UUID) -> String { "stage-\(stageId.uuidString.lowercased())" }

    static func statusSelect(
        _ t: Localizer, _ member: CohortMember, _ stage: CohortStage, status: StageStatus, formId: String
    ) -> Node<HTML.BodyContext> {
        .element(
            named: "select",
            nodes: [
                .attribute(named: "name", value: stageField(stage.id)), .attribute(named: "form", value: formId),
                .attribute(named: "aria-label", value: t("cohort.grid.statusOf", ["nurse": nurseName(t, member), "stage": stage.stage.name])),
                .forEach(StageStatus.allCases) { option in
                    .element(
                        named: "option",
                        nodes: [
                            .attribute(named: "value", value: option.rawValue),
                            .if(option == status, .attribute(named: "selected", value: "selected")),
                            .plainText(t.label("stageStatus", option)),
                        ])
                },
            ])
    }

    static func addForm(_ page: PageContext, _ cohort: Cohort, draft: CohortMemberDraft, errors: [FieldError]) -> Node<HTML.BodyContext> {
        let t = page.t
        let labels = ["employeeNumber", "supervisorName", "supervisorPlace"].reduce(into: [String: String]()) {
            $0[$1] = t("cohort.field.\($1)")
        }
        return .section(
            .id("add-nurse"),
            .h2(.plainText(t("cohort.add.title"))),
            cohort.members.count >= CohortLimit.members
                ? .p(.plainText(t("cohort.add.full")))
                : .form(
                    .method(.post), .action(Routes.learningCohortMembers(cohort.summary.id)), .class("filter-form"),
                    .attribute(named: "novalidate", value: "novalidate"),
                    Layout.csrfField(page),
                    FormFields.errorSummary(t, errors, labels: labels),
                    FormFields.text(
                        t, name: "employeeNumber", label: labels["employeeNumber"]!, value: draft.employeeNumber, errors: errors, required: true,
                        autocomplete: "off", hint: t("cohort.field.employeeNumberHint"), maxLength: 20),
                    FormFields.text(
                        t, name: "supervisorName", label: labels["supervisorName"]!, value: draft.supervisorName, errors: errors,
                        maxLength: OfferDraft.maxTitleLength),
                    FormFields.text(
                        t, name: "supervisorPlace", label: labels["supervisorPlace"]!, value: draft.supervisorPlace, errors: errors,
                        maxLength: OfferDraft.maxTitleLength),
                    FormFields.submit(t("cohort.add.submit"))))
    }
}
