import Foundation

/// Where Lindring keeps its data, parsed from `DATABASE_URL`.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    /// An embedded SQLite file; the path is absolute or relative to the working directory.
    case sqlite(path: String)
    /// A PostgreSQL server; `schema` (tests only) isolates one test's tables.
    case postgres(url: String, schema: String? = nil)

    public static let defaultURL = "sqlite://data/lindring.sqlite"

    public struct InvalidURL: Error, CustomStringConvertible {
        public let description: String
    }

    /// `sqlite://relative/path`, `sqlite:///absolute/path`, `postgres://user:pass@host:port/db`
    /// (or `postgresql://`).
    public init(url: String) throws {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw InvalidURL(description: "DATABASE_URL \(url) names no file") }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard URL(string: url)?.host != nil else {
                throw InvalidURL(description: "DATABASE_URL is not a valid postgres:// URL")
            }
            self = .postgres(url: url)
        } else {
            throw InvalidURL(description: "DATABASE_URL must start with sqlite:// or postgres:// (got \(url.prefix(12))…)")
        }
    }

    public var isSQLite: Bool {
        if case .sqlite = self { return true }
        return false
    }

    /// Never shows a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let url, let schema):
            var components = URLComponents(string: url)
            if components?.password != nil { components?.password = "***" }
            return (components?.string ?? "postgres://…") + (schema.map { " (schema \($0))" } ?? "")
        }
    }
}
