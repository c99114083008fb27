import Foundation
import LindringCore
import LindringTestSupport
import Testing

@testable import LindringStore

/// Family cases, applications with their computed dates, and the social workers' worklist, on
/// both databases.
@Suite struct SocialWorkStoreTests {
    struct Team {
        let unit: UUID
        let author: RecordAuthor
        let child: UUID
    }

    func team(_ persistence: Persistence) async throws -> Team {
        let db = persistence.outsideWriter
        let user = try await UserRepository.create(
            try UserDraft(username: "sofie", name: "Sofie Socialrådgiver", profession: "socialWorker", unitCode: "PABU", roles: ["socialWorker"])
                .validated(), passwordHash: "x", on: db)
        let child = try await PatientRepository.create(
            try PatientDraft(cpr: "0102154321", name: "Alma Barn", diagnosisGroup: "other", sharingConsent: "given")
                .validated(today: LocalDate("2026-11-23")!),
            registeringUnitId: try #require(user.unitId), recordedBy: nil, on: db)
        return Team(unit: try #require(user.unitId), author: RecordAuthor(userId: user.id, name: user.name), child: child)
    }

    func family(_ team: Team, parents: [FamilyDraft.ParentInput]? = nil, siblings: [FamilyDraft.SiblingInput] = []) throws -> ValidFamily {
        try FamilyDraft(
            childPatientId: team.child.uuidString, conditionGroup: "1", municipalityCode: "101",
            parents: parents ?? [.init(name: "Mette Barn", relation: "parent", phone: "20 30 40 50", livesWithChild: true, holdsCustody: true)],
            siblings: siblings, keyWorkerId: team.author.userId.uuidString
        ).validated(.init(teamUserIds: [team.author.userId]))
    }

    @Test func aCaseKeepsItsParentsIdsAcrossChangesAndRefusesAStaleVersion() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let team = try await team(persistence)
            let id = try await FamilyRepository.create(try family(team), teamUnitId: team.unit, author: team.author, on: db)
            let stored = try #require(try await FamilyRepository.find(id: id, on: db))
            let mother = try #require(stored.details.parents.first?.id)
            #expect(stored.version == 1 && stored.child.name == "Alma Barn" && stored.details.status == .open)
            await #expect(throws: FamilyAlreadyOpen.self) {
                try await FamilyRepository.create(try family(team), teamUnitId: team.unit, author: team.author, on: db)
            }
            // when: a father and a sibling are added, the mother kept
            let changed = try family(
                team,
                parents: [
                    .init(id: mother.uuidString, name: "Mette Barn", relation: "parent", livesWithChild: true, holdsCustody: true),
                    .init(name: "Jonas Far", relation: "parent", phone: "30 40 50 60", livesWithChild: false, holdsCustody: true),
                ],
                siblings: [.init(name: "Ida", age: "9", schoolOrDaycare: "Valby Skole")])
            #expect(try await FamilyRepository.update(id: id, changed, version: 1, author: team.author, on: db) == 2)
            let updated = try #require(try await FamilyRepository.find(id: id, on: db))
            #expect(updated.details.parents.map(\.name) == ["Mette Barn", "Jonas Far"] && updated.details.parents.first?.id == mother)
            #expect(updated.details.siblings == [FamilySibling(name: "Ida", age: 9, schoolOrDaycare: "Valby Skole")])
            // then: a change made from version 1 is refused, and the timeline has both
            await #expect(throws: StaleFamilyVersion.self) {
                try await FamilyRepository.update(id: id, changed, version: 1, author: team.author, on: db)
            }
            #expect(try await FamilyRepository.events(familyId: id, on: db).map(\.kind) == [.changed, .opened])
        }
    }

    @Test func theWorklistShowsOverdueProcessingAppealsThisWeekAndReviews() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let team = try await team(persistence)
            let familyId = try await FamilyRepository.create(try family(team), teamUnitId: team.unit, author: team.author, on: db)
            let benefits = try await BenefitRepository.list(on: db)
            #expect(benefits.map(\.code).contains("bl87"))
            let today = LocalDate("2026-12-03")!
            // Copenhagen (101) publishes 20 working days for § 87
            try await BenefitRepository.setProcessingDeadline(
                ProcessingDeadline(20, .workingDays), benefitCode: "bl87", municipalityCode: "101", on: db)
            func save(_ draft: ApplicationDraft) async throws -> UUID {
                let valid = try draft.validated(.init(benefits: benefits, today: today))
                let entry = try #require(benefits.first { $0.code == valid.benefit })
                let deadline = try await BenefitRepository.processingDeadline(benefit: entry, municipalityCode: "101", on: db)
                return try await ApplicationRepository.create(
                    familyId: familyId, valid, dates: ApplicationDates(valid, processing: deadline), author: team.author, on: db)
            }
            // submitted 2 November: 20 working days → 30 November, undecided: overdue
            let overdue = try await save(ApplicationDraft(benefit: "bl87", submittedOn: "2026-11-02"))
            // refused by letter on 20 November: received 30 November, appeal by 28 December: not yet within a week
            let refused = try await save(
                ApplicationDraft(
                    benefit: "bl86", submittedOn: "2026-10-01", decidedOn: "2026-11-20", outcome: "refused", sentVia: "letter", sentOn: "2026-11-20"))
            // refused by digital post on 5 November: appeal by 3 December (today): shown
            let appealToday = try await save(
                ApplicationDraft(
                    benefit: "bl89", submittedOn: "2026-10-01", decidedOn: "2026-11-05", outcome: "refused", sentVia: "digitalPost",
                    sentOn: "2026-11-05"))
            // granted, review today
            let review = try await save(
                ApplicationDraft(
                    benefit: "bl90-aids", submittedOn: "2026-09-01", decidedOn: "2026-09-20", outcome: "granted", sentVia: "digitalPost",
                    sentOn: "2026-09-20", reviewOn: "2026-12-03"))
            let stored = try #require(try await ApplicationRepository.find(id: refused, on: db))
            #expect(stored.dates.receivedOn?.description == "2026-11-30" && stored.dates.appealDueOn?.description == "2026-12-28")
            #expect(try await ApplicationRepository.find(id: overdue, on: db)?.dates.processingDueOn.description == "2026-11-30")
            let tasks = try await SocialWorkWorklist.tasks(teamUnitId: team.unit, today: today, on: db)
            #expect(tasks.map(\.kind) == [.processingOverdue, .appealDue, .reviewDue])
            #expect(tasks.map(\.applicationId) == [overdue, appealToday, review])
            #expect(tasks.allSatisfy { $0.childName == "Alma Barn" && $0.familyId == familyId })
            // the key worker's own list is the same; another's is empty; a closed case drops out
            #expect(try await SocialWorkWorklist.tasks(teamUnitId: team.unit, keyWorkerId: team.author.userId, today: today, on: db).count == 3)
            #expect(try await SocialWorkWorklist.tasks(teamUnitId: team.unit, keyWorkerId: UUID(), today: today, on: db).isEmpty)
            // a week later the appeal deadline has passed and the refusal by letter comes up
            let later = try await SocialWorkWorklist.tasks(teamUnitId: team.unit, today: LocalDate("2026-12-21")!, on: db)
            #expect(later.map(\.applicationId) == [overdue, review, refused])
        }
    }
}
