import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The patient pages: search, register, the plan summary, the plan form with conflict
/// handling, history, the access log and breaking the glass.
struct PatientsController {
    let services: AppServices
    var patients: PatientService { PatientService(services: services) }
    var gate: PatientGate { PatientGate(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.patients.routerPath, use: list)
        router.post(Routes.patients.routerPath, use: searchByForm)
        router.get(Routes.newPatient.routerPath, use: newPatient)
        router.post(Routes.newPatient.routerPath, use: createPatient)
        router.get(Routes.patient.routerPath, use: show)
        router.get(Routes.printPlan.routerPath, use: print)
        router.get(Routes.editPatient.routerPath, use: editPatient)
        router.post(Routes.editPatient.routerPath, use: updatePatient)
        router.get(Routes.newPlan.routerPath, use: newPlan)
        router.post(Routes.newPlan.routerPath, use: savePlan)
        router.get(Routes.editPlan.routerPath, use: editPlan)
        router.post(Routes.editPlan.routerPath, use: savePlan)
        router.get(Routes.planHistory.routerPath, use: history)
        router.get(Routes.planVersion.routerPath, use: version)
        router.get(Routes.patientAccessLog.routerPath, use: accessLog)
        router.get(Routes.breakGlass.routerPath, use: breakGlassForm)
        router.post(Routes.breakGlass.routerPath, use: breakGlass)
    }

    // MARK: search and registration

    /// A search by name from an address (`/patients?q=…`); a CPR number there is refused, since
    /// the search form sends it by POST (`searchByForm`).
    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        let query = request.query["q"].map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if CPRNumber.hasShape(query) {
            return .html(
                PatientViews.list(
                    PageContext(context, path: Routes.patients()), query: "", results: nil, restrictedMatch: nil,
                    canCreate: user.can(.writePatientData), errors: [FieldError("q", .cprInAddress)]),
                status: .unprocessableContent)
        }
        return try await search(query, user: user, context)
    }

    @Sendable func searchByForm(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        let q = try await request.decode(as: PatientSearchForm.self, context: context).q ?? ""
        return try await search(q.trimmingCharacters(in: .whitespaces), user: user, context)
    }

    func search(_ query: String, user: User, _ context: AppContext) async throws -> Response {
        let page = PageContext(context, path: Routes.patients())
        guard !query.isEmpty else {
            return .html(PatientViews.list(page, query: "", results: nil, restrictedMatch: nil, canCreate: user.can(.writePatientData), errors: []))
        }
        guard query.count <= 100, !TextInput.hasControlCharacters(query) else {
            return .html(
                PatientViews.list(
                    page, query: query, results: nil, restrictedMatch: nil, canCreate: user.can(.writePatientData),
                    errors: [FieldError("q", .invalidFormat)]), status: .unprocessableContent)
        }
        let requester = gate.requester(user)
        let (results, restricted) = try await services.persistence.readAudited { tx in
            let results = try await PatientRepository.search(query, requester: requester, on: tx)
            // An exact CPR number of a patient the user may not see: offer breaking the glass, show nothing else.
            let restricted = try await PatientGate.restrictedMatch(query, results: results, on: tx)
            return (
                (results, restricted),
                context.searchRecords(
                    results, purpose: nil, outcome: restricted == nil ? .allowed : .denied,
                    restricted: restricted)
            )
        }
        let municipalities = MunicipalityUnits.names(try await services.units())
        return .html(
            PatientViews.list(
                page, query: query, results: results, restrictedMatch: restricted, canCreate: user.can(.writePatientData), errors: [],
                municipalities: municipalities))
    }

    @Sendable func newPatient(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.writePatientData)
        return try await patientForm(context, draft: PatientDraft(), patientId: nil, errors: [])
    }

    @Sendable func createPatient(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.writePatientData)
        let draft = try await request.decode(as: PatientForm.self, context: context).draft
        do {
            let id = try await patients.register(draft, context)
            return .redirect(to: Routes.patient(id) + "?notice=saved")
        } catch let failure as ValidationFailure {
            return try await patientForm(context, draft: draft, patientId: nil, errors: failure.errors, status: .unprocessableContent)
        } catch let duplicate as DuplicatePatient {
            return try await patientForm(
                context, draft: draft, patientId: nil, errors: [FieldError("cpr", .alreadyTaken)], duplicate: duplicate,
                status: .conflict)
        }
    }

    @Sendable func editPatient(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let patient = try await patients.read(id, context, action: "patient.read", purpose: "edit")
        let draft = PatientDraft(
            cpr: patient.cpr.digits, name: patient.name, address: patient.address, municipalityCode: patient.municipalityCode,
            phone: patient.phone,
            gpUnitId: patient.gpUnitId?.uuidString, diagnosisGroup: patient.diagnosisGroup.rawValue, icd10: patient.icd10,
            language: patient.language, interpreterNeeded: patient.interpreterNeeded,
            relatives: patient.relatives.map {
                .init(
                    name: $0.name, relation: $0.relation, phone: $0.phone, primaryContact: $0.primaryContact,
                    livesWithPatient: $0.livesWithPatient, powerOfAttorney: $0.powerOfAttorney)
            },
            sharingConsent: patient.sharingConsent.rawValue)
        return try await patientForm(context, draft: draft, patientId: id, errors: [])
    }

    @Sendable func updatePatient(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        var draft = try await request.decode(as: PatientForm.self, context: context).draft
        do {
            try await patients.updateDetails(id, draft, context)
            return .redirect(to: Routes.patient(id) + "?notice=saved")
        } catch let failure as ValidationFailure {
            draft.cpr = try await patients.read(id, context, action: "patient.read", purpose: "edit").cpr.digits
            return try await patientForm(context, draft: draft, patientId: id, errors: failure.errors, status: .unprocessableContent)
        }
    }

    func patientForm(
        _ context: AppContext, draft: PatientDraft, patientId: UUID?, errors: [FieldError], duplicate: DuplicatePatient? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let units = try await services.units(includeInactive: false)
        let path = patientId.map { Routes.editPatient($0) } ?? Routes.newPatient()
        return .html(
            PatientViews.patientForm(
                PageContext(context, path: path), draft: draft, patientId: patientId,
                gps: units.filter { $0.kind == .generalPractice }, municipalities: units.filter { $0.kind == .homeCare },
                errors: errors, duplicate: duplicate), status: status)
    }

    // MARK: summary

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await summary(context, printable: false, notice: request.query["notice"], purpose: Self.contactPurpose(request))
    }

    /// Opened from an advisory contact (`?contact=<id>`): the audit entry names the contact as its purpose.
    static func contactPurpose(_ request: Request) -> String? {
        contactId(request).map { "contact:\($0.uuidString)" }
    }

    static func contactId(_ request: Request) -> UUID? {
        request.query["contact"].flatMap(UUID.init(uuidString:))
    }

    @Sendable func print(_ request: Request, context: AppContext) async throws -> Response {
        try await summary(context, printable: true, notice: nil)
    }

    func summary(_ context: AppContext, printable: Bool, notice: String?, purpose: String? = nil) async throws -> Response {
        let id = try patientId(context)
        let summary = try await patients.summary(id, context, purpose: purpose)
        let units = try await services.unitDirectory()
        let path = printable ? Routes.printPlan(id) : Routes.patient(id)
        return .html(
            PlanViews.summary(
                PageContext(context, path: path), summary, units: units, today: patients.today(), printable: printable,
                notice: notice))
    }

    // MARK: plan form

    @Sendable func newPlan(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let summary = try await patients.summary(id, context)
        guard summary.canWrite else { throw PatientGate.Denied(canBreakTheGlass: false, patientId: id) }
        if summary.plan != nil { return .redirect(to: Routes.editPlan(id)) }
        var input = PlanInput()
        if let unit = context.user?.unitId { input.careTeam = [.init(unitId: unit.uuidString, role: CareTeamRole.keyWorker.rawValue)] }
        return try await planForm(context, patient: summary.patient, input: input, baseVersion: nil, errors: [], conflict: nil)
    }

    @Sendable func editPlan(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let contact = Self.contactId(request)
        // A contact about another patient does not open this one's plan (404 before the decision:
        // only the contact's patient is compared, nothing of either is shown).
        if let contact, try await services.persistence.readEach({ try await ContactRepository.find(id: contact, on: $0) })?.details.patientId != id {
            throw AppError.notFound
        }
        let summary = try await patients.summary(id, context, purpose: Self.contactPurpose(request), fromContact: contact != nil)
        guard summary.canWrite else { throw PatientGate.Denied(canBreakTheGlass: false, patientId: id) }
        guard let plan = summary.plan else { return .redirect(to: Routes.newPlan(id)) }
        return try await planForm(
            context, patient: summary.patient, input: PlanInput(plan.content), baseVersion: plan.version, errors: [], conflict: nil,
            contactId: contact)
    }

    /// Saves the form. A save based on an older version shows the colleague's changes above
    /// the user's own input, now based on the current version, so nothing is lost or overwritten.
    @Sendable func savePlan(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let form = try await request.decode(as: PlanForm.self, context: context)
        let input = form.input
        let base = form.base
        let contact = form.contact
        do {
            _ = try await patients.savePlan(
                id, { input }, basedOn: { base.map(PlanBase.version) ?? .none }, creating: base == nil,
                fromContact: contact, context)
            // A change proposed from a call returns to the call, where the nurse was documenting.
            return .redirect(to: (contact.map { Routes.contact($0) } ?? Routes.patient(id)) + "?notice=saved")
        } catch let failure as ValidationFailure {
            let patient = try await patients.read(id, context, action: "patient.read", purpose: "plan form")
            return try await planForm(
                context, patient: patient, input: input, baseVersion: base, errors: failure.errors, conflict: nil,
                contactId: contact, status: .unprocessableContent)
        } catch let stale as StalePlanVersion {
            // The patient and the versions the colleague saved, in the snapshot the gate audits.
            let (patient, versions) = try await gate.read(context, patientId: id, action: "patient.read", purpose: "plan conflict") { tx, _ in
                guard let patient = try await PatientRepository.find(id: id, on: tx) else { throw AppError.notFound }
                return (patient, try await PlanRepository.versions(patientId: id, on: tx))
            }
            let since = versions.filter { $0.version > (base ?? 0) }
            let baseContent = versions.first { $0.version == base }?.content ?? PlanContent()
            let (rebased, overlapping) = input.rebased(from: PlanInput(baseContent), onto: PlanInput(stale.current.content))
            let conflict = PlanFormView.Conflict(
                authorName: Set(since.map(\.authorName)).sorted().joined(separator: ", "),
                version: stale.current.version,
                changes: PlanDiff.changes(from: baseContent, to: stale.current.content),
                bothChanged: overlapping)
            return try await planForm(
                context, patient: patient, input: rebased, baseVersion: stale.current.version, errors: [],
                conflict: conflict, contactId: contact, status: .conflict)
        }
    }

    func planForm(
        _ context: AppContext, patient: Patient, input: PlanInput, baseVersion: Int?, errors: [FieldError],
        conflict: PlanFormView.Conflict?, contactId: UUID? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let units = try await services.units(includeInactive: false)
        let path = baseVersion == nil ? Routes.newPlan(patient.id) : Routes.editPlan(patient.id)
        return .html(
            PlanFormView.render(
                PageContext(context, path: path), patient: patient, input: input, baseVersion: baseVersion,
                units: units, directory: UnitDirectory(units), errors: errors, conflict: conflict, contactId: contactId),
            status: status)
    }

    // MARK: history, access log

    @Sendable func history(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let (patient, versions) = try await gate.read(context, patientId: id, action: "plan.history") { tx, _ in
            (try await PatientRepository.find(id: id, on: tx)!, try await PlanRepository.versions(patientId: id, on: tx))
        }
        let units = try await services.unitDirectory()
        return .html(PlanViews.history(PageContext(context, path: Routes.planHistory(id)), patient: patient, versions: versions, units: units))
    }

    @Sendable func version(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        guard let number = context.parameters.get("version").flatMap(Int.init) else { throw AppError.notFound }
        // The patient, the plan and its versions in the one snapshot the gate audits.
        let historic = try await gate.read(context, patientId: id, action: "patient.read") { tx, granted in
            guard let patient = try await PatientRepository.find(id: id, on: tx), let current = try await PlanRepository.find(patientId: id, on: tx),
                let version = try await PlanRepository.versions(patientId: id, on: tx).first(where: { $0.version == number })
            else { throw AppError.notFound }
            return PatientSummary(
                patient: patient,
                plan: StoredPlan(id: current.id, patientId: id, version: number, content: version.content, updatedAt: version.createdAt),
                ground: granted.ground, canWrite: false)
        }
        let units = try await services.unitDirectory()
        return .html(
            PlanViews.summary(
                PageContext(context, path: Routes.planVersion(id, number)), historic, units: units, today: patients.today(), printable: true))
    }

    @Sendable func accessLog(_ request: Request, context: AppContext) async throws -> Response {
        let id = try patientId(context)
        let user = try context.requireUser()
        let (patient, entries): (Patient, [AuditEntry])
        if user.can(.readAuditLog) {
            (patient, entries) = try await services.persistence.write { tx in
                guard let patient = try await PatientRepository.find(id: id, on: tx) else { throw AppError.notFound }
                try await AuditLog.append(
                    context.auditRecord(
                        "patient.accessLog", as: .readAuditLog, entityType: "patient", entityId: id.uuidString,
                        patientId: id, purpose: "audit"), on: tx)
                return (patient, try await AuditLog.search(AuditFilter(patientId: id), limit: 500, on: tx))
            }
        } else {
            (patient, entries) = try await gate.write(context, patientId: id, action: "patient.accessLog") { tx, _ in
                (try await PatientRepository.find(id: id, on: tx)!, try await AuditLog.search(AuditFilter(patientId: id), limit: 500, on: tx))
            }
        }
        return .html(PatientViews.accessLog(PageContext(context, path: Routes.patientAccessLog(id)), patient: patient, entries: entries))
    }

    // MARK: break the glass

    @Sendable func breakGlassForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.require(.readPatientData)
        let id = try patientId(context)
        return .html(
            PatientViews.breakGlassForm(
                PageContext(context, path: Routes.breakGlass(id)), patientId: id, reason: "", errors: [],
                returnTo: Self.returnTo(request.query["returnTo"], patientId: id)))
    }

    /// Where breaking the glass leads: a same-site path (the contact being documented, say), else the patient's page.
    static func returnTo(_ path: String?, patientId: UUID) -> String {
        LoginController.safeNext(path, otherwise: Routes.patient(patientId))
    }

    @Sendable func breakGlass(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.readPatientData)
        let id = try patientId(context)
        var v = Validator()
        let form = try await request.decode(as: BreakGlassForm.self, context: context)
        let reason = v.requiredText("reason", form.reason ?? "", maxLength: 1000)
        if reason.count < 10, v.errors.isEmpty { v.add("reason", .tooShort) }
        let returnTo = Self.returnTo(form.returnTo, patientId: id)
        guard v.errors.isEmpty, let session = context.session else {
            return .html(
                PatientViews.breakGlassForm(
                    PageContext(context, path: Routes.breakGlass(id)), patientId: id,
                    reason: form.reason ?? "", errors: v.errors, returnTo: returnTo), status: .unprocessableContent)
        }
        try await services.persistence.write { tx in
            guard try await PatientRepository.accessFacts(patientId: id, on: tx) != nil else { throw AppError.notFound }
            try await BreakGlassRepository.grant(sessionToken: session.token, userId: user.id, patientId: id, reason: reason, on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    "patient.breakGlass", as: .readPatientData, entityType: "patient", entityId: id.uuidString,
                    patientId: id, purpose: String(reason.prefix(500))), on: tx)
        }
        return .redirect(to: returnTo)
    }

    func patientId(_ context: AppContext) throws -> UUID {
        return try context.requiredIdParameter()
    }
}
