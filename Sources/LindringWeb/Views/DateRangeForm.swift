import Foundation
import LindringCore
import Plot

/// The `from`–`to` form of a list or a report (`DateRange`), showing what was typed when it was refused.
enum DateRangeForm {
    static func render(_ t: Localizer, action: String, range: DateRange, typed: FormData, errors: [FieldError]) -> Node<HTML.BodyContext> {
        .form(
            .method(.get), .action(action), .class("filter-form"),
            FormFields.errorSummary(t, errors, labels: ["from": t("range.from"), "to": t("range.to")]),
            .div(
                .class("grid"),
                FormFields.text(t, name: "from", label: t("range.from"), value: typed["from"] ?? range.from.description, errors: errors, type: .date),
                FormFields.text(t, name: "to", label: t("range.to"), value: typed["to"] ?? range.to.description, errors: errors, type: .date)),
            FormFields.submit(t("range.show")))
    }
}
