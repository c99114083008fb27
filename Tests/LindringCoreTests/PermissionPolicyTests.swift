import Testing

@testable import LindringCore

/// The expected matrix, written out independently of the policy's own table so that a
/// change to either shows up here. Rows are actions, columns the roles in this order:
/// administrator, clinician, advisor, socialWorker, educator, finance, auditor.
private let expected: [Action: String] = [
    .viewUnits: "1111111",
    .manageUnits: "1000000",
    .manageUsers: "1000000",
    .manageApiTokens: "1000000",
    .readAuditLog: "1000001",
    .reviewBreakGlass: "0000001",
    .readPatientData: "0110000",
    .writePatientData: "0110000",
    .documentAdvisoryContacts: "0010000",
    .manageRota: "1010000",
    .viewAdvisoryStatistics: "1010010",
    .configureScreening: "1000000",
    .viewScreeningOverview: "1100010",
    .manageSocialWorkCases: "0001000",
    .manageBenefitCatalogue: "1000000",
    .manageTraining: "0000100",
    .viewBudget: "1000011",
    .manageBudget: "0000010",
    .manageOwnAccount: "1111111",
]

@Suite struct PermissionPolicyTests {
    @Test("every role × action cell", arguments: Role.allCases, Action.allCases)
    func cell(role: Role, action: Action) throws {
        // given
        let row = try #require(expected[action], "the expected matrix lacks \(action)")
        let column = try #require(Role.allCases.firstIndex(of: role))
        let allowed = Array(row)[column] == "1"
        // when
        let decision = PermissionPolicy.allows(role, action)
        // then
        #expect(decision == allowed, "\(role) → \(action)")
    }

    @Test func severalRolesGrantTheUnionOfTheirPermissions() {
        // given
        let roles: [Role] = [.educator, .auditor]
        // then
        #expect(PermissionPolicy.allows(roles, .manageTraining))
        #expect(PermissionPolicy.allows(roles, .readAuditLog))
        #expect(!PermissionPolicy.allows(roles, .manageUsers))
    }

    @Test func actingRoleIsTheRoleThatGrantsTheAction() {
        #expect(PermissionPolicy.actingRole([.auditor, .clinician], for: .readPatientData) == .clinician)
        #expect(PermissionPolicy.actingRole([.auditor, .administrator], for: .readAuditLog) == .administrator)
        #expect(PermissionPolicy.actingRole([.finance], for: .readAuditLog) == nil)
    }
}
