import Foundation
import LindringCore
import LindringStore

/// The working group's register and its communication pathways: its members read and write
/// (`manageWorkingGroupRegister`), nobody else sees the register. Every change is audited against
/// its item or pathway in the transaction that makes it; nothing here is patient data, and no
/// audit entry carries the texts.
struct RegisterService {
    let services: AppServices

    // MARK: Items

    struct Overview: Sendable {
        var upcomingMeetings: [StoredRegisterItem]
        var openRecommendations: [StoredRegisterItem]
        var recentDecisions: [StoredRegisterItem]
        var analyses: [StoredRegisterItem]
        /// The filtered list, when the overview is asked for a kind or a status.
        var filtered: [StoredRegisterItem]?
    }

    /// The overview's sections in one snapshot, or the register filtered by kind and status.
    func overview(kind: RegisterItemKind?, status: RecommendationStatus?, today: LocalDate, _ context: AppContext) async throws -> Overview {
        _ = try context.require(.manageWorkingGroupRegister)
        let filtering = kind != nil || status != nil
        return try await services.persistence.read { tx in
            Overview(
                upcomingMeetings: try await RegisterItemRepository.upcomingMeetings(from: today, on: tx),
                openRecommendations: try await RegisterItemRepository.openRecommendations(on: tx),
                recentDecisions: try await RegisterItemRepository.recent(.decision, on: tx),
                analyses: try await RegisterItemRepository.recent(.analysis, on: tx),
                filtered: filtering ? try await RegisterItemRepository.list(kind: kind, status: status, on: tx) : nil)
        }
    }

    func list(kind: RegisterItemKind?, status: RecommendationStatus?, _ context: AppContext) async throws -> [StoredRegisterItem] {
        _ = try context.require(.manageWorkingGroupRegister)
        return try await services.persistence.read { tx in try await RegisterItemRepository.list(kind: kind, status: status, on: tx) }
    }

    /// The meetings a decision can name, the latest first.
    func meetings(_ context: AppContext) async throws -> [StoredRegisterItem] {
        try await list(kind: .meeting, status: nil, context)
    }

    func item(_ id: UUID, _ context: AppContext) async throws -> StoredRegisterItem {
        _ = try context.require(.manageWorkingGroupRegister)
        return try await services.persistence.read { tx in
            guard let stored = try await RegisterItemRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return stored
        }
    }

    struct ItemPage: Sendable {
        var stored: StoredRegisterItem
        var versions: [RegisterItemVersion]
        /// A meeting's decisions.
        var decisions: [StoredRegisterItem]
        /// A decision's meeting.
        var meeting: StoredRegisterItem?
    }

    func itemPage(_ id: UUID, _ context: AppContext) async throws -> ItemPage {
        _ = try context.require(.manageWorkingGroupRegister)
        return try await services.persistence.read { tx in
            guard let stored = try await RegisterItemRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return ItemPage(
                stored: stored, versions: try await RegisterItemRepository.versions(id: id, on: tx),
                decisions: stored.item.kind == .meeting ? try await RegisterItemRepository.decisions(meetingId: id, on: tx) : [],
                meeting: try await stored.item.meetingId.asyncMap { try await RegisterItemRepository.find(id: $0, on: tx) } ?? nil)
        }
    }

    func create(_ draft: RegisterItemDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageWorkingGroupRegister)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            let id = try await Self.refusals {
                try await RegisterItemRepository.create(valid, author: RecordAuthor(user), on: tx)
            }
            try await AuditLog.append(
                context.auditRecord(
                    "workingGroup.item.create", as: .manageWorkingGroupRegister, entityType: "workingGroupItem", entityId: id.uuidString,
                    purpose: valid.kind.rawValue), on: tx)
            return id
        }
    }

    /// Saves the item as its next version; `baseVersion` (the form's, or an API client's If-Match)
    /// must still be the latest. Answers the version now current.
    @discardableResult
    func update(_ id: UUID, _ draft: RegisterItemDraft, baseVersion: Int?, _ context: AppContext) async throws -> Int {
        let user = try context.require(.manageWorkingGroupRegister)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            let version = try await Self.refusals {
                try await RegisterItemRepository.update(id: id, valid, baseVersion: baseVersion, author: RecordAuthor(user), on: tx)
            }
            try await AuditLog.append(
                context.auditRecord(
                    "workingGroup.item.update", as: .manageWorkingGroupRegister, entityType: "workingGroupItem", entityId: id.uuidString,
                    purpose: "v\(version)"), on: tx)
            return version
        }
    }

    static func refusals<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch RegisterItemRepository.Refusal.notFound {
            throw AppError.notFound
        } catch RegisterItemRepository.Refusal.stale {
            throw AppError.preconditionFailed
        } catch RegisterItemRepository.Refusal.meetingNotFound {
            throw ValidationFailure([FieldError("meetingId", .notFound)])
        } catch RegisterItemRepository.Refusal.kindChanged {
            throw ValidationFailure([FieldError("kind", .invalidChoice)])
        }
    }

    // MARK: Pathways

    func pathways(_ context: AppContext) async throws -> [StoredPathway] {
        _ = try context.require(.manageWorkingGroupRegister)
        return try await services.persistence.read { tx in try await PathwayRepository.list(on: tx) }
    }

    func pathway(_ id: UUID, _ context: AppContext) async throws -> StoredPathway {
        _ = try context.require(.manageWorkingGroupRegister)
        return try await services.persistence.read { tx in
            guard let stored = try await PathwayRepository.find(id: id, on: tx) else { throw AppError.notFound }
            return stored
        }
    }

    func createPathway(_ draft: PathwayDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageWorkingGroupRegister)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            let id = try await PathwayRepository.create(valid, author: RecordAuthor(user), on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    "workingGroup.pathway.create", as: .manageWorkingGroupRegister, entityType: "communicationPathway", entityId: id.uuidString),
                on: tx)
            return id
        }
    }

    /// Saves the pathway as its next version; `baseVersion` (the form's, or an API client's
    /// If-Match) must still be the latest. Answers the version now current.
    @discardableResult
    func updatePathway(_ id: UUID, _ draft: PathwayDraft, baseVersion: Int?, _ context: AppContext) async throws -> Int {
        let user = try context.require(.manageWorkingGroupRegister)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            let version: Int
            do {
                version = try await PathwayRepository.update(id: id, valid, baseVersion: baseVersion, author: RecordAuthor(user), on: tx)
            } catch PathwayRepository.Refusal.notFound {
                throw AppError.notFound
            } catch PathwayRepository.Refusal.stale {
                throw AppError.preconditionFailed
            }
            try await AuditLog.append(
                context.auditRecord(
                    "workingGroup.pathway.update", as: .manageWorkingGroupRegister, entityType: "communicationPathway", entityId: id.uuidString,
                    purpose: "v\(version)"), on: tx)
            return version
        }
    }

    func deletePathway(_ id: UUID, _ context: AppContext) async throws {
        _ = try context.require(.manageWorkingGroupRegister)
        try await services.persistence.write { tx in
            guard try await PathwayRepository.delete(id: id, on: tx) else { throw AppError.notFound }
            try await AuditLog.append(
                context.auditRecord(
                    "workingGroup.pathway.delete", as: .manageWorkingGroupRegister, entityType: "communicationPathway", entityId: id.uuidString),
                on: tx)
        }
    }

    /// The pathways shown as help on a page, read on their own (no patient data, no audit entry).
    static func panel(_ page: PathwayPage, _ services: AppServices) async throws -> [CommunicationPathway] {
        try await services.persistence.readEach { try await PathwayRepository.forPage(page, on: $0) }
    }
}
