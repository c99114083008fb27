/// The one place that says which role may do what. Every route asks this policy;
/// nothing else in the code base decides on roles.
public enum PermissionPolicy {
    /// The grants, role by role. Anything not listed is denied.
    static let grants: [Role: Set<Action>] = [
        .administrator: [
            .viewUnits, .manageUnits, .manageUsers, .manageApiTokens, .readAuditLog, .manageRota, .viewAdvisoryStatistics,
            .configureScreening, .viewScreeningOverview, .manageBenefitCatalogue, .viewBudget, .viewIndicators, .operateOutbox,
            .manageOwnAccount,
        ],
        .clinician: [.viewUnits, .readPatientData, .writePatientData, .viewScreeningOverview, .viewIndicators, .manageOwnAccount],
        .advisor: [
            .viewUnits, .readPatientData, .writePatientData, .documentAdvisoryContacts, .manageRota, .viewAdvisoryStatistics,
            .viewIndicators, .manageOwnAccount,
        ],
        .socialWorker: [.viewUnits, .manageSocialWorkCases, .manageOwnAccount],
        .educator: [.viewUnits, .manageTraining, .manageOwnAccount],
        .finance: [
            .viewUnits, .viewBudget, .manageBudget, .viewAdvisoryStatistics, .viewScreeningOverview, .viewIndicators, .manageOwnAccount,
        ],
        .auditor: [.viewUnits, .readAuditLog, .reviewBreakGlass, .viewBudget, .manageOwnAccount],
        .workingGroup: [.viewUnits, .viewIndicators, .manageWorkingGroupRegister, .manageOwnAccount],
    ]

    public static func allows(_ role: Role, _ action: Action) -> Bool {
        grants[role, default: []].contains(action)
    }

    public static func allows(_ roles: some Sequence<Role>, _ action: Action) -> Bool {
        roles.contains { allows($0, action) }
    }

    /// The role on whose behalf an action is taken, for the audit log: the first
    /// (in declaration order) of the user's roles that grants it.
    public static func actingRole(_ roles: some Sequence<Role>, for action: Action) -> Role? {
        roles.sorted().first { allows($0, action) }
    }
}
