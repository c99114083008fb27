/// The plan changes that must not drown among phone numbers and wishes: what a nurse called
/// at night acts on. A change to one of these is marked wherever changes are listed.
public enum CriticalTopic: String, CaseIterable, Codable, Sendable {
    case resuscitation, treatmentLevel, medication, keyWorker
}

extension PlanChange {
    /// What critical part of the plan this change touches, if any: the resuscitation decision, the
    /// treatment level, anticipatory medication, or the key worker (who it is, or their numbers).
    public var criticalTopic: CriticalTopic? {
        switch field {
        case "resuscitation": return .resuscitation
        case "treatmentLevel": return .treatmentLevel
        case "keyWorker": return .keyWorker
        case "medications": return .medication
        case _ where field.hasPrefix("medications."): return .medication
        case "careTeam",
            _ where field.hasPrefix("careTeam."):
            let rows = [member, before, after].compactMap { $0 }
            return rows.contains { if case .member(.keyWorker, _) = $0 { true } else { false } } ? .keyWorker : nil
        default: return nil
        }
    }
}

extension Sequence<PlanChange> {
    /// The critical topics these changes touch, each once, in `CriticalTopic`'s order.
    public var criticalTopics: [CriticalTopic] { compactMap(\.criticalTopic).distinctInOrder }
}

extension Collection<PlanChange> {
    /// The critical topics a version's changes are news about. A plan's first version lists all
    /// it was made with: its essentials, not changes to be alarmed by, so none.
    public func criticalNews(planVersion: Int) -> [CriticalTopic] {
        planVersion > 1 ? criticalTopics : []
    }
}

extension Sequence<CriticalTopic> {
    /// Each topic once, in `CriticalTopic`'s order.
    public var distinctInOrder: [CriticalTopic] {
        let topics = Set(self)
        return CriticalTopic.allCases.filter(topics.contains)
    }
}
