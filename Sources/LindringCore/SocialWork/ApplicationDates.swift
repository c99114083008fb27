/// The dates an application's deadlines give, from the deadline rules (`Deadlines`): computed
/// when the application is saved and stored with it, so that the worklist is a plain query.
public struct ApplicationDates: Equatable, Sendable {
    /// When the authority should have decided: the municipality's published processing time for
    /// the benefit (or the catalogue's default) from the day the application was submitted.
    public var processingDueOn: LocalDate
    /// When the decision counts as received; nil before a decision, or for a withdrawal that was not sent.
    public var receivedOn: LocalDate?
    /// The last day to appeal; nil where `receivedOn` is.
    public var appealDueOn: LocalDate?

    public init(processingDueOn: LocalDate, receivedOn: LocalDate?, appealDueOn: LocalDate?) {
        self.processingDueOn = processingDueOn
        self.receivedOn = receivedOn
        self.appealDueOn = appealDueOn
    }

    public init(_ application: ValidApplication, processing: ProcessingDeadline) {
        processingDueOn = Deadlines.due(from: application.submittedOn, amount: processing.amount, unit: processing.unit)
        if let decision = application.decision, let via = decision.sentVia {
            let received = Deadlines.receivedOn(sentOn: decision.sentOn, via: via)
            receivedOn = received
            appealDueOn = Deadlines.appealDueOn(receivedOn: received)
        }
    }

    /// Whether the family should be reminded of the appeal deadline: a refusal or a partial grant
    /// that has not been appealed.
    public static func invitesAppeal(_ application: ValidApplication) -> Bool {
        guard let outcome = application.decision?.outcome else { return false }
        return (outcome == .refused || outcome == .partlyGranted) && application.appealStatus == .none
    }
}
