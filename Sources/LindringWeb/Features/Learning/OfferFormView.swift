import Foundation
import LindringCore
import Plot

/// The educator's form for a new offer in the catalogue.
enum OfferFormView {
    static let fields = [
        "title", "summary", "format", "levels", "competencies", "professions", "sectors", "duration", "prerequisites", "validityMonths",
    ]

    static func page(_ page: PageContext, draft: OfferDraft, errors: [FieldError]) -> HTML {
        let t = page.t
        let labels = fields.reduce(into: [String: String]()) { $0[$1] = t("learning.offer.field.\($1)") }
        return Layout.page(
            page, title: t("learning.offer.new"),
            .p(.a(.href(Routes.learning()), .plainText("← " + t("learning.title")))),
            .h1(.plainText(t("learning.offer.new"))),
            .form(
                .method(.post), .action(Routes.newLearningOffer()), .class("plan-form"), .attribute(named: "novalidate", value: "novalidate"),
                Layout.csrfField(page),
                FormFields.errorSummary(t, errors, labels: labels),
                FormFields.requiredNote(t),
                FormFields.text(
                    t, name: "title", label: labels["title"]!, value: draft.title, errors: errors, required: true,
                    maxLength: OfferDraft.maxTitleLength),
                FormFields.select(
                    t, name: "format", label: labels["format"]!, options: t.options("offerFormat", OfferFormat.self), selected: draft.format,
                    errors: errors, required: true, includeEmpty: t("form.choose")),
                FormFields.textarea(
                    t, name: "summary", label: labels["summary"]!, value: draft.summary, errors: errors, maxLength: OfferDraft.maxTextLength),
                FormFields.checkboxes(
                    t, name: "levels", legend: labels["levels"]!, options: t.options("competenceLevel", CompetenceLevel.self),
                    checked: Set(draft.levels ?? []), errors: errors),
                FormFields.checkboxes(
                    t, name: "competencies", legend: labels["competencies"]!, options: LearningViews.competenceOptions(t),
                    checked: Set(draft.competencies ?? []), errors: errors),
                FormFields.checkboxes(
                    t, name: "professions", legend: labels["professions"]!, options: t.options("profession", Profession.self),
                    checked: Set(draft.professions ?? []), errors: errors),
                FormFields.checkboxes(
                    t, name: "sectors", legend: labels["sectors"]!, options: t.options("sector", Sector.self), checked: Set(draft.sectors ?? []),
                    errors: errors),
                FormFields.text(
                    t, name: "duration", label: labels["duration"]!, value: draft.duration, errors: errors, hint: t("learning.offer.durationHint"),
                    maxLength: OfferDraft.maxTitleLength),
                FormFields.textarea(
                    t, name: "prerequisites", label: labels["prerequisites"]!, value: draft.prerequisites, errors: errors,
                    maxLength: OfferDraft.maxTextLength),
                FormFields.text(
                    t, name: "validityMonths", label: labels["validityMonths"]!, value: draft.validityMonths, errors: errors,
                    hint: t("learning.offer.validityHint"), maxLength: 3),
                FormFields.submit(t("learning.offer.create"))))
    }
}
