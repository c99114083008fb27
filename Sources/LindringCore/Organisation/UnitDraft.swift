import Foundation

/// What a user types to add or change a unit of the organisation register.
public struct UnitDraft: Equatable, Sendable {
    public var code: String
    public var name: String
    public var kind: String
    public var sector: String
    public var parentCode: String?
    public var dayPhone: String?
    public var outOfHoursPhone: String?
    public var sorCode: String?
    /// The unit's location number (EAN/GLN, 13 digits) in the national messaging network, which
    /// MedCom messages are addressed to beside the SOR code.
    public var eanCode: String?
    /// The unit that carries this one on after a merger (its code), from `successorFrom`.
    public var successorCode: String?
    public var successorFrom: String?

    public init(
        code: String = "", name: String = "", kind: String = "", sector: String = "", parentCode: String? = nil,
        dayPhone: String? = nil, outOfHoursPhone: String? = nil, sorCode: String? = nil, eanCode: String? = nil,
        successorCode: String? = nil, successorFrom: String? = nil
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.sector = sector
        self.parentCode = parentCode
        self.dayPhone = dayPhone
        self.outOfHoursPhone = outOfHoursPhone
        self.sorCode = sorCode
        self.eanCode = eanCode
        self.successorCode = successorCode
        self.successorFrom = successorFrom
    }

    /// Checks the draft on its own; whether the code is free and the parent exists is the store's part.
    public func validated() throws(ValidationFailure) -> ValidUnit {
        var v = Validator()
        let code = v.requiredText("code", code, maxLength: 40)
        if !code.isEmpty, !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            v.add("code", .invalidFormat)
        }
        let name = v.requiredText("name", name, maxLength: 200)
        let kind = v.choice("kind", kind, as: UnitKind.self)
        let sector = v.choice("sector", sector, as: Sector.self)
        let parent = v.optionalText("parentCode", parentCode, maxLength: 40)
        if let parent, parent == code { v.add("parentCode", .cycle) }
        let day = PhoneNumber.check("dayPhone", dayPhone, &v)
        let night = PhoneNumber.check("outOfHoursPhone", outOfHoursPhone, &v)
        let sor = v.optionalText("sorCode", sorCode, maxLength: 18)
        if let sor, sor.count < 6 || !sor.allSatisfy({ $0.isASCII && $0.isNumber }) {
            v.add("sorCode", .invalidFormat)
        }
        let ean = v.optionalText("eanCode", eanCode, maxLength: 13)
        if let ean, ean.count != 13 || !ean.allSatisfy({ $0.isASCII && $0.isNumber }) { v.add("eanCode", .invalidFormat) }
        let successor = v.optionalText("successorCode", successorCode, maxLength: 40)
        if let successor, successor == code { v.add("successorCode", .cycle) }
        let successorFrom = v.localDate("successorFrom", successorFrom, required: successor != nil)
        if successor == nil, successorFrom != nil { v.add("successorCode", .required) }
        try v.check()
        return ValidUnit(
            code: code, name: name, kind: kind!, sector: sector!, parentCode: parent,
            dayPhone: day, outOfHoursPhone: night, sorCode: sor, eanCode: ean, successorCode: successor, successorFrom: successorFrom)
    }
}

/// A unit draft that passed validation, with its text trimmed and its choices parsed.
public struct ValidUnit: Equatable, Sendable {
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var sector: Sector
    public var parentCode: String?
    public var dayPhone: String?
    public var outOfHoursPhone: String?
    public var sorCode: String?
    public var eanCode: String?
    public var successorCode: String?
    public var successorFrom: LocalDate?

    public init(
        code: String, name: String, kind: UnitKind, sector: Sector, parentCode: String? = nil,
        dayPhone: String? = nil, outOfHoursPhone: String? = nil, sorCode: String? = nil, eanCode: String? = nil,
        successorCode: String? = nil, successorFrom: LocalDate? = nil
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.sector = sector
        self.parentCode = parentCode
        self.dayPhone = dayPhone
        self.outOfHoursPhone = outOfHoursPhone
        self.sorCode = sorCode
        self.eanCode = eanCode
        self.successorCode = successorCode
        self.successorFrom = successorFrom
    }
}
