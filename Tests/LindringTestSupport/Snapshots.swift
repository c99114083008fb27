@testable import LindringStore

extension Persistence {
    /// What a test reads to check the outcome, outside any request: each statement on a
    /// connection of the pool, seeing the latest commit. Production code reads through
    /// `read`, `readEach` or `readAudited`.
    public var snapshot: ReadSnapshot { ReadSnapshot(sql) }
}

extension Persistence {
    /// A test's setup writing straight to the database, each statement on its own, outside the
    /// writer and without an audit key (an audit entry appended through it fails). Production
    /// code writes only through `write` and `writeAlone`.
    public var outsideWriter: WriteTransaction { WriteTransaction(sql) }
}
