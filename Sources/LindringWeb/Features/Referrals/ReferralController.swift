import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The palliative team's referral form: new from the patient's page, changed as the referral
/// moves on (first contact, conference, not reached).
struct ReferralController {
    let services: AppServices
    var referrals: ReferralService { ReferralService(services: services) }
    var patients: PatientService { PatientService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.newReferral.routerPath, use: newReferral)
        router.post(Routes.newReferral.routerPath, use: create)
        router.get(Routes.editReferral.routerPath, use: edit)
        router.post(Routes.editReferral.routerPath, use: update)
    }

    @Sendable func newReferral(_ request: Request, context: AppContext) async throws -> Response {
        let patientId = try context.requiredIdParameter()
        let patient = try await patients.read(patientId, context, action: "referral.form")
        let draft = ReferralDraft(
            receivedOn: DanishCalendar.today().description, receivingUnitId: context.user?.unitId?.uuidString,
            diagnosisGroup: patient.diagnosisGroup.rawValue, status: ReferralStatus.received.rawValue)
        return try await form(context, patient: patient, referralId: nil, form: ReferralForm(draft: draft), errors: [], status: .ok)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let patientId = try context.requiredIdParameter()
        let form = try await request.decode(as: ReferralForm.self, context: context)
        do {
            _ = try await referrals.create(patientId, { form.draft }, context)
            return .redirect(to: Routes.patient(patientId) + "?notice=referralSaved#referrals")
        } catch let failure as ValidationFailure {
            let patient = try await patients.read(patientId, context, action: "referral.form")
            return try await self.form(context, patient: patient, referralId: nil, form: form, errors: failure.errors, status: .unprocessableContent)
        }
    }

    @Sendable func edit(_ request: Request, context: AppContext) async throws -> Response {
        let shown = try await referrals.read(try context.requiredIdParameter(), context)
        let patient = try await patients.read(shown.stored.patientId, context, action: "referral.form")
        let form = ReferralForm(draft: ReferralDraft(shown.stored.referral), baseVersion: shown.stored.version)
        return try await self.form(context, patient: patient, referralId: shown.stored.id, form: form, errors: [], status: .ok, shown: shown)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let form = try await request.decode(as: ReferralForm.self, context: context)
        do {
            let shown = try await referrals.update(id, { form.draft }, baseVersion: { form.baseVersion.flatMap { Int($0) } }, context)
            return .redirect(to: Routes.patient(shown.stored.patientId) + "?notice=referralSaved#referrals")
        } catch let failure as ValidationFailure {
            let shown = try await referrals.read(id, context)
            let patient = try await patients.read(shown.stored.patientId, context, action: "referral.form")
            return try await self.form(context, patient: patient, referralId: id, form: form, errors: failure.errors, status: .unprocessableContent)
        } catch ReferralRepository.Refusal.stale {
            let shown = try await referrals.read(id, context)
            let patient = try await patients.read(shown.stored.patientId, context, action: "referral.form")
            var kept = form
            kept.baseVersion = String(shown.stored.version)
            return try await self.form(
                context, patient: patient, referralId: id, form: kept, errors: [FieldError("baseVersion", .staleVersion)], status: .conflict,
                shown: shown)
        }
    }

    func form(
        _ context: AppContext, patient: Patient, referralId: UUID?, form: ReferralForm, errors: [FieldError], status: HTTPResponse.Status,
        shown: ReferralService.Shown? = nil
    ) async throws -> Response {
        let units = try await services.units(includeInactive: false)
        let path = referralId.map { Routes.editReferral($0) } ?? Routes.newReferral(patient.id)
        return .html(
            ReferralViews.form(
                PageContext(context, path: path), patient: patient, action: path, form: form, errors: errors, units: units,
                eortcCompletedOn: shown?.eortcCompletedOn, isNew: referralId == nil), status: status)
    }
}
