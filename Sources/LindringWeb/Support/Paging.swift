import Foundation
import LindringCore

/// The API's list convention: `{"items": [...], "next": cursor-or-null}`.
struct Page<Item: Encodable>: NullPreservingEncodable {
    var items: [Item]
    var next: String?
}

/// An opaque page cursor for keyset paging: the sort value of the last item and its id.
struct PageCursor {
    let text: String
    let id: UUID

    init(text: String, id: UUID) {
        self.text = text
        self.id = id
    }

    /// For lists sorted by a time: the time in whole milliseconds.
    init(instant: Date, id: UUID) {
        self.init(text: String(Int64((instant.timeIntervalSince1970 * 1000).rounded())), id: id)
    }

    func instant() throws -> (at: Date, id: UUID) {
        guard let ms = Int64(text) else { throw ValidationFailure([FieldError("cursor", .invalidFormat)]) }
        return (Date(timeIntervalSince1970: Double(ms) / 1000), id)
    }

    var encoded: String {
        Data("\(text)\u{1F}\(id.uuidString)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) throws -> PageCursor {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw ValidationFailure([FieldError("cursor", .invalidFormat)])
        }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard parts.count == 2, let id = UUID(uuidString: String(parts[1])), !TextInput.hasControlCharacters(String(parts[0])) else {
            throw ValidationFailure([FieldError("cursor", .invalidFormat)])
        }
        return PageCursor(text: String(parts[0]), id: id)
    }
}

enum Pagination {
    static let defaultLimit = 50
    static let maxLimit = 200

    static func parse(_ query: FormData) throws(ValidationFailure) -> (limit: Int, cursor: String?) {
        var v = Validator()
        var limit = defaultLimit
        if let raw = query["limit"] {
            if let n = Int(raw), (1...maxLimit).contains(n) { limit = n } else { v.add("limit", .invalidFormat) }
        }
        let cursor = query["cursor"]
        if let cursor, cursor.isEmpty || cursor.count > 100 || TextInput.hasControlCharacters(cursor) { v.add("cursor", .invalidFormat) }
        try v.check()
        return (limit, cursor)
    }
}
