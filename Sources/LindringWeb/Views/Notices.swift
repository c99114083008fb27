import Foundation
import Plot

/// The confirmation shown after a redirect; only known notices are shown, so the query
/// string cannot put text on the page.
enum Notices {
    static let known: Set<String> = [
        "saved", "activated", "deactivated", "passwordChanged", "passwordReset", "languageChanged", "revoked", "created", "familyOpened",
        "attendanceSaved", "groupClosed", "versionSaved", "seriesCreated", "referralSaved", "messageComposed", "messageStatusSaved",
    ]

    static func banner(_ t: Localizer, _ notice: String?) -> Node<HTML.BodyContext> {
        guard let notice, known.contains(notice) else { return .empty }
        return .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText(t("notice.\(notice)"))))
    }
}
