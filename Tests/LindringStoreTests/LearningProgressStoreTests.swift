import Foundation
import LindringCore
import LindringTestSupport
import Testing

@testable import LindringStore

/// E-learning progress on both databases: the shipped course, changes stored once per client
/// id, reflections kept side by side, completion of a module and of the whole course.
@Suite struct LearningProgressStoreTests {
    @Test func theShippedCourseIsCompletedModuleByModuleAndAResentChangeIsStoredOnce() async throws {
        try await TestDatabase.withPersistence { persistence in
            let user = try await UserRepository.create(
                try UserDraft(username: "laerer", name: "Lærende", profession: "nurse", unitCode: "HJ-101", roles: ["clinician"]).validated(),
                passwordHash: "x", on: persistence.outsideWriter)
            let offers = try await persistence.read { try await OfferRepository.list(on: $0) }
            let course = try #require(offers.first { $0.offer.title == "Tidlig palliation – e-læring" })
            let modules = try await persistence.read { try await ModuleRepository.list(offerId: course.id, on: $0) }
            #expect(modules.map(\.position) == [1, 2, 3, 4, 5] && modules.allSatisfy { $0.version == 1 })
            func send(_ change: ProgressChange, _ module: LearningModule) async throws -> Bool {
                try await persistence.write { try await ProgressRepository.apply(change, userId: user.id, module: module, on: $0) }
            }
            let now = Date()
            for module in modules {
                for section in module.content.sections.indices {
                    _ = try await send(ProgressChange(clientId: UUID(), moduleId: module.id, kind: .sectionRead, section: section, at: now), module)
                }
                let right = module.content.check.map { Optional($0.correct) }
                let answered = ProgressChange(clientId: UUID(), moduleId: module.id, kind: .checkAnswers, answers: right, at: now)
                #expect(try await send(answered, module))
                #expect(try await send(answered, module) == false)  // sent again: stored once
                if module.position == 1 {
                    // two devices' reflections on one question are both kept
                    let question = try #require(module.content.reflectionQuestions.first)
                    for text in ["Fra telefonen", "Fra computeren"] {
                        let reflection = ProgressChange(
                            clientId: UUID(), moduleId: module.id, kind: .reflection, section: question.section, question: question.question,
                            text: text, at: now)
                        #expect(try await send(reflection, module))
                        #expect(try await send(reflection, module) == false)
                    }
                    let kept = try await persistence.read { try await ProgressRepository.reflections(userId: user.id, moduleId: module.id, on: $0) }
                    #expect(Set(kept.map(\.text)) == ["Fra telefonen", "Fra computeren"])
                    // one module done is not the course
                    #expect(try await completions(persistence, user.id).isEmpty)
                }
            }
            let done = try await persistence.read { try await ProgressRepository.completedModules(userId: user.id, offerId: course.id, on: $0) }
            #expect(done == Set(modules.map(\.id)))
            #expect(try await completions(persistence, user.id) == [course.id])
        }
    }

    func completions(_ persistence: Persistence, _ userId: UUID) async throws -> [UUID] {
        try await persistence.read { db in
            try await db.sql.raw("SELECT offer_id FROM learning_offer_completions WHERE user_id = \(bind: userId)").all()
                .map { try $0.decode(column: "offer_id", as: UUID.self) }
        }
    }

    @Test func aNewVersionOfAModulesTextIsKeptBesideTheOld() async throws {
        try await TestDatabase.withPersistence { persistence in
            let offers = try await persistence.read { try await OfferRepository.list(on: $0) }
            let module = try #require(try await persistence.read { try await ModuleRepository.list(offerId: offers[0].id, on: $0) }.first)
            let edited = module.source.replacingOccurrences(of: "passMark: 80", with: "passMark: 60")
            let author = RecordAuthor(userId: UUID(), name: "Ulla Underviser")
            #expect(
                try await persistence.write {
                    try await ModuleRepository.saveVersion(moduleId: module.id, source: edited, expectedVersion: 1, author: author, on: $0)
                })
            #expect(
                try await persistence.write {
                    try await ModuleRepository.saveVersion(moduleId: module.id, source: edited, expectedVersion: 1, author: author, on: $0)
                } == false)
            let now = try #require(try await persistence.read { try await ModuleRepository.find(id: module.id, on: $0) })
            #expect(now.version == 2 && now.content.passMark == 60)
            let versions = try await persistence.read { try await ModuleRepository.versions(moduleId: module.id, on: $0) }
            #expect(versions.map(\.version) == [2, 1] && versions.first?.createdByName == "Ulla Underviser")
            #expect(try await persistence.read { try await ModuleRepository.source(moduleId: module.id, version: 1, on: $0) } == module.source)
        }
    }
}
