import Testing

@testable import LindringCore

@Suite struct UnitDraftTests {
    @Test func validDraftIsTrimmedAndParsed() throws {
        // given
        let draft = UnitDraft(
            code: " RH-PAL ", name: "  Palliativt Team ", kind: "palliativeTeam", sector: "region",
            dayPhone: "+45 35 45 35 45", sorCode: "")
        // when
        let unit = try draft.validated()
        // then
        #expect(unit.code == "RH-PAL")
        #expect(unit.name == "Palliativt Team")
        #expect(unit.kind == .palliativeTeam)
        #expect(unit.dayPhone == "+45 35 45 35 45")
        #expect(unit.sorCode == nil)
    }

    @Test func everyBadFieldIsReported() {
        // given
        let draft = UnitDraft(
            code: "<script>", name: "", kind: "castle", sector: "", parentCode: "<script>",
            dayPhone: "ring mig", sorCode: "12ab")
        // when
        let failure = #expect(throws: ValidationFailure.self) { try draft.validated() }
        // then
        #expect(failure?.code(for: "code") == .invalidFormat)
        #expect(failure?.code(for: "name") == .required)
        #expect(failure?.code(for: "kind") == .invalidChoice)
        #expect(failure?.code(for: "sector") == .required)
        #expect(failure?.code(for: "parentCode") == .cycle)
        #expect(failure?.code(for: "dayPhone") == .invalidFormat)
        #expect(failure?.code(for: "sorCode") == .invalidFormat)
    }
}

@Suite struct TextInputTests {
    @Test func controlCharactersAreRefusedButLineBreaksAreText() throws {
        let failure = #expect(throws: ValidationFailure.self) {
            try UnitDraft(code: "A1", name: "Nul\u{0}byte", kind: "hospice", sector: "hospice").validated()
        }
        #expect(failure?.code(for: "name") == .invalidFormat)
        #expect(!TextInput.hasControlCharacters("Linje 1\nLinje 2\tslut"))
        #expect(Username.normalized("an\u{0}ne") == "anne")
    }
}

@Suite struct UserDraftTests {
    @Test func usernameIsLowercasedAndRolesDeduplicated() throws {
        // given
        let draft = UserDraft(
            username: " Hanne.B ", name: "Hanne Berg", profession: "nurse", unitCode: "",
            roles: ["advisor", "clinician", "advisor"])
        // when
        let user = try draft.validated()
        // then
        #expect(user.username == "hanne.b")
        #expect(user.roles == [.clinician, .advisor])
        #expect(user.unitCode == nil)
    }

    @Test func userNeedsARoleAndAKnownProfession() {
        let failure = #expect(throws: ValidationFailure.self) {
            try UserDraft(username: "x y", name: "N", profession: "wizard", roles: ["king"]).validated()
        }
        #expect(failure?.code(for: "username") == .invalidFormat)
        #expect(failure?.code(for: "profession") == .invalidChoice)
        #expect(failure?.code(for: "roles") == .invalidChoice)
    }
}
