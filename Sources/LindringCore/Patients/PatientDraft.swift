import Foundation

public struct Relative: Equatable, Codable, Sendable {
    public var name: String
    public var relation: String
    public var phone: String?
    public var primaryContact: Bool
    public var livesWithPatient: Bool
    public var powerOfAttorney: Bool

    public init(
        name: String, relation: String, phone: String? = nil, primaryContact: Bool = false,
        livesWithPatient: Bool = false, powerOfAttorney: Bool = false
    ) {
        self.name = name
        self.relation = relation
        self.phone = phone
        self.primaryContact = primaryContact
        self.livesWithPatient = livesWithPatient
        self.powerOfAttorney = powerOfAttorney
    }
}

/// What a user or another system submits to register or change a patient.
public struct PatientDraft: Equatable, Codable, Sendable {
    public struct RelativeInput: Equatable, Codable, Sendable {
        public var name: String?
        public var relation: String?
        public var phone: String?
        public var primaryContact: Bool?
        public var livesWithPatient: Bool?
        public var powerOfAttorney: Bool?

        public init(
            name: String? = nil, relation: String? = nil, phone: String? = nil, primaryContact: Bool? = nil,
            livesWithPatient: Bool? = nil, powerOfAttorney: Bool? = nil
        ) {
            self.name = name
            self.relation = relation
            self.phone = phone
            self.primaryContact = primaryContact
            self.livesWithPatient = livesWithPatient
            self.powerOfAttorney = powerOfAttorney
        }

        var isBlank: Bool { [name, relation, phone].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    public var cpr: String?
    public var name: String?
    /// Street, number and town, as the patient is found at home (the municipality is a code of its own).
    public var address: String?
    public var municipalityCode: String?
    public var phone: String?
    public var gpUnitId: String?
    public var diagnosisGroup: String?
    public var icd10: String?
    public var language: String?
    public var interpreterNeeded: Bool?
    public var relatives: [RelativeInput]?
    public var sharingConsent: String?

    public init(
        cpr: String? = nil, name: String? = nil, address: String? = nil, municipalityCode: String? = nil, phone: String? = nil,
        gpUnitId: String? = nil, diagnosisGroup: String? = nil, icd10: String? = nil, language: String? = nil, interpreterNeeded: Bool? = nil,
        relatives: [RelativeInput]? = nil, sharingConsent: String? = nil
    ) {
        self.cpr = cpr
        self.name = name
        self.address = address
        self.municipalityCode = municipalityCode
        self.phone = phone
        self.gpUnitId = gpUnitId
        self.diagnosisGroup = diagnosisGroup
        self.icd10 = icd10
        self.language = language
        self.interpreterNeeded = interpreterNeeded
        self.relatives = relatives
        self.sharingConsent = sharingConsent
    }

    public func validated(today: LocalDate) throws(ValidationFailure) -> ValidPatient {
        var v = Validator()
        var cprNumber: CPRNumber?
        let rawCPR = (cpr ?? "").trimmingCharacters(in: .whitespaces)
        if rawCPR.isEmpty {
            v.add("cpr", .required)
        } else {
            do {
                let parsed = try CPRNumber(rawCPR)
                let birth = parsed.birthDate
                if let y = birth.year, let m = birth.month, let d = birth.day,
                    let date = LocalDate(String(format: "%04d-%02d-%02d", y, m, d)), date > today
                {
                    v.add("cpr", .inFuture)
                } else {
                    cprNumber = parsed
                }
            } catch {
                v.add("cpr", .invalidFormat)
            }
        }
        let name = v.requiredText("name", name ?? "", maxLength: 200)
        let address = v.optionalText("address", address, maxLength: 200)
        let municipality = v.optionalText("municipalityCode", municipalityCode, maxLength: 3)
        if let municipality, municipality.count != 3 || !municipality.allSatisfy({ $0.isASCII && $0.isNumber }) {
            v.add("municipalityCode", .invalidFormat)
        }
        let phone = PhoneNumber.check("phone", phone, &v)
        var gp: UUID?
        if let raw = gpUnitId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            gp = UUID(uuidString: raw)
            if gp == nil { v.add("gpUnitId", .invalidFormat) }
        }
        let diagnosis = v.choice("diagnosisGroup", diagnosisGroup, as: DiagnosisGroup.self)
        let icd = v.optionalText("icd10", icd10, maxLength: 10)?.uppercased()
        if let icd, !ICD10.isWellFormed(icd) { v.add("icd10", .invalidFormat) }
        let language = v.optionalText("language", language, maxLength: 60)
        var relatives: [Relative] = []
        for (index, input) in (self.relatives ?? []).enumerated() where !input.isBlank {
            let field = "relatives[\(index)]"
            let name = v.requiredText("\(field).name", input.name ?? "", maxLength: 200)
            let relation = v.requiredText("\(field).relation", input.relation ?? "", maxLength: 100)
            let phone = PhoneNumber.check("\(field).phone", input.phone, &v)
            relatives.append(
                Relative(
                    name: name, relation: relation, phone: phone, primaryContact: input.primaryContact ?? false,
                    livesWithPatient: input.livesWithPatient ?? false, powerOfAttorney: input.powerOfAttorney ?? false))
        }
        if relatives.filter(\.primaryContact).count > 1 { v.add("relatives", .invalidChoice) }
        let consent = (sharingConsent ?? "").isEmpty ? SharingConsent.notAsked : v.choice("sharingConsent", sharingConsent, as: SharingConsent.self)
        try v.check()
        return ValidPatient(
            cpr: cprNumber!, name: name, address: address, municipalityCode: municipality, phone: phone, gpUnitId: gp,
            diagnosisGroup: diagnosis!, icd10: icd, language: language, interpreterNeeded: interpreterNeeded ?? false,
            relatives: relatives, sharingConsent: consent ?? .notAsked)
    }
}

public struct ValidPatient: Equatable, Sendable {
    public var cpr: CPRNumber
    public var name: String
    public var address: String?
    public var municipalityCode: String?
    public var phone: String?
    public var gpUnitId: UUID?
    public var diagnosisGroup: DiagnosisGroup
    public var icd10: String?
    public var language: String?
    public var interpreterNeeded: Bool
    public var relatives: [Relative]
    public var sharingConsent: SharingConsent
}

/// ICD-10 codes as written in Danish records: a letter and two digits, optionally a dot and
/// up to four more characters; the SKS form with a leading D (DC341) is accepted too.
public enum ICD10 {
    public static func isWellFormed(_ code: String) -> Bool {
        var chars = Array(code)
        if chars.count >= 4, chars[0] == "D", chars[1].isLetter { chars.removeFirst() }
        guard chars.count >= 3, chars[0].isASCII, chars[0].isUppercase, chars[1].isASCII, chars[1].isNumber,
            chars[2].isASCII, chars[2].isNumber
        else { return false }
        var rest = chars.dropFirst(3)
        if rest.first == "." {
            rest = rest.dropFirst()
            if rest.isEmpty { return false }
        }
        return rest.count <= 4 && rest.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
    }
}
