import Foundation
import Hummingbird
import LindringCore
import LindringStore
import Plot

/// The advisory line's pages: the board (with live updates), the contact form, a contact, and
/// the list of contacts.
struct AdvisoryController {
    let services: AppServices
    var advisory: AdvisoryService { AdvisoryService(services: services) }
    var gate: PatientGate { PatientGate(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.advisory.routerPath, use: board)
        router.get(Routes.advisoryBoard.routerPath, use: boardFragment)
        router.get(Routes.advisoryEvents.routerPath, use: events)
        router.get(Routes.contacts.routerPath, use: list)
        router.get(Routes.newContact.routerPath, use: newContact)
        router.post(Routes.newContact.routerPath, use: submitContact)
        router.get(Routes.contact.routerPath, use: show)
        router.post(Routes.contactAddenda.routerPath, use: addAddendum)
    }

    @Sendable func board(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        return .html(AdvisoryViews.board(PageContext(context, path: Routes.advisory()), try await advisory.board(context)))
    }

    @Sendable func boardFragment(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        let html = AdvisoryViews.boardContent(PageContext(context, path: Routes.advisory()), try await advisory.board(context)).render()
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    @Sendable func events(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        return services.advisoryEvents.response()
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        let page = PageContext(context, path: Routes.contacts())
        let today = advisory.today
        let duty = try await advisory.onDuty()
        do {
            let range = try DateRange.parse(request.query, defaultFrom: today.adding(days: -6), defaultTo: today)
            let limit = 500
            let contacts = try await advisory.contacts(from: range.from, to: range.to, patientId: nil, limit: limit + 1, before: nil, context)
            return .html(
                AdvisoryViews.list(
                    page, range: range, contacts: Array(contacts.prefix(limit)), truncated: contacts.count > limit, onDuty: duty,
                    errors: [], typed: request.query))
        } catch let failure as ValidationFailure {
            return .html(
                AdvisoryViews.list(
                    page, range: DateRange(from: today, to: today), contacts: [], truncated: false, onDuty: duty,
                    errors: failure.errors, typed: request.query), status: .unprocessableContent)
        }
    }

    @Sendable func newContact(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        // `contact`: the contact being documented, when the form is opened again (after breaking the glass).
        let form = ContactForm(
            contactId: request.query["contact"].flatMap(UUID.init(uuidString:)),
            patientId: request.query["patient"].flatMap(UUID.init(uuidString:)))
        return try await render(context, form: form, search: false, errors: [], focus: .callerRole)
    }

    /// One form, three buttons: look up a patient, choose one of the results, or save.
    @Sendable func submitContact(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.documentAdvisoryContacts)
        let form = try await request.decode(as: ContactForm.self, context: context).submitted()
        if let chosen = form.selectPatient {
            return try await render(context, form: form, search: false, errors: [], focus: chosen == "none" ? .patientQuery : .chosenPatient)
        }
        if form.intent != "save" { return try await render(context, form: form, search: true, errors: [], focus: .firstResult) }
        do {
            let (id, _) = try await advisory.createContact(form.draft, id: form.id, context)
            return .redirect(to: Routes.contact(id) + "?notice=saved")
        } catch let failure as ValidationFailure {
            return try await render(context, form: form, search: false, errors: failure.errors, status: .unprocessableContent)
        } catch AppError.notFound {
            return try await render(context, form: form, search: false, errors: [FieldError("patientId", .notFound)], status: .unprocessableContent)
        } catch is PatientGate.Denied {
            return try await render(context, form: form, search: false, errors: [FieldError("patientId", .noAccess)], status: .forbidden)
        }
    }

    func render(
        _ context: AppContext, form: ContactForm, search: Bool, errors: [FieldError], focus: ContactFormView.Focus = .errorSummary,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try context.require(.documentAdvisoryContacts)
        var panel = ContactFormView.PatientPanel()
        var errors = errors
        let query = (form.patientQuery ?? "").trimmingCharacters(in: .whitespaces)
        if search, !query.isEmpty {
            if query.count > 100 || TextInput.hasControlCharacters(query) {
                errors.append(FieldError("patientQuery", .invalidFormat))
            } else {
                let requester = gate.requester(user)
                let session = context.session
                (panel.results, panel.restrictedMatch) = try await services.persistence.readAudited { tx in
                    let results = try await PatientRepository.search(query, requester: requester, limit: 10, on: tx)
                    // An exact CPR number of a patient the user may not read: offer breaking the glass,
                    // or choosing them where the user already holds a grant in this session.
                    var restricted: ContactFormView.RestrictedMatch?
                    if let id = try await PatientGate.restrictedMatch(query, results: results, on: tx) {
                        let granted =
                            try await session.asyncMap {
                                try await BreakGlassRepository.isGranted(sessionToken: $0.token, userId: user.id, patientId: id, on: tx)
                            } ?? false
                        restricted = .init(patientId: id, granted: granted)
                    }
                    return (
                        (results, restricted),
                        context.searchRecords(
                            results, purpose: form.auditPurpose,
                            outcome: restricted == nil || restricted?.granted == true ? .allowed : .denied,
                            restricted: restricted?.patientId)
                    )
                }
            }
        }
        if let patientId = form.patientUUID {
            do {
                (panel.chosen, panel.brokeTheGlass) = try await gate.read(
                    context, patientId: patientId, action: "patient.read",
                    purpose: form.auditPurpose
                ) { tx, granted in
                    guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
                    return ((patient, try await PlanRepository.find(patientId: patientId, on: tx)?.content), granted.ground == .breakTheGlass)
                }
            } catch let denied as PatientGate.Denied {
                panel.restricted = true
                panel.canBreakTheGlass = denied.canBreakTheGlass
            } catch AppError.notFound {
                errors.append(FieldError("patientId", .notFound))
            }
        }
        let units = try await services.units(includeInactive: false)
        let pathways = try await RegisterService.panel(.contactForm, services)
        let page = PageContext(context, path: Routes.newContact())
        return .html(
            ContactFormView.render(
                page, form: form, patientPanel: panel, units: units,
                onDuty: AdvisoryViews.onDuty(page.t, try await advisory.onDuty()), errors: errors,
                focus: focus == .firstResult && (panel.results ?? []).isEmpty ? .patientQuery : focus,
                pathways: pathways),
            status: status)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        return try await renderContact(id, context, notice: request.query["notice"])
    }

    /// An addendum beneath a saved contact; a refused text brings the contact back with the text
    /// as typed and the error (422).
    @Sendable func addAddendum(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let text = try await request.decode(as: ContactAddendumInput.self, context: context).text
        do {
            _ = try await advisory.addAddendum(to: id, text: text, context)
            return .redirect(to: Routes.contact(id) + "?notice=saved#addenda")
        } catch let failure as ValidationFailure {
            return try await renderContact(id, context, notice: nil, addendum: (text, failure.errors), status: .unprocessableContent)
        }
    }

    func renderContact(
        _ id: UUID, _ context: AppContext, notice: String?, addendum: (typed: String?, errors: [FieldError]) = (nil, []),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let contact = try await advisory.contact(id, context)
        var canPropose = false
        if let patientId = contact.details.patientId, let user = context.user,
            let facts = try await services.persistence.readEach { try await PatientRepository.accessFacts(patientId: patientId, on: $0) }
        {
            canPropose = PatientAccessPolicy.proposeFromContact(PatientRequester(roles: user.roles, unitId: user.unitId), facts).isAllowed
        }
        let units = try await services.unitDirectory()
        return .html(
            AdvisoryViews.contact(
                PageContext(context, path: Routes.contact(id)), contact, units: units, onDuty: try await advisory.onDuty(),
                canProposePlanChange: canPropose, notice: notice, addendum: addendum), status: status)
    }
}
