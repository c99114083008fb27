import FluentKit

/// Every migration, in order. Append only: a released migration is never edited, a change
/// to the schema is a new numbered migration with its own stable name.
public enum LindringMigrations {
    public static let all: [any Migration] = [
        M0001_CreateUnits(),
        M0002_CreateUsers(),
        M0003_CreateSessions(),
        M0004_CreateLoginThrottles(),
        M0005_CreateAuditLog(),
        M0006_CreateApiTokens(),
        M0007_SeedCapitalRegionUnits(),
        M0008_CreatePatients(),
        M0009_CreatePlans(),
        M0010_CreateInbox(),
        M0011_CreateBreakGlassGrants(),
        M0012_CreatePatientSearchIndex(),
        M0013_CreateAdvisoryLine(),
        M0014_CreateContactDayCounts(),
        M0015_CreateAssessments(),
        M0016_CreateSelfReportLinks(),
        M0017_CreateInstrumentThresholds(),
        M0018_CreateSPICTChecklists(),
        M0019_CreateUnitRevision(),
        M0020_CreateAdvisoryRevision(),
        M0021_CreatePatientNameIndex(),
        M0022_CreateUnitNameOrder(),
        M0023_AddInboxRemovedFromTeam(),
        M0024_AddAuditSeals(),
        M0025_AddContactRequestFingerprint(),
        M0026_HardenSignIn(),
        M0027_AddBreakGlassReview(),
        M0028_AddPatientAddress(),
        M0029_AddSelfReportRevocation(),
        M0030_AddContactAddendaAndFollowUpNotes(),
        M0031_CreateSocialWork(),
        M0032_AddSocialWorkMeetingsAndCapacity(),
        M0033_AddNeedsAssessments(),
        M0034_CreateLearning(),
        M0035_AddLearningModules(),
        M0036_AddStaffRegister(),
    ]
}
