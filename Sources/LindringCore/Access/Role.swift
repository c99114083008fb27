/// A user's role in the programme. A user may hold several; permissions are the union.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case administrator
    case clinician
    case advisor
    case socialWorker
    case educator
    case finance
    case auditor
    /// A member of the cross-sector working group (hospitals, municipalities, GPs): keeps its register.
    case workingGroup

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
