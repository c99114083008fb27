import Foundation

/// Who saved a record (a contact, a family case, an application) or closed a task, as the
/// record keeps their name: the name stays as it was when they wrote it.
public struct RecordAuthor: Equatable, Sendable {
    public var userId: UUID
    public var name: String

    public init(userId: UUID, name: String) {
        self.userId = userId
        self.name = name
    }
}
