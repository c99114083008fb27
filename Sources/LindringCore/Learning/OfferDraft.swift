import Foundation

/// An offer in the competence-development catalogue as an educator's form or another system
/// sends it: the lists (levels, competencies, professions, sectors) as the codes of their values.
public struct OfferDraft: Codable, Equatable, Sendable {
    public var title: String?
    public var summary: String?
    public var format: String?
    public var levels: [String]?
    /// EAPC core competencies addressed, 1–10, as numbers (JSON) or their text (a form).
    public var competencies: [String]?
    public var professions: [String]?
    public var sectors: [String]?
    /// As the offer is described to learners: "5 moduler à 45 minutter", "1½ år".
    public var duration: String?
    public var prerequisites: String?
    /// How many months a certificate for the offer is valid, as a number (JSON) or its text (a
    /// form); none: it does not expire.
    public var validityMonths: String?

    public init(
        title: String? = nil, summary: String? = nil, format: String? = nil, levels: [String]? = nil, competencies: [String]? = nil,
        professions: [String]? = nil, sectors: [String]? = nil, duration: String? = nil, prerequisites: String? = nil,
        validityMonths: String? = nil
    ) {
        self.title = title
        self.summary = summary
        self.format = format
        self.levels = levels
        self.competencies = competencies
        self.professions = professions
        self.sectors = sectors
        self.duration = duration
        self.prerequisites = prerequisites
        self.validityMonths = validityMonths
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        levels = try container.decodeIfPresent([String].self, forKey: .levels)
        competencies = try container.decodeNumberTexts(forKey: .competencies)
        professions = try container.decodeIfPresent([String].self, forKey: .professions)
        sectors = try container.decodeIfPresent([String].self, forKey: .sectors)
        duration = try container.decodeIfPresent(String.self, forKey: .duration)
        prerequisites = try container.decodeIfPresent(String.self, forKey: .prerequisites)
        validityMonths = try container.decodeNumberText(forKey: .validityMonths)
    }

    public static let maxTitleLength = 200
    public static let maxTextLength = 4000

    public func validated() throws(ValidationFailure) -> ValidOffer {
        var v = Validator()
        let title = v.requiredText("title", title ?? "", maxLength: Self.maxTitleLength)
        let summary = v.optionalText("summary", summary, maxLength: Self.maxTextLength)
        let format = v.choice("format", format.map(trimmed), as: OfferFormat.self)
        let levels = v.choices("levels", levels ?? [], as: CompetenceLevel.self)
        var numbers: [Int] = []
        for text in competencies ?? [] {
            guard let number = Int(trimmed(text)), CoreCompetence.numbers.contains(number) else {
                v.add("competencies", .outOfRange)
                continue
            }
            if !numbers.contains(number) { numbers.append(number) }
        }
        let professions = v.choices("professions", professions ?? [], as: Profession.self)
        let sectors = v.choices("sectors", sectors ?? [], as: Sector.self)
        let duration = v.optionalText("duration", duration, maxLength: Self.maxTitleLength)
        let prerequisites = v.optionalText("prerequisites", prerequisites, maxLength: Self.maxTextLength)
        let validityMonths = v.wholeNumber("validityMonths", validityMonths, in: CertificateValidity.months, required: false)
        try v.check()
        return ValidOffer(
            title: title, summary: summary, format: format!, levels: levels, competencies: numbers.sorted(), professions: professions,
            sectors: sectors, duration: duration, prerequisites: prerequisites, validityMonths: validityMonths)
    }
}

public struct ValidOffer: Equatable, Sendable {
    public var title: String
    public var summary: String?
    public var format: OfferFormat
    public var levels: [CompetenceLevel]
    public var competencies: [Int]
    public var professions: [Profession]
    public var sectors: [Sector]
    public var duration: String?
    public var prerequisites: String?
    public var validityMonths: Int?

    public init(
        title: String, summary: String? = nil, format: OfferFormat, levels: [CompetenceLevel] = [], competencies: [Int] = [],
        professions: [Profession] = [], sectors: [Sector] = [], duration: String? = nil, prerequisites: String? = nil,
        validityMonths: Int? = nil
    ) {
        self.title = title
        self.summary = summary
        self.format = format
        self.levels = levels
        self.competencies = competencies
        self.professions = professions
        self.sectors = sectors
        self.duration = duration
        self.prerequisites = prerequisites
        self.validityMonths = validityMonths
    }
}

/// What the catalogue is filtered by: every value given must match (text in the title or
/// summary, ignoring case).
public struct OfferFilter: Equatable, Sendable {
    public var text: String?
    public var format: OfferFormat?
    public var level: CompetenceLevel?
    public var competence: Int?
    public var profession: Profession?
    public var sector: Sector?

    public init(
        text: String? = nil, format: OfferFormat? = nil, level: CompetenceLevel? = nil, competence: Int? = nil, profession: Profession? = nil,
        sector: Sector? = nil
    ) {
        self.text = text
        self.format = format
        self.level = level
        self.competence = competence
        self.profession = profession
        self.sector = sector
    }

    /// An offer with no target professions or sectors is for everyone.
    public func matches(_ offer: ValidOffer) -> Bool {
        if let text = text.map(trimmed), !text.isEmpty,
            !(offer.title.localizedCaseInsensitiveContains(text) || (offer.summary ?? "").localizedCaseInsensitiveContains(text))
        {
            return false
        }
        if let format, offer.format != format { return false }
        if let level, !offer.levels.contains(level) { return false }
        if let competence, !offer.competencies.contains(competence) { return false }
        if let profession, !offer.professions.isEmpty, !offer.professions.contains(profession) { return false }
        if let sector, !offer.sectors.isEmpty, !offer.sectors.contains(sector) { return false }
        return true
    }
}
