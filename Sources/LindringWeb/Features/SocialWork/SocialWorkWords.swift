/// The paediatric team's social work: family cases, applications and their deadlines, the
/// worklist, in Danish and English side by side.
extension Catalog {
    static let socialWork: [String: Words] = [
        "auditAction.family.create": Words(da: "Oprettede familiesag", en: "Opened a family case"),
        "auditAction.family.read": Words(da: "Åbnede familiesag", en: "Opened a family case's page"),
        "auditAction.family.update": Words(da: "Ændrede familiesag", en: "Changed a family case"),
        "auditAction.family.list": Words(da: "Så barnet i teamets familiesager", en: "Saw the child in the team's family cases"),
        "auditAction.family.worklist": Words(da: "Så barnet på socialrådgivernes arbejdsliste", en: "Saw the child on the social workers' worklist"),
        "auditAction.family.application.create": Words(da: "Registrerede ansøgning", en: "Recorded an application"),
        "auditAction.family.application.update": Words(da: "Ændrede ansøgning eller afgørelse", en: "Changed an application or its decision"),
        "auditPurpose.socialWorkTeam": Words(da: "Teamets socialrådgiver", en: "The team's social worker"),
        "auditPurpose.paediatricTeam": Words(da: "Teamets læger og sygeplejersker", en: "The team's doctors and nurses"),
        "auditPurpose.childsCareTeam": Words(da: "Barnets behandlerteam (grundoplysninger)", en: "The child's care team (basic facts)"),
    ]
}
