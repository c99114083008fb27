import Testing

@testable import LindringCore

/// The expected matrix, written out independently of the policy's own table so that a
/// change to either shows up here. Rows are actions, columns the roles in this order:
/// administrator, clinician, advisor, socialWorker, educator, finance, auditor, workingGroup.
private let expected: [Action: String] = [
    .viewUnits: "11111111",
    .manageUnits: "10000000",
    .manageUsers: "10000000",
    .manageApiTokens: "10000000",
    .readAuditLog: "10000010",
    .reviewBreakGlass: "00000010",
    .readPatientData: "01100000",
    .writePatientData: "01100000",
    .documentAdvisoryContacts: "00100000",
    .manageRota: "10100000",
    .viewAdvisoryStatistics: "10100100",
    .configureScreening: "10000000",
    .viewScreeningOverview: "11000100",
    .manageSocialWorkCases: "00010000",
    .manageBenefitCatalogue: "10000000",
    .manageTraining: "00001000",
    .viewBudget: "10000110",
    .manageBudget: "00000100",
    .viewIndicators: "11100101",
    .manageWorkingGroupRegister: "00000001",
    .operateOutbox: "10000000",
    .manageOwnAccount: "11111111",
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
