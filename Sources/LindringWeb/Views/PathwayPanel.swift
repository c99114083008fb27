import LindringCore
import Plot

/// The working group's communication pathways as help on the page where they apply (the advisory
/// contact form, the patient's plan, the inbox): a folded panel, each situation with who contacts
/// whom, how and within what time. Nothing is shown when no pathway is set for the page.
enum PathwayPanel {
    static func render(_ t: Localizer, _ pathways: [CommunicationPathway]) -> Node<HTML.BodyContext> {
        guard !pathways.isEmpty else { return .empty }
        return .details(
            .class("pathway-panel"), .id("pathway-panel"),
            .summary(.plainText(t("pathwayPanel.title", ["count": String(pathways.count)]))),
            .ul(
                .class("pathways"),
                .forEach(pathways) { pathway in
                    .li(
                        .strong(.plainText(pathway.situation)),
                        .p(.plainText(pathway.from + " → " + pathway.to)),
                        .p(.plainText(t("pathwayPanel.how", ["how": pathway.how]))),
                        .p(.plainText(t("pathwayPanel.within", ["within": pathway.within]))),
                        .unwrap(pathway.notes) { .p(.class("hint prewrap"), .plainText($0)) })
                }))
    }
}
