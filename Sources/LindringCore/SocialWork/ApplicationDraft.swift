import Foundation

/// An application for a benefit as a form or another system submits it: every value as text
/// (dates `YYYY-MM-DD`), so that an unknown value is a field error rather than an unreadable body.
public struct ApplicationDraft: Codable, Equatable, Sendable {
    /// The benefit's catalogue code (`bl86`, `barsel26`; see `BenefitCatalogue`).
    public var benefit: String?
    /// Blank: the catalogue's authority for the benefit.
    public var authority: String?
    public var submittedOn: String?
    public var decidedOn: String?
    public var outcome: String?
    public var sentVia: String?
    public var sentOn: String?
    /// Blank: `none`.
    public var appealStatus: String?
    /// When the team looks at the case again (a time-limited grant, an appeal's answer).
    public var reviewOn: String?

    public init(
        benefit: String? = nil, authority: String? = nil, submittedOn: String? = nil, decidedOn: String? = nil, outcome: String? = nil,
        sentVia: String? = nil, sentOn: String? = nil, appealStatus: String? = nil, reviewOn: String? = nil
    ) {
        self.benefit = benefit
        self.authority = authority
        self.submittedOn = submittedOn
        self.decidedOn = decidedOn
        self.outcome = outcome
        self.sentVia = sentVia
        self.sentOn = sentOn
        self.appealStatus = appealStatus
        self.reviewOn = reviewOn
    }

    public struct Context: Sendable {
        /// The catalogue as administrators keep it now (the store's, seeded from `BenefitCatalogue.seed`).
        public var benefits: [BenefitEntry]
        /// Today in Copenhagen: submissions and decisions are recorded after they happen.
        public var today: LocalDate

        public init(benefits: [BenefitEntry], today: LocalDate) {
            self.benefits = benefits
            self.today = today
        }
    }

    public func validated(_ context: Context) throws(ValidationFailure) -> ValidApplication {
        var v = Validator()
        var entry: BenefitEntry?
        if isBlankText(benefit) {
            v.add("benefit", .required)
        } else {
            entry = context.benefits.first { $0.code == trimmed(benefit ?? "") }
            if entry == nil { v.add("benefit", .invalidChoice) }
        }
        let authority =
            isBlankText(authority) ? entry?.authority : v.choice("authority", authority.map(trimmed), as: BenefitAuthority.self)
        let submittedOn = v.localDate("submittedOn", submittedOn, required: true)
        let decidedOn = v.localDate("decidedOn", decidedOn, required: false)
        let outcome = isBlankText(outcome) ? nil : v.choice("outcome", outcome.map(trimmed), as: DecisionOutcome.self)
        let sentVia = isBlankText(sentVia) ? nil : v.choice("sentVia", sentVia.map(trimmed), as: DecisionDelivery.self)
        let sentOn = v.localDate("sentOn", sentOn, required: false)
        let appealStatus =
            isBlankText(appealStatus) ? AppealStatus.none : v.choice("appealStatus", appealStatus.map(trimmed), as: AppealStatus.self)
        let reviewOn = v.localDate("reviewOn", reviewOn, required: false)

        for (field, date) in [("submittedOn", submittedOn), ("decidedOn", decidedOn), ("sentOn", sentOn)] {
            if let date, date > context.today { v.add(field, .inFuture) }
        }
        if let submittedOn, let decidedOn, decidedOn < submittedOn { v.add("decidedOn", .beforeSubmission) }
        if let decidedOn, let sentOn, sentOn < decidedOn { v.add("sentOn", .beforeStart) }

        // A decision is its date and its outcome together; how and when it reached the family
        // start the appeal period, so they are part of it (a withdrawal is not sent anywhere).
        let decisionGiven = ![self.decidedOn, self.outcome, self.sentVia, self.sentOn].allSatisfy(isBlankText)
        if decisionGiven {
            if isBlankText(self.decidedOn) { v.add("decidedOn", .required) }
            if isBlankText(self.outcome) { v.add("outcome", .required) }
            if isBlankText(self.sentOn) { v.add("sentOn", .required) }
            if isBlankText(self.sentVia), outcome != .withdrawn { v.add("sentVia", .required) }
        }
        // Only a decision can be appealed.
        if let appealStatus, appealStatus != AppealStatus.none, !decisionGiven { v.add("appealStatus", .invalidChoice) }
        try v.check()

        var decision: ValidApplication.Decision?
        if let decidedOn, let outcome, let sentOn {
            decision = ValidApplication.Decision(decidedOn: decidedOn, outcome: outcome, sentVia: sentVia, sentOn: sentOn)
        }
        return ValidApplication(
            benefit: entry!.code, authority: authority!, submittedOn: submittedOn!, decision: decision, appealStatus: appealStatus!,
            reviewOn: reviewOn)
    }
}

/// An application that passed validation.
public struct ValidApplication: Equatable, Sendable {
    public struct Decision: Equatable, Sendable {
        public var decidedOn: LocalDate
        public var outcome: DecisionOutcome
        /// Nil only for a withdrawn application.
        public var sentVia: DecisionDelivery?
        public var sentOn: LocalDate

        public init(decidedOn: LocalDate, outcome: DecisionOutcome, sentVia: DecisionDelivery?, sentOn: LocalDate) {
            self.decidedOn = decidedOn
            self.outcome = outcome
            self.sentVia = sentVia
            self.sentOn = sentOn
        }
    }

    /// The benefit's catalogue code.
    public var benefit: String
    public var authority: BenefitAuthority
    public var submittedOn: LocalDate
    /// Nil while the application awaits its decision.
    public var decision: Decision?
    public var appealStatus: AppealStatus
    public var reviewOn: LocalDate?

    public init(
        benefit: String, authority: BenefitAuthority, submittedOn: LocalDate, decision: Decision?, appealStatus: AppealStatus,
        reviewOn: LocalDate?
    ) {
        self.benefit = benefit
        self.authority = authority
        self.submittedOn = submittedOn
        self.decision = decision
        self.appealStatus = appealStatus
        self.reviewOn = reviewOn
    }
}

extension ApplicationDraft {
    /// A stored application as a draft, to change some of its fields.
    public init(_ application: ValidApplication) {
        let decision = application.decision
        self.init(
            benefit: application.benefit, authority: application.authority.rawValue, submittedOn: application.submittedOn.description,
            decidedOn: decision?.decidedOn.description, outcome: decision?.outcome.rawValue, sentVia: decision?.sentVia?.rawValue,
            sentOn: decision?.sentOn.description, appealStatus: application.appealStatus.rawValue, reviewOn: application.reviewOn?.description)
    }

    /// This draft's fields where given, `base`'s where not: a change that sends only the
    /// decision keeps the benefit and the submission. A field sent as "" is cleared.
    public func overlaid(on base: ApplicationDraft) -> ApplicationDraft {
        ApplicationDraft(
            benefit: benefit ?? base.benefit, authority: authority ?? base.authority, submittedOn: submittedOn ?? base.submittedOn,
            decidedOn: decidedOn ?? base.decidedOn, outcome: outcome ?? base.outcome, sentVia: sentVia ?? base.sentVia,
            sentOn: sentOn ?? base.sentOn, appealStatus: appealStatus ?? base.appealStatus, reviewOn: reviewOn ?? base.reviewOn)
    }
}
