import Foundation
import LindringCore
import LindringStore
import Plot

/// Certificates: the printable page in the region's layout, the holder's list, and the public
/// check of a verification code.
enum CertificateViews {
    static func page(_ page: PageContext, _ certificate: Certificate, today: LocalDate, base: String) -> HTML {
        let t = page.t
        let code = ShortCode.grouped(certificate.code)
        return Layout.page(
            page, title: t("certificate.title"), bodyClass: "certificate-page",
            .p(.class("no-print"), .a(.href(Routes.learning() + "#certificates"), .plainText("← " + t("certificate.mine")))),
            statusNotice(t, certificate, today: today),
            .article(
                .class("certificate"), .id("certificate"),
                .div(
                    .class("certificate-head"),
                    .selfClosedElement(
                        named: "img",
                        attributes: [
                            Attribute(name: "src", value: "/assets/logo.svg"), Attribute(name: "alt", value: "", ignoreIfValueIsEmpty: false),
                            Attribute(name: "width", value: "48"), Attribute(name: "height", value: "48"),
                        ]),
                    .p(.plainText(t("certificate.issuer")))),
                .h1(.plainText(t("certificate.title"))),
                .p(.class("certificate-holder"), .plainText(certificate.holderName)),
                .p(.plainText(t("certificate.hasCompleted"))),
                .p(.class("certificate-offer"), .plainText(certificate.offerTitle)),
                details(t, certificate),
                .p(
                    .class("certificate-code"), .plainText(t("certificate.code") + " "),
                    .strong(.id("certificate-code"), .plainText(code))),
                .p(.class("hint"), .plainText(t("certificate.verifyAt", ["path": base + Routes.certificateVerify(code)])))),
            .p(
                .class("no-print"),
                .button(
                    .type(.button), .class("button primary"), .data(named: "print", value: "page"), .attribute(named: "hidden", value: "hidden"),
                    .plainText(t("certificate.print")))))
    }

    static func details(_ t: Localizer, _ certificate: Certificate) -> Node<HTML.BodyContext> {
        .dl(
            .class("certificate-details"),
            .if(
                !certificate.levels.isEmpty,
                .group(
                    .dt(.plainText(t("learning.offer.field.levels"))),
                    .dd(.plainText(certificate.levels.map { t("competenceLevel.\($0.rawValue)") }.joined(separator: ", "))))),
            .if(
                !certificate.competencies.isEmpty,
                .group(
                    .dt(.plainText(t("learning.offer.field.competencies"))),
                    .dd(.ul(.forEach(certificate.competencies) { .li(.plainText("\($0). " + t("eapc.\($0)"))) })))),
            .dt(.plainText(t("certificate.issued"))),
            .dd(.plainText(LocalDate(certificate.issuedAt, in: DanishCalendar.timeZone).danish)),
            .dt(.plainText(t("certificate.validUntil"))),
            .dd(.plainText(certificate.lastValidDay?.danish ?? t("certificate.noExpiry"))))
    }

    static func statusNotice(_ t: Localizer, _ certificate: Certificate, today: LocalDate) -> Node<HTML.BodyContext> {
        switch CertificateValidity.status(lastValidDay: certificate.lastValidDay, on: today) {
        case .valid: .empty
        case .expiringSoon:
            .p(.class("notice warning no-print"), .plainText(t("certificate.expiringSoon", ["day": certificate.lastValidDay?.danish ?? ""])))
        case .expired: .p(.class("notice warning"), .plainText(t("certificate.expired", ["day": certificate.lastValidDay?.danish ?? ""])))
        }
    }

    /// The holder's certificates, on the catalogue page.
    static func mine(_ t: Localizer, _ certificates: [Certificate]) -> Node<HTML.BodyContext> {
        guard !certificates.isEmpty else { return .empty }
        return .section(
            .id("certificates"),
            .h2(.plainText(t("certificate.mine"))),
            .ul(
                .class("inbox certificates"),
                .forEach(certificates) { certificate in
                    .li(
                        .a(.href(Routes.learningCertificate(certificate.id)), .strong(.plainText(certificate.offerTitle))),
                        .plainText(
                            " · " + t("certificate.issuedOn", ["day": LocalDate(certificate.issuedAt, in: DanishCalendar.timeZone).danish])
                                + (certificate.lastValidDay.map { " · " + t("certificate.validUntilDay", ["day": $0.danish]) } ?? "")))
                }))
    }

    /// The public check: who holds it, for what, and whether it is valid today. Nothing more.
    static func verification(_ page: PageContext, code: String, _ certificate: Certificate?, today: LocalDate) -> HTML {
        let t = page.t
        return Layout.page(
            page, title: t("certificate.verify.title"),
            .h1(.plainText(t("certificate.verify.title"))),
            .unwrap(
                certificate,
                { certificate in
                    let status = CertificateValidity.status(lastValidDay: certificate.lastValidDay, on: today)
                    return .div(
                        .id("verification"), .class(status == .expired ? "notice warning" : "notice"),
                        .p(.strong(.plainText(t("certificate.verify.\(status == .expired ? "expired" : "valid")")))),
                        .p(.plainText(t("certificate.verify.holder", ["name": certificate.holderName, "offer": certificate.offerTitle]))),
                        details(t, certificate))
                },
                else: .div(
                    .id("verification"), .class("notice warning"), .p(.strong(.plainText(t("certificate.verify.unknown", ["code": code])))))),
            .form(
                .method(.get), .action(Routes.certificateLookup()), .class("filter-form"),
                FormFields.text(t, name: "code", label: t("certificate.code"), value: nil, errors: [], autocomplete: "off", maxLength: 20),
                FormFields.submit(t("certificate.verify.submit"))))
    }
}
