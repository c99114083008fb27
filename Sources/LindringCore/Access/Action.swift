/// Everything a signed-in user can try to do that the permission policy decides on.
/// Patient-level access (care team, consent, break the glass) is a second check made by
/// the patient access policy once patients exist; these actions only say whether a role
/// may use a part of the programme at all.
public enum Action: String, CaseIterable, Codable, Sendable {
    /// See the organisation register (every staff member needs phone numbers).
    case viewUnits
    /// Add, edit and deactivate units.
    case manageUnits
    /// Create, edit, reset and deactivate user accounts.
    case manageUsers
    /// Issue and revoke API tokens.
    case manageApiTokens
    /// Search and read the audit log.
    case readAuditLog
    /// Record the review of a break-the-glass access (auditors only: the administrator who
    /// runs the system does not judge the access of its users).
    case reviewBreakGlass
    /// Read patients and shared palliative plans (subject to the patient access policy).
    case readPatientData
    /// Create and change patients and shared palliative plans.
    case writePatientData
    /// Document contacts on the 24/7 advisory line.
    case documentAdvisoryContacts
    /// Plan the advisory line's rota.
    case manageRota
    /// See what the advisory line achieves (figures without patient data).
    case viewAdvisoryStatistics
    /// Set the severity bands behind the screening traffic light.
    case configureScreening
    /// See screening and early-identification figures per department, hospital and municipality (no patient data).
    case viewScreeningOverview
    /// Work with the paediatric team's family cases.
    case manageSocialWorkCases
    /// Keep the benefit catalogue and the municipalities' published processing times.
    case manageBenefitCatalogue
    /// Run the competence-development programme.
    case manageTraining
    /// See the budget and spending.
    case viewBudget
    /// Change the budget, proposals and spending.
    case manageBudget
    /// See the working group's quality indicators (counts; the patients behind them only where the
    /// patient access policy lets the user read them).
    case viewIndicators
    /// Keep the working group's register: meetings, analyses, recommendations, decisions and the
    /// communication pathways.
    case manageWorkingGroupRegister
    /// Run the MedCom outbox: mark messages sent or failed (no patient content).
    case operateOutbox
    /// Change one's own password and language.
    case manageOwnAccount
}
