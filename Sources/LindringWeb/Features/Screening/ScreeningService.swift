import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// What the screening API and pages share: recording a screening, issuing a self-report link
/// and recording a SPICT-DK checklist, each behind the patient gate and audited.
struct ScreeningService {
    let services: AppServices
    var gate: PatientGate { PatientGate(services: services) }

    /// Issues a link for the instrument and hours `request` gives, validated once the gate has
    /// decided (a user refused learns nothing from the request's errors); one writer job.
    func issueLink(
        _ context: AppContext, request: Request, patientId: UUID,
        _ submission: @escaping @Sendable () throws -> (instrument: Instrument, hours: Int)
    ) async throws -> SelfReportLinkDTO {
        let user = try context.require(.writePatientData)
        let (token, link, instrument, expiresAt) = try await gate.write(
            context, patientId: patientId, action: "selfReportLink.create",
            audited: false
        ) { tx, granted in
            let (instrument, hours) = try submission()
            let expiresAt = Date().addingTimeInterval(Double(hours) * 3600)
            let (token, link) = try await SelfReportLinkRepository.create(
                patientId: patientId, instrument: instrument, expiresAt: expiresAt,
                createdBy: user.id, on: tx)
            try await AuditLog.append(
                gate.allowedRecord(
                    context, patientId: patientId, action: "selfReportLink.create", granted: granted,
                    purpose: instrument.rawValue), on: tx)
            return (token, link, instrument, expiresAt)
        }
        return SelfReportLinkDTO(
            id: link.id, url: services.publicBase(for: request) + Routes.selfReport(token), expiresAt: expiresAt, instrument: instrument.rawValue)
    }

    /// Revokes one of the patient's outstanding links, with the permission and patient access
    /// that making one takes; audited as `selfReportLink.revoke` with the instrument. Nil (and no
    /// entry: nothing was done) when the link is not one that still works.
    func revokeLink(_ context: AppContext, patientId: UUID, linkId: UUID?) async throws -> OutstandingSelfReportLink? {
        let user = try context.require(.writePatientData)
        do {
            return try await gate.write(context, patientId: patientId, action: "selfReportLink.revoke", audited: false) { tx, granted in
                guard let linkId, let link = try await SelfReportLinkRepository.revoke(linkId: linkId, patientId: patientId, by: user.id, on: tx)
                else {
                    throw NothingToRevoke()
                }
                try await AuditLog.append(
                    context.auditRecord(
                        "selfReportLink.revoke", as: .writePatientData, entityType: "patient",
                        entityId: patientId.uuidString, patientId: patientId,
                        purpose: PatientGate.purpose(granted.ground, link.instrument.rawValue)), on: tx)
                return link
            }
        } catch is NothingToRevoke {
            return nil
        }
    }

    struct NothingToRevoke: Error {}

    /// The patient's links that still work; audited as `selfReportLink.list`.
    func outstandingLinks(_ context: AppContext, patientId: UUID) async throws -> [OutstandingSelfReportLink] {
        try await gate.read(context, patientId: patientId, action: "selfReportLink.list") { tx, _ in
            try await SelfReportLinkRepository.outstanding(patientId: patientId, on: tx)
        }
    }

    /// What a screening form or API request gives: the caller's own errors (`errors`: instrument,
    /// respondent, `at`) are reported together with the answers'.
    struct AssessmentSubmission: Sendable {
        var instrument: Instrument?
        var respondent: Respondent?
        var answers: [String: AnswerValue]?
        var takenAt: Date
        var errors = Validator()
    }

    /// Scores and stores a screening: the one path for the API and the staff form, in one writer
    /// job. The gate decides first; then `submission` is read and scored under the region's
    /// bands (`answers.<item>` errors); an observation before the patient's birth is refused.
    /// Audited as `assessment.create` with the instrument and the colour; a red result reaches
    /// the key-worker unit's inbox (the repository adds the item).
    func recordAssessment(
        _ context: AppContext, patientId: UUID,
        _ submission: @escaping @Sendable () throws -> AssessmentSubmission
    ) async throws -> Assessment {
        let user = try context.require(.writePatientData)
        let assessment = try await gate.write(context, patientId: patientId, action: "assessment.create", audited: false) { tx, granted in
            let submission = try submission()
            var v = submission.errors
            if submission.answers == nil { v.add("answers", .required) }
            var score: InstrumentScore?
            if let instrument = submission.instrument, let answers = submission.answers {
                let configured = try await InstrumentThresholdRepository.find(instrument, on: tx)
                do { score = try instrument.score(answers, thresholds: configured.thresholds) } catch let error as ValidationFailure {
                    error.errors.forEach { v.add($0.field, $0.code) }
                }
            }
            try v.check()
            guard let instrument = submission.instrument, let respondent = submission.respondent, let score else {
                throw ValidationFailure([FieldError("answers", .required)])
            }
            guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
            try Self.refuseBeforeBirth(submission.takenAt, of: patient)
            let stored = try await AssessmentRepository.create(
                patientId: patientId, instrument: instrument, respondent: respondent,
                answers: AnswerJSON.stored(submission.answers ?? [:]), score: score,
                takenAt: submission.takenAt, recordedBy: (user.id, user.name), on: tx)
            try await AuditLog.append(
                gate.allowedRecord(
                    context, patientId: patientId, action: "assessment.create", granted: granted,
                    purpose: "\(instrument.rawValue) \(score.trafficLight.rawValue)"), on: tx)
            return stored
        }
        if assessment.score.trafficLight == .red { services.advisoryEvents.publish("screening") }
        return assessment
    }

    /// Stores the checklist for the screening user's unit; the patient counts as a cancer
    /// patient when the checklist names cancer indicators or the record's diagnosis group is cancer.
    /// `submission` is read once the gate has decided, in the same writer job.
    func recordSPICT(
        _ context: AppContext, patientId: UUID,
        _ submission: @escaping @Sendable () throws -> (checklist: SPICTChecklist, at: Date)
    ) async throws -> SPICTSaved {
        let user = try context.require(.writePatientData)
        return try await gate.write(context, patientId: patientId, action: "spict.create", audited: false) { tx, granted in
            let (checklist, at) = try submission()
            guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
            try Self.refuseBeforeBirth(at, of: patient)
            let cancer = checklist.conditionGroups.contains(.cancer) || patient.diagnosisGroup == .cancer
            let record = try await SPICTRepository.create(
                patientId: patientId, unitId: user.unitId, checklist: checklist, cancer: cancer, assessedAt: at,
                recordedBy: (user.id, user.name), on: tx)
            try await AuditLog.append(
                gate.allowedRecord(
                    context, patientId: patientId, action: "spict.create", granted: granted,
                    purpose: checklist.conclusion.rawValue), on: tx)
            var planToStart = false
            if checklist.actions.contains(.startSharedPlan) { planToStart = try await PlanRepository.find(patientId: patientId, on: tx) == nil }
            return SPICTSaved(record: record, planToStart: planToStart)
        }
    }

    /// An observation dated before the patient was born is refused (422 naming `at`). Asked
    /// inside the gate's transaction, where the patient is read anyway, so nothing is stored.
    static func refuseBeforeBirth(_ at: Date, of patient: Patient) throws {
        var v = Validator()
        v.notBeforeBirth("at", at, birthDate: patient.birthDate)
        try v.check()
    }
}

/// A stored SPICT-DK checklist, and whether it asks for a shared plan the patient has not got yet
/// (the form then goes on to the new plan), read in the transaction that stored it.
struct SPICTSaved {
    var record: SPICTRecord
    var planToStart: Bool
}
