public enum UnitKind: String, CaseIterable, Codable, Sendable {
    case hospitalDepartment
    case palliativeTeam
    case hospice
    case homeCare
    case generalPractice
    case advisoryLine
    case paediatricTeam
    case education
    case administration
}

public enum Sector: String, CaseIterable, Codable, Sendable {
    case region
    case municipality
    case generalPractice
    case hospice
}
