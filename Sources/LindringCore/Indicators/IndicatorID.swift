/// The working group's indicators. The raw values are the API's contract
/// (`GET /api/v1/indicators`, a recommendation's `indicator`).
public enum IndicatorID: String, CaseIterable, Codable, Sendable {
    // The Danish Palliative Database's five (DPD, RKKP).
    /// Referred patients who are reached before they die or become too ill.
    case referralsReached
    /// Received patients whose first contact is at most 10 days after the referral was received.
    case firstContactWithin10Days
    /// Patients who died and had been in contact with specialised palliative care.
    case deathsWithSpecialisedContact
    /// Received patients who completed an EORTC QLQ-C15-PAL at the start.
    case eortcAtStart
    /// Received patients discussed at a multidisciplinary conference.
    case discussedAtConference

    // The shared plan.
    case sharedPlan
    case keyWorker
    case preferredPlaceOfDeathDocumented
    case resuscitationDecision
    /// Deaths in the preferred place, among deaths with a preferred place documented.
    case placeOfDeathConcordance

    // Collaboration across sectors.
    case callsFromMunicipality
    case callsFromGeneralPractice
    case callsFromHospital
    case callsFromPatientOrRelatives
    case callsFromOthers
    case crossSectorFollowUpsOnTime
    case inboxAcknowledgedWithinWorkingDay
    case planChangesByRegion
    case planChangesByMunicipality
    case planChangesByGeneralPractice
    case planChangesByHospice
}

/// The indicators' three families, as the page groups them.
public enum IndicatorFamily: String, CaseIterable, Codable, Sendable {
    case dpd, plans, collaboration
}
