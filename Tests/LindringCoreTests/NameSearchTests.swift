import Testing

@testable import LindringCore

@Suite struct NameSearchTests {
    // MARK: Folding

    @Test(arguments: [
        ("Åse Jensen", "aase jensen"),
        ("ÆBLEGAARD", "aeblegaard"),
        ("Søren Østergaard", "soeren oestergaard"),
        ("José", "jose"),
        ("Müller", "muller"),
        ("Björk Ängström", "bjork angstrom"),
        ("François Noël", "francois noel"),
        ("A\u{030A}se", "aase"),  // å typed as a + combining ring
        ("\u{212B}se", "aase"),  // the Ångström sign
        ("\u{01FE}ster", "oester"),  // Ø with acute
        ("Ｈａｎｓ", "hans"),  // full-width letters
        ("  Anne-Marie   Hansen-Berg ", "anne marie hansen berg"),
        ("Anne - Marie", "anne marie"),
        ("Anne–Marie", "anne marie"),  // en dash
        ("\tLis\nHolm", "lis holm"),
        ("", ""),
        ("   ", ""),
        (" -- ", ""),
    ])
    func foldLowercasesSpellsOutDanishLettersAndDropsOtherAccents(text: String, expected: String) {
        // when
        let folded = NameSearch.fold(text)
        // then
        #expect(folded == expected)
    }

    @Test func foldingIsIdempotent() {
        // given
        let once = NameSearch.fold("  Åse-Marie  Kjær Sørensen Müller ")
        // when
        let twice = NameSearch.fold(once)
        // then
        #expect(twice == once)
    }

    // MARK: Terms

    @Test(
        arguments: [
            ("Jensen  Åse", ["jensen", "aase"]),
            ("Hansen-Berg", ["hansen", "berg"]),
            ("søren", ["soeren"]),
            ("", []),
            ("   ", []),
            (" - ", []),
        ] as [(String, [String])])
    func termsAreTheFoldedWordsOfTheQuery(query: String, expected: [String]) {
        // when
        let terms = NameSearch.terms(query)
        // then
        #expect(terms == expected)
    }

    // MARK: Matching

    @Test(arguments: [
        // case
        ("Åse Marie Jensen", "JENSEN", true),
        ("ÅSE JENSEN", "åse", true),
        // å and aa both ways
        ("Åse Jensen", "Aase", true),
        ("Aase Jensen", "åse", true),
        ("Åse Jensen", "ase", true),  // a substring of "aase", as any partial word is
        ("Åse Jensen", "asa", false),
        // æ and ae
        ("Mette Kjærgaard", "kjaergaard", true),
        ("Mette Kjaergaard", "Kjær", true),
        // ø and oe
        ("Søren Hansen", "soeren", true),
        ("Soeren Hansen", "Søren", true),
        ("Søren Hansen", "soren", false),
        // other accents
        ("José Nielsen", "jose", true),
        ("Jose Nielsen", "José", true),
        ("Jürgen Björk", "jurgen bjork", true),
        // several words, any order, partial words
        ("Åse Marie Jensen", "jensen åse", true),
        ("Åse Marie Jensen", "mar jen", true),
        ("Åse Marie Jensen", "jensen peter", false),
        // hyphens are word breaks on both sides
        ("Anne-Marie Holm", "anne marie", true),
        ("Anne Marie Holm", "anne-marie", true),
        // a word may not straddle a word break
        ("Åse Jensen", "aasejensen", false),
    ])
    func nameMatchesWhenEveryQueryWordOccursInIt(name: String, query: String, expected: Bool) {
        // when
        let matches = NameSearch.matches(name: name, query: query)
        // then
        #expect(matches == expected)
    }

    @Test(arguments: ["", "   ", "-"])
    func emptyQueryMatchesNoOne(query: String) {
        // when
        let matches = NameSearch.matches(name: "Åse Jensen", query: query)
        // then
        #expect(NameSearch.terms(query).isEmpty)
        #expect(!matches)
    }
}

@Suite struct PatientQueryTests {
    @Test(
        arguments: [
            ("Jensen 12.03.1940", "1940-03-12", ["jensen"]),
            ("12-03-1940 inger jensen", "1940-03-12", ["inger", "jensen"]),
            ("12031940", "1940-03-12", []),
            ("12/03/1940 Åse", "1940-03-12", ["aase"]),
            ("31.02.1940 Jensen", nil, ["31.02.1940", "jensen"]),
            ("12.3.1940 Jensen", nil, ["12.3.1940", "jensen"]),
            ("12.03-1940", nil, ["12.03", "1940"]),
            ("Jensen", nil, ["jensen"]),
        ] as [(String, String?, [String])])
    func aBirthDateAmongTheWordsIsReadAsOne(text: String, birthDate: String?, terms: [String]) {
        let query = NameSearch.Query(text)
        #expect(query.birthDate == birthDate.flatMap(LocalDate.init))
        #expect(query.terms == terms)
    }
}
