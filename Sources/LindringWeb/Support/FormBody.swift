import Foundation
import Hummingbird
import LindringCore
import NIOCore

/// Reads request bodies into `Decodable` values: `application/x-www-form-urlencoded` with
/// Hummingbird's `URLEncodedFormDecoder`, `application/json` with `JSONDecoder`. It is the app's
/// `requestDecoder`, so a controller reads its form with `request.decode(as:context:)`.
///
/// A form's field names are what the decoder reads: nesting with brackets (`followUp[unitId]`),
/// a checkbox group or multi-select as an array (`reasons[]`). The decoder cannot read arrays of
/// rows (`careTeam[0][unitId]`), so repeating groups are sent column by column
/// (`careTeam[unitId][0]`, see `FormRows`); `FormName` turns a field's path into its name.
/// Bad input is a 400 whose message never repeats what was sent (free text, CPR numbers).
public struct AppRequestDecoder: RequestDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            return try FormBody.decode(T.self, from: try await request.body.collect(upTo: context.maxUploadSize))
        }
        if contentType.hasPrefix("application/json") {
            return try JSONBody(buffer: try await request.body.collect(upTo: context.maxUploadSize)).decode(T.self)
        }
        throw AppError.unsupportedMediaType
    }
}

/// A form whose blank controls are absent values: a text left empty, the "not stated" choice
/// of a select, are decoded as nil, so that the form can be read straight into a Core draft
/// whose optional values (`Bool?`, `InstantInput?`) have no text for "nothing".
protocol BlankMeansAbsent {}

enum FormBody {
    /// Instants in forms are `datetime-local` fields (`InstantInput.copenhagen`).
    static let decoder = URLEncodedFormDecoder(userInfo: [InstantInput.typedInForm: true])

    /// An urlencoded body as `T`; a body the decoder cannot read (a malformed escape, a field
    /// sent twice, the wrong shape) → 400.
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        var body = String(buffer: buffer)
        if T.self is any BlankMeansAbsent.Type { body = withoutBlanks(body) }
        do {
            return try decoder.decode(T.self, from: body)
        } catch {
            throw AppError.badRequest("The form could not be read.")
        }
    }

    /// The body without its `name=` pairs whose value is empty.
    static func withoutBlanks(_ body: String) -> String {
        body.split(separator: "&").filter { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[1].isEmpty
        }.joined(separator: "&")
    }
}

/// The one field the CSRF check reads from a form: the rest is left to the controller.
struct CSRFField: Decodable {
    var csrf: String?
}

/// The name a form control is sent under, from its field path (its id and the key of its
/// errors, as Core names them): `followUp.unitId` → `followUp[unitId]`,
/// `careTeam[1].unitId` → `careTeam[unitId][1]`.
enum FormName {
    static func of(_ field: String) -> String {
        if let row = row(field) { return "\(row.list)[\(row.field)][\(row.index)]" }
        let parts = field.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return field }
        return parts[0] + parts.dropFirst().map { "[\($0)]" }.joined()
    }

    /// The name of a checkbox group or multi-select: each ticked value is one element.
    static func list(_ field: String) -> String { of(field) + "[]" }

    /// `medications[0].drug` → ("medications", 0, "drug"); nil for a field outside a repeating group.
    static func row(_ field: String) -> (list: String, index: Int, field: String)? {
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"), open < close,
            let index = Int(field[field.index(after: open)..<close]), field[field.index(after: close)...].hasPrefix(".")
        else { return nil }
        return (String(field[..<open]), index, String(field[field.index(close, offsetBy: 2)...]))
    }
}

/// A repeating group of a form (care team, medications), sent column by column: each field's
/// values in row order (`careTeam[unitId][0]`, `careTeam[unitId][1]`). A checkbox in a row is
/// sent only when ticked, so its column lists the rows whose box is ticked
/// (`medications[availableInHome][]=1`).
struct FormRows: Decodable, Sendable {
    static let maxRows = 40
    let columns: [String: [String]]

    init(from decoder: any Decoder) throws {
        columns = try [String: [String]](from: decoder)
    }

    init() { columns = [:] }

    /// Rows 0 up to the longest column (at most `maxRows`).
    var count: Int { min(columns.values.map(\.count).max() ?? 0, Self.maxRows) }

    subscript(_ index: Int, _ field: String) -> String? {
        guard let column = columns[field], index < column.count else { return nil }
        return column[index]
    }

    /// Whether the row's checkbox `field` is ticked.
    func isTicked(_ index: Int, _ field: String) -> Bool {
        columns[field]?.contains(String(index)) ?? false
    }

    /// Each row read by `make`, which takes a field's value by name.
    func map<T>(_ make: (_ index: Int, _ value: (String) -> String?) -> T) -> [T] {
        (0..<count).map { index in make(index) { self[index, $0] } }
    }
}
