import Foundation

public func isBlankText(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

/// Checks of typed values that drafts across the modules share.
extension Validator {
    /// A `YYYY-MM-DD` day; nil when blank or refused.
    public mutating func localDate(_ field: String, _ value: String?, required: Bool) -> LocalDate? {
        guard !isBlankText(value), let value else {
            if required { add(field, .required) }
            return nil
        }
        guard let date = LocalDate(trimmed(value)) else {
            add(field, .invalidFormat)
            return nil
        }
        return date
    }

    /// A record's id; nil when blank or refused.
    mutating func uuid(_ field: String, _ value: String?, required: Bool) -> UUID? {
        guard !isBlankText(value), let value else {
            if required { add(field, .required) }
            return nil
        }
        guard let id = UUID(uuidString: trimmed(value)) else {
            add(field, .invalidFormat)
            return nil
        }
        return id
    }

    /// A whole number typed as text within `range`; nil when blank or refused.
    public mutating func wholeNumber(_ field: String, _ value: String?, in range: ClosedRange<Int>, required: Bool) -> Int? {
        guard !isBlankText(value), let value else {
            if required { add(field, .required) }
            return nil
        }
        guard let number = Int(trimmed(value)) else {
            add(field, .notAnInteger)
            return nil
        }
        guard range.contains(number) else {
            add(field, .outOfRange)
            return nil
        }
        return number
    }

    /// An employee number as the HR system writes it: letters, digits and hyphens, at most 20.
    public mutating func employeeNumber(_ field: String, _ value: String) -> String {
        let number = requiredText(field, value, maxLength: 20)
        if !number.isEmpty, !number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) { add(field, .invalidFormat) }
        return number
    }

    /// An e-mail address: one `@` with text before it and a dotted domain after it, no spaces.
    /// Deliberately loose: the address is for people to write to, not for us to send to.
    mutating func email(_ field: String, _ value: String?) -> String? {
        guard let text = optionalText(field, value, maxLength: 254) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let wellFormed =
            parts.count == 2 && !parts[0].isEmpty && !text.contains(where: \.isWhitespace)
            && parts[1].split(separator: ".", omittingEmptySubsequences: false).count >= 2
            && parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty }
        if !wellFormed { add(field, .invalidFormat) }
        return text
    }
}

extension FamilyDraft {
    /// A stored case as a draft, to change it: the parents keep their ids.
    public init(_ family: ValidFamily) {
        self.init(
            childPatientId: family.childPatientId.uuidString, conditionGroup: family.conditionGroup.rawValue,
            municipalityCode: family.municipalityCode,
            parents: family.parents.map {
                ParentInput(
                    id: $0.id?.uuidString, name: $0.name, relation: $0.relation.rawValue, phone: $0.phone, email: $0.email, address: $0.address,
                    livesWithChild: $0.livesWithChild, holdsCustody: $0.holdsCustody)
            },
            siblings: family.siblings.map {
                SiblingInput(name: $0.name, age: String($0.age), schoolOrDaycare: $0.schoolOrDaycare, supportNeeds: $0.supportNeeds)
            },
            interpreterNeeded: family.interpreterNeeded, language: family.language,
            network: family.network.map {
                NetworkInput(role: $0.role.rawValue, name: $0.name, organisation: $0.organisation, phone: $0.phone, email: $0.email)
            },
            keyWorkerId: family.keyWorkerId.uuidString, status: family.status.rawValue)
    }
}
