import Foundation
import LindringCore
import Plot

/// The patient's pages: large touch targets, one question a screen, Danish or English.
enum SelfReportViews {
    /// The items the patient is asked, in order: the scored ones, then the free-text ones.
    static func questions(_ instrument: Instrument) -> [(id: String, range: ClosedRange<Int>?)] {
        instrument.items.map { ($0.id, Optional($0.range)) } + instrument.textItems.map { ($0, nil) }
    }

    static func label(_ t: Localizer, _ pair: (da: String, en: String)) -> String {
        t.language == .english ? pair.en : pair.da
    }

    static func other(_ t: Localizer) -> Language { t.language == .danish ? .english : .danish }

    static func page(_ t: Localizer, path: String, title: String, _ body: Node<HTML.BodyContext>...) -> HTML {
        Layout.page(PageContext(t: t, user: nil, csrfToken: nil, path: path), title: title, bodyClass: "self-report", .group(body))
    }

    static func message(_ t: Localizer, path: String, titleKey: String, textKey: String) -> HTML {
        page(
            t, path: path, title: t(titleKey), .h1(.plainText(t(titleKey))), .p(.class("lead"), .plainText(t(textKey))),
            .p(
                .class("language-switch"),
                .a(
                    .href(path + "?lang=\(other(t).rawValue)"), .attribute(named: "lang", value: other(t).rawValue),
                    .plainText(other(t) == .english ? "English" : "Dansk"))))
    }

    /// The last page: thanks, and after a severe answer whom to call now, in plain words, with
    /// numbers to tap. Only unit names and numbers: nothing about the patient. No language
    /// switch: it would open the link again, which is used by now.
    static func thanks(_ t: Localizer, path: String, callNow: WhoToCallNow?) -> HTML {
        guard let callNow else {
            return page(
                t, path: path, title: t("selfReport.thanks"), .h1(.plainText(t("selfReport.thanks"))),
                .p(.class("lead"), .plainText(t("selfReport.thanksText"))))
        }
        let hours = ["from": String(WorkingHours.opens), "to": String(WorkingHours.closes)]
        let team = callNow.careTeam
        return page(
            t, path: path, title: t("selfReport.thanks"),
            .h1(.plainText(t("selfReport.thanks"))),
            .p(.class("lead"), .plainText(t("selfReport.sentToTeam"))),
            .section(
                .class("call-now"), .id("call-now"), .attribute(named: "aria-labelledby", value: "call-now-heading"),
                .h2(.id("call-now-heading"), .plainText(t("selfReport.callNow.title"))),
                .p(.plainText(t("selfReport.callNow.text"))),
                .unwrap(team.first) { first in
                    .div(.class("call-option key-worker"), .h3(.plainText(t("selfReport.callNow.first"))), call(t, first, hours: hours))
                },
                .if(
                    team.count > 1,
                    .div(
                        .class("call-option"), .h3(.plainText(t("selfReport.callNow.also"))),
                        .ul(.class("call-list"), .forEach(team.dropFirst()) { .li(call(t, $0, hours: hours)) }))),
                .unwrap(callNow.advisoryLine) { number in
                    .div(
                        .class("call-option advisory-line"), .h3(.plainText(t("selfReport.callNow.advisoryLine"))),
                        .p(.plainText(t("selfReport.callNow.advisoryLineText"))), dial(t, number))
                },
                .if(team.isEmpty && callNow.advisoryLine == nil, .p(.class("call-option"), .plainText(t("selfReport.callNow.ownDoctor")))),
                .div(.class("call-option emergency"), .h3(.plainText(t("selfReport.callNow.emergency"))), dial(t, "112"))))
    }

    /// A care-team unit: its name, the number for now to tap, and its other number with its hours.
    static func call(_ t: Localizer, _ call: WhoToCallNow.Call, hours: [String: String]) -> Node<HTML.BodyContext> {
        .div(
            .class("call"),
            .p(.class("call-unit"), .strong(.plainText(call.unitName))),
            dial(t, call.number),
            .p(.class("hint"), .plainText(t(call.numberIsOutOfHours ? "selfReport.callNow.evening" : "selfReport.callNow.day", hours))),
            .unwrap(call.otherNumber) { other in
                .p(
                    .class("hint"),
                    .plainText(
                        t(
                            call.numberIsOutOfHours ? "selfReport.callNow.otherDay" : "selfReport.callNow.otherEvening",
                            hours.merging(["number": unbroken(other)]) { a, _ in a })))
            })
    }

    /// A big button that rings the number.
    static func dial(_ t: Localizer, _ number: String) -> Node<HTML.BodyContext> {
        .a(
            .class("button primary call-button"), .href(HTMLEscaping.escape("tel:" + WhoToCallNow.dialable(number))),
            .plainText(t("selfReport.callNow.call", ["number": unbroken(number)])))
    }

    /// A phone number kept on one line ("70 21 41 00" does not break after "70 21").
    static func unbroken(_ number: String) -> String {
        number.replacingOccurrences(of: " ", with: "\u{00A0}")
    }

    /// Step -1 is the welcome; then one question a screen; the last screen sends.
    static func step(
        _ t: Localizer, path: String, instrument: Instrument, wording: InstrumentWording, firstName: String, step: Int,
        answers: [String: String], errors: [FieldError]
    ) -> HTML {
        let items = questions(instrument)
        let title = label(t, InstrumentLabels.title(instrument))
        let last = step == items.count - 1
        return page(
            t, path: path, title: title,
            .form(
                .method(.post), .action(path), .class("self-report-form"),
                .input(.type(.hidden), .name("lang"), .value(t.language.rawValue)),
                .input(.type(.hidden), .name("step"), .value(String(step))),
                .forEach(answers.sorted { $0.key < $1.key }.filter { pair in step < 0 || pair.key != items[step].id }) { name, value in
                    .input(.type(.hidden), .name("a[\(HTMLEscaping.escape(name))]"), .value(HTMLEscaping.escape(value)))
                },
                FormFields.errorSummary(
                    t, errors,
                    labels: Dictionary(uniqueKeysWithValues: items.map { ("answers.\($0.id)", wording.item(instrument, $0.id, in: t.language)) })),
                step < 0
                    ? .div(
                        .h1(.plainText(t("selfReport.hello", ["name": firstName]))),
                        .p(.class("lead"), .plainText(t("selfReport.intro", ["title": title]))),
                        .p(.plainText(t("selfReport.howMany", ["count": String(items.count)]))))
                    : question(
                        t, instrument: instrument, text: wording.item(instrument, items[step].id, in: t.language), item: items[step],
                        number: step + 1, of: items.count, answer: answers[items[step].id]),
                // Next before Back, so Enter (the form's first button) moves on; CSS shows Back on the left.
                .div(
                    .class("actions self-report-actions"),
                    .button(
                        .type(.submit), .name("go"), .value(last ? "send" : "next"), .class("button primary"),
                        .id(last ? "send-answers" : "next-question"),
                        .plainText(step < 0 ? t("selfReport.start") : last ? t("selfReport.send") : t("selfReport.next"))),
                    .if(step >= 0, .button(.type(.submit), .name("go"), .value("back"), .class("button secondary"), .plainText(t("selfReport.back"))))
                ),
                // Switching language posts the answers so far and stays on this question.
                .p(
                    .class("language-switch"),
                    .button(
                        .type(.submit), .name("go"), .value("language"), .class("button-link"), .attribute(named: "lang", value: other(t).rawValue),
                        .attribute(named: "formnovalidate", value: "formnovalidate"), .plainText(other(t) == .english ? "English" : "Dansk")))))
    }

    static func question(
        _ t: Localizer, instrument: Instrument, text: String, item: (id: String, range: ClosedRange<Int>?), number: Int, of count: Int,
        answer: String?
    ) -> Node<HTML.FormContext> {
        guard let range = item.range else {
            return .div(
                .class("field"), .p(.class("hint"), .plainText(t("selfReport.progress", ["n": String(number), "count": String(count)]))),
                .label(.for("answer-\(item.id)"), .plainText(text)),
                .textarea(.id("answer-\(item.id)"), .name("a[\(item.id)]"), .attribute(named: "rows", value: "4"), .plainText(answer ?? "")))
        }
        return .fieldset(
            .class("scale-question"),
            .legend(text),
            .p(
                .class("hint"),
                .plainText(
                    t("selfReport.progress", ["n": String(number), "count": String(count)]) + " · "
                        + t("selfReport.scaleHint", ["min": String(range.lowerBound), "max": String(range.upperBound)]))),
            .unwrap(instrument.thresholdGroups.first { $0.items.contains(item.id) }) { group in
                .p(.class("scale-anchors"), .plainText(t("selfReport.anchors.\(instrument.rawValue).\(group.id)")))
            },
            .div(
                .class("scale"),
                .forEach(Array(range)) { value in
                    .label(
                        .class("scale-choice"),
                        .input(.type(.radio), .name("a[\(item.id)]"), .value(String(value)), .checked(answer == String(value))),
                        .span(.plainText(String(value))))
                }))
    }
}
