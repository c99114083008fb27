import Foundation
import LindringCore

/// The item wording patients and staff see. Lindring ships short labels of its own; the full
/// wording of licensed instruments (the EORTC's Danish QLQ-C15-PAL) comes from a file the
/// region provides (`INSTRUMENT_WORDING_FILE`), which replaces the Danish labels it names:
///
///     {"eortc-qlq-c15-pal": {"q1": "Har du nogen vanskeligheder ved …", …}}
struct InstrumentWording: Sendable {
    var danish: [Instrument: [String: String]] = [:]

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads and checks the file: known instruments and items only, each a non-empty line of text.
    static func load(path: String) throws -> InstrumentWording {
        guard let data = FileManager.default.contents(atPath: path) else { throw Invalid(description: "cannot read \(path)") }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Invalid(description: "\(path) must hold a JSON object of instrument id → {item id → Danish text}")
        }
        var wording = InstrumentWording()
        for (id, value) in json {
            guard let instrument = Instrument(rawValue: id) else { throw Invalid(description: "\(path): unknown instrument \(id)") }
            guard let items = value as? [String: Any] else { throw Invalid(description: "\(path): \(id) must be an object of item id → text") }
            let known = Set(instrument.items.map(\.id) + instrument.textItems)
            var texts: [String: String] = [:]
            for (item, text) in items {
                guard known.contains(item) else { throw Invalid(description: "\(path): \(id) has no item \(item)") }
                guard let text = (text as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty, text.count <= 1000,
                    !TextInput.hasControlCharacters(text)
                else {
                    throw Invalid(description: "\(path): \(id).\(item) must be a line of text")
                }
                texts[item] = text
            }
            wording.danish[instrument] = texts
        }
        return wording
    }

    func item(_ instrument: Instrument, _ id: String) -> (da: String, en: String) {
        let own = InstrumentLabels.item(instrument, id)
        return (danish[instrument]?[id] ?? own.da, own.en)
    }

    func item(_ instrument: Instrument, _ id: String, in language: Language) -> String {
        language == .english ? item(instrument, id).en : item(instrument, id).da
    }
}
