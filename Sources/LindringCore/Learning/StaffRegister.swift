import Foundation

/// One employee as the HR system's export lists them: the denominator of coverage, beyond the
/// people who have signed in to Lindring.
public struct StaffMember: Equatable, Sendable {
    public var employeeNumber: String
    public var name: String
    public var unitCode: String
    public var profession: Profession
    public var startDate: LocalDate

    public init(employeeNumber: String, name: String, unitCode: String, profession: Profession, startDate: LocalDate) {
        self.employeeNumber = employeeNumber
        self.name = name
        self.unitCode = unitCode
        self.profession = profession
        self.startDate = startDate
    }
}

/// The HR system's CSV export (`employeeNumber,name,unitCode,profession,startDate`, comma or
/// semicolon separated, quoted fields allowed). A file with any bad line is refused whole, every
/// bad line named with its number, so an import never stores half a register.
public enum StaffRegisterCSV {
    public static let header = ["employeeNumber", "name", "unitCode", "profession", "startDate"]
    public static let maxRows = 200_000

    public static func parse(_ text: String, knownUnitCodes: Set<String>) throws(ValidationFailure) -> [StaffMember] {
        let csv = try CSVText(text, expectedHeader: header)
        guard csv.lines.count <= maxRows else { throw ValidationFailure([FieldError("rows", .outOfRange, line: maxRows + 2)]) }
        var errors: [FieldError] = []
        var members: [StaffMember] = []
        var seen: Set<String> = []
        for line in csv.lines {
            let number = line.number, values = line.fields
            guard values.count == header.count else {
                errors.append(FieldError("row", .invalidFormat, line: number))
                continue
            }
            var v = Validator()
            let employeeNumber = v.employeeNumber("employeeNumber", values[0])
            if seen.contains(employeeNumber) { v.add("employeeNumber", .duplicate) }
            let name = v.requiredText("name", values[1], maxLength: 200)
            let unitCode = values[2]
            if unitCode.isEmpty { v.add("unitCode", .required) } else if !knownUnitCodes.contains(unitCode) { v.add("unitCode", .notFound) }
            let profession = v.choice("profession", values[3], as: Profession.self)
            let startDate = v.localDate("startDate", values[4], required: true)
            if v.errors.isEmpty, let profession, let startDate {
                seen.insert(employeeNumber)
                members.append(
                    StaffMember(employeeNumber: employeeNumber, name: name, unitCode: unitCode, profession: profession, startDate: startDate))
            } else {
                errors += v.errors.map { FieldError($0.field, $0.code, line: number) }
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return members
    }
}
