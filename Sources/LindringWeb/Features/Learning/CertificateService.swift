import Foundation
import LindringCore
import LindringStore

/// Certificates: the holder's own (and any for an educator), the public check of a verification
/// code, and the reminders 30 days before one expires.
struct CertificateService {
    let services: AppServices

    func mine(_ context: AppContext) async throws -> [Certificate] {
        let user = try context.requireUser()
        return try await services.persistence.read { try await CertificateRepository.list(userId: user.id, on: $0) }
    }

    /// The printable certificate: its holder's, or any for an educator.
    func certificate(_ id: UUID, _ context: AppContext) async throws -> Certificate {
        let user = try context.requireUser()
        guard let found = try await services.persistence.read({ try await CertificateRepository.find(id: id, on: $0) }) else {
            throw AppError.notFound
        }
        guard found.userId == user.id || user.can(.manageTraining) else { throw AppError.forbidden }
        return found
    }

    /// The certificate a code names, for anyone who holds the paper: nil for a code that is not
    /// one (or names none).
    func verify(_ typed: String) async throws -> Certificate? {
        guard let code = ShortCode.normalized(typed, length: CertificateValidity.codeLength) else { return nil }
        return try await services.persistence.read { try await CertificateRepository.find(code: code, on: $0) }
    }

    /// Tells each holder whose certificate expires within 30 days, once; answers how many.
    func sendReminders(today: LocalDate = LocalDate(Date(), in: DanishCalendar.timeZone), now: Date = Date()) async throws -> Int {
        try await services.persistence.write { tx in
            let due = try await CertificateRepository.dueForReminder(today: today, on: tx)
            for certificate in due {
                try await UserMessageRepository.add(
                    to: certificate.userId, kind: "learning.certificateExpiring",
                    parameters: ["offer": certificate.offerTitle, "lastValidDay": certificate.lastValidDay?.danish ?? ""],
                    link: Routes.learningCertificate(certificate.id), now: now, on: tx)
                try await CertificateRepository.markReminded(certificate.id, now: now, on: tx)
            }
            return due.count
        }
    }
}
