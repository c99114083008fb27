import Foundation
import LindringCore
import LindringTestSupport
import Testing

@testable import LindringStore

/// The catalogue and sessions' places with their waiting list, on both databases.
@Suite struct LearningStoreTests {
    func users(_ count: Int, _ persistence: Persistence) async throws -> [RecordAuthor] {
        var made: [RecordAuthor] = []
        for index in 0..<count {
            let user = try await UserRepository.create(
                try UserDraft(username: "laerer\(index)", name: "Lærende \(index)", profession: "nurse", unitCode: "HJ-101", roles: ["clinician"])
                    .validated(), passwordHash: "x", on: persistence.outsideWriter)
            made.append(RecordAuthor(userId: user.id, name: user.name))
        }
        return made
    }

    func session(capacity: Int, _ persistence: Persistence) async throws -> UUID {
        let db = persistence.outsideWriter
        let author = RecordAuthor(userId: UUID(), name: "Underviser")
        let offer = try await OfferRepository.create(
            try OfferDraft(title: "Temaeftermiddag: smertebehandling", format: "themeAfternoon", levels: ["basal"], competencies: ["1", "2"])
                .validated(), author: author, on: db)
        let starts = Date(timeIntervalSince1970: 1_800_000_000)
        return try await LearningSessionRepository.create(
            offerId: offer.id, ValidLearningSession(startsAt: starts, endsAt: starts + 3 * 3600, capacity: capacity, place: "Hillerød"),
            author: author, on: db)
    }

    @Test func theCatalogueKeepsAnOffersListsAsGiven() async throws {
        try await TestDatabase.withPersistence { persistence in
            let db = persistence.outsideWriter
            let valid = try OfferDraft(
                title: "Tidlig palliation", format: "eLearning", levels: ["basal", "A"], competencies: ["3", "1", "3"],
                professions: ["nurse", "doctor"], sectors: ["municipality", "region"], duration: "5 moduler à 45 minutter"
            ).validated()
            let made = try await OfferRepository.create(valid, author: RecordAuthor(userId: UUID(), name: "Underviser"), on: db)
            let stored = try #require(try await OfferRepository.find(id: made.id, on: db))
            #expect(stored.offer == valid && stored.offer.competencies == [1, 3] && stored.active && stored.version == 1)
            #expect(try await OfferRepository.list(on: db).map(\.id).contains(made.id))
        }
    }

    @Test func aCancelledPlaceGoesToTheFirstWhoWaitsAndTheQueueMovesUp() async throws {
        try await TestDatabase.withPersistence { persistence in
            let people = try await users(4, persistence)
            let sessionId = try await session(capacity: 2, persistence)
            var made: [Registration] = []
            for person in people {
                made.append(
                    try await persistence.write {
                        try await LearningSessionRepository.register(sessionId: sessionId, userId: person.userId, author: person, on: $0)
                    })
            }
            let first = made[0].id
            #expect(made.map(\.status) == [.registered, .registered, .waitlisted, .waitlisted])
            #expect(made.map(\.position) == [nil, nil, 1, 2])
            await #expect(throws: LearningSessionRepository.Refusal.alreadyRegistered(first)) {
                try await persistence.write {
                    try await LearningSessionRepository.register(sessionId: sessionId, userId: people[0].userId, author: people[0], on: $0)
                }
            }
            // when: the first cancels
            let result = try #require(
                try await persistence.write { try await LearningSessionRepository.cancel(registrationId: first, author: people[0], on: $0) })
            // then: the first who waited has the place, and the second waits first in line
            #expect(result.cancelled.status == .cancelled && result.promoted.map(\.userId) == [people[2].userId])
            let now = try await persistence.read { try await LearningSessionRepository.registrations(sessionId: sessionId, on: $0) }
            #expect(now.map(\.userId) == [people[1].userId, people[2].userId, people[3].userId])
            #expect(now.map(\.status) == [.registered, .registered, .waitlisted] && now.map(\.position) == [nil, nil, 1])
            // cancelling again changes nothing; the person may register anew, at the end of the line
            let again = try #require(
                try await persistence.write { try await LearningSessionRepository.cancel(registrationId: first, author: people[0], on: $0) })
            #expect(again.promoted.isEmpty)
            let back = try await persistence.write {
                try await LearningSessionRepository.register(sessionId: sessionId, userId: people[0].userId, author: people[0], on: $0)
            }
            #expect(back.status == .waitlisted && back.position == 2)
            let session = try #require(try await persistence.read { try await LearningSessionRepository.find(id: sessionId, on: $0) })
            #expect(session.registered == 2 && session.waitlisted == 2)
        }
    }

    @Test func peopleTakingTheLastPlacesAtTheSameMomentGetOnePlaceEach() async throws {
        try await TestDatabase.withPersistence { persistence in
            let people = try await users(12, persistence)
            let sessionId = try await session(capacity: 5, persistence)
            let made = try await withThrowingTaskGroup(of: Registration.self) { group in
                for person in people {
                    group.addTask {
                        try await persistence.write {
                            try await LearningSessionRepository.register(sessionId: sessionId, userId: person.userId, author: person, on: $0)
                        }
                    }
                }
                return try await group.reduce(into: [Registration]()) { $0.append($1) }
            }
            #expect(made.filter { $0.status == .registered }.count == 5)
            #expect(made.compactMap(\.position).sorted() == Array(1...7))
            let stored = try await persistence.read { try await LearningSessionRepository.registrations(sessionId: sessionId, on: $0) }
            #expect(stored.filter { $0.status == .registered }.count == 5 && stored.compactMap(\.position) == Array(1...7))
        }
    }
}
