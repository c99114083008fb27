import Foundation

/// Why an advisory-line record (a contact, a follow-up) may show the patient it concerns.
public enum LineRecordGround: Equatable, Sendable {
    /// The record concerns no patient.
    case noPatient
    /// The patient access policy lets the reader read the patient (consent to sharing, a treating
    /// unit, or broken glass).
    case patientAccess(PatientAccessGround)
    /// The line's work on it is not done (an open follow-up): the name is needed to finish it.
    case inProgress
}

public enum LineRecordDisclosure: Equatable, Sendable {
    case patientShown(LineRecordGround)
    /// The line's own record (the call, its SBAR, triage, the follow-up's text) without the
    /// patient's name or anything taken from the patient's plan.
    case patientWithheld
}

/// What advisory-line staff see of the line's own records after a patient withdraws consent to
/// sharing (issue 17, item 6). The records are the line's: the call, its SBAR and triage and the
/// follow-up stay readable to the line (the author, the shifts that hand over, the follow-up's
/// unit), because the line answers for its advice. The patient's name, and whatever came from the
/// patient's plan, are shown only where the patient access policy allows now, or while the line's
/// work on the record is still in progress; otherwise only by breaking the glass.
public enum LineRecordPolicy {
    public static func disclosure(_ requester: PatientRequester, patient: PatientAccessFacts?, inProgress: Bool) -> LineRecordDisclosure {
        guard let patient else { return .patientShown(.noPatient) }
        guard PermissionPolicy.allows(requester.roles, .readPatientData) else { return .patientWithheld }
        if case .allowed(let ground) = PatientAccessPolicy.read(requester, patient) { return .patientShown(.patientAccess(ground)) }
        if inProgress { return .patientShown(.inProgress) }
        return .patientWithheld
    }
}
