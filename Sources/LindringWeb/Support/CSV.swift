import Foundation
import Hummingbird
import NIOCore

/// How a CSV file is written: for a Danish spreadsheet (`;`, decimal comma, UTF-8 with a byte
/// order mark, so that Excel reads "æøå" and numbers right on opening it), or for other systems
/// (`,`, decimal point, no BOM: the format the exports have always had).
struct CSVFormat: Equatable, Sendable {
    var separator: Character
    var decimalComma: Bool
    var byteOrderMark: Bool

    static let danishSpreadsheet = CSVFormat(separator: ";", decimalComma: true, byteOrderMark: true)
    static let system = CSVFormat(separator: ",", decimalComma: false, byteOrderMark: false)
}

/// One field of a CSV row. Numbers are given as numbers, so that the format decides the decimal mark.
enum CSVValue: Equatable, Sendable, ExpressibleByStringLiteral {
    case text(String)
    case integer(Int)
    case decimal(Decimal)
    case empty

    init(stringLiteral value: String) { self = .text(value) }
}

/// Writes CSV (RFC 4180: CRLF line ends, a field quoted when it holds the separator, a quote or
/// a line break, quotes doubled). The one place exports are written, in either `CSVFormat`.
struct CSVWriter {
    let format: CSVFormat
    private(set) var lines: [String] = []

    init(_ format: CSVFormat) {
        self.format = format
    }

    mutating func row(_ values: [CSVValue]) {
        lines.append(values.map(field).joined(separator: String(format.separator)))
    }

    func field(_ value: CSVValue) -> String {
        switch value {
        case .empty: return ""
        case .integer(let n): return String(n)
        case .decimal(let d):
            let text = d.description
            return format.decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text
        case .text(var text):
            // A spreadsheet runs a cell that starts like a formula; such text is shown as text.
            if format == .danishSpreadsheet, let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                text = "'" + text
            }
            let needsQuotes = text.contains(format.separator) || text.contains("\"") || text.contains("\n") || text.contains("\r")
            return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }

    /// The file's text: the BOM if the format has one, every row ended by CRLF.
    var text: String {
        (format.byteOrderMark ? "\u{FEFF}" : "") + lines.map { $0 + "\r\n" }.joined()
    }

    /// The file as a download.
    func response(filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(filename)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
