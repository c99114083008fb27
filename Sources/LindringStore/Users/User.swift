import Foundation
import LindringCore

/// A user account as the rest of Lindring sees it. The password hash stays in the store.
public struct User: Equatable, Sendable {
    public var id: UUID
    public var username: String
    public var name: String
    public var profession: Profession
    public var unitId: UUID?
    public var unitCode: String?
    public var unitName: String?
    public var roles: [Role]
    public var language: String
    public var active: Bool
    /// The staff register's number for the person; nil when not linked.
    public var employeeNumber: String? = nil

    public func can(_ action: Action) -> Bool {
        active && PermissionPolicy.allows(roles, action)
    }

    /// The role named in the audit log for an action: the role that grants it, or the
    /// user's first role when the action was refused.
    public func auditRole(for action: Action) -> String? {
        (PermissionPolicy.actingRole(roles, for: action) ?? roles.first)?.rawValue
    }
}
