import Foundation
import LindringCore
import LindringStore
import Plot

/// The family's needs over the domains: the latest assessment with how each need changed since
/// the one before, the history as a table of ratings over time, and the form to assess again.
enum NeedsViews {
    static func section(_ page: PageContext, _ assessments: [NeedsAssessment], familyId: UUID, canChange: Bool) -> Node<HTML.BodyContext> {
        let t = page.t
        let latest = assessments.last
        let changes =
            assessments.count >= 2 ? NeedsAssessment.changes(from: assessments[assessments.count - 2], to: assessments[assessments.count - 1]) : [:]
        return .section(
            .id("needs"),
            .div(
                .class("page-heading"), .h2(.plainText(t("needs.title"))),
                .if(
                    canChange,
                    .a(.class("button secondary"), .id("assess-needs"), .href(Routes.newNeedsAssessment(familyId)), .plainText(t("needs.assess"))))),
            .unwrap(latest) { latest in
                .group(
                    .p(.class("hint"), .plainText(t("needs.latest", ["date": latest.assessedOn.danish]))),
                    .div(
                        .class("table-wrap"),
                        .table(
                            .class("needs cards-on-phone"),
                            .caption(.class("visually-hidden"), .plainText(t("needs.title"))),
                            .thead(
                                .tr(
                                    .th(.plainText(t("needs.domain"))), .th(.plainText(t("needs.rating"))), .th(.plainText(t("needs.plan"))),
                                    .th(.plainText(t("needs.owner"))))),
                            .tbody(
                                .forEach(latest.needs) { need in
                                    .tr(
                                        .class("need-\(need.rating.rawValue)"),
                                        .td(.plainText(t.label("needsDomain", need.domain))),
                                        .td(
                                            .attribute(named: "data-label", value: t("needs.rating")),
                                            .strong(.plainText(t.label("needRating", need.rating))),
                                            .unwrap(changes[need.domain]) { change in
                                                change == .stayed
                                                    ? .empty : .span(.class("hint"), .plainText(" " + t("needs.change.\(change.rawValue)")))
                                            }),
                                        .td(.attribute(named: "data-label", value: t("needs.plan")), .plainText(need.plan ?? "–")),
                                        .td(.attribute(named: "data-label", value: t("needs.owner")), .plainText(need.owner ?? "–")))
                                })))) as Node<HTML.BodyContext>
            } ?? .p(.plainText(t("needs.none"))),
            .if(assessments.count >= 2, history(t, assessments)))
    }

    /// Each domain's rating at each assessment, oldest to newest.
    static func history(_ t: Localizer, _ assessments: [NeedsAssessment]) -> Node<HTML.BodyContext> {
        let domains = NeedsDomain.allCases.filter { domain in assessments.contains { $0.rating(domain) != nil } }
        return .group(
            .h3(.plainText(t("needs.history"))),
            .div(
                .class("table-wrap"),
                .table(
                    .class("needs-history"),
                    .caption(.class("visually-hidden"), .plainText(t("needs.history"))),
                    .thead(.tr(.th(.plainText(t("needs.domain"))), .forEach(assessments) { .th(.plainText($0.assessedOn.danish)) })),
                    .tbody(
                        .forEach(domains) { domain in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .plainText(t.label("needsDomain", domain))),
                                .forEach(assessments) { assessment in
                                    .td(.plainText(assessment.rating(domain).map { t.label("needRating", $0) } ?? "–"))
                                })
                        }))))
    }

    static func form(_ page: PageContext, family: FamilyCase, draft: NeedsAssessmentDraft, errors: [FieldError]) -> HTML {
        let t = page.t
        let title = t("needs.assessFor", ["child": family.child.name])
        let rows = NeedsDomain.allCases.map { domain in
            draft.needs?.first { $0.domain == domain.rawValue } ?? NeedsAssessmentDraft.NeedInput(domain: domain.rawValue)
        }
        func label(_ field: String) -> String { t("needs.field.\(FormName.row(field)?.field ?? field)") }
        return Layout.page(
            page, title: title,
            .h1(.plainText(title)),
            .p(.a(.href(Routes.family(family.id) + "#needs"), .plainText("← " + t("family.back")))),
            .form(
                .method(.post), .action(Routes.newNeedsAssessment(family.id)), .id("needs-form"), .class("stacked"),
                .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors, labels: Dictionary(errors.map { ($0.field, label($0.field)) }, uniquingKeysWith: { a, _ in a })),
                .p(.class("hint"), .plainText(t("needs.formHint"))),
                FormFields.text(
                    t, name: "assessedOn", label: label("assessedOn"), value: draft.assessedOn, errors: errors, type: .date, required: true),
                .forEach(Array(rows.enumerated())) { index, need in
                    let p = "needs[\(index)]"
                    return .fieldset(
                        .class("row-group"),
                        .legend(t("needsDomain.\(need.domain ?? "")")),
                        .input(.type(.hidden), .name(FormName.of("\(p).domain")), .value(need.domain ?? "")),
                        FormFields.select(
                            t, name: "\(p).rating", label: label("\(p).rating"),
                            options: t.options("needRating", NeedRating.self), selected: need.rating, errors: errors,
                            includeEmpty: t("needs.notAssessed")),
                        FormFields.text(t, name: "\(p).plan", label: label("\(p).plan"), value: need.plan, errors: errors),
                        FormFields.text(t, name: "\(p).owner", label: label("\(p).owner"), value: need.owner, errors: errors))
                },
                FormFields.submit(t("needs.save"), id: "save-needs")))
    }
}

/// The needs form: one row per domain (`needs[rating][3]`); a domain left unrated with no plan is
/// not part of the assessment.
struct NeedsForm: Decodable {
    var assessedOn: String?
    var needs: FormRows?

    var draft: NeedsAssessmentDraft {
        NeedsAssessmentDraft(
            assessedOn: assessedOn,
            needs: (needs ?? FormRows()).map { _, f in
                let blank = [f("rating"), f("plan"), f("owner")].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
                return NeedsAssessmentDraft.NeedInput(domain: blank ? nil : f("domain"), rating: f("rating"), plan: f("plan"), owner: f("owner"))
            })
    }
}
