import Foundation
import Hummingbird
import HummingbirdTesting
import LindringCore
import Testing

@testable import LindringStore
@testable import LindringWeb

/// The e-learning modules: read without script (forms post and the page answers), synced from a
/// device (each change once), and installable (manifest, service worker).
@Suite struct ModulePagesTests {
    static func firstModule(_ app: TestApp) async throws -> LearningModule {
        let offers = try await app.persistence.read { try await OfferRepository.list(on: $0) }
        let course = try #require(offers.first { $0.offer.format == .eLearning })
        return try #require(try await app.persistence.read { try await ModuleRepository.list(offerId: course.id, on: $0) }.first)
    }

    @Test func aNurseReadsAModuleWritesAReflectionAndPassesTheCheckWithoutScript() async throws {
        try await TestApp.run { app in
            let module = try await Self.firstModule(app)
            _ = try await app.createUser("sygeplejerske", roles: [.clinician], unit: "HJ-101")
            let nurse = try await app.login("sygeplejerske")
            let page = try await app.get("/learning/modules/\(module.id)", nurse)
            #expect(page.status == .ok && page.text.contains(module.content.title) && page.text.contains("/assets/learning.js"))
            #expect(page.text.contains("0 af \(module.content.sections.count) afsnit læst"))
            let path = "/learning/modules/\(module.id)/progress"
            for section in module.content.sections.indices {
                let read = try await app.post(path, nurse, form: ["clientId": UUID().uuidString, "kind": "sectionRead", "section": String(section)])
                #expect(read.status == .seeOther)
            }
            let question = try #require(module.content.reflectionQuestions.first)
            let reflection = [
                "clientId": UUID().uuidString, "kind": "reflection", "section": String(question.section), "question": String(question.question),
                "text": "Jeg vil spørge tidligere, hvad der er vigtigst.",
            ]
            #expect(try await app.post(path, nurse, form: reflection).status == .seeOther)
            #expect(try await app.post(path, nurse, form: reflection).status == .seeOther)  // sent twice, kept once
            // a wrong check first, then the right one
            var wrong = ["clientId": UUID().uuidString, "kind": "checkAnswers"]
            for (index, item) in module.content.check.enumerated() { wrong["answers[\(index)]"] = String((item.correct + 1) % item.options.count) }
            let failed = try await app.post(path, nurse, form: wrong)
            #expect(failed.headers[.location]?.contains("notice=failed") == true, "\(failed.status) \(failed.text.prefix(300))")
            var right = ["clientId": UUID().uuidString, "kind": "checkAnswers"]
            for (index, item) in module.content.check.enumerated() { right["answers[\(index)]"] = String(item.correct) }
            #expect(try await app.post(path, nurse, form: right).headers[.location]?.contains("notice=passed") == true)
            let after = try await app.get("/learning/modules/\(module.id)", nurse).text
            #expect(after.contains("Modulet er gennemført") && after.components(separatedBy: "Jeg vil spørge tidligere").count == 2)
            // a reflection that cannot be stored comes back as typed, with why
            var bell = reflection
            bell["clientId"] = UUID().uuidString
            bell["text"] = "Med en klokke \u{0007} i"
            let refused = try await app.post(path, nurse, form: bell)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Med en klokke") && refused.text.contains("field has-error"))
            // a section that does not exist is refused
            let bad = try await app.post(path, nurse, form: ["clientId": UUID().uuidString, "kind": "sectionRead", "section": "99"])
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func aDevicesQueueIsStoredOnceAndBadChangesAreNamed() async throws {
        try await TestApp.run { app in
            let module = try await Self.firstModule(app)
            let token = try await app.apiToken(for: try await app.createUser("sygeplejerske", roles: [.clinician], unit: "HJ-101"))
            let read = ["clientId": UUID().uuidString, "moduleId": module.id.uuidString, "kind": "sectionRead", "section": 0] as [String: Any]
            let question = try #require(module.content.reflectionQuestions.first)
            let phone =
                [
                    "clientId": UUID().uuidString, "moduleId": module.id.uuidString, "kind": "reflection", "section": question.section,
                    "question": question.question, "text": "Skrevet på telefonen i toget", "at": "2026-12-01T07:30:00+01:00",
                ] as [String: Any]
            let first = try await app.send(.post, "/api/v1/learning/progress", json: ["changes": [read, phone]], token: token)
            #expect(first.status == .ok)
            let statuses = (try first.json()["results"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
            #expect(statuses == ["stored", "stored"])
            // the answer was lost: the device sends its queue again
            let again = try await app.send(.post, "/api/v1/learning/progress", json: ["changes": [read, phone]], token: token)
            #expect((try again.json()["results"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["duplicate", "duplicate"])
            let single = try await app.send(.post, "/api/v1/learning/progress", json: read, token: token)
            #expect(single.status == .ok)
            let state = try await app.send(.get, "/api/v1/learning/modules/\(module.id)", token: token).json()
            #expect(state["sectionsRead"] as? [Int] == [0] && (state["check"] as? [[String: Any]])?.first?["correct"] == nil)
            // in a device's queue a bad change is answered on its own and the rest are stored
            var broken = phone
            broken["clientId"] = UUID().uuidString
            broken["question"] = 42
            let refused = try await app.send(
                .post, "/api/v1/learning/progress",
                json: ["changes": [["clientId": "x", "moduleId": module.id.uuidString, "kind": "sectionRead"], broken]],
                token: token)
            #expect(refused.status == .ok)
            let results = try refused.json()["results"] as? [[String: Any]] ?? []
            #expect(results.compactMap { $0["status"] as? String } == ["rejected", "rejected"])
            #expect(results.compactMap { ($0["errors"] as? [[String: Any]])?.first?["field"] as? String } == ["clientId", "question"])
            // one change alone that cannot be read is refused with 422 naming its field
            let alone = try await app.send(.post, "/api/v1/learning/progress", json: broken, token: token)
            #expect(alone.status == .unprocessableContent)
            #expect((try alone.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "question")
        }
    }

    @Test func theAppInstallsWithAManifestAndAServiceWorker() async throws {
        try await TestApp.run { app in
            let manifest = try await app.get("/manifest.webmanifest")
            #expect(manifest.status == .ok && manifest.headers[.contentType] == "application/manifest+json")
            #expect(manifest.text.contains(#""start_url": "/learning""#))
            let worker = try await app.get("/service-worker.js")
            #expect(worker.status == .ok && worker.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(try await app.get("/login").text.contains(#"rel="manifest""#))
        }
    }
}
