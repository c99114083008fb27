import Foundation

/// What an administrator types to create or change a user account.
public struct UserDraft: Equatable, Sendable {
    public var username: String
    public var name: String
    public var profession: String
    public var unitCode: String?
    public var roles: [String]
    /// The number the HR system's staff register knows the person by, so that what they
    /// complete in Lindring counts for their unit's coverage.
    public var employeeNumber: String?

    public init(
        username: String = "", name: String = "", profession: String = "", unitCode: String? = nil, roles: [String] = [],
        employeeNumber: String? = nil
    ) {
        self.username = username
        self.name = name
        self.profession = profession
        self.unitCode = unitCode
        self.roles = roles
        self.employeeNumber = employeeNumber
    }

    public func validated() throws(ValidationFailure) -> ValidUser {
        var v = Validator()
        let username = Username.check(username, &v)
        let name = v.requiredText("name", name, maxLength: 200)
        let profession = v.choice("profession", profession, as: Profession.self)
        let unit = v.optionalText("unitCode", unitCode, maxLength: 40)
        var roles: [Role] = []
        for raw in self.roles where !raw.isEmpty {
            if let role = Role(rawValue: raw) {
                if !roles.contains(role) { roles.append(role) }
            } else {
                v.add("roles", .invalidChoice)
            }
        }
        if roles.isEmpty { v.add("roles", .required) }
        let employeeNumber = isBlankText(employeeNumber) ? nil : v.employeeNumber("employeeNumber", employeeNumber ?? "")
        try v.check()
        return ValidUser(
            username: username, name: name, profession: profession!, unitCode: unit, roles: roles.sorted(), employeeNumber: employeeNumber)
    }
}

public struct ValidUser: Equatable, Sendable {
    public var username: String
    public var name: String
    public var profession: Profession
    public var unitCode: String?
    public var roles: [Role]
    public var employeeNumber: String?

    public init(username: String, name: String, profession: Profession, unitCode: String?, roles: [Role], employeeNumber: String? = nil) {
        self.username = username
        self.name = name
        self.profession = profession
        self.unitCode = unitCode
        self.roles = roles
        self.employeeNumber = employeeNumber
    }
}

/// Usernames are short, lowercase and safe to show anywhere: a–z, digits, '.', '-' and '_'.
public enum Username {
    public static func normalized(_ raw: String) -> String {
        TextInput.withoutControlCharacters(raw).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func check(_ raw: String, _ v: inout Validator) -> String {
        let username = normalized(raw)
        if username.isEmpty {
            v.add("username", .required)
        } else if username.count < 3 {
            v.add("username", .tooShort)
        } else if username.count > 40 {
            v.add("username", .tooLong)
        } else if !username.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }) {
            v.add("username", .invalidFormat)
        }
        return username
    }
}
