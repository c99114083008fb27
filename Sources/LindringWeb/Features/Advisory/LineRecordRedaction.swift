import FluentKit
import Foundation
import LindringCore
import LindringStore

/// Applies `LineRecordPolicy` to advisory-line records before they leave: the patient's name is
/// withheld where the reader may no longer read the patient and the line's work is done, and the
/// patients that are shown are returned for the audit (one entry each).
struct LineRecordRedaction {
    let requester: PatientRequester

    init(_ user: User, brokeTheGlass: Bool = false) {
        requester = PatientRequester(roles: user.roles, unitId: user.unitId, brokeTheGlass: brokeTheGlass)
    }

    func apply<R: LineRecord>(_ records: [R], on tx: any DatabaseReading) async throws -> (records: [R], shown: [(id: UUID, purpose: String?)]) {
        let facts = try await PatientRepository.accessFacts(patientIds: records.compactMap(\.patientId), on: tx)
        var shown: [(id: UUID, purpose: String?)] = []
        let disclosed = records.map { record -> R in
            var record = record
            guard let patientId = record.patientId else { return record }
            switch LineRecordPolicy.disclosure(requester, patient: facts[patientId], inProgress: record.inProgress) {
            case .patientShown(let ground): shown.append((patientId, Self.purpose(ground)))
            case .patientWithheld: record.withholdPatient()
            }
            return record
        }
        return (disclosed, shown)
    }

    static func purpose(_ ground: LineRecordGround) -> String {
        switch ground {
        case .noPatient: "line"
        case .patientAccess(let ground): ground.rawValue
        case .inProgress: "inProgress"
        }
    }
}
