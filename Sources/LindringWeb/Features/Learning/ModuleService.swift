import Foundation
import LindringCore
import LindringStore

/// E-learning: a module to read with the learner's own progress, and the progress changes
/// their device sends. Everyone signed in learns; what they send is their own.
struct ModuleService {
    let services: AppServices

    struct Page {
        var module: LearningModule
        var offerTitle: String
        var standing: ModuleViews.Standing
    }

    func page(_ id: UUID, _ context: AppContext) async throws -> Page {
        let user = try context.requireUser()
        return try await services.persistence.read { tx in
            guard let module = try await ModuleRepository.find(id: id, on: tx), let offer = try await OfferRepository.find(id: module.offerId, on: tx)
            else { throw AppError.notFound }
            let progress = try await ProgressRepository.progress(userId: user.id, moduleId: id, on: tx)
            let reflections = try await ProgressRepository.reflections(userId: user.id, moduleId: id, on: tx)
            return Page(
                module: module, offerTitle: offer.offer.title,
                standing: ModuleViews.Standing(progress: progress, reflections: reflections, complete: progress.isComplete(module.content)))
        }
    }

    /// What became of one change: stored now, or stored before (sent again); for a check, its result.
    struct Result: Sendable {
        var clientId: UUID
        var stored: Bool
        var right: Int?
        var passed: Bool?
        var moduleComplete: Bool
    }

    /// Stores the changes in one transaction, each once; a change that cannot be read refuses
    /// the whole batch with 422 naming it (`changes[2].section`), so the device keeps them all.
    func apply(_ drafts: [ProgressChangeDraft], _ context: AppContext, now: Date = Date()) async throws -> [Result] {
        let user = try context.requireUser()
        let ids = Set(drafts.compactMap { $0.moduleId.flatMap(UUID.init(uuidString:)) })
        let modules = try await services.persistence.read { tx in
            var found: [UUID: LearningModule] = [:]
            for id in ids { found[id] = try await ModuleRepository.find(id: id, on: tx) }
            return found
        }
        var changes: [ProgressChange] = []
        var errors: [FieldError] = []
        for (index, draft) in drafts.enumerated() {
            do {
                changes.append(try draft.validated(content: { modules[$0]?.content }, now: now))
            } catch {
                errors += error.errors.map { FieldError(drafts.count == 1 ? $0.field : "changes[\(index)].\($0.field)", $0.code) }
            }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let valid = changes
        return try await services.persistence.write { tx in
            var results: [Result] = []
            for change in valid {
                guard let module = modules[change.moduleId] else { throw AppError.notFound }
                let stored = try await ProgressRepository.apply(change, userId: user.id, module: module, now: now, on: tx)
                let score = change.answers.map { module.content.score($0) }
                let progress = try await ProgressRepository.progress(userId: user.id, moduleId: module.id, on: tx)
                results.append(
                    Result(
                        clientId: change.clientId, stored: stored, right: score?.right, passed: score?.passed,
                        moduleComplete: progress.isComplete(module.content)))
            }
            return results
        }
    }
}

/// `POST /api/v1/learning/progress`: one change, or a device's queue as `{"changes": […]}`.
struct ProgressInput: Decodable {
    var changes: [ProgressChangeDraft]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.changes) {
            changes = try container.decode([ProgressChangeDraft].self, forKey: .changes)
        } else {
            changes = [try ProgressChangeDraft(from: decoder)]
        }
    }

    enum CodingKeys: String, CodingKey { case changes }
}

struct ProgressResultDTO: NullPreservingEncodable {
    var clientId: UUID
    /// `stored` the first time, `duplicate` when it was sent before.
    var status: String
    var right: Int?
    var passed: Bool?
    var moduleComplete: Bool

    init(_ result: ModuleService.Result) {
        clientId = result.clientId
        status = result.stored ? "stored" : "duplicate"
        right = result.right
        passed = result.passed
        moduleComplete = result.moduleComplete
    }
}

/// The form a module's page posts without script: one change.
struct ProgressForm {
    let fields: FormData

    init(_ fields: FormData) {
        self.fields = fields
    }

    var kind: String? { fields["kind"] }
    var section: String? { fields["section"] }
    var question: String? { fields["question"] }

    func draft(moduleId: UUID, questions: Int) -> ProgressChangeDraft {
        ProgressChangeDraft(
            clientId: fields["clientId"], moduleId: moduleId.uuidString, kind: kind, section: section.flatMap { Int($0) },
            question: question.flatMap { Int($0) }, text: fields["text"],
            answers: kind == ProgressChange.Kind.checkAnswers.rawValue ? (0..<questions).map { fields["answers[\($0)]"].flatMap { Int($0) } } : nil)
    }
}
