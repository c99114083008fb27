import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The social workers' pages: their worklist and the team's cases (`/social-work`), a case, its
/// form, and an application's form. Every case is reached through `FamilyGate`.
struct SocialWorkController {
    let services: AppServices
    var socialWork: SocialWorkService { SocialWorkService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.socialWork.routerPath, use: overview)
        router.get(Routes.newFamily.routerPath, use: newFamily)
        router.post(Routes.newFamily.routerPath, use: createFamily)
        router.get(Routes.family.routerPath, use: show)
        router.get(Routes.editFamily.routerPath, use: editFamily)
        router.post(Routes.editFamily.routerPath, use: updateFamily)
        router.get(Routes.newApplication.routerPath, use: newApplication)
        router.post(Routes.newApplication.routerPath, use: createApplication)
        router.get(Routes.editApplication.routerPath, use: editApplication)
        router.post(Routes.editApplication.routerPath, use: updateApplication)
        router.get(Routes.newMeeting.routerPath, use: newMeeting)
        router.post(Routes.newMeeting.routerPath, use: createMeeting)
        router.post(Routes.lostEarningsApplication.routerPath, use: applyForLostEarnings)
        router.post(Routes.meetingDecisionDone.routerPath, use: markDecision)
        router.post(Routes.familyDeath.routerPath, use: recordDeath)
        router.get(Routes.newNeedsAssessment.routerPath, use: newNeedsAssessment)
        router.post(Routes.newNeedsAssessment.routerPath, use: createNeedsAssessment)
        router.post(Routes.bereavementConversations.routerPath, use: planConversation)
        router.post(Routes.bereavementConversationDone.routerPath, use: markConversation)
    }

    @Sendable func overview(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.requireUser()
        let team = request.query["worklist"] == "team"
        let (tasks, upcoming) = user.can(.manageSocialWorkCases) ? try await socialWork.worklist(context, mine: !team, withUpcoming: true) : ([], [])
        let families = try await socialWork.caseload(context, includeClosed: request.query["closed"] == "true")
        return .html(
            SocialWorkViews.overview(
                PageContext(context, path: Routes.socialWork()), tasks: tasks, upcoming: upcoming, teamWorklist: team, families: families,
                benefits: try await benefitNames(context), includeClosed: request.query["closed"] == "true", notice: request.query["notice"]))
    }

    func benefitNames(_ context: AppContext) async throws -> [String: String] {
        let benefits = try await services.persistence.readEach { try await BenefitRepository.list(activeOnly: false, on: $0) }
        return Dictionary(uniqueKeysWithValues: benefits.map { ($0.code, context.language == .danish ? $0.danishName : $0.englishName) })
    }

    // MARK: The case

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let page = try await socialWork.casePage(try context.requiredIdParameter(), context)
        let appeal = request.query["appeal"].flatMap(UUID.init(uuidString:))
        return .html(
            FamilyViews.page(
                PageContext(context, path: Routes.family(page.basics.id)), page, notice: request.query["notice"],
                appealReminder: page.applications.first { $0.id == appeal }))
    }

    @Sendable func newFamily(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.manageSocialWorkCases)
        return try await familyForm(context, draft: FamilyDraft(keyWorkerId: user.id.uuidString, status: FamilyCaseStatus.open.rawValue), errors: [])
    }

    @Sendable func createFamily(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.manageSocialWorkCases)
        let draft = try await request.decode(as: FamilyForm.self, context: context).draft
        do {
            let id = try await socialWork.openCase(draft, context)
            return .redirect(to: Routes.family(id) + "?notice=familyOpened")
        } catch let failure as ValidationFailure {
            return try await familyForm(context, draft: draft, errors: failure.errors, status: .unprocessableContent)
        } catch AppError.conflict {
            return try await familyForm(
                context, draft: draft, errors: [FieldError("childPatientId", .alreadyTaken)], status: .conflict)
        }
    }

    @Sendable func editFamily(_ request: Request, context: AppContext) async throws -> Response {
        let page = try await socialWork.casePage(try context.requiredIdParameter(), context)
        guard page.level == .change, let family = page.family else { throw AppError.forbidden }
        return try await familyForm(context, draft: FamilyDraft(family.details), family: family, version: family.version, errors: [])
    }

    @Sendable func updateFamily(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: FamilyForm.self, context: context)
        let draft = form.draft
        do {
            _ = try await socialWork.updateCase(id, { draft }, version: { Int(form.version ?? "") ?? 0 }, context)
            return .redirect(to: Routes.family(id) + "?notice=saved")
        } catch let failure as ValidationFailure {
            let page = try await socialWork.casePage(id, context)
            return try await familyForm(
                context, draft: draft, family: page.family, version: Int(form.version ?? ""), errors: failure.errors, status: .unprocessableContent)
        } catch AppError.preconditionFailed {
            // Someone saved the case since this form was opened: show theirs, say so, keep nothing silently.
            let page = try await socialWork.casePage(id, context)
            return try await familyForm(
                context, draft: draft, family: page.family, version: page.family?.version, errors: [FieldError("version", .staleVersion)],
                status: .conflict)
        }
    }

    func familyForm(
        _ context: AppContext, draft: FamilyDraft, family: FamilyCase? = nil, version: Int? = nil, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try context.require(.manageSocialWorkCases)
        guard let team = user.unitId else { throw AppError.forbidden }
        let path = family.map { Routes.editFamily($0.id) } ?? Routes.newFamily()
        let (staff, children) = try await services.persistence.readAudited { tx in
            let staff = try await UserRepository.list(unitId: team, on: tx)
            // A new case offers the team's children without one; each child shown is audited.
            let children =
                family == nil ? try await FamilyRepository.childrenWithoutCase(teamUnitId: team, today: SocialWorkService.today(), on: tx) : []
            return (
                (staff, children),
                context.shownRecords("family.create", as: .manageSocialWorkCases, patients: children.map { ($0.id, "form") })
            )
        }
        return .html(
            FamilyFormView.page(
                PageContext(context, path: path), draft: draft, family: family, version: version, staff: staff.map { ($0.id, $0.name) },
                children: children.map { ($0.id, $0.name, $0.birthDate) }, errors: errors),
            status: status)
    }

    // MARK: Applications

    @Sendable func newApplication(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let today = SocialWorkService.today().description
        return try await applicationForm(
            context, familyId: familyId, form: ApplicationForm(draft: ApplicationDraft(submittedOn: today), version: nil), applicationId: nil,
            errors: [])
    }

    @Sendable func createApplication(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let form = try await request.decode(as: ApplicationForm.self, context: context)
        do {
            let record = try await socialWork.addApplication(familyId, form.draft, context)
            return .redirect(to: saved(record))
        } catch let failure as ValidationFailure {
            return try await applicationForm(
                context, familyId: familyId, form: form, applicationId: nil, errors: failure.errors, status: .unprocessableContent)
        }
    }

    @Sendable func editApplication(_ request: Request, context: AppContext) async throws -> Response {
        let applicationId = try context.requiredIdParameter()
        return try await applicationForm(
            context, familyId: try await familyId(of: applicationId), form: nil, applicationId: applicationId, errors: [])
    }

    /// The case an application belongs to (only its id: the application itself is read through the gate).
    func familyId(of applicationId: UUID) async throws -> UUID {
        guard
            let familyId = try await services.persistence.readEach({ try await ApplicationRepository.familyId(applicationId: applicationId, on: $0) })
        else { throw AppError.notFound }
        return familyId
    }

    @Sendable func updateApplication(_ request: Request, context: AppContext) async throws -> Response {
        let applicationId = try context.requiredIdParameter()
        let form = try await request.decode(as: ApplicationForm.self, context: context)
        let familyId = try await familyId(of: applicationId)
        do {
            let draft = form.draft
            let record = try await socialWork.updateApplication(applicationId, { draft }, version: { Int(form.version ?? "") }, context)
            return .redirect(to: saved(record))
        } catch let failure as ValidationFailure {
            return try await applicationForm(
                context, familyId: familyId, form: form, applicationId: applicationId, errors: failure.errors, status: .unprocessableContent)
        } catch AppError.preconditionFailed {
            return try await applicationForm(
                context, familyId: familyId, form: form, applicationId: applicationId, errors: [FieldError("version", .staleVersion)],
                status: .conflict)
        }
    }

    /// Back to the case after saving an application; a refusal that may be appealed brings its
    /// appeal deadline to the top of the page.
    func saved(_ record: ApplicationRecord) -> String {
        let appeal = ApplicationDates.invitesAppeal(record.details) ? "&appeal=\(record.id)" : ""
        return Routes.family(record.familyId) + "?notice=saved\(appeal)#applications"
    }

    /// The form, shown only to those who may change the case (read through the gate, audited);
    /// without `form`, the stored application as it is.
    func applicationForm(
        _ context: AppContext, familyId: UUID, form: ApplicationForm?, applicationId: UUID?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = try await socialWork.casePage(familyId, context)
        guard page.level == .change, let family = page.family else { throw AppError.forbidden }
        let stored = page.applications.first { $0.id == applicationId }
        if applicationId != nil, stored == nil { throw AppError.notFound }
        guard let form = form ?? stored.map({ ApplicationForm(draft: ApplicationDraft($0.details), version: $0.version) }) else {
            throw AppError.notFound
        }
        let path = applicationId.map { Routes.editApplication($0) } ?? Routes.newApplication(familyId)
        // Benefits no longer offered are refused for new applications, so only a stored one keeps its own.
        let offered = Set(try await services.persistence.readEach { try await BenefitRepository.list(activeOnly: true, on: $0) }.map(\.code))
        let choices = page.benefits.filter { offered.contains($0.code) || $0.code == stored?.details.benefit }
        return .html(
            ApplicationFormView.page(
                PageContext(context, path: path), form: form, family: family, stored: stored, benefits: choices, errors: errors),
            status: status)
    }

    // MARK: Network meetings

    @Sendable func newMeeting(_ request: Request, context: AppContext) async throws -> Response {
        try await meetingForm(
            context, familyId: try context.requiredIdParameter(), form: MeetingForm(heldOn: SocialWorkService.today().description), errors: [])
    }

    @Sendable func createMeeting(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let form = try await request.decode(as: MeetingForm.self, context: context)
        do {
            let draft = form.draft
            _ = try await socialWork.addMeeting(familyId, { draft }, context)
            return .redirect(to: Routes.family(familyId) + "?notice=saved#meetings")
        } catch let failure as ValidationFailure {
            return try await meetingForm(context, familyId: familyId, form: form, errors: failure.errors, status: .unprocessableContent)
        }
    }

    func meetingForm(
        _ context: AppContext, familyId: UUID, form: MeetingForm, errors: [FieldError], status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        let page = try await socialWork.casePage(familyId, context)
        guard page.level == .change, let family = page.family else { throw AppError.forbidden }
        return .html(
            MeetingViews.form(PageContext(context, path: Routes.newMeeting(familyId)), family: family, form: form, errors: errors), status: status)
    }

    @Sendable func applyForLostEarnings(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let form = try await request.decode(as: MeetingActionForm.self, context: context)
        guard let meetingId = form.meetingId.flatMap(UUID.init(uuidString:)), let parentId = form.parentId.flatMap(UUID.init(uuidString:)) else {
            throw AppError.badRequest("The form could not be read.")
        }
        let record = try await socialWork.applyForLostEarnings(familyId, meetingId: meetingId, parentId: parentId, context)
        return .redirect(to: Routes.editApplication(record.id))
    }

    @Sendable func markDecision(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let form = try await request.decode(as: MeetingActionForm.self, context: context)
        guard let decisionId = form.decisionId.flatMap(UUID.init(uuidString:)) else { throw AppError.badRequest("The form could not be read.") }
        try await socialWork.setDecisionDone(familyId, decisionId: decisionId, done: form.done == "true", context)
        return .redirect(to: Routes.family(familyId) + "?notice=saved#meetings")
    }

    // MARK: Bereavement

    /// The bereavement section's three forms: each answers with the case again, or the case with
    /// the form as it was typed and 422 naming the field.
    func bereavement(_ request: Request, _ context: AppContext, _ change: (UUID, BereavementForm) async throws -> Void) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let form = try await request.decode(as: BereavementForm.self, context: context)
        do {
            try await change(familyId, form)
        } catch let failure as ValidationFailure {
            let page = try await socialWork.casePage(familyId, context)
            return .html(
                FamilyViews.page(
                    PageContext(context, path: Routes.family(familyId)), page, notice: nil,
                    bereavement: BereavementViews.Typed(form: form, errors: failure.errors)),
                status: .unprocessableContent)
        }
        return .redirect(to: Routes.family(familyId) + "?notice=saved#bereavement")
    }

    @Sendable func recordDeath(_ request: Request, context: AppContext) async throws -> Response {
        try await bereavement(request, context) { try await socialWork.setDeath($0, deathOn: $1.deathOn, context) }
    }

    @Sendable func planConversation(_ request: Request, context: AppContext) async throws -> Response {
        try await bereavement(request, context) { try await socialWork.planConversation($0, withWhom: $1.withWhom, plannedOn: $1.plannedOn, context) }
    }

    @Sendable func markConversation(_ request: Request, context: AppContext) async throws -> Response {
        try await bereavement(request, context) { familyId, form in
            guard let id = form.conversationId.flatMap(UUID.init(uuidString:)) else { throw AppError.badRequest("The form could not be read.") }
            try await socialWork.setConversationDone(familyId, conversationId: id, done: form.done == "true", context)
        }
    }

    // MARK: Needs

    /// The form starts from the latest assessment, so a reassessment changes what changed.
    @Sendable func newNeedsAssessment(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let page = try await socialWork.casePage(familyId, context)
        guard page.level == .change, let family = page.family else { throw AppError.forbidden }
        let previous = page.assessments.last?.needs.map {
            NeedsAssessmentDraft.NeedInput(domain: $0.domain.rawValue, rating: $0.rating.rawValue, plan: $0.plan, owner: $0.owner)
        }
        let draft = NeedsAssessmentDraft(assessedOn: SocialWorkService.today().description, needs: previous)
        return .html(NeedsViews.form(PageContext(context, path: Routes.newNeedsAssessment(familyId)), family: family, draft: draft, errors: []))
    }

    @Sendable func createNeedsAssessment(_ request: Request, context: AppContext) async throws -> Response {
        let familyId = try context.requiredIdParameter()
        let draft = try await request.decode(as: NeedsForm.self, context: context).draft
        do {
            try await socialWork.assessNeeds(familyId, draft, context)
            return .redirect(to: Routes.family(familyId) + "?notice=saved#needs")
        } catch let failure as ValidationFailure {
            let page = try await socialWork.casePage(familyId, context)
            guard page.level == .change, let family = page.family else { throw AppError.forbidden }
            return .html(
                NeedsViews.form(
                    PageContext(context, path: Routes.newNeedsAssessment(familyId)), family: family, draft: draft, errors: failure.errors),
                status: .unprocessableContent)
        }
    }
}
