import Foundation
import LindringCore
import LindringStore

/// Synthetic users for every role, for trying Lindring out. Loaded once; the passwords are
/// random and returned only when the users are created.
public enum DemoData {
    public static let users: [(username: String, name: String, profession: Profession, unit: String, role: Role)] = [
        ("admin", "Anne Administrator", .secretary, "REGION-H", .administrator),
        ("klinik", "Karen Kliniker", .nurse, "RH-PAL", .clinician),
        ("hjemmepleje", "Hanne Hjemmesygeplejerske", .nurse, "HJ-101", .clinician),
        ("raadgiver", "Rasmus Rådgiver", .nurse, "PAL-247", .advisor),
        ("socialraadgiver", "Sofie Socialrådgiver", .socialWorker, "PABU", .socialWorker),
        ("familieraadgiver", "Frederik Familierådgiver", .socialWorker, "PABU", .socialWorker),
        ("underviser", "Ulla Underviser", .nurse, "UDD-PAL", .educator),
        ("oekonomi", "Ole Økonomi", .other, "REGION-H", .finance),
        ("revisor", "Rita Revisor", .other, "REGION-H", .auditor),
        ("arbejdsgruppe", "Agnete Arbejdsgruppe", .doctor, "HGH-PAL", .workingGroup),
    ]

    /// Creates the demo users unless they exist; returns (username, password, role) for each
    /// created now, and nothing when they were loaded before.
    public static func load(
        persistence: Persistence, hasher: any PasswordHashing, patients: Int = 200, contactDays: Int = 365,
        contactsPerDay: Int = 18
    ) async throws -> [(String, String, Role)] {
        if try await persistence.readEach({ try await UserRepository.find(username: "admin", on: $0) }) != nil { return [] }
        var created: [(String, String, Role)] = []
        for demo in users {
            let password = "Demo-" + SecureToken.make().prefix(14)
            let draft = UserDraft(
                username: demo.username, name: demo.name, profession: demo.profession.rawValue,
                unitCode: demo.unit, roles: [demo.role.rawValue])
            _ = try await Accounts.create(draft, password: password, persistence: persistence, hasher: hasher) { user in
                Accounts.commandLineRecord("user.create.demo", entityType: "user", entityId: user.id.uuidString)
            }
            created.append((demo.username, password, demo.role))
        }
        try await DemoPatients.load(persistence: persistence, count: patients)
        try await DemoScreening.load(persistence: persistence)
        if contactDays > 0 { try await DemoAdvisory.load(persistence: persistence, hasher: hasher, days: contactDays, perDay: contactsPerDay) }
        // Last: the children are PABU's patients, not candidates for the adults' screening or advisory contacts.
        try await DemoSocialWork.load(persistence: persistence)
        try await DemoLearning.load(persistence: persistence)
        try await DemoLearning.loadStaffRegister(persistence: persistence)
        try await DemoCohort.load(persistence: persistence)
        try await DemoBudget.load(persistence: persistence)
        try await DemoReferrals.load(persistence: persistence)
        try await DemoWorkingGroup.load(persistence: persistence)
        return created
    }
}
