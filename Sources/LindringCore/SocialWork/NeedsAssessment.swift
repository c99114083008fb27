import Foundation

/// A dated assessment of a family's needs as a form or another system submits it: a row per
/// domain assessed (a domain left out was not assessed this time), each with its rating, the
/// plan and who owns the plan.
public struct NeedsAssessmentDraft: Codable, Equatable, Sendable {
    public struct NeedInput: Codable, Equatable, Sendable {
        public var domain: String?
        public var rating: String?
        public var plan: String?
        /// Who carries the plan out: a person or a role (the mother, the caseworker, the team).
        public var owner: String?

        public init(domain: String? = nil, rating: String? = nil, plan: String? = nil, owner: String? = nil) {
            self.domain = domain
            self.rating = rating
            self.plan = plan
            self.owner = owner
        }

        var isBlank: Bool { [domain, rating, plan, owner].allSatisfy(isBlankText) }
    }

    public var assessedOn: String?
    public var needs: [NeedInput]?

    public init(assessedOn: String? = nil, needs: [NeedInput]? = nil) {
        self.assessedOn = assessedOn
        self.needs = needs
    }

    public struct Context: Sendable {
        /// Today in Copenhagen: an assessment describes what has been seen, so it is not dated ahead.
        public var today: LocalDate

        public init(today: LocalDate) {
            self.today = today
        }
    }

    public func validated(_ context: Context) throws(ValidationFailure) -> NeedsAssessment {
        var v = Validator()
        let assessedOn = v.localDate("assessedOn", assessedOn, required: true)
        if let assessedOn, assessedOn > context.today { v.add("assessedOn", .inFuture) }
        var needs: [DomainNeed] = []
        var seen: Set<NeedsDomain> = []
        for (index, input) in (self.needs ?? []).enumerated() where !input.isBlank {
            let field = "needs[\(index)]"
            let domain = v.choice("\(field).domain", input.domain.map(trimmed), as: NeedsDomain.self)
            // Two ratings of one domain on one day would make the comparison with the next assessment ambiguous.
            if let domain, !seen.insert(domain).inserted { v.add("\(field).domain", .duplicate) }
            let rating = v.choice("\(field).rating", input.rating.map(trimmed), as: NeedRating.self)
            let plan = v.optionalText("\(field).plan", input.plan, maxLength: FamilyDraft.maxTextLength)
            let owner = v.optionalText("\(field).owner", input.owner, maxLength: FamilyDraft.maxNameLength)
            // A considerable or severe need is acted on, and a plan nobody owns is not carried out.
            if let rating, rating >= .considerable, plan == nil { v.add("\(field).plan", .required) }
            if plan != nil, owner == nil { v.add("\(field).owner", .required) }
            if let domain, let rating { needs.append(DomainNeed(domain: domain, rating: rating, plan: plan, owner: owner)) }
        }
        if (self.needs ?? []).allSatisfy(\.isBlank) { v.add("needs", .required) }
        try v.check()
        return NeedsAssessment(assessedOn: assessedOn!, needs: needs)
    }
}

/// One domain's rating in an assessment.
public struct DomainNeed: Equatable, Codable, Sendable {
    public var domain: NeedsDomain
    public var rating: NeedRating
    public var plan: String?
    public var owner: String?

    public init(domain: NeedsDomain, rating: NeedRating, plan: String? = nil, owner: String? = nil) {
        self.domain = domain
        self.rating = rating
        self.plan = plan
        self.owner = owner
    }
}

/// A needs assessment that passed validation; each domain at most once.
public struct NeedsAssessment: Equatable, Codable, Sendable {
    public var assessedOn: LocalDate
    public var needs: [DomainNeed]

    public init(assessedOn: LocalDate, needs: [DomainNeed]) {
        self.assessedOn = assessedOn
        self.needs = needs
    }

    /// The domain's rating, nil when it was not assessed.
    public func rating(_ domain: NeedsDomain) -> NeedRating? {
        needs.first { $0.domain == domain }?.rating
    }

    /// How each domain's rating moved from `earlier` to `later`: only domains rated in both
    /// (a domain assessed once has nothing to compare with).
    public static func changes(from earlier: NeedsAssessment, to later: NeedsAssessment) -> [NeedsDomain: RatingChange] {
        var changes: [NeedsDomain: RatingChange] = [:]
        for domain in NeedsDomain.allCases {
            guard let before = earlier.rating(domain), let after = later.rating(domain) else { continue }
            changes[domain] = after > before ? .rose : after < before ? .fell : .stayed
        }
        return changes
    }
}
