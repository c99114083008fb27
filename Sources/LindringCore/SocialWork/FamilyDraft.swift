import Foundation

/// A PABU family case as a form or another system submits it: every value as text, so that an
/// unknown enum value is a field error rather than an unreadable body. Lists keep the rows as
/// sent (blank rows are skipped), and errors name a row by its index (`parents[1].name`).
public struct FamilyDraft: Codable, Equatable, Sendable {
    /// A parent, step-parent or other custody holder, each with their own contact details:
    /// separated parents are reached apart.
    public struct ParentInput: Codable, Equatable, Sendable {
        /// The stored parent's id when the case is edited; blank for a new parent.
        public var id: String?
        public var name: String?
        public var relation: String?
        public var phone: String?
        public var email: String?
        public var address: String?
        public var livesWithChild: Bool?
        public var holdsCustody: Bool?

        public init(
            id: String? = nil, name: String? = nil, relation: String? = nil, phone: String? = nil, email: String? = nil,
            address: String? = nil, livesWithChild: Bool? = nil, holdsCustody: Bool? = nil
        ) {
            self.id = id
            self.name = name
            self.relation = relation
            self.phone = phone
            self.email = email
            self.address = address
            self.livesWithChild = livesWithChild
            self.holdsCustody = holdsCustody
        }

        var isBlank: Bool { [id, name, relation, phone, email, address].allSatisfy(isBlankText) }
    }

    public struct SiblingInput: Codable, Equatable, Sendable {
        public var name: String?
        /// Whole years, as text.
        public var age: String?
        public var schoolOrDaycare: String?
        public var supportNeeds: String?

        public init(name: String? = nil, age: String? = nil, schoolOrDaycare: String? = nil, supportNeeds: String? = nil) {
            self.name = name
            self.age = age
            self.schoolOrDaycare = schoolOrDaycare
            self.supportNeeds = supportNeeds
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            age = try container.decodeNumberText(forKey: .age)
            schoolOrDaycare = try container.decodeIfPresent(String.self, forKey: .schoolOrDaycare)
            supportNeeds = try container.decodeIfPresent(String.self, forKey: .supportNeeds)
        }

        var isBlank: Bool { [name, age, schoolOrDaycare, supportNeeds].allSatisfy(isBlankText) }
    }

    /// A professional around the family: a person, an organisation or both.
    public struct NetworkInput: Codable, Equatable, Sendable {
        public var role: String?
        public var name: String?
        public var organisation: String?
        public var phone: String?
        public var email: String?

        public init(role: String? = nil, name: String? = nil, organisation: String? = nil, phone: String? = nil, email: String? = nil) {
            self.role = role
            self.name = name
            self.organisation = organisation
            self.phone = phone
            self.email = email
        }

        var isBlank: Bool { [role, name, organisation, phone, email].allSatisfy(isBlankText) }
    }

    public var childPatientId: String?
    public var conditionGroup: String?
    public var municipalityCode: String?
    public var parents: [ParentInput]?
    public var siblings: [SiblingInput]?
    public var interpreterNeeded: Bool?
    public var language: String?
    public var network: [NetworkInput]?
    public var keyWorkerId: String?
    public var status: String?

    public init(
        childPatientId: String? = nil, conditionGroup: String? = nil, municipalityCode: String? = nil, parents: [ParentInput]? = nil,
        siblings: [SiblingInput]? = nil, interpreterNeeded: Bool? = nil, language: String? = nil, network: [NetworkInput]? = nil,
        keyWorkerId: String? = nil, status: String? = nil
    ) {
        self.childPatientId = childPatientId
        self.conditionGroup = conditionGroup
        self.municipalityCode = municipalityCode
        self.parents = parents
        self.siblings = siblings
        self.interpreterNeeded = interpreterNeeded
        self.language = language
        self.network = network
        self.keyWorkerId = keyWorkerId
        self.status = status
    }

    /// What validation needs to know beyond the draft.
    public struct Context: Sendable {
        /// The users of the paediatric palliative team: the key worker must be one of them.
        public var teamUserIds: Set<UUID>

        public init(teamUserIds: Set<UUID>) {
            self.teamUserIds = teamUserIds
        }
    }

    /// The longest name or short text a social-work form takes.
    public static let maxNameLength = 200
    static let maxTextLength = 2000
    /// Siblings are children or young adults still living with or near the family.
    static let siblingAges = 0...30

    public func validated(_ context: Context) throws(ValidationFailure) -> ValidFamily {
        var v = Validator()
        let child = v.uuid("childPatientId", childPatientId, required: true)
        let group = v.choice("conditionGroup", conditionGroup.map(trimmed), as: ConditionGroup.self)
        let municipality = v.municipalityCode("municipalityCode", municipalityCode, required: true)

        var parents: [FamilyParent] = []
        for (index, input) in (self.parents ?? []).enumerated() where !input.isBlank {
            let field = "parents[\(index)]"
            let id = v.uuid("\(field).id", input.id, required: false)
            let name = v.requiredText("\(field).name", input.name ?? "", maxLength: Self.maxNameLength)
            let relation = v.choice("\(field).relation", input.relation.map(trimmed), as: ParentRelation.self)
            let phone = PhoneNumber.check("\(field).phone", input.phone, &v)
            let email = v.email("\(field).email", input.email)
            let address = v.optionalText("\(field).address", input.address, maxLength: Self.maxNameLength)
            let parent = FamilyParent(
                id: id, name: name, relation: relation ?? .other, phone: phone, email: email, address: address,
                livesWithChild: input.livesWithChild ?? false, holdsCustody: input.holdsCustody ?? false)
            if parents.contains(where: { $0.isSamePerson(as: parent) }) { v.add("\(field).name", .duplicate) }
            parents.append(parent)
        }
        if parents.isEmpty { v.add("parents", .required) }

        var siblings: [FamilySibling] = []
        for (index, input) in (self.siblings ?? []).enumerated() where !input.isBlank {
            let field = "siblings[\(index)]"
            let name = v.optionalText("\(field).name", input.name, maxLength: Self.maxNameLength)
            let age = v.wholeNumber("\(field).age", input.age, in: Self.siblingAges, required: true)
            let school = v.optionalText("\(field).schoolOrDaycare", input.schoolOrDaycare, maxLength: Self.maxNameLength)
            let needs = v.optionalText("\(field).supportNeeds", input.supportNeeds, maxLength: Self.maxTextLength)
            siblings.append(FamilySibling(name: name, age: age ?? 0, schoolOrDaycare: school, supportNeeds: needs))
        }

        let interpreterNeeded = interpreterNeeded ?? false
        let language = v.optionalText("language", language, maxLength: 60)
        // An interpreter is booked for a language: without it the need cannot be acted on.
        if interpreterNeeded, language == nil { v.add("language", .required) }

        var network: [NetworkContact] = []
        for (index, input) in (self.network ?? []).enumerated() where !input.isBlank {
            let field = "network[\(index)]"
            let role = v.choice("\(field).role", input.role.map(trimmed), as: NetworkRole.self)
            let name = v.optionalText("\(field).name", input.name, maxLength: Self.maxNameLength)
            let organisation = v.optionalText("\(field).organisation", input.organisation, maxLength: Self.maxNameLength)
            // A contact is someone to reach: a person's name or at least the organisation's.
            if name == nil, organisation == nil { v.add("\(field).name", .required) }
            let phone = PhoneNumber.check("\(field).phone", input.phone, &v)
            let email = v.email("\(field).email", input.email)
            network.append(
                NetworkContact(role: role ?? .other, name: name, organisation: organisation, phone: phone, email: email))
        }

        let keyWorker = v.uuid("keyWorkerId", keyWorkerId, required: true)
        if let keyWorker, !context.teamUserIds.contains(keyWorker) { v.add("keyWorkerId", .notFound) }
        let status = isBlankText(status) ? FamilyCaseStatus.open : v.choice("status", status.map(trimmed), as: FamilyCaseStatus.self)
        try v.check()
        return ValidFamily(
            childPatientId: child!, conditionGroup: group!, municipalityCode: municipality!, parents: parents, siblings: siblings,
            interpreterNeeded: interpreterNeeded, language: language, network: network, keyWorkerId: keyWorker!, status: status!)
    }
}

/// A parent or custody holder of a valid family case.
public struct FamilyParent: Equatable, Codable, Sendable {
    /// Nil for a parent not yet stored.
    public var id: UUID?
    public var name: String
    public var relation: ParentRelation
    public var phone: String?
    public var email: String?
    public var address: String?
    public var livesWithChild: Bool
    public var holdsCustody: Bool

    public init(
        id: UUID? = nil, name: String, relation: ParentRelation, phone: String? = nil, email: String? = nil, address: String? = nil,
        livesWithChild: Bool, holdsCustody: Bool
    ) {
        self.id = id
        self.name = name
        self.relation = relation
        self.phone = phone
        self.email = email
        self.address = address
        self.livesWithChild = livesWithChild
        self.holdsCustody = holdsCustody
    }

    /// The same person listed twice: the same name (letter case and spacing aside) and the same
    /// phone number (its digits), or the same name where either has no phone to tell them apart.
    func isSamePerson(as other: FamilyParent) -> Bool {
        func normalName(_ name: String) -> String { name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        func digits(_ phone: String?) -> String? { phone.map { $0.filter { $0.isASCII && $0.isNumber } } }
        guard normalName(name) == normalName(other.name) else { return false }
        guard let mine = digits(phone), let theirs = digits(other.phone) else { return true }
        return mine == theirs
    }
}

public struct FamilySibling: Equatable, Codable, Sendable {
    public var name: String?
    public var age: Int
    public var schoolOrDaycare: String?
    public var supportNeeds: String?

    public init(name: String? = nil, age: Int, schoolOrDaycare: String? = nil, supportNeeds: String? = nil) {
        self.name = name
        self.age = age
        self.schoolOrDaycare = schoolOrDaycare
        self.supportNeeds = supportNeeds
    }
}

public struct NetworkContact: Equatable, Codable, Sendable {
    public var role: NetworkRole
    public var name: String?
    public var organisation: String?
    public var phone: String?
    public var email: String?

    public init(role: NetworkRole, name: String? = nil, organisation: String? = nil, phone: String? = nil, email: String? = nil) {
        self.role = role
        self.name = name
        self.organisation = organisation
        self.phone = phone
        self.email = email
    }
}

/// A family case that passed validation.
public struct ValidFamily: Equatable, Sendable {
    public var childPatientId: UUID
    public var conditionGroup: ConditionGroup
    public var municipalityCode: String
    public var parents: [FamilyParent]
    public var siblings: [FamilySibling]
    public var interpreterNeeded: Bool
    public var language: String?
    public var network: [NetworkContact]
    public var keyWorkerId: UUID
    public var status: FamilyCaseStatus

    public init(
        childPatientId: UUID, conditionGroup: ConditionGroup, municipalityCode: String, parents: [FamilyParent], siblings: [FamilySibling],
        interpreterNeeded: Bool, language: String?, network: [NetworkContact], keyWorkerId: UUID, status: FamilyCaseStatus
    ) {
        self.childPatientId = childPatientId
        self.conditionGroup = conditionGroup
        self.municipalityCode = municipalityCode
        self.parents = parents
        self.siblings = siblings
        self.interpreterNeeded = interpreterNeeded
        self.language = language
        self.network = network
        self.keyWorkerId = keyWorkerId
        self.status = status
    }
}
