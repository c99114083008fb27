import Foundation
import SQLKit

/// Rows for one or more tables, written as multi-row INSERTs. The repositories describe a
/// record's rows once (`rows(…, into:)`); saving one record and loading a region's worth of
/// synthetic data both go through here, so the two cannot encode a column differently.
public struct RowBatch: Sendable {
    struct Table: Sendable {
        let columns: [String]
        /// `INSERT INTO "table" ("a", "b") VALUES `, written once per table.
        let insert: String
        var rows: [[any SQLExpression]] = []

        init(_ name: String, columns: [String]) {
            self.columns = columns
            insert = "INSERT INTO \(Self.quoted(name)) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES "
        }

        /// Table and column names come from the repositories, never from input; a quote in one
        /// is a programming error.
        private static func quoted(_ name: String) -> String {
            precondition(!name.contains("\""), "a quote in the identifier \(name)")
            return "\"\(name)\""
        }
    }

    /// Tables in the order their first row was added, which is the order foreign keys need.
    private var order: [String] = []
    private var tables: [String: Table] = [:]

    /// SQLite allows 32,766 parameters in a statement and PostgreSQL 65,535.
    static let maxParameters = 30_000

    public init() {}

    public var rowCount: Int { tables.values.reduce(0) { $0 + $1.rows.count } }

    public mutating func add(_ table: String, _ columns: [String], _ row: [any SQLExpression]) {
        precondition(columns.count == row.count, "\(table): \(columns.count) columns, \(row.count) values")
        if tables[table] == nil {
            order.append(table)
            tables[table] = Table(table, columns: columns)
        }
        tables[table]!.rows.append(row)
    }

    /// Inserts every row, table by table, in as few statements as the parameter limit allows.
    /// The statement is SQL text, not SQLKit's insert builder: the builder quotes every column
    /// name on every call, which was a sixth of a contact's CPU with its audit entry.
    public func write(on tx: WriteTransaction) async throws {
        try await write(on: tx.sql)
    }

    func write(on sql: any SQLDatabase) async throws {
        for name in order {
            guard let table = tables[name], !table.rows.isEmpty else { continue }
            let perStatement = max(1, Self.maxParameters / table.columns.count)
            for start in stride(from: 0, to: table.rows.count, by: perStatement) {
                let rows = table.rows[start..<min(start + perStatement, table.rows.count)].map { SQLQueryString("(\(SQLKit.SQLList($0)))") }
                try await sql.raw(SQLQueryString(table.insert) + rows.joined(separator: ", ")).run()
            }
        }
    }
}
