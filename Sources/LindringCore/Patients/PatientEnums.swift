public enum DiagnosisGroup: String, CaseIterable, Codable, Sendable {
    case cancer, heart, lung, neurological, dementia, kidney, liver, frailty, other
}

/// The patient's consent to sharing the plan across sectors.
public enum SharingConsent: String, CaseIterable, Codable, Sendable {
    case given, declined, notAsked
}
