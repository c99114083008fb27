import Foundation
import SQLKit

/// Values stored as JSON text (plans, relatives, answers, scores, checklists).
enum JSONColumn {
    /// Sorted keys, so that equal values are stored as equal text.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension SQLRow {
    /// A column that holds JSON text, decoded.
    func decodeJSON<T: Decodable>(_ type: T.Type, column: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try decode(column: column, as: String.self).utf8))
    }
}
