import Foundation
import Testing

@testable import LindringWeb

@Suite struct CSVWriterTests {
    /// value → field, for a Danish spreadsheet and for systems.
    static let fields: [(value: CSVValue, spreadsheet: String, system: String)] = [
        (.text("Pårørende"), "Pårørende", "Pårørende"),
        (.text("a;b"), "\"a;b\"", "a;b"),
        (.text("a,b"), "a,b", "\"a,b\""),
        (.text("sagde \"nej\""), "\"sagde \"\"nej\"\"\"", "\"sagde \"\"nej\"\"\""),
        (.text("to\nlinjer"), "\"to\nlinjer\"", "\"to\nlinjer\""),
        (.text("=SUM(A1)"), "'=SUM(A1)", "=SUM(A1)"),
        (.text("-3"), "'-3", "-3"),
        (.integer(1234), "1234", "1234"),
        (.integer(-2), "-2", "-2"),
        (.decimal(Decimal(string: "13.6")!), "13,6", "13.6"),
        (.decimal(Decimal(string: "0.4567")!), "0,4567", "0.4567"),
        (.decimal(Decimal(70)), "70", "70"),
        (.empty, "", ""),
    ]

    @Test(arguments: fields.indices) func aFieldIsWrittenForEachFormat(_ index: Int) {
        // given
        let row = Self.fields[index]
        // when
        let spreadsheet = CSVWriter(.danishSpreadsheet).field(row.value)
        let system = CSVWriter(.system).field(row.value)
        // then
        #expect(spreadsheet == row.spreadsheet)
        #expect(system == row.system)
    }

    @Test func aSpreadsheetFileStartsWithTheByteOrderMarkAndSeparatesBySemicolon() {
        // given
        var csv = CSVWriter(.danishSpreadsheet)
        // when
        csv.row(["Afsnit", "Værdi"])
        csv.row(["Andel", .decimal(Decimal(string: "0.5")!)])
        // then
        #expect(Array(csv.text.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.text == "\u{FEFF}Afsnit;Værdi\r\nAndel;0,5\r\n")
    }

    @Test func aSystemFileHasNoByteOrderMarkAndSeparatesByComma() {
        // given
        var csv = CSVWriter(.system)
        // when
        csv.row(["section", "value"])
        csv.row(["share", .decimal(Decimal(string: "0.5")!)])
        // then
        #expect(csv.text == "section,value\r\nshare,0.5\r\n")
    }
}

@Suite struct StatisticsCSVTests {
    @Test func theStatisticsDownloadOpensInADanishSpreadsheetAndTheSystemExportKeepsItsFormat() async throws {
        try await TestApp.run { app in
            // given
            try await app.createUser("frida", roles: [.finance], unit: nil)
            let finance = try await app.login("frida")
            // when
            let page = try await app.get("/advisory/statistics?from=2026-11-01&to=2026-11-30", finance)
            let spreadsheet = try await app.get("/advisory/statistics.csv?from=2026-11-01&to=2026-11-30", finance)
            let system = try await app.get("/advisory/statistics.csv?from=2026-11-01&to=2026-11-30&lang=en", finance)
            // then
            #expect(page.text.contains("lang=en"), "the page links to both exports")
            #expect(spreadsheet.headers[.contentType] == "text/csv; charset=utf-8")
            let danish = spreadsheet.text
            #expect(danish.hasPrefix("\u{FEFF}Afsnit;Emne;Værdi\r\n"))
            #expect(danish.contains("Overblik;Kontakter i alt;0\r\n"))
            #expect(danish.contains("Hvem ringer;Pårørende;0\r\n"))
            #expect(danish.contains("Ugedag og time;Mandag 00;0\r\n"))
            #expect(system.text.hasPrefix("section,key,value\r\nrange,from,2026-11-01\r\n"))
            #expect(system.text.contains("summary,total,0\r\n"))
            #expect(system.text.contains("weekdayHour,1-00,0\r\n"))
            #expect(system.headers[.contentDisposition]?.contains("-en.csv") == true)
        }
    }
}
