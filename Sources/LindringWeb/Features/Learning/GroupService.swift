import Foundation
import LindringCore
import LindringStore

/// Workshop groups: the facilitator (an educator) opens a group on a session for one module's
/// case and shows its code; participants join with the code, work the same case and read each
/// other's reflections, which no one outside the group sees; closing the group records everyone
/// who joined as present at the session.
struct GroupService {
    let services: AppServices

    struct Page {
        var group: LearningGroup
        var caseTitle: String
        var caseSection: ModuleContent.Section
        var moduleTitle: String
        var members: [(id: UUID, name: String)]
        var reflections: [GroupReflection]
        var isFacilitator: Bool
    }

    struct OpenInput: Codable, Sendable {
        /// `moduleId:section` as the form's select sends it.
        var caseId: String?
    }

    func open(sessionId: UUID, _ input: OpenInput, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageTraining)
        let parts = (input.caseId ?? "").split(separator: ":")
        guard parts.count == 2, let moduleId = UUID(uuidString: String(parts[0])), let section = Int(parts[1]) else {
            throw AppError.validation([FieldError("caseId", isBlankText(input.caseId) ? .required : .invalidFormat)])
        }
        return try await services.persistence.write { tx in
            guard let session = try await LearningSessionRepository.find(id: sessionId, on: tx) else { throw AppError.notFound }
            guard session.cancelledAt == nil else { throw AppError.conflict("The session is cancelled.") }
            guard SessionTiming.mayOpenGroup(startsAt: session.session.startsAt, endsAt: session.session.endsAt, now: Date()) else {
                throw AppError.conflict("A group is opened on the session's day, until it ends.")
            }
            guard let module = try await ModuleRepository.find(id: moduleId, on: tx), module.content.sections.indices.contains(section),
                module.content.sections[section].kind == .case
            else { throw AppError.validation([FieldError("caseId", .notFound)]) }
            let id = try await GroupRepository.open(sessionId: sessionId, moduleId: moduleId, section: section, facilitator: user.id, on: tx)
            try await GroupRepository.join(groupId: id, userId: user.id, on: tx)
            try await AuditLog.append(
                context.auditRecord("learning.group.open", as: .manageTraining, entityType: "learningGroup", entityId: id.uuidString), on: tx)
            return id
        }
    }

    /// Joins the open group the code names; joining twice is harmless.
    func join(code typed: String?, _ context: AppContext) async throws -> UUID {
        let user = try context.requireUser()
        guard let code = ShortCode.normalized(typed ?? "", length: GroupRepository.codeLength) else {
            throw AppError.validation([FieldError("code", isBlankText(typed) ? .required : .invalidFormat)])
        }
        return try await services.persistence.write { tx in
            guard let group = try await GroupRepository.findOpen(code: code, on: tx) else {
                throw AppError.validation([FieldError("code", .notFound)])
            }
            try await GroupRepository.join(groupId: group.id, userId: user.id, on: tx)
            try await AuditLog.append(
                context.auditRecord("learning.group.join", entityType: "learningGroup", entityId: group.id.uuidString), on: tx)
            return group.id
        }
    }

    /// The group's page, for its members only.
    func page(_ id: UUID, _ context: AppContext) async throws -> Page {
        let user = try context.requireUser()
        return try await services.persistence.read { tx in
            guard let group = try await GroupRepository.find(id: id, on: tx),
                let module = try await ModuleRepository.find(id: group.moduleId, on: tx),
                module.content.sections.indices.contains(group.section)
            else { throw AppError.notFound }
            guard try await GroupRepository.isMember(groupId: id, userId: user.id, on: tx) else { throw AppError.forbidden }
            let section = module.content.sections[group.section]
            return Page(
                group: group, caseTitle: section.title, caseSection: section, moduleTitle: module.content.title,
                members: try await GroupRepository.members(groupId: id, on: tx),
                reflections: try await GroupRepository.reflections(groupId: id, on: tx),
                isFacilitator: group.facilitatorId == user.id)
        }
    }

    func reflect(_ id: UUID, _ draft: GroupReflectionDraft, _ context: AppContext) async throws {
        let user = try context.requireUser()
        try await services.persistence.write { tx in
            guard let group = try await GroupRepository.find(id: id, on: tx),
                let module = try await ModuleRepository.find(id: group.moduleId, on: tx),
                module.content.sections.indices.contains(group.section)
            else { throw AppError.notFound }
            guard try await GroupRepository.isMember(groupId: id, userId: user.id, on: tx) else { throw AppError.forbidden }
            guard group.closedAt == nil else { throw AppError.conflict("The group is closed.") }
            let valid = try draft.validated(questions: module.content.sections[group.section].questions.count)
            try await GroupRepository.addReflection(groupId: id, userId: user.id, question: valid.question, text: valid.text, on: tx)
            try await AuditLog.append(
                context.auditRecord("learning.group.reflect", entityType: "learningGroup", entityId: id.uuidString), on: tx)
        }
    }

    /// Closes the group and records its members, the facilitator aside, as present at the session.
    func close(_ id: UUID, _ context: AppContext, now: Date = Date()) async throws -> Int {
        let user = try context.require(.manageTraining)
        return try await services.persistence.write { tx in
            guard let group = try await GroupRepository.find(id: id, on: tx) else { throw AppError.notFound }
            guard group.facilitatorId == user.id else { throw AppError.forbidden }
            guard try await GroupRepository.close(groupId: id, now: now, on: tx) else { throw AppError.conflict("The group is closed already.") }
            let present = Set(try await GroupRepository.members(groupId: id, on: tx).map(\.id)).subtracting([group.facilitatorId])
            _ = try await AttendanceRepository.record(
                sessionId: group.sessionId, present: present, replacing: false, author: RecordAuthor(user), now: now, on: tx)
            try await AuditLog.append(
                context.auditRecord(
                    "learning.group.close", as: .manageTraining, entityType: "learningGroup", entityId: id.uuidString,
                    purpose: "\(present.count) present"), on: tx)
            return present.count
        }
    }
}
