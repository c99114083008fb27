import Foundation
import Hummingbird

/// A route's path, declared once and used both to register the handler and to build links,
/// so a link cannot point at a path that no handler serves.
public struct RoutePath: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as the router reads it, with `{name}` parameters.
    public let pattern: String

    init(_ pattern: String) {
        self.pattern = pattern
    }

    /// The concrete path with the parameters filled in, in order; a parameter left without a
    /// value stays as written. Pages build a few dozen links each, so this is one pass over the
    /// pattern rather than a split and a join (5 % of a plan summary's rendering).
    public func callAsFunction(_ values: any CustomStringConvertible...) -> String {
        guard !values.isEmpty else { return pattern }
        var remaining = values.makeIterator()
        var path = ""
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            path += rest[..<open]
            path += remaining.next()?.description ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return path + rest
    }

    public var description: String { pattern }
}

/// Every path of the site and the API.
public enum Routes {
    public static let home = RoutePath("/")
    public static let login = RoutePath("/login")
    public static let logout = RoutePath("/logout")
    public static let language = RoutePath("/language")
    /// Keeps the session alive while a long form is open (`SessionController`).
    public static let sessionHeartbeat = RoutePath("/session/heartbeat")

    public static let units = RoutePath("/units")
    public static let newUnit = RoutePath("/units/new")
    public static let unit = RoutePath("/units/{id}")
    public static let editUnit = RoutePath("/units/{id}/edit")
    public static let deactivateUnit = RoutePath("/units/{id}/deactivate")
    public static let activateUnit = RoutePath("/units/{id}/activate")

    public static let users = RoutePath("/users")
    public static let newUser = RoutePath("/users/new")
    public static let editUser = RoutePath("/users/{id}/edit")
    public static let resetPassword = RoutePath("/users/{id}/reset-password")
    public static let deactivateUser = RoutePath("/users/{id}/deactivate")
    public static let activateUser = RoutePath("/users/{id}/activate")

    public static let account = RoutePath("/account")
    public static let accountPassword = RoutePath("/account/password")
    public static let accountLanguage = RoutePath("/account/language")

    public static let audit = RoutePath("/audit")
    public static let apiTokens = RoutePath("/api-tokens")
    public static let revokeApiToken = RoutePath("/api-tokens/{id}/revoke")

    public static let patients = RoutePath("/patients")
    public static let newPatient = RoutePath("/patients/new")
    public static let patient = RoutePath("/patients/{id}")
    public static let editPatient = RoutePath("/patients/{id}/edit")
    public static let printPlan = RoutePath("/patients/{id}/print")
    public static let newPlan = RoutePath("/patients/{id}/plan/new")
    public static let editPlan = RoutePath("/patients/{id}/plan/edit")
    public static let planHistory = RoutePath("/patients/{id}/plan/versions")
    public static let planVersion = RoutePath("/patients/{id}/plan/versions/{version}")
    public static let patientAccessLog = RoutePath("/patients/{id}/access-log")
    public static let patientScreening = RoutePath("/patients/{id}/screening")
    public static let newSelfReportLink = RoutePath("/patients/{id}/screening/links")
    public static let revokeSelfReportLink = RoutePath("/patients/{id}/screening/links/{linkId}/revoke")
    /// Staff enter a screening: `?instrument=esas-r` (the default), `ipos` or `eortc-qlq-c15-pal`.
    public static let newAssessment = RoutePath("/patients/{id}/screening/new")
    public static let newSPICT = RoutePath("/patients/{id}/spict/new")
    public static let breakGlass = RoutePath("/patients/{id}/break-glass")
    public static let inbox = RoutePath("/inbox")
    public static let markInboxRead = RoutePath("/inbox/{id}/read")
    public static let markAllInboxRead = RoutePath("/inbox/read-all")
    /// Marks one patient's items in the unit's inbox read.
    public static let markInboxPatientRead = RoutePath("/inbox/patients/{id}/read")
    /// The unit's patients, those that need attention first (`WorklistQuery`).
    public static let myPatients = RoutePath("/my-patients")
    public static let breakGlassReview = RoutePath("/audit/break-glass")
    public static let reviewBreakGlass = RoutePath("/audit/break-glass/{id}/review")

    public static let advisory = RoutePath("/advisory")
    public static let advisoryBoard = RoutePath("/advisory/board")
    public static let advisoryEvents = RoutePath("/advisory/events")
    public static let contacts = RoutePath("/advisory/contacts")
    public static let newContact = RoutePath("/advisory/contacts/new")
    public static let contact = RoutePath("/advisory/contacts/{id}")
    /// Adds an addendum to a saved contact (issue 18, item 11).
    public static let contactAddenda = RoutePath("/advisory/contacts/{id}/addenda")
    public static let handover = RoutePath("/advisory/handover")
    public static let rota = RoutePath("/advisory/rota")
    public static let removeRotaAssignment = RoutePath("/advisory/rota/{id}/remove")
    public static let statistics = RoutePath("/advisory/statistics")
    public static let statisticsCSV = RoutePath("/advisory/statistics.csv")
    public static let socialWork = RoutePath("/social-work")
    public static let newFamily = RoutePath("/social-work/families/new")
    public static let family = RoutePath("/social-work/families/{id}")
    public static let editFamily = RoutePath("/social-work/families/{id}/edit")
    public static let newApplication = RoutePath("/social-work/families/{id}/applications/new")
    public static let editApplication = RoutePath("/social-work/applications/{id}/edit")
    public static let newMeeting = RoutePath("/social-work/families/{id}/meetings/new")
    public static let lostEarningsApplication = RoutePath("/social-work/families/{id}/lost-earnings")
    public static let meetingDecisionDone = RoutePath("/social-work/families/{id}/decisions/done")
    public static let familyDeath = RoutePath("/social-work/families/{id}/death")
    public static let newNeedsAssessment = RoutePath("/social-work/families/{id}/needs/new")
    public static let bereavementConversations = RoutePath("/social-work/families/{id}/conversations")
    public static let bereavementConversationDone = RoutePath("/social-work/families/{id}/conversations/done")
    public static let socialWorkCapacity = RoutePath("/social-work/capacity")
    public static let learning = RoutePath("/learning")
    public static let learningOffer = RoutePath("/learning/offers/{id}")
    public static let learningSession = RoutePath("/learning/sessions/{id}")
    public static let newLearningOffer = RoutePath("/learning/offers/new")
    public static let learningOfferSessions = RoutePath("/learning/offers/{id}/sessions")
    public static let learningSessionRegister = RoutePath("/learning/sessions/{id}/register")
    public static let learningRegistrationCancel = RoutePath("/learning/registrations/{id}/cancel")
    public static let messageRead = RoutePath("/messages/{id}/read")
    public static let learningModule = RoutePath("/learning/modules/{id}")
    public static let learningCoverage = RoutePath("/learning/coverage")
    public static let learningCoverageCSV = RoutePath("/learning/coverage.csv")
    public static let learningModuleProgress = RoutePath("/learning/modules/{id}/progress")
    public static let learningModuleEdit = RoutePath("/learning/modules/{id}/edit")
    public static let learningModuleVersion = RoutePath("/learning/modules/{id}/versions/{version}")
    public static let learningAttendance = RoutePath("/learning/sessions/{id}/attendance")
    public static let learningEvaluation = RoutePath("/learning/sessions/{id}/evaluation")
    public static let learningSessionGroups = RoutePath("/learning/sessions/{id}/groups")
    public static let learningGroup = RoutePath("/learning/groups/{id}")
    public static let learningGroupReflections = RoutePath("/learning/groups/{id}/reflections")
    public static let learningGroupClose = RoutePath("/learning/groups/{id}/close")
    public static let learningJoin = RoutePath("/learning/join")
    public static let learningCertificate = RoutePath("/learning/certificates/{id}")
    public static let learningSeries = RoutePath("/learning/offers/{id}/series")
    public static let learningMatrix = RoutePath("/learning/matrix")
    public static let certificateVerify = RoutePath("/certificates/verify/{code}")
    public static let certificateLookup = RoutePath("/certificates/verify")
    public static let learningOfferCohorts = RoutePath("/learning/offers/{id}/cohorts")
    public static let learningCohort = RoutePath("/learning/cohorts/{id}")
    public static let learningCohortMembers = RoutePath("/learning/cohorts/{id}/members")
    public static let learningCohortMemberProgress = RoutePath("/learning/cohorts/{id}/members/{memberId}/progress")
    public static let serviceWorker = RoutePath("/service-worker.js")
    public static let webManifest = RoutePath("/manifest.webmanifest")
    public static let consultations = RoutePath("/social-work/consultations")
    public static let benefitCatalogue = RoutePath("/social-work/benefits")
    public static let municipalDeadlines = RoutePath("/social-work/benefits/municipal")
    public static let socialWorkCapacityCSV = RoutePath("/social-work/capacity.csv")
    public static let socialWorkFunding = RoutePath("/social-work/capacity/funding")
    public static let budget = RoutePath("/budget")
    public static let budgetInitiatives = RoutePath("/budget/initiatives")
    public static let newBudgetInitiative = RoutePath("/budget/initiatives/new")
    public static let budgetInitiative = RoutePath("/budget/initiatives/{id}")
    public static let editBudgetInitiative = RoutePath("/budget/initiatives/{id}/edit")
    public static let printBudgetInitiative = RoutePath("/budget/initiatives/{id}/print")
    public static let reprojectBudgetInitiative = RoutePath("/budget/initiatives/{id}/reproject")
    public static let budgetComparison = RoutePath("/budget/compare")
    public static let budgetPriceLevels = RoutePath("/budget/price-levels")
    public static let newBudgetAllocation = RoutePath("/budget/allocations/new")
    public static let budgetAllocations = RoutePath("/budget/allocations")
    public static let budgetAllocation = RoutePath("/budget/allocations/{id}")
    public static let budgetAllocationActuals = RoutePath("/budget/allocations/{id}/actuals")
    public static let budgetAllocationImport = RoutePath("/budget/allocations/{id}/import")
    public static let budgetAllocationCarryOver = RoutePath("/budget/allocations/{id}/carry-over")
    public static let followUps = RoutePath("/follow-ups")
    public static let followUpDone = RoutePath("/follow-ups/{id}/done")
    public static let followUpCancel = RoutePath("/follow-ups/{id}/cancel")

    public static let selfReport = RoutePath("/r/{token}")
    public static let screening = RoutePath("/screening")
    public static let screeningThresholds = RoutePath("/screening/thresholds")

    public static let healthz = RoutePath("/healthz")
    public static let readyz = RoutePath("/readyz")
    public static let metrics = RoutePath("/metrics")
    public static let asset = RoutePath("/assets/{name}")

    public enum API {
        public static let prefix = "/api/v1"
        public static let openAPI = RoutePath("/api/v1/openapi.json")
        public static let me = RoutePath("/api/v1/me")
        public static let units = RoutePath("/api/v1/units")
        public static let unit = RoutePath("/api/v1/units/{id}")
        public static let audit = RoutePath("/api/v1/audit")
        public static let patients = RoutePath("/api/v1/patients")
        public static let patientSearch = RoutePath("/api/v1/patients/search")
        public static let patient = RoutePath("/api/v1/patients/{id}")
        public static let plan = RoutePath("/api/v1/patients/{id}/plan")
        public static let planVersions = RoutePath("/api/v1/patients/{id}/plan/versions")
        public static let inbox = RoutePath("/api/v1/inbox")
        public static let workingHours = RoutePath("/api/v1/calendar/working-hours")
        public static let deadline = RoutePath("/api/v1/calendar/deadline")
        public static let families = RoutePath("/api/v1/families")
        public static let family = RoutePath("/api/v1/families/{id}")
        public static let familyApplications = RoutePath("/api/v1/families/{id}/applications")
        public static let application = RoutePath("/api/v1/applications/{id}")
        public static let familyMeetings = RoutePath("/api/v1/families/{id}/meetings")
        public static let socialWorkWorklist = RoutePath("/api/v1/social-work/worklist")
        public static let benefits = RoutePath("/api/v1/social-work/benefits")
        public static let socialWorkCapacity = RoutePath("/api/v1/social-work/capacity")
        public static let learningOffers = RoutePath("/api/v1/learning/offers")
        public static let learningOffer = RoutePath("/api/v1/learning/offers/{id}")
        public static let learningOfferSessions = RoutePath("/api/v1/learning/offers/{id}/sessions")
        public static let learningSession = RoutePath("/api/v1/learning/sessions/{id}")
        public static let learningSessionRegistrations = RoutePath("/api/v1/learning/sessions/{id}/registrations")
        public static let learningRegistration = RoutePath("/api/v1/learning/registrations/{id}")
        public static let learningModule = RoutePath("/api/v1/learning/modules/{id}")
        public static let learningProgress = RoutePath("/api/v1/learning/progress")
        public static let staffImport = RoutePath("/api/v1/learning/staff/import")
        public static let learningCoverage = RoutePath("/api/v1/learning/coverage")
        public static let learningAttendance = RoutePath("/api/v1/learning/sessions/{id}/attendance")
        public static let learningEvaluations = RoutePath("/api/v1/learning/sessions/{id}/evaluations")
        public static let learningCompletions = RoutePath("/api/v1/learning/completions")
        public static let learningMatrix = RoutePath("/api/v1/learning/matrix")
        public static let learningCohorts = RoutePath("/api/v1/learning/cohorts")
        public static let learningCohort = RoutePath("/api/v1/learning/cohorts/{id}")
        public static let learningCohortMembers = RoutePath("/api/v1/learning/cohorts/{id}/members")
        public static let learningCohortMember = RoutePath("/api/v1/learning/cohorts/{id}/members/{memberId}")
        public static let learningCohortProgress = RoutePath("/api/v1/learning/cohorts/{id}/members/{memberId}/stages/{stageId}")
        public static let budgetInitiatives = RoutePath("/api/v1/budget/initiatives")
        public static let budgetInitiative = RoutePath("/api/v1/budget/initiatives/{id}")
        public static let budgetInitiativeReprojection = RoutePath("/api/v1/budget/initiatives/{id}/reproject")
        public static let budgetPriceLevels = RoutePath("/api/v1/budget/price-levels")
        public static let budgetPriceLevel = RoutePath("/api/v1/budget/price-levels/{name}")
        public static let budgetAllocations = RoutePath("/api/v1/budget/allocations")
        public static let budgetAllocation = RoutePath("/api/v1/budget/allocations/{id}")
        public static let budgetActuals = RoutePath("/api/v1/budget/allocations/{id}/actuals")
        public static let budgetFollowUp = RoutePath("/api/v1/budget/allocations/{id}/follow-up")
        public static let contacts = RoutePath("/api/v1/contacts")
        public static let contact = RoutePath("/api/v1/contacts/{id}")
        public static let contactAddenda = RoutePath("/api/v1/contacts/{id}/addenda")
        public static let followUps = RoutePath("/api/v1/follow-ups")
        public static let followUpDone = RoutePath("/api/v1/follow-ups/{id}/done")
        public static let followUpCancel = RoutePath("/api/v1/follow-ups/{id}/cancel")
        public static let advisoryStatistics = RoutePath("/api/v1/advisory/statistics")
        public static let instruments = RoutePath("/api/v1/instruments")
        public static let assessments = RoutePath("/api/v1/patients/{id}/assessments")
        public static let selfReportLinks = RoutePath("/api/v1/patients/{id}/self-report-links")
        public static let revokeSelfReportLink = RoutePath("/api/v1/patients/{id}/self-report-links/{linkId}/revoke")
        public static let instrumentScore = RoutePath("/api/v1/instruments/{id}/score")
        public static let instrumentQuestionnaire = RoutePath("/api/v1/instruments/{id}/questionnaire")
        public static let instrumentThresholds = RoutePath("/api/v1/instruments/{id}/thresholds")
        public static let spict = RoutePath("/api/v1/patients/{id}/spict")
        public static let earlyIdentification = RoutePath("/api/v1/screening/early-identification")
    }
}

extension RoutePath {
    var routerPath: RouterPath { RouterPath(pattern) }
}
