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

    /// What became of one change: stored now, stored before (sent again), or refused with why;
    /// for a check, its result as stored.
    struct Result: Sendable {
        enum Status: String { case stored, duplicate, rejected }
        var clientId: String
        var status: Status
        var right: Int? = nil
        var passed: Bool? = nil
        var moduleComplete = false
        var errors: [FieldError]? = nil
    }

    /// Stores the changes in one transaction, each once. One change alone that cannot be read is
    /// refused with 422; in a device's queue (`batch`) it is answered `rejected` with its errors
    /// and the rest are stored, so one bad change never holds back the others for good.
    func apply(_ drafts: [ProgressChangeDraft], batch: Bool, _ context: AppContext, now: Date = Date()) async throws -> [Result] {
        let user = try context.requireUser()
        let ids = Set(drafts.compactMap { $0.moduleId.flatMap(UUID.init(uuidString:)) })
        let modules = try await services.persistence.read { tx in
            var found: [UUID: LearningModule] = [:]
            for id in ids { found[id] = try await ModuleRepository.find(id: id, on: tx) }
            return found
        }
        // Each draft in order: the valid change, or its refusal.
        var checked: [Result.Outcome] = []
        for draft in drafts {
            do {
                checked.append(.valid(try draft.validated(content: { modules[$0]?.content }, now: now)))
            } catch {
                if !batch { throw AppError.validation(error.errors) }
                checked.append(.rejected(Result(clientId: draft.clientId ?? "", status: .rejected, errors: error.errors)))
            }
        }
        let outcomes = checked
        return try await services.persistence.write { tx in
            var results: [Result] = []
            for outcome in outcomes {
                guard case .valid(let change) = outcome else {
                    if case .rejected(let result) = outcome { results.append(result) }
                    continue
                }
                guard let module = modules[change.moduleId] else { throw AppError.notFound }
                let stored = try await ProgressRepository.apply(change, userId: user.id, module: module, now: now, on: tx)
                // A check sent again answers with the result stored the first time.
                let score = try await ProgressRepository.storedScore(clientId: change.clientId, on: tx)
                let progress = try await ProgressRepository.progress(userId: user.id, moduleId: module.id, on: tx)
                results.append(
                    Result(
                        clientId: change.clientId.uuidString, status: stored ? .stored : .duplicate, right: score?.right, passed: score?.passed,
                        moduleComplete: progress.isComplete(module.content)))
            }
            return results
        }
    }
}

/// `POST /api/v1/learning/progress`: one change, or a device's queue as `{"changes": […]}`.
struct ProgressInput: Decodable {
    var changes: [ProgressChangeDraft]
    /// A device's queue (`changes`), whose bad changes are answered one by one.
    var batch: Bool

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        batch = container.contains(.changes)
        if batch {
            changes = try container.decode([ProgressChangeDraft].self, forKey: .changes)
        } else {
            changes = [try ProgressChangeDraft(from: decoder)]
        }
    }

    enum CodingKeys: String, CodingKey { case changes }
}

extension ModuleService.Result {
    enum Outcome: Sendable {
        case valid(ProgressChange)
        case rejected(ModuleService.Result)
    }
}

struct ProgressResultDTO: NullPreservingEncodable {
    var clientId: String
    /// `stored` the first time, `duplicate` when it was sent before, `rejected` with its errors.
    var status: String
    var right: Int?
    var passed: Bool?
    var moduleComplete: Bool
    var errors: [FieldError]?

    init(_ result: ModuleService.Result) {
        clientId = result.clientId
        status = result.status.rawValue
        right = result.right
        passed = result.passed
        moduleComplete = result.moduleComplete
        errors = result.errors
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
