import LindringCore
import Plot

/// Labelled, accessible form controls. Each shows its error next to it (linked with
/// aria-describedby) and keeps what the user typed.
enum FormFields {
    /// The mark of a required field beside its label: a red asterisk, hidden from screen readers,
    /// which hear the control's own `required` (a group's `aria-required`, or the words in its legend).
    static let requiredMark = "<span class=\"required\" aria-hidden=\"true\"> *</span>"

    /// What the mark means, once at the top of a form: "Felter med * skal udfyldes."
    static func requiredNote(_ t: Localizer) -> Node<HTML.FormContext> {
        let parts = t("form.requiredNote").components(separatedBy: "*")
        return .p(
            .class("hint required-note"), .plainText(parts[0]),
            .if(parts.count > 1, .group(.span(.class("required"), .plainText("*")), .plainText(parts.dropFirst().joined(separator: "*")))))
    }

    /// A fieldset's caption; a required group's carries the mark, and `spoken` (words for screen
    /// readers, where the group cannot say `aria-required`).
    static func legend(_ text: String, required: Bool, spoken: String? = nil) -> Node<HTML.FormContext> {
        .element(
            named: "legend",
            nodes: [
                .plainText(text), .if(required, .raw(requiredMark)),
                .if(required, .unwrap(spoken) { .span(.class("visually-hidden"), .plainText(" (\($0))")) }),
            ])
    }

    static func errorSummary(_ t: Localizer, _ errors: [FieldError], labels: [String: String]) -> Node<HTML.FormContext> {
        .if(
            !errors.isEmpty,
            .div(
                .class("form-error"), .attribute(named: "role", value: "alert"),
                .p(.strong(.plainText(t("form.fixErrors")))),
                .ul(
                    .forEach(errors) { error in
                        .li(.a(.href("#\(error.field)"), .plainText("\(labels[error.field] ?? error.field): \(message(t, error.code))")))
                    })))
    }

    static func message(_ t: Localizer, _ code: ValidationCode) -> String {
        t.label("validation", code)
    }

    /// `rowRequired`: required when its row of a repeating group is used; it carries the mark, but
    /// not the `required` attribute, so a blank row can be left (the group's hint says so).
    static func text(
        _ t: Localizer, name: String, label: String, value: String?, errors: [FieldError], type: HTMLInputType = .text,
        required: Bool = false, rowRequired: Bool = false, autocomplete: String? = nil, hint: String? = nil, autofocus: Bool = false,
        maxLength: Int? = nil
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        let described = [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(name), .plainText(label), .if(required || rowRequired, .raw(requiredMark))),
            .unwrap(hint) { .p(.class("hint"), .id("\(name)-hint"), .plainText($0)) },
            .unwrap(error) { .p(.class("field-error"), .id("\(name)-error"), .plainText(message(t, $0.code))) },
            .selfClosedElement(
                named: "input",
                attributes: inputAttributes(
                    name: name, type: type, value: value, required: required, autocomplete: autocomplete,
                    maxLength: maxLength, autofocus: autofocus, invalid: error != nil, describedBy: described)))
    }

    static func inputAttributes(
        name: String, type: HTMLInputType, value: String?, required: Bool, autocomplete: String?,
        maxLength: Int?, autofocus: Bool, invalid: Bool, describedBy: [String]
    ) -> [Attribute<HTML.InputContext>] {
        var attributes: [Attribute<HTML.InputContext>] = [.id(name), .name(FormName.of(name)), .type(type)]
        if type != .password, let value, !value.isEmpty { attributes.append(.value(HTMLEscaping.escape(value))) }
        if required { attributes.append(.required(true)) }
        if let autocomplete { attributes.append(Attribute(name: "autocomplete", value: autocomplete)) }
        if let maxLength { attributes.append(Attribute(name: "maxlength", value: String(maxLength))) }
        if autofocus { attributes.append(Attribute(name: "autofocus", value: "autofocus")) }
        if invalid { attributes.append(Attribute(name: "aria-invalid", value: "true")) }
        if !describedBy.isEmpty { attributes.append(Attribute(name: "aria-describedby", value: describedBy.joined(separator: " "))) }
        return attributes
    }

    static func select(
        _ t: Localizer, name: String, label: String, options: [(value: String, label: String)], selected: String?,
        errors: [FieldError], required: Bool = false, rowRequired: Bool = false, includeEmpty: String? = nil,
        autofocus: Bool = false
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        let choices = (includeEmpty.map { [("", $0)] } ?? []) + options.map { ($0.value, $0.label) }
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(name), .plainText(label), .if(required || rowRequired, .raw(requiredMark))),
            .unwrap(error) { .p(.class("field-error"), .id("\(name)-error"), .plainText(message(t, $0.code))) },
            .element(
                named: "select",
                nodes: [
                    .attribute(named: "id", value: name), .attribute(named: "name", value: FormName.of(name)),
                    .if(required, .attribute(named: "required", value: "required")),
                    .if(autofocus, .attribute(named: "autofocus", value: "autofocus")),
                    .if(error != nil, .attribute(named: "aria-invalid", value: "true")),
                    .if(error != nil, .attribute(named: "aria-describedby", value: "\(name)-error")),
                    .forEach(choices) { choice in
                        .element(
                            named: "option",
                            nodes: [
                                .attribute(named: "value", value: HTMLEscaping.escape(choice.0), ignoreIfValueIsEmpty: false),
                                .if(choice.0 == (selected ?? ""), .attribute(named: "selected", value: "selected")),
                                .plainText(choice.1),
                            ])
                    },
                ]))
    }

    /// `required`: at least one must be ticked (the legend carries the mark).
    static func checkboxes(
        _ t: Localizer, name: String, legend: String, options: [(value: String, label: String)], checked: Set<String>,
        errors: [FieldError], required: Bool = false
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        return .fieldset(
            .id(name), .class(error == nil ? "field checkboxes" : "field checkboxes has-error"),
            self.legend(legend, required: required, spoken: message(t, .required)),
            .unwrap(error) { .p(.class("field-error"), .plainText(message(t, $0.code))) },
            .forEach(options) { option in
                .div(
                    .class("checkbox"),
                    .input(
                        .type(.checkbox), .id(HTMLEscaping.escape("\(name)-\(option.value)")), .name(FormName.list(name)),
                        .value(HTMLEscaping.escape(option.value)),
                        .checked(checked.contains(option.value))),
                    .label(.for(HTMLEscaping.escape("\(name)-\(option.value)")), .plainText(option.label)))
            })
    }

    /// A single yes/no checkbox that submits `true` when ticked; in a row of a repeating group,
    /// its row's number (`FormRows.isTicked`).
    static func checkbox(name: String, label: String, checked: Bool) -> Node<HTML.FormContext> {
        let row = FormName.row(name)
        return .div(
            .class("checkbox"),
            .input(
                .type(.checkbox), .id(name), .name(row.map { "\($0.list)[\($0.field)][]" } ?? name), .value(row.map { String($0.index) } ?? "true"),
                .checked(checked)),
            .label(.for(name), .plainText(label)))
    }

    static func textarea(
        _ t: Localizer, name: String, label: String, value: String?, errors: [FieldError], required: Bool = false,
        hint: String? = nil, maxLength: Int? = nil
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        let described = [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(name), .plainText(label), .if(required, .raw(requiredMark))),
            .unwrap(hint) { .p(.class("hint"), .id("\(name)-hint"), .plainText($0)) },
            .unwrap(error) { .p(.class("field-error"), .id("\(name)-error"), .plainText(message(t, $0.code))) },
            .textarea(
                .id(name), .name(FormName.of(name)), .attribute(named: "rows", value: "4"),
                .if(required, .attribute(named: "required", value: "required")),
                .unwrap(maxLength) { .attribute(named: "maxlength", value: String($0)) },
                .if(error != nil, .attribute(named: "aria-invalid", value: "true")),
                .if(!described.isEmpty, .attribute(named: "aria-describedby", value: described.joined(separator: " "))),
                .plainText(value ?? "")))
    }

    /// An input in a grid's cell (a budget's amount per line and year): its row and column headers
    /// say what it is, so its label is spoken only (`aria-label`); its error sits under it.
    static func cell(_ t: Localizer, id: String, name: String, value: String?, label: String, errors: [FieldError]) -> Node<HTML.TableRowContext> {
        let error = errors.first { $0.field == id }
        // A stored number (one decimal point) reads with a comma in Danish; anything else stays as typed.
        let stored = value.map { $0.filter { $0 == "." }.count == 1 && !$0.contains(",") } ?? false
        let value = error == nil && stored && t.language == .danish ? value?.replacingOccurrences(of: ".", with: ",") : value
        var attributes = inputAttributes(
            name: id, type: .text, value: value, required: false, autocomplete: nil, maxLength: 20, autofocus: false, invalid: error != nil,
            describedBy: error == nil ? [] : ["\(id)-error"])
        // Its name is its column's (the grid is sent by position), its id the field its error names.
        attributes.removeAll { $0.name == "name" }
        attributes.append(.name(name))
        attributes.append(Attribute(name: "inputmode", value: "decimal"))
        attributes.append(Attribute(name: "aria-label", value: HTMLEscaping.escape(label)))
        return .td(
            .class(error == nil ? "amount-cell" : "amount-cell has-error"),
            .selfClosedElement(named: "input", attributes: attributes),
            .unwrap(error) { .p(.class("field-error"), .id("\(id)-error"), .plainText(message(t, $0.code))) })
    }

    static func submit(_ label: String, id: String? = nil) -> Node<HTML.FormContext> {
        .div(.class("actions"), .button(.type(.submit), .class("button primary"), .unwrap(id) { .id($0) }, .plainText(label)))
    }

    /// Marks a long form (contact, plan, patient): app.js keeps the session alive while it holds
    /// unsaved input, warns before the session ends, keeps a draft in the tab's session storage and
    /// puts it back after signing in again (issue 18, item 3). Hidden until app.js shows it; the
    /// texts are the catalog's, with `{time}` filled in by the script.
    static func sessionBanner(_ t: Localizer) -> Node<HTML.FormContext> {
        .div(
            .id("session-banner"), .class("session-banner"), .attribute(named: "hidden", value: "hidden"),
            .attribute(named: "data-heartbeat", value: Routes.sessionHeartbeat()),
            .attribute(named: "data-login", value: Routes.login()),
            .attribute(named: "data-idle-warning", value: t("layout.session.idleWarning")),
            .attribute(named: "data-absolute-warning", value: t("layout.session.absoluteWarning")),
            .attribute(named: "data-ended", value: t("layout.session.ended")),
            .attribute(named: "data-restored", value: t("layout.session.restored")),
            .attribute(named: "data-minutes", value: t("layout.session.minutes")),
            .attribute(named: "data-seconds", value: t("layout.session.seconds")),
            .p(.class("session-message")),
            .p(.class("visually-hidden"), .attribute(named: "role", value: "alert")),
            .div(
                .class("session-actions"),
                .button(.type(.button), .id("session-continue"), .class("button primary"), .plainText(t("layout.session.continue"))),
                .a(.id("session-sign-in"), .class("button primary"), .href(Routes.login()), .plainText(t("layout.session.signIn"))),
                .button(.type(.button), .id("session-dismiss"), .class("button secondary"), .plainText(t("layout.session.dismiss")))))
    }

    /// A one-button form for an action such as deactivate, with the CSRF token.
    static func actionButton(
        _ page: PageContext, action: String, label: String, style: String = "secondary", fields: [(name: String, value: String)] = []
    ) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(action), .class("inline-form"),
            Layout.csrfField(page),
            .forEach(fields) { .input(.type(.hidden), .name($0.name), .value(HTMLEscaping.escape($0.value))) },
            .button(.type(.submit), .class("button \(style)"), .plainText(label)))
    }
}
