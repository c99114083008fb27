import Foundation
import LindringCore

/// A FHIR R4 `Questionnaire` for an instrument: one integer item per scored item (with its
/// range as min/max value extensions), one text item per free-text item, Danish text with an
/// English translation extension.
enum FHIRQuestionnaire {
    static func json(_ instrument: Instrument, wording: InstrumentWording) -> [String: Any] {
        func translated(_ label: (da: String, en: String)) -> [String: Any] {
            [
                "extension": [
                    [
                        "url": "http://hl7.org/fhir/StructureDefinition/translation",
                        "extension": [["url": "lang", "valueCode": "en"], ["url": "content", "valueString": label.en]],
                    ]
                ]
            ]
        }
        let scored: [[String: Any]] = instrument.items.map { item in
            let label = wording.item(instrument, item.id)
            return [
                "linkId": item.id, "text": label.da, "_text": translated(label), "type": "integer", "required": false,
                "extension": [
                    ["url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": item.range.lowerBound],
                    ["url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": item.range.upperBound],
                ],
            ]
        }
        let texts: [[String: Any]] = instrument.textItems.map { id in
            let label = wording.item(instrument, id)
            return ["linkId": id, "text": label.da, "_text": translated(label), "type": "text", "required": false]
        }
        let title = InstrumentLabels.title(instrument)
        return [
            "resourceType": "Questionnaire", "id": instrument.rawValue, "url": "urn:lindring:questionnaire:\(instrument.rawValue)",
            "name": instrument.rawValue.replacingOccurrences(of: "-", with: "_").uppercased(), "title": title.da, "_title": translated(title),
            "status": "active", "language": "da", "subjectType": ["Patient"], "item": scored + texts,
        ]
    }
}
