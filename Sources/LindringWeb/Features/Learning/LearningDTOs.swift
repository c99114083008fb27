import Foundation
import LindringCore
import LindringStore

struct OfferDTO: NullPreservingEncodable {
    var id: UUID
    var title: String
    var summary: String?
    var format: OfferFormat
    var levels: [CompetenceLevel]
    var competencies: [Int]
    var professions: [Profession]
    var sectors: [Sector]
    var duration: String?
    var prerequisites: String?
    /// Months a certificate is valid; null: it does not expire.
    var validityMonths: Int?
    var active: Bool
    var sessions: [LearningSessionDTO]?

    init(_ stored: LearningOffer, sessions: [LearningSession]? = nil) {
        id = stored.id
        title = stored.offer.title
        summary = stored.offer.summary
        format = stored.offer.format
        levels = stored.offer.levels
        competencies = stored.offer.competencies
        professions = stored.offer.professions
        sectors = stored.offer.sectors
        duration = stored.offer.duration
        prerequisites = stored.offer.prerequisites
        validityMonths = stored.offer.validityMonths
        active = stored.active
        self.sessions = sessions.map { $0.map { LearningSessionDTO($0) } }
    }
}

struct LearningSessionDTO: NullPreservingEncodable {
    var id: UUID
    var offerId: UUID
    var offerTitle: String
    var startsAt: Date
    var endsAt: Date
    var capacity: Int
    var place: String
    var cancelledAt: Date?
    /// How many hold a place and how many wait.
    var registered: Int
    var waitlisted: Int
    /// Everyone's for an educator; only the caller's own for others. Absent from lists.
    var registrations: [RegistrationDTO]?

    init(_ session: LearningSession, registrations: [Registration]? = nil) {
        id = session.id
        offerId = session.offerId
        offerTitle = session.offerTitle
        startsAt = session.session.startsAt
        endsAt = session.session.endsAt
        capacity = session.session.capacity
        place = session.session.place
        cancelledAt = session.cancelledAt
        registered = session.registered
        waitlisted = session.waitlisted
        self.registrations = registrations.map { $0.map(RegistrationDTO.init) }
    }
}

struct RegistrationDTO: NullPreservingEncodable {
    var id: UUID
    var sessionId: UUID
    var userId: UUID
    var userName: String
    var status: RegistrationStatus
    /// The place on the waiting list, 1 next; null for those who hold a place.
    var position: Int?
    var registeredAt: Date
    /// When the person was marked present; null until then.
    var attendedAt: Date?

    init(_ registration: Registration) {
        id = registration.id
        sessionId = registration.sessionId
        userId = registration.userId
        userName = registration.userName
        status = registration.status
        position = registration.position
        registeredAt = registration.registeredAt
        attendedAt = registration.attendedAt
    }
}

/// The answer to a cancellation: the cancelled registration and whoever got the place.
struct CancellationDTO: Encodable {
    var cancelled: RegistrationDTO
    var promoted: [RegistrationDTO]
}

/// `POST /api/v1/learning/sessions/{id}/registrations`: empty for oneself, or an educator's
/// `userId` (the API) or `username` (the session page's form).
struct RegistrationInput: Decodable {
    var userId: String?
    var username: String?
}

/// A module as a device reads it: its sections, its check without the right answers (they are
/// scored on the server), and the caller's progress.
struct ModuleDTO: Encodable {
    struct Question: Encodable {
        var text: String
        var options: [String]
    }

    var id: UUID
    var offerId: UUID
    var offerTitle: String
    var position: Int
    var version: Int
    var title: String
    var passMark: Int
    var sections: [ModuleContent.Section]
    var check: [Question]
    var sectionsRead: [Int]
    var bestRight: Int?
    var passed: Bool
    var complete: Bool

    init(_ page: ModuleService.Page) {
        id = page.module.id
        offerId = page.module.offerId
        offerTitle = page.offerTitle
        position = page.module.position
        version = page.module.version
        title = page.module.content.title
        passMark = page.module.content.passMark
        sections = page.module.content.sections
        check = page.module.content.check.map { Question(text: $0.text, options: $0.options) }
        sectionsRead = page.standing.progress.sectionsRead.sorted()
        bestRight = page.standing.progress.bestRight
        passed = page.standing.progress.passed
        complete = page.standing.complete
    }
}
