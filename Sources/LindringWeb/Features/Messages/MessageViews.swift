import Foundation
import LindringCore
import LindringStore
import Plot

/// Messages to one user on their home page (a place on a course that opened): the text is made
/// from the message's kind and values in the reader's language.
enum MessageViews {
    static func list(_ page: PageContext, _ messages: [UserMessage]) -> Node<HTML.BodyContext> {
        let t = page.t
        guard !messages.isEmpty else { return .empty }
        return .section(
            .id("messages"), .class("messages"),
            .h2(.plainText(t("home.messages.title"))),
            .ul(
                .class("inbox"),
                .forEach(messages) { message in
                    .li(
                        .class("unread"),
                        .p(.plainText(text(t, message))),
                        .div(
                            .class("row-actions"),
                            .unwrap(message.link) { .a(.class("button secondary"), .href($0), .plainText(t("message.\(message.kind).link"))) },
                            FormFields.actionButton(page, action: Routes.messageRead(message.id), label: t("home.messages.read"))))
                }))
    }

    /// The message's words, its instants as Copenhagen time.
    static func text(_ t: Localizer, _ message: UserMessage) -> String {
        var values = message.parameters
        for (key, value) in values {
            if key.hasSuffix("At"), let date = ISO8601Instant.parse(value) { values[key] = Timestamps.displayMinutes(date) }
        }
        return t("message.\(message.kind)", values)
    }
}
