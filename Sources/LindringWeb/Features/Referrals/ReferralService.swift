import Foundation
import LindringCore
import LindringStore

/// Referrals to specialised palliative care: read and changed through `PatientGate`, with the
/// plan's access and audit (the referral is part of the patient's record).
struct ReferralService {
    let services: AppServices
    var gate: PatientGate { PatientGate(services: services) }

    /// A referral with whether the screening module holds an EORTC QLQ-C15-PAL from its start.
    struct Shown: Sendable {
        var stored: StoredReferral
        var eortcCompletedOn: LocalDate?
    }

    func create(_ patientId: UUID, _ draft: @escaping @Sendable () throws -> ReferralDraft, _ context: AppContext) async throws -> Shown {
        let user = try context.requireUser()
        let (known, today) = (try await knownUnitIds(), DanishCalendar.today())
        return try await gate.write(context, patientId: patientId, action: "referral.create") { tx, _ in
            let valid = try draft().validated(knownUnitIds: known, today: today)
            let stored = try await ReferralRepository.create(patientId: patientId, valid, author: user.name, on: tx)
            return Shown(stored: stored, eortcCompletedOn: try await Self.eortc(stored, on: tx))
        }
    }

    /// Saves over the referral; `baseVersion` (the form's, or the API's If-Match) must be current.
    func update(
        _ referralId: UUID, _ draft: @escaping @Sendable () throws -> ReferralDraft, baseVersion: @escaping @Sendable () throws -> Int?,
        _ context: AppContext
    ) async throws -> Shown {
        let user = try context.requireUser()
        let patientId = try await patient(of: referralId)
        try await gate.refuseWithoutClinicalAccess(context, patientId: patientId, action: "referral.update")
        let (known, today) = (try await knownUnitIds(), DanishCalendar.today())
        return try await gate.write(context, patientId: patientId, action: "referral.update") { tx, _ in
            guard let current = try await ReferralRepository.find(id: referralId, on: tx) else { throw AppError.notFound }
            let valid = try draft().validated(knownUnitIds: known, today: today)
            let stored = try await ReferralRepository.update(current, with: valid, baseVersion: try baseVersion(), author: user.name, on: tx)
            return Shown(stored: stored, eortcCompletedOn: try await Self.eortc(stored, on: tx))
        }
    }

    func read(_ referralId: UUID, _ context: AppContext) async throws -> Shown {
        let patientId = try await patient(of: referralId)
        try await gate.refuseWithoutClinicalAccess(context, patientId: patientId, action: "referral.read")
        return try await gate.read(context, patientId: patientId, action: "referral.read") { tx, _ in
            guard let stored = try await ReferralRepository.find(id: referralId, on: tx) else { throw AppError.notFound }
            return Shown(stored: stored, eortcCompletedOn: try await Self.eortc(stored, on: tx))
        }
    }

    func list(_ patientId: UUID, _ context: AppContext) async throws -> [Shown] {
        try await gate.read(context, patientId: patientId, action: "referral.list") { tx, _ in
            try await Self.shown(try await ReferralRepository.forPatient(patientId, on: tx), on: tx)
        }
    }

    /// The referrals with their EORTC, in the caller's snapshot (the patient page's).
    static func shown(_ referrals: [StoredReferral], on tx: any DatabaseReading) async throws -> [Shown] {
        guard let patientId = referrals.first?.patientId else { return [] }
        let days = try await ReferralRepository.eortcDays(patientId: patientId, on: tx)
        return referrals.map { Shown(stored: $0, eortcCompletedOn: completed($0.referral, days)) }
    }

    static func eortc(_ stored: StoredReferral, on tx: any DatabaseReading) async throws -> LocalDate? {
        completed(stored.referral, try await ReferralRepository.eortcDays(patientId: stored.patientId, on: tx))
    }

    static func completed(_ referral: ValidReferral, _ days: [LocalDate]) -> LocalDate? {
        guard let window = EORTCAtStart.window(receivedOn: referral.receivedOn, firstContactOn: referral.firstContactOn) else { return nil }
        return days.filter { window.contains($0) }.min()
    }

    /// The referral's patient, looked up before the gate (which decides on the patient): an
    /// unknown referral is 404 for everyone.
    func patient(of referralId: UUID) async throws -> UUID {
        try await services.existing { try await ReferralRepository.patientId(of: referralId, on: $0) }
    }

    func knownUnitIds() async throws -> Set<UUID> {
        Set(try await services.units(includeInactive: false).map(\.id))
    }
}
