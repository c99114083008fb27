/// Short item labels of our own in Danish and English. The EORTC's licensed wording is not
/// shipped; the region loads it from its own file when it has one.
public enum InstrumentLabels {
    public static func title(_ instrument: Instrument) -> (da: String, en: String) {
        switch instrument {
        case .esasR: ("ESAS-r – symptomvurdering", "ESAS-r – symptom assessment")
        case .ipos: ("IPOS – palliativ udfaldsskala", "IPOS – palliative care outcome scale")
        case .eortcQLQC15PAL: ("EORTC QLQ-C15-PAL – livskvalitet", "EORTC QLQ-C15-PAL – quality of life")
        }
    }

    public static func item(_ instrument: Instrument, _ id: String) -> (da: String, en: String) {
        labels[instrument]?[id] ?? (id, id)
    }

    static let labels: [Instrument: [String: (da: String, en: String)]] = [
        .esasR: [
            "pain": ("Smerter", "Pain"), "tiredness": ("Træthed", "Tiredness"), "drowsiness": ("Døsighed", "Drowsiness"),
            "nausea": ("Kvalme", "Nausea"), "appetite": ("Manglende appetit", "Lack of appetite"),
            "shortnessOfBreath": ("Åndenød", "Shortness of breath"), "depression": ("Nedtrykthed", "Depression"), "anxiety": ("Angst", "Anxiety"),
            "wellbeing": ("Velbefindende (0 = bedst)", "Wellbeing (0 = best)"), "other": ("Andet problem", "Other problem"),
            "otherName": ("Hvilket andet problem?", "Which other problem?"),
        ],
        .ipos: [
            "pain": ("Smerter", "Pain"), "shortnessOfBreath": ("Åndenød", "Shortness of breath"),
            "weakness": ("Svaghed eller mangel på energi", "Weakness or lack of energy"),
            "nausea": ("Kvalme", "Nausea"), "vomiting": ("Opkastning", "Vomiting"), "poorAppetite": ("Dårlig appetit", "Poor appetite"),
            "constipation": ("Forstoppelse", "Constipation"), "mouth": ("Mundtørhed eller ømhed i munden", "Sore or dry mouth"),
            "drowsiness": ("Døsighed", "Drowsiness"), "poorMobility": ("Nedsat bevægelighed", "Poor mobility"),
            "patientAnxiety": ("Bekymring eller angst", "Worried or anxious"), "familyAnxiety": ("Familiens bekymring", "Family anxious or worried"),
            "depression": ("Nedtrykthed", "Feeling depressed"), "atPeace": ("I fred med dig selv (0 = altid)", "At peace (0 = always)"),
            "sharedFeelings": ("Har kunnet dele følelser (0 = altid)", "Able to share feelings (0 = always)"),
            "information": ("Har fået den information, du ønskede (0 = altid)", "Had the information wanted (0 = always)"),
            "practicalProblems": ("Praktiske problemer løst (0 = løst)", "Practical problems addressed (0 = addressed)"),
            "mainConcerns": ("Dine vigtigste bekymringer", "Your main concerns"),
        ],
        .eortcQLQC15PAL: [
            "q1": ("Besvær med en lang gåtur", "Trouble with a long walk"),
            "q2": ("Besvær med en kort gåtur udenfor", "Trouble with a short walk outside"),
            "q3": ("Skal blive i seng eller stol om dagen", "Need to stay in bed or a chair"), "q4": ("Åndenød", "Short of breath"),
            "q5": ("Smerter", "Pain"), "q6": ("Søvnbesvær", "Trouble sleeping"), "q7": ("Følt dig svag", "Felt weak"),
            "q8": ("Manglende appetit", "Lacked appetite"), "q9": ("Kvalme", "Felt nauseated"), "q10": ("Forstoppelse", "Constipated"),
            "q11": ("Træthed", "Tired"), "q12": ("Smerter har påvirket dagligdagen", "Pain interfered with daily activities"),
            "q13": ("Anspændt", "Felt tense"), "q14": ("Deprimeret", "Felt depressed"),
            "q15": ("Livskvalitet i alt (1–7)", "Overall quality of life (1–7)"),
        ],
    ]
}
