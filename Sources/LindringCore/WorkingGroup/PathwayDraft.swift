import Foundation

/// The pages where a communication pathway is shown as help.
public enum PathwayPage: String, CaseIterable, Codable, Sendable {
    /// The advisory line's contact form.
    case contactForm
    /// The patient's page with the shared plan.
    case plan
    /// The unit's inbox.
    case inbox
}

/// One situation of the communication-pathways catalogue, as the working group types it: who
/// contacts whom, how and within what time. Every value is free text but the pages and the order.
public struct PathwayDraft: Codable, Equatable, Sendable {
    public var situation: String?
    public var from: String?
    public var to: String?
    public var how: String?
    public var within: String?
    public var notes: String?
    public var pages: [String]?
    public var order: String?

    enum CodingKeys: String, CodingKey { case situation, from, to, how, within, notes, pages, order }

    public init(
        situation: String? = nil, from: String? = nil, to: String? = nil, how: String? = nil, within: String? = nil, notes: String? = nil,
        pages: [String]? = nil, order: String? = nil
    ) {
        self.situation = situation
        self.from = from
        self.to = to
        self.how = how
        self.within = within
        self.notes = notes
        self.pages = pages
        self.order = order
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        situation = try container.decodeIfPresent(String.self, forKey: .situation)
        from = try container.decodeIfPresent(String.self, forKey: .from)
        to = try container.decodeIfPresent(String.self, forKey: .to)
        how = try container.decodeIfPresent(String.self, forKey: .how)
        within = try container.decodeIfPresent(String.self, forKey: .within)
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
        pages = try container.decodeIfPresent([String].self, forKey: .pages)
        order = try container.decodeNumberText(forKey: .order)
    }

    public static let maxShortLength = 200
    public static let maxHowLength = 500
    public static let maxNotesLength = 2000
    public static let orders = 0...9999

    public func validated() throws(ValidationFailure) -> CommunicationPathway {
        var v = Validator()
        let situation = v.requiredText("situation", situation ?? "", maxLength: Self.maxShortLength)
        let from = v.requiredText("from", from ?? "", maxLength: Self.maxShortLength)
        let to = v.requiredText("to", to ?? "", maxLength: Self.maxShortLength)
        let how = v.requiredText("how", how ?? "", maxLength: Self.maxHowLength)
        let within = v.requiredText("within", within ?? "", maxLength: Self.maxShortLength)
        let notes = v.optionalText("notes", notes, maxLength: Self.maxNotesLength)
        let pages = Set(v.choices("pages", pages ?? [], as: PathwayPage.self))
        let order = v.wholeNumber("order", order, in: Self.orders, required: false) ?? 0
        try v.check()
        return CommunicationPathway(situation: situation, from: from, to: to, how: how, within: within, notes: notes, pages: pages, order: order)
    }
}

/// A valid pathway of the catalogue.
public struct CommunicationPathway: Equatable, Sendable {
    public var situation: String
    public var from: String
    public var to: String
    public var how: String
    public var within: String
    public var notes: String?
    public var pages: Set<PathwayPage>
    /// Where it stands in the catalogue and the help panels: lowest first.
    public var order: Int

    public init(
        situation: String, from: String, to: String, how: String, within: String, notes: String? = nil, pages: Set<PathwayPage> = [], order: Int = 0
    ) {
        self.situation = situation
        self.from = from
        self.to = to
        self.how = how
        self.within = within
        self.notes = notes
        self.pages = pages
        self.order = order
    }

    /// The pages in the catalogue's order.
    public var orderedPages: [PathwayPage] { PathwayPage.allCases.filter(pages.contains) }
}

extension PathwayDraft {
    public init(_ pathway: CommunicationPathway) {
        self.init(
            situation: pathway.situation, from: pathway.from, to: pathway.to, how: pathway.how, within: pathway.within, notes: pathway.notes,
            pages: pathway.orderedPages.map(\.rawValue), order: String(pathway.order))
    }
}
