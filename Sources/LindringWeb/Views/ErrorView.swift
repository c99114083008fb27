import Hummingbird
import Plot

enum ErrorView {
    static func render(_ page: PageContext, status: HTTPResponse.Status, messageKey: String?) -> HTML {
        let t = page.t
        let known = [400, 403, 404, 405, 413, 415, 422, 429, 500]
        let key = known.contains(status.code) ? "error.status.\(status.code)" : "error.status.other"
        return Layout.document(
            page, title: t(key),
            main:
                .main(
                    .id("main"), .class("error-page"), .attribute(named: "data-status", value: String(status.code)),
                    .attribute(named: "tabindex", value: "-1"),
                    .h1(.plainText(t(key))),
                    .p(.class("status-code"), .plainText("\(t("error.statusCode")) \(status.code)")),
                    .unwrap(messageKey) { .p(.plainText(t($0))) },
                    .p(.a(.href(page.user == nil ? Routes.login() : Routes.home()), .plainText(t("error.backHome"))))))
    }
}
