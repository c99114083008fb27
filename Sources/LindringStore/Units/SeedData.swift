import Foundation
import LindringCore

/// The real structure of the Capital Region that ships with Lindring: hospitals and their
/// palliative teams, hospices, the advisory line, the paediatric team, the education unit,
/// the administration, and the home care of each of the 29 municipalities. Phone numbers
/// are left for administrators to enter: a wrong number in a clinical directory is worse
/// than none.
public enum SeedData {
    public static func capitalRegionUnits() throws -> [ValidUnit] {
        let units = try rows(of: "units").map { row in
            try UnitDraft(
                code: row["code"] ?? "", name: row["name"] ?? "", kind: row["kind"] ?? "",
                sector: row["sector"] ?? "", parentCode: row["parent_code"], sorCode: row["sor_code"]
            ).validated()
        }
        let homeCare = try rows(of: "municipalities").map { row in
            let code = row["code"] ?? ""
            let municipality = row["name"] ?? ""
            return try UnitDraft(
                code: "HJ-\(code)", name: "Hjemmeplejen, \(municipality) Kommune", kind: UnitKind.homeCare.rawValue,
                sector: Sector.municipality.rawValue
            ).validated()
        }
        return units + homeCare
    }

    public struct MissingResource: Error, CustomStringConvertible {
        public let description: String
    }

    static func rows(of name: String) throws -> [[String: String]] {
        guard
            let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: "csv")
        else {
            throw MissingResource(description: "seed file \(name).csv is missing from the LindringStore bundle")
        }
        let records = CSV.parse(try String(contentsOf: url, encoding: .utf8))
        guard let header = records.first else { return [] }
        return records.dropFirst().filter { $0 != [""] }.map { fields in
            Dictionary(uniqueKeysWithValues: zip(header, fields).map { ($0, $1) })
        }
    }
}

/// Just enough RFC 4180 for the seed files: commas, double-quoted fields, "" inside quotes.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
