/// A Danish municipality (kommune) by its official three-digit code (kommunekode).
public struct Municipality: Hashable, Codable, Sendable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// The 98 municipalities of Denmark since the 2007 reform, in code order. A family may live
/// anywhere in the country (children are referred across regions), so the whole list is
/// here, not only the Capital Region's 29.
public enum Municipalities {
    public static let all: [Municipality] = [
        Municipality(code: "101", name: "København"),
        Municipality(code: "147", name: "Frederiksberg"),
        Municipality(code: "151", name: "Ballerup"),
        Municipality(code: "153", name: "Brøndby"),
        Municipality(code: "155", name: "Dragør"),
        Municipality(code: "157", name: "Gentofte"),
        Municipality(code: "159", name: "Gladsaxe"),
        Municipality(code: "161", name: "Glostrup"),
        Municipality(code: "163", name: "Herlev"),
        Municipality(code: "165", name: "Albertslund"),
        Municipality(code: "167", name: "Hvidovre"),
        Municipality(code: "169", name: "Høje-Taastrup"),
        Municipality(code: "173", name: "Lyngby-Taarbæk"),
        Municipality(code: "175", name: "Rødovre"),
        Municipality(code: "183", name: "Ishøj"),
        Municipality(code: "185", name: "Tårnby"),
        Municipality(code: "187", name: "Vallensbæk"),
        Municipality(code: "190", name: "Furesø"),
        Municipality(code: "201", name: "Allerød"),
        Municipality(code: "210", name: "Fredensborg"),
        Municipality(code: "217", name: "Helsingør"),
        Municipality(code: "219", name: "Hillerød"),
        Municipality(code: "223", name: "Hørsholm"),
        Municipality(code: "230", name: "Rudersdal"),
        Municipality(code: "240", name: "Egedal"),
        Municipality(code: "250", name: "Frederikssund"),
        Municipality(code: "253", name: "Greve"),
        Municipality(code: "259", name: "Køge"),
        Municipality(code: "260", name: "Halsnæs"),
        Municipality(code: "265", name: "Roskilde"),
        Municipality(code: "269", name: "Solrød"),
        Municipality(code: "270", name: "Gribskov"),
        Municipality(code: "306", name: "Odsherred"),
        Municipality(code: "316", name: "Holbæk"),
        Municipality(code: "320", name: "Faxe"),
        Municipality(code: "326", name: "Kalundborg"),
        Municipality(code: "329", name: "Ringsted"),
        Municipality(code: "330", name: "Slagelse"),
        Municipality(code: "336", name: "Stevns"),
        Municipality(code: "340", name: "Sorø"),
        Municipality(code: "350", name: "Lejre"),
        Municipality(code: "360", name: "Lolland"),
        Municipality(code: "370", name: "Næstved"),
        Municipality(code: "376", name: "Guldborgsund"),
        Municipality(code: "390", name: "Vordingborg"),
        Municipality(code: "400", name: "Bornholm"),
        Municipality(code: "410", name: "Middelfart"),
        Municipality(code: "420", name: "Assens"),
        Municipality(code: "430", name: "Faaborg-Midtfyn"),
        Municipality(code: "440", name: "Kerteminde"),
        Municipality(code: "450", name: "Nyborg"),
        Municipality(code: "461", name: "Odense"),
        Municipality(code: "479", name: "Svendborg"),
        Municipality(code: "480", name: "Nordfyns"),
        Municipality(code: "482", name: "Langeland"),
        Municipality(code: "492", name: "Ærø"),
        Municipality(code: "510", name: "Haderslev"),
        Municipality(code: "530", name: "Billund"),
        Municipality(code: "540", name: "Sønderborg"),
        Municipality(code: "550", name: "Tønder"),
        Municipality(code: "561", name: "Esbjerg"),
        Municipality(code: "563", name: "Fanø"),
        Municipality(code: "573", name: "Varde"),
        Municipality(code: "575", name: "Vejen"),
        Municipality(code: "580", name: "Aabenraa"),
        Municipality(code: "607", name: "Fredericia"),
        Municipality(code: "615", name: "Horsens"),
        Municipality(code: "621", name: "Kolding"),
        Municipality(code: "630", name: "Vejle"),
        Municipality(code: "657", name: "Herning"),
        Municipality(code: "661", name: "Holstebro"),
        Municipality(code: "665", name: "Lemvig"),
        Municipality(code: "671", name: "Struer"),
        Municipality(code: "706", name: "Syddjurs"),
        Municipality(code: "707", name: "Norddjurs"),
        Municipality(code: "710", name: "Favrskov"),
        Municipality(code: "727", name: "Odder"),
        Municipality(code: "730", name: "Randers"),
        Municipality(code: "740", name: "Silkeborg"),
        Municipality(code: "741", name: "Samsø"),
        Municipality(code: "746", name: "Skanderborg"),
        Municipality(code: "751", name: "Aarhus"),
        Municipality(code: "756", name: "Ikast-Brande"),
        Municipality(code: "760", name: "Ringkøbing-Skjern"),
        Municipality(code: "766", name: "Hedensted"),
        Municipality(code: "773", name: "Morsø"),
        Municipality(code: "779", name: "Skive"),
        Municipality(code: "787", name: "Thisted"),
        Municipality(code: "791", name: "Viborg"),
        Municipality(code: "810", name: "Brønderslev"),
        Municipality(code: "813", name: "Frederikshavn"),
        Municipality(code: "820", name: "Vesthimmerlands"),
        Municipality(code: "825", name: "Læsø"),
        Municipality(code: "840", name: "Rebild"),
        Municipality(code: "846", name: "Mariagerfjord"),
        Municipality(code: "849", name: "Jammerbugt"),
        Municipality(code: "851", name: "Aalborg"),
        Municipality(code: "860", name: "Hjørring"),
    ]

    /// The names by code, for look-ups.
    public static let names: [String: String] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0.name) })

    /// The municipality's name, or nil when the code is not one of the 98.
    public static func name(_ code: String) -> String? { names[code] }
}

extension Validator {
    /// A municipality code: three digits (`invalidFormat` otherwise) that name one of the 98
    /// municipalities (`invalidChoice` otherwise). Nil when blank or refused.
    public mutating func municipalityCode(_ field: String, _ value: String?, required: Bool) -> String? {
        guard let code = optionalText(field, value, maxLength: 10) else {
            if required { add(field, .required) }
            return nil
        }
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            add(field, .invalidFormat)
            return nil
        }
        guard Municipalities.name(code) != nil else {
            add(field, .invalidChoice)
            return nil
        }
        return code
    }
}
