import LindringCore
import SQLKit

extension SQLRow {
    /// A stored enum value; one the code no longer knows is a data error, not something to hide.
    func decodeEnum<T: RawRepresentable>(column: String) throws -> T where T.RawValue == String {
        let raw = try decode(column: column, as: String.self)
        guard let value = T(rawValue: raw) else { throw UnknownStoredValue(column: column, value: raw) }
        return value
    }

    func decodeEnum<T: RawRepresentable>(column: String) throws -> T? where T.RawValue == String {
        try decodeNil(column: column) ? nil : decodeEnum(column: column) as T
    }

    /// A day stored as `YYYY-MM-DD` text.
    func decodeDate(column: String) throws -> LocalDate {
        let raw = try decode(column: column, as: String.self)
        guard let date = LocalDate(raw) else { throw UnknownStoredValue(column: column, value: raw) }
        return date
    }

    func decodeDate(column: String) throws -> LocalDate? {
        try decodeNil(column: column) ? nil : decodeDate(column: column) as LocalDate
    }
}

public struct UnknownStoredValue: Error, CustomStringConvertible {
    public let column: String
    public let value: String
    public var description: String { "The stored \(column) \"\(value)\" is not a known value." }
}
