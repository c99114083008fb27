import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// What the screening API and pages share: recording a screening, issuing a self-report link
/// and recording a SPICT-DK checklist, each behind the patient gate and audited.
struct ScreeningService {
    let services: AppServices
    var gate: PatientGate { PatientGate(services: services) }

    func issueLink(_ context: AppContext, request: Request, patientId: UUID, instrument: Instrument, hours: Int) async throws -> SelfReportLinkDTO {
        let user = try context.require(.writePatientData)
        let expiresAt = Date().addingTimeInterval(Double(hours) * 3600)
        let (token, link) = try await gate.write(context, patientId: patientId, action: "selfReportLink.create", purpose: instrument.rawValue) { tx, _ in
            try await SelfReportLinkRepository.create(patientId: patientId, instrument: instrument, expiresAt: expiresAt, createdBy: user.id, on: tx)
        }
        let base = services.config.publicBaseURL?.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            ?? "http://\(request.head.authority ?? "\(services.config.hostname):\(services.config.port)")"
        return SelfReportLinkDTO(id: link.id, url: base + Routes.selfReport(token), expiresAt: expiresAt, instrument: instrument.rawValue)
    }

    /// Revokes one of the patient's outstanding links, with the permission and patient access
    /// that making one takes; audited as `selfReportLink.revoke` with the instrument. Nil (and no
    /// entry: nothing was done) when the link is not one that still works.
    func revokeLink(_ context: AppContext, patientId: UUID, linkId: UUID?) async throws -> OutstandingSelfReportLink? {
        let user = try context.require(.writePatientData)
        do {
            return try await gate.write(context, patientId: patientId, action: "selfReportLink.revoke", audited: false) { tx, granted in
                guard let linkId, let link = try await SelfReportLinkRepository.revoke(linkId: linkId, patientId: patientId, by: user.id, on: tx) else {
                    throw NothingToRevoke()
                }
                try await AuditLog.append(context.auditRecord("selfReportLink.revoke", as: .writePatientData, entityType: "patient",
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

    /// Scores and stores a screening: the one path for the API and the staff form. Errors the
    /// caller found already (`v`: instrument, respondent, `at`) are reported together with the
    /// answers' (`answers.<item>`); an observation before the patient's birth is refused inside
    /// the gate's transaction. Audited as `assessment.create` with the instrument and the colour;
    /// a red result reaches the key-worker unit's inbox (the repository adds the item).
    func recordAssessment(_ context: AppContext, patientId: UUID, instrument: Instrument?, respondent: Respondent?,
                          answers: [String: AnswerValue]?, at takenAt: Date, errors v: Validator = Validator()) async throws -> Assessment {
        let user = try context.require(.writePatientData)
        var v = v
        if answers == nil { v.add("answers", .required) }
        var score: InstrumentScore?
        if let instrument, let answers {
            do { score = try await services.score(instrument, answers) } catch let error as ValidationFailure {
                error.errors.forEach { v.add($0.field, $0.code) }
            }
        }
        try v.check()
        guard let instrument, let respondent, let score else { throw ValidationFailure([FieldError("answers", .required)]) }
        let stored = AnswerJSON.stored(answers ?? [:])
        let assessment = try await gate.write(context, patientId: patientId, action: "assessment.create",
                                               purpose: "\(instrument.rawValue) \(score.trafficLight.rawValue)") { tx, _ in
            guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
            try Self.refuseBeforeBirth(takenAt, of: patient)
            return try await AssessmentRepository.create(patientId: patientId, instrument: instrument, respondent: respondent, answers: stored, score: score,
                                                         takenAt: takenAt, recordedBy: (user.id, user.name), on: tx)
        }
        if assessment.score.trafficLight == .red { services.advisoryEvents.publish("screening") }
        return assessment
    }

    /// Stores the checklist for the screening user's unit; the patient counts as a cancer
    /// patient when the checklist names cancer indicators or the record's diagnosis group is cancer.
    func recordSPICT(_ context: AppContext, patientId: UUID, checklist: SPICTChecklist, at: Date) async throws -> SPICTRecord {
        let user = try context.require(.writePatientData)
        return try await gate.write(context, patientId: patientId, action: "spict.create", purpose: checklist.conclusion.rawValue) { tx, _ in
            guard let patient = try await PatientRepository.find(id: patientId, on: tx) else { throw AppError.notFound }
            try Self.refuseBeforeBirth(at, of: patient)
            let cancer = checklist.conditionGroups.contains(.cancer) || patient.diagnosisGroup == .cancer
            return try await SPICTRepository.create(patientId: patientId, unitId: user.unitId, checklist: checklist, cancer: cancer, assessedAt: at,
                                                    recordedBy: (user.id, user.name), on: tx)
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
