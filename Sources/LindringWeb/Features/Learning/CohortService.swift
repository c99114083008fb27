import Foundation
import LindringCore
import LindringStore

/// Specialist-education cohorts' rules of access and their writes: educators keep the cohorts and
/// see every nurse; a nurse signed in with her employee number sees her own row and nothing else.
/// Each change is audited against the cohort in the transaction that makes it.
struct CohortService {
    let services: AppServices

    /// Progress changes name their stage; a name that is not one is refused here rather than
    /// reaching the store.
    typealias ProgressChanges = [(stageId: UUID, status: String?)]

    /// An offer's cohorts: all of them for an educator, a nurse's own for others.
    func cohorts(offerId: UUID, _ context: AppContext) async throws -> (offer: LearningOffer, cohorts: [CohortSummary]) {
        let user = try context.requireUser()
        return try await services.persistence.read { tx in
            guard let offer = try await OfferRepository.find(id: offerId, on: tx) else { throw AppError.notFound }
            if user.can(.manageTraining) { return (offer, try await CohortRepository.list(offerId: offerId, on: tx)) }
            guard let number = try await CohortRepository.employeeNumber(userId: user.id, on: tx) else { return (offer, []) }
            return (offer, try await CohortRepository.list(offerId: offerId, memberNumber: number, on: tx))
        }
    }

    /// The whole grid for an educator; for a nurse in the cohort, her own row; 403 for others.
    func cohort(_ id: UUID, _ context: AppContext) async throws -> Cohort {
        let user = try context.requireUser()
        return try await services.persistence.read { tx in
            guard var cohort = try await CohortRepository.find(id: id, on: tx) else { throw AppError.notFound }
            guard !user.can(.manageTraining) else { return cohort }
            let number = try await CohortRepository.employeeNumber(userId: user.id, on: tx)
            cohort.members = cohort.members.filter { $0.employeeNumber == number }
            guard !cohort.members.isEmpty else { throw AppError.forbidden }
            return cohort
        }
    }

    func create(_ draft: CohortDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageTraining)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            guard let offer = try await OfferRepository.find(id: valid.offerId, on: tx) else {
                throw AppError.validation([FieldError("offerId", .notFound)])
            }
            guard offer.offer.format == .specialistEducation else { throw AppError.validation([FieldError("offerId", .invalidChoice)]) }
            let id = try await CohortRepository.create(valid, author: RecordAuthor(user), on: tx)
            try await audit("learning.cohort.create", cohortId: id, context, on: tx)
            return id
        }
    }

    func addMember(cohortId: UUID, _ draft: CohortMemberDraft, _ context: AppContext) async throws -> UUID {
        let user = try context.require(.manageTraining)
        let valid = try draft.validated()
        return try await services.persistence.write { tx in
            guard
                let id = try await CohortRepository.addMember(
                    cohortId: cohortId, employeeNumber: valid.employeeNumber, supervisor: valid.supervisor, author: RecordAuthor(user), on: tx)
            else { throw AppError.notFound }
            try await audit("learning.cohort.member.add", cohortId: cohortId, context, on: tx)
            return id
        }
    }

    /// Changes a nurse's row: her supervisor (when given) and her status in the stages named, all
    /// or nothing. Answers whether she has now completed the education.
    @discardableResult
    func updateMember(
        cohortId: UUID, memberId: UUID, supervisor: SupervisorDraft? = nil, progress: ProgressChanges = [], _ context: AppContext
    ) async throws -> Bool {
        let user = try context.require(.manageTraining)
        var v = Validator()
        let named = supervisor?.validated(into: &v)
        var statuses: [UUID: StageStatus] = [:]
        for change in progress {
            if let status = v.choice("status", change.status?.trimmingCharacters(in: .whitespaces), as: StageStatus.self) {
                statuses[change.stageId] = status
            }
        }
        try v.check()
        let valid = statuses
        return try await services.persistence.write { tx in
            if let named {
                guard try await CohortRepository.setSupervisor(cohortId: cohortId, memberId: memberId, named, on: tx) else {
                    throw AppError.notFound
                }
                try await audit("learning.cohort.supervisor", cohortId: cohortId, context, on: tx)
            }
            guard !valid.isEmpty else { return false }
            do {
                let completed = try await CohortRepository.setProgress(
                    cohortId: cohortId, memberId: memberId, valid, author: RecordAuthor(user), on: tx)
                // The statuses set, never whose: names stay out of the log's free text.
                let purpose = Set(valid.values.map(\.rawValue)).sorted().joined(separator: ",")
                try await audit("learning.cohort.progress", cohortId: cohortId, purpose: purpose, context, on: tx)
                return completed
            } catch CohortRepository.Refusal.notFound {
                throw AppError.notFound
            }
        }
    }

    func audit(_ action: String, cohortId: UUID, purpose: String? = nil, _ context: AppContext, on tx: WriteTransaction) async throws {
        try await AuditLog.append(
            context.auditRecord(action, as: .manageTraining, entityType: "learningCohort", entityId: cohortId.uuidString, purpose: purpose), on: tx)
    }
}
