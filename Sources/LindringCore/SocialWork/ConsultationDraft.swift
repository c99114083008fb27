import Foundation

/// Consultation or teaching the team delivered to a municipality or an institution (a school, a
/// daycare, a children's hospice), as a form or another system submits it: counted against the
/// team's capacity, so its hours are exact (`Decimal`, never `Double`).
public struct ConsultationDraft: Codable, Equatable, Sendable {
    public var organisation: String?
    /// The municipality the organisation belongs to; blank for a regional or private institution.
    public var municipalityCode: String?
    public var topic: String?
    public var kind: String?
    public var heldOn: String?
    /// Hours in quarters, with a point or a Danish comma (`1.5`, `1,75`).
    public var hours: String?
    public var participantCount: String?

    public init(
        organisation: String? = nil, municipalityCode: String? = nil, topic: String? = nil, kind: String? = nil, heldOn: String? = nil,
        hours: String? = nil, participantCount: String? = nil
    ) {
        self.organisation = organisation
        self.municipalityCode = municipalityCode
        self.topic = topic
        self.kind = kind
        self.heldOn = heldOn
        self.hours = hours
        self.participantCount = participantCount
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organisation = try container.decodeIfPresent(String.self, forKey: .organisation)
        municipalityCode = try container.decodeIfPresent(String.self, forKey: .municipalityCode)
        topic = try container.decodeIfPresent(String.self, forKey: .topic)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        heldOn = try container.decodeIfPresent(String.self, forKey: .heldOn)
        hours = try container.decodeNumberText(forKey: .hours)
        participantCount = try container.decodeNumberText(forKey: .participantCount)
    }

    public struct Context: Sendable {
        /// Today in Copenhagen: what was delivered is recorded afterwards.
        public var today: LocalDate

        public init(today: LocalDate) {
            self.today = today
        }
    }

    static let maxHours: Decimal = 24
    static let participantCounts = 1...10_000

    public func validated(_ context: Context) throws(ValidationFailure) -> ValidConsultation {
        var v = Validator()
        let organisation = v.requiredText("organisation", organisation ?? "", maxLength: FamilyDraft.maxNameLength)
        let municipality = v.municipalityCode("municipalityCode", municipalityCode, required: false)
        let topic = v.requiredText("topic", topic ?? "", maxLength: FamilyDraft.maxNameLength)
        let kind = v.choice("kind", kind.map(trimmed), as: ConsultationKind.self)
        let heldOn = v.localDate("heldOn", heldOn, required: true)
        if let heldOn, heldOn > context.today { v.add("heldOn", .inFuture) }
        let hours = Self.hours("hours", hours, &v)
        let count = v.wholeNumber("participantCount", participantCount, in: Self.participantCounts, required: true)
        try v.check()
        return ValidConsultation(
            organisation: organisation, municipalityCode: municipality, topic: topic, kind: kind!, heldOn: heldOn!, hours: hours!,
            participantCount: count!)
    }

    /// More than 0 and at most 24 hours (`outOfRange`), in quarter hours (`invalidFormat`).
    static func hours(_ field: String, _ value: String?, _ v: inout Validator) -> Decimal? {
        guard !isBlankText(value), let value else {
            v.add(field, .required)
            return nil
        }
        // Digits with at most one point or comma: Decimal(string:) alone would read "1.5x" as 1.5.
        let text = trimmed(value).replacingOccurrences(of: ",", with: ".")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            v.add(field, .invalidFormat)
            return nil
        }
        guard hours > 0, hours <= maxHours else {
            v.add(field, .outOfRange)
            return nil
        }
        var quarters = hours * 4
        var whole = Decimal()
        NSDecimalRound(&whole, &quarters, 0, .plain)
        guard whole == quarters else {
            v.add(field, .invalidFormat)
            return nil
        }
        return hours
    }
}

/// A consultation or teaching session that passed validation.
public struct ValidConsultation: Equatable, Sendable {
    public var organisation: String
    public var municipalityCode: String?
    public var topic: String
    public var kind: ConsultationKind
    public var heldOn: LocalDate
    public var hours: Decimal
    public var participantCount: Int

    public init(
        organisation: String, municipalityCode: String?, topic: String, kind: ConsultationKind, heldOn: LocalDate, hours: Decimal,
        participantCount: Int
    ) {
        self.organisation = organisation
        self.municipalityCode = municipalityCode
        self.topic = topic
        self.kind = kind
        self.heldOn = heldOn
        self.hours = hours
        self.participantCount = participantCount
    }
}
