import LindringCore
import LindringStore

extension AppServices {
    /// Scores answers under the severity bands the region has set for the instrument.
    func score(_ instrument: Instrument, _ answers: [String: AnswerValue]) async throws -> InstrumentScore {
        let configured = try await persistence.readEach { try await InstrumentThresholdRepository.find(instrument, on: $0) }
        return try instrument.score(answers, thresholds: configured.thresholds)
    }
}

/// An instrument's bands group by group, as the API shows and takes them.
struct ThresholdsDTO: Codable {
    struct Group: Codable {
        var id: String
        var items: [String]
        var min: Int
        var max: Int
        var higherIsWorse: Bool
        var bands: SeverityBands
        var defaults: SeverityBands
    }

    var instrument: String
    var groups: [Group]
    var updatedBy: String?
    var updatedAt: String?

    init(_ instrument: Instrument, _ configured: ConfiguredThresholds) {
        self.instrument = instrument.rawValue
        groups = instrument.thresholdGroups.map { group in
            Group(
                id: group.id, items: group.items, min: group.range.lowerBound, max: group.range.upperBound, higherIsWorse: group.higherIsWorse,
                bands: configured.thresholds.bands(for: group), defaults: group.defaults)
        }
        updatedBy = configured.updatedByName
        updatedAt = configured.updatedAt.map(ISO8601Instant.format)
    }
}
