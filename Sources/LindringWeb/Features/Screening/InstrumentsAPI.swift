import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// `/api/v1/instruments`: the screening instruments and their scoring, for any signed-in user
/// or system (no patient data is involved).
struct InstrumentsAPI {
    let services: AppServices

    var endpoints: [APIEndpoint] {
        [
            APIEndpoint(
                method: .get, path: Routes.API.instruments, operationId: "listInstruments", summary: "The screening instruments and their items",
                operation: { OpenAPIParts.getOperation(item: "InstrumentList") }, handler: list),
            APIEndpoint(
                method: .get, path: Routes.API.instrumentQuestionnaire, operationId: "getInstrumentQuestionnaire",
                summary: "The instrument as a FHIR R4 Questionnaire (Danish, with English translations)",
                operation: {
                    var operation = Self.byInstrument(OpenAPIParts.getOperation(item: "FHIRQuestionnaire"))
                    var responses = operation["responses"] as? [String: Any] ?? [:]
                    responses["200"] = [
                        "description": "The questionnaire",
                        "content": ["application/fhir+json": ["schema": OpenAPIParts.ref("FHIRQuestionnaire")]],
                    ]
                    operation["responses"] = responses
                    return operation
                }, handler: questionnaire),
            APIEndpoint(
                method: .post, path: Routes.API.instrumentScore, operationId: "scoreInstrument",
                summary: "Score answers: scales to two decimals (null when a scale cannot be scored), item severity and the traffic light",
                operation: {
                    Self.byInstrument(
                        OpenAPIParts.writeOperation(
                            body: "InstrumentAnswers", success: "200", conditional: false,
                            result: "InstrumentScore"))
                },
                handler: score),
            APIEndpoint(
                method: .get, path: Routes.API.instrumentThresholds, operationId: "getInstrumentThresholds",
                summary: "The severity bands behind the traffic light, group by group, with the defaults",
                operation: { Self.byInstrument(OpenAPIParts.getOperation(item: "InstrumentThresholds")) }, handler: thresholds),
            APIEndpoint(
                method: .put, path: Routes.API.instrumentThresholds, operationId: "setInstrumentThresholds",
                summary: "Set the severity bands (administrators); groups left out return to their defaults",
                operation: {
                    Self.byInstrument(
                        OpenAPIParts.writeOperation(
                            body: "InstrumentThresholdsInput", success: "200", conditional: false,
                            result: "InstrumentThresholds"))
                },
                handler: setThresholds),
        ]
    }

    /// The operation with its `{id}` path parameter: one of the instrument ids, not a UUID.
    static func byInstrument(_ operation: [String: Any]) -> [String: Any] {
        var operation = operation
        operation["parameters"] = [
            [
                "name": "id", "in": "path", "required": true,
                "schema": ["type": "string", "enum": Instrument.allCases.map(\.rawValue)],
            ] as [String: Any]
        ]
        return operation
    }

    func instrument(_ context: AppContext) throws -> Instrument {
        guard let instrument = context.parameters.get("id").flatMap(Instrument.init(rawValue:)) else { throw AppError.notFound }
        return instrument
    }

    @Sendable func questionnaire(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        let data = try JSONSerialization.data(
            withJSONObject: FHIRQuestionnaire.json(try instrument(context), wording: services.config.instrumentWording),
            options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/fhir+json"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        return try .json(Page(items: Instrument.allCases.map(InstrumentDTO.init), next: nil))
    }

    @Sendable func score(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        let instrument = try instrument(context)
        let body = try await request.decodeJSON(AnswersBody.self, limit: services.config.maxBodySize)
        let result = try await services.score(instrument, body.answers.mapValues(\.value))
        return try .json(InstrumentScoreDTO(result))
    }

    @Sendable func thresholds(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requireUser()
        let instrument = try instrument(context)
        return try .json(
            ThresholdsDTO(instrument, try await services.persistence.readEach { try await InstrumentThresholdRepository.find(instrument, on: $0) }))
    }

    struct ThresholdsInput: Decodable {
        var bands: [String: SeverityBands]?
    }

    @Sendable func setThresholds(_ request: Request, context: AppContext) async throws -> Response {
        let user = try context.require(.configureScreening)
        let instrument = try instrument(context)
        let input = try await request.decodeJSON(ThresholdsInput.self, limit: services.config.maxBodySize)
        guard let bands = input.bands else { throw ValidationFailure([FieldError("bands", .required)]) }
        let thresholds = InstrumentThresholds(bands: bands)
        try instrument.validate(thresholds)
        try await ScreeningThresholds.save(thresholds, for: instrument, user: user, context: context, services: services)
        return try .json(
            ThresholdsDTO(instrument, try await services.persistence.readEach { try await InstrumentThresholdRepository.find(instrument, on: $0) }))
    }
}

/// `{"answers": {...}}` with answers of any JSON type: only whole numbers are valid scores,
/// anything else is reported against its item rather than refusing the whole body.
struct AnswersBody: Decodable {
    struct Answer: Decodable {
        let value: AnswerValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number == number.rounded() && abs(number) < 1e9 ? .integer(Int(number)) : .other
            } else if let text = try? container.decode(String.self) {
                value = .text(text)
            } else {
                value = .other
            }
        }
    }

    let answers: [String: Answer]
}

struct InstrumentDTO: Encodable {
    struct Item: Encodable {
        var id: String
        var min: Int
        var max: Int
    }

    var id: String
    var items: [Item]
    var textItems: [String]

    init(_ instrument: Instrument) {
        id = instrument.rawValue
        items = instrument.items.map { Item(id: $0.id, min: $0.range.lowerBound, max: $0.range.upperBound) }
        textItems = instrument.textItems
    }
}

struct InstrumentScoreDTO: Encodable {
    var scores: [String: Double?]
    var severity: [String: String]
    var trafficLight: String

    init(_ score: InstrumentScore) {
        scores = score.scores
        severity = score.severity.mapValues(\.rawValue)
        trafficLight = score.trafficLight.rawValue
    }
}
