import Foundation
import Testing

@testable import LindringCore

/// The HR system's staff register export: read whole, or refused with every bad line named.
@Suite struct StaffRegisterTests {
    let units: Set<String> = ["HJ-101", "RH-PAL"]

    @Test func anExportIsReadWithQuotesSemicolonsAndWindowsLineEnds() throws {
        let comma =
            "\u{FEFF}employeeNumber,name,unitCode,profession,startDate\r\n"
            + "A-1001,\"Hansen, Mette\",HJ-101,nurse,2019-08-01\r\n"
            + "1002,\"Ib \"\"Bulder\"\" Jensen\",RH-PAL,doctor,2021-02-15\r\n\r\n"
        let members = try StaffRegisterCSV.parse(comma, knownUnitCodes: units)
        #expect(members.map(\.name) == ["Hansen, Mette", "Ib \"Bulder\" Jensen"])
        #expect(
            members[0]
                == StaffMember(
                    employeeNumber: "A-1001", name: "Hansen, Mette", unitCode: "HJ-101", profession: .nurse, startDate: LocalDate("2019-08-01")!))
        let semicolon = "employeeNumber;name;unitCode;profession;startDate\n7;Eva Ek;HJ-101;socialAndHealthCareHelper;2024-01-02\n"
        #expect(try StaffRegisterCSV.parse(semicolon, knownUnitCodes: units).map(\.profession) == [.socialAndHealthCareHelper])
    }

    @Test func everyBadLineIsNamedAndNothingIsRead() {
        let text = """
            employeeNumber,name,unitCode,profession,startDate
            1,Anna,HJ-101,nurse,2020-01-01
            2,,HJ-101,nurse,2020-01-01
            3,Bo,XX-999,pilot,01-02-2020
            1,Anna igen,HJ-101,nurse,2020-01-01
            4,For få felter
            5 5,Cai,RH-PAL,doctor,2020-01-01
            """
        let failure = #expect(throws: ValidationFailure.self) { try StaffRegisterCSV.parse(text, knownUnitCodes: units) }
        #expect(
            failure?.errors == [
                FieldError("name", .required, line: 3), FieldError("unitCode", .notFound, line: 4), FieldError("profession", .invalidChoice, line: 4),
                FieldError("startDate", .invalidFormat, line: 4), FieldError("employeeNumber", .duplicate, line: 5),
                FieldError("row", .invalidFormat, line: 6),
                FieldError("employeeNumber", .invalidFormat, line: 7),
            ])
    }

    @Test(arguments: ["", "name,employeeNumber,unitCode,profession,startDate\n1,A,HJ-101,nurse,2020-01-01", "employeeNumber,name\n"])
    func aFileWithoutTheHeaderIsRefusedAtLineOne(text: String) {
        let failure = #expect(throws: ValidationFailure.self) { try StaffRegisterCSV.parse(text, knownUnitCodes: units) }
        #expect(failure?.errors.first?.line == 1)
    }
}
