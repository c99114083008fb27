public enum Profession: String, CaseIterable, Codable, Sendable {
    case doctor
    case nurse
    case socialAndHealthCareAssistant
    case socialAndHealthCareHelper
    case socialWorker
    case secretary
    case other
}
