import Foundation
import Testing

@testable import LindringCore

@Suite struct SocialWorkFamilyTests {
    static let keyWorker = UUID()
    let context = FamilyDraft.Context(teamUserIds: [Self.keyWorker])

    func draft(_ change: (inout FamilyDraft) -> Void = { _ in }) -> FamilyDraft {
        var draft = FamilyDraft(
            childPatientId: UUID().uuidString, conditionGroup: "3", municipalityCode: "157",
            parents: [
                .init(
                    name: "Sara Holm", relation: "parent", phone: "+45 20 30 40 50", email: "sara@example.dk", livesWithChild: true,
                    holdsCustody: true),
                .init(name: "Jonas Holm", relation: "parent", phone: "21 31 41 51", address: "Strandvejen 1, 2900 Hellerup", holdsCustody: true),
            ],
            siblings: [.init(name: "Ida", age: "7", schoolOrDaycare: "Ordrup Skole", supportNeeds: "Sorggruppe")],
            interpreterNeeded: false,
            network: [.init(role: "healthVisitor", name: "Mette Lund", organisation: "Gentofte Kommune", phone: "39 98 00 00")],
            keyWorkerId: Self.keyWorker.uuidString)
        change(&draft)
        return draft
    }

    func errors(_ draft: FamilyDraft) -> [FieldError] {
        do {
            _ = try draft.validated(context)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aCompleteFamilyIsAcceptedAndOpen() throws {
        // given
        let draft = draft()
        // when
        let family = try draft.validated(context)
        // then
        #expect(family.conditionGroup == .group3)
        #expect(family.municipalityCode == "157")
        #expect(family.parents.map(\.name) == ["Sara Holm", "Jonas Holm"])
        #expect(family.parents[0].livesWithChild && family.parents[0].holdsCustody)
        #expect(!family.parents[1].livesWithChild)
        #expect(family.siblings == [FamilySibling(name: "Ida", age: 7, schoolOrDaycare: "Ordrup Skole", supportNeeds: "Sorggruppe")])
        #expect(family.network.first?.role == .healthVisitor)
        #expect(family.keyWorkerId == Self.keyWorker)
        #expect(family.status == .open)
    }

    @Test func separatedAndStepParentsWithTheirOwnDetailsAreKept() throws {
        // given: the child lives with the mother and her partner; the father lives apart and keeps custody
        let draft = draft {
            $0.parents?.append(.init(name: "Anders Berg", relation: "stepParent", phone: "22 33 44 55", livesWithChild: true, holdsCustody: false))
            $0.status = "bereavement"
        }
        // when
        let family = try draft.validated(context)
        // then
        #expect(family.parents.map(\.relation) == [.parent, .parent, .stepParent])
        #expect(family.parents[2].holdsCustody == false)
        #expect(family.status == .bereavement)
    }

    @Test func blankRowsAreSkipped() throws {
        let family = try draft {
            $0.parents?.append(.init(name: " ", phone: ""))
            $0.siblings?.append(.init())
            $0.network?.append(.init(role: ""))
        }.validated(context)
        #expect(family.parents.count == 2 && family.siblings.count == 1 && family.network.count == 1)
    }

    @Test(
        arguments: [
            ("childPatientId", { @Sendable (d: inout FamilyDraft) in d.childPatientId = nil }, ValidationCode.required),
            ("childPatientId", { @Sendable (d: inout FamilyDraft) in d.childPatientId = "42" }, .invalidFormat),
            ("conditionGroup", { @Sendable (d: inout FamilyDraft) in d.conditionGroup = "" }, .required),
            ("conditionGroup", { @Sendable (d: inout FamilyDraft) in d.conditionGroup = "5" }, .invalidChoice),
            ("municipalityCode", { @Sendable (d: inout FamilyDraft) in d.municipalityCode = nil }, .required),
            ("municipalityCode", { @Sendable (d: inout FamilyDraft) in d.municipalityCode = "12" }, .invalidFormat),
            ("municipalityCode", { @Sendable (d: inout FamilyDraft) in d.municipalityCode = "999" }, .invalidChoice),
            ("parents", { @Sendable (d: inout FamilyDraft) in d.parents = [] }, .required),
            ("parents[1].name", { @Sendable (d: inout FamilyDraft) in d.parents?[1].name = "" }, .required),
            ("parents[1].relation", { @Sendable (d: inout FamilyDraft) in d.parents?[1].relation = "uncle" }, .invalidChoice),
            ("parents[0].relation", { @Sendable (d: inout FamilyDraft) in d.parents?[0].relation = nil }, .required),
            ("parents[0].phone", { @Sendable (d: inout FamilyDraft) in d.parents?[0].phone = "ring til mor" }, .invalidFormat),
            ("parents[0].email", { @Sendable (d: inout FamilyDraft) in d.parents?[0].email = "sara@" }, .invalidFormat),
            ("parents[0].email", { @Sendable (d: inout FamilyDraft) in d.parents?[0].email = "sara holm@example.dk" }, .invalidFormat),
            ("parents[0].id", { @Sendable (d: inout FamilyDraft) in d.parents?[0].id = "first" }, .invalidFormat),
            ("parents[1].address", { @Sendable (d: inout FamilyDraft) in d.parents?[1].address = "a\u{0}b" }, .invalidFormat),
            ("siblings[0].age", { @Sendable (d: inout FamilyDraft) in d.siblings?[0].age = nil }, .required),
            ("siblings[0].age", { @Sendable (d: inout FamilyDraft) in d.siblings?[0].age = "seven" }, .notAnInteger),
            ("siblings[0].age", { @Sendable (d: inout FamilyDraft) in d.siblings?[0].age = "-1" }, .outOfRange),
            ("language", { @Sendable (d: inout FamilyDraft) in d.interpreterNeeded = true }, .required),
            ("network[0].role", { @Sendable (d: inout FamilyDraft) in d.network?[0].role = "priest" }, .invalidChoice),
            ("network[0].role", { @Sendable (d: inout FamilyDraft) in d.network?[0].role = nil }, .required),
            (
                "network[0].name",
                { @Sendable (d: inout FamilyDraft) in
                    d.network?[0].name = ""
                    d.network?[0].organisation = " "
                }, .required
            ),
            ("network[0].email", { @Sendable (d: inout FamilyDraft) in d.network?[0].email = "mette" }, .invalidFormat),
            ("keyWorkerId", { @Sendable (d: inout FamilyDraft) in d.keyWorkerId = "" }, .required),
            ("keyWorkerId", { @Sendable (d: inout FamilyDraft) in d.keyWorkerId = "hanne" }, .invalidFormat),
            ("keyWorkerId", { @Sendable (d: inout FamilyDraft) in d.keyWorkerId = UUID().uuidString }, .notFound),
            ("status", { @Sendable (d: inout FamilyDraft) in d.status = "archived" }, .invalidChoice),
        ] as [(String, @Sendable (inout FamilyDraft) -> Void, ValidationCode)])
    func badInputIsAFieldError(field: String, change: @Sendable (inout FamilyDraft) -> Void, code: ValidationCode) {
        #expect(errors(draft(change)).contains(FieldError(field, code)), "\(errors(draft(change)))")
    }

    @Test(
        arguments: [
            // the first parent's name and phone as listed again; duplicate?
            ("Sara Holm", "+45 20 30 40 50", true),
            ("  sara  HOLM ", "+4520304050", true),  // letter case, spacing and phone formatting aside
            ("Sara Holm", "", true),  // no phone to tell them apart
            ("Sara Holm", "29 99 99 99", false),  // same name, another phone: another person
            ("Sara Holmgaard", "+45 20 30 40 50", false),
        ])
    func aParentListedTwiceIsADuplicate(name: String, phone: String, duplicate: Bool) {
        // given
        let draft = draft { $0.parents?[1] = .init(name: name, relation: "parent", phone: phone) }
        // when
        let found = errors(draft).contains(FieldError("parents[1].name", .duplicate))
        // then
        #expect(found == duplicate, "\(errors(draft))")
    }

    @Test func aParentWithoutAPhoneListedTwiceIsADuplicate() {
        let draft = draft {
            $0.parents = [.init(name: "Sara Holm", relation: "parent"), .init(name: "Sara Holm", relation: "parent")]
        }
        #expect(errors(draft) == [FieldError("parents[1].name", .duplicate)])
    }

    @Test func everyErrorNamesItsRow() {
        let draft = draft {
            $0.parents?.append(.init(name: "", relation: "parent", phone: "12"))
            $0.siblings?.append(.init(name: "Oskar"))
        }
        #expect(
            errors(draft) == [
                FieldError("parents[2].name", .required), FieldError("parents[2].phone", .invalidFormat), FieldError("siblings[1].age", .required),
            ])
    }
}

@Suite struct SocialWorkMunicipalityTests {
    @Test func allNinetyEightMunicipalitiesHaveUniqueThreeDigitCodes() {
        #expect(Municipalities.all.count == 98)
        #expect(Set(Municipalities.all.map(\.code)).count == 98)
        #expect(Municipalities.all.allSatisfy { $0.code.count == 3 && $0.code.allSatisfy(\.isNumber) && !$0.name.isEmpty })
        #expect(Municipalities.all.map(\.code) == Municipalities.all.map(\.code).sorted())
    }

    @Test(arguments: [
        ("101", "København"), ("147", "Frederiksberg"), ("400", "Bornholm"), ("265", "Roskilde"), ("492", "Ærø"),
        ("751", "Aarhus"), ("851", "Aalborg"), ("860", "Hjørring"),
    ])
    func knownCodesHaveTheirNames(code: String, name: String) {
        #expect(Municipalities.name(code) == name)
    }

    @Test(arguments: ["000", "102", "411", "999"])
    func codesThatAreNoMunicipalityAreUnknown(code: String) {
        #expect(Municipalities.name(code) == nil)
    }
}
