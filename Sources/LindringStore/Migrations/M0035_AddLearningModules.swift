import FluentKit
import Foundation
import LindringCore
import SQLKit

/// Issue 21's e-learning: modules of an offer with every version of their text kept, each
/// learner's progress as the changes their devices sent (one row per client-made id, so a
/// re-send stores nothing twice), their reflections (never overwritten), and completions of
/// modules and of whole offers (what coverage counts). Ships the "tidlig palliation" course:
/// its offer and five modules, from the texts in Resources/learning.
struct M0035_AddLearningModules: AsyncMigration {
    var name: String { "M0035_AddLearningModules" }

    func prepare(on database: any Database) async throws {
        try await database.schema("learning_modules")
            .id()
            .field("offer_id", .uuid, .required, .references("learning_offers", "id"))
            .field("position", .int, .required)
            .field("current_version", .int, .required)
            .create()
        try await database.schema("learning_module_versions")
            .field("module_id", .uuid, .required, .references("learning_modules", "id"))
            .field("version", .int, .required)
            .field("source", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_name", .string, .required)
            .unique(on: "module_id", "version")
            .create()
        try await database.schema("learning_progress")
            .field("client_id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("module_id", .uuid, .required, .references("learning_modules", "id"))
            .field("kind", .string, .required)
            .field("section", .int)
            .field("answers", .string)
            .field("right_answers", .int)
            .field("passed", .bool)
            .field("at", .datetime, .required)
            .field("received_at", .datetime, .required)
            .create()
        try await database.schema("learning_reflections")
            .field("client_id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("module_id", .uuid, .required, .references("learning_modules", "id"))
            .field("section", .int, .required)
            .field("question", .int, .required)
            .field("text", .string, .required)
            .field("written_at", .datetime, .required)
            .field("received_at", .datetime, .required)
            .create()
        try await database.schema("learning_module_completions")
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("module_id", .uuid, .required, .references("learning_modules", "id"))
            .field("completed_at", .datetime, .required)
            .unique(on: "user_id", "module_id")
            .create()
        try await database.schema("learning_offer_completions")
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("offer_id", .uuid, .required, .references("learning_offers", "id"))
            .field("completed_at", .datetime, .required)
            .field("source", .string, .required)
            .unique(on: "user_id", "offer_id")
            .create()
        let sql = database.sql
        try await sql.create(index: "learning_modules_offer_idx").on("learning_modules").column("offer_id").column("position").run()
        try await sql.create(index: "learning_progress_user_idx").on("learning_progress").column("user_id").column("module_id").run()
        try await sql.create(index: "learning_reflections_user_idx").on("learning_reflections").column("user_id").column("module_id").run()
        try await sql.create(index: "learning_offer_completions_offer_idx").on("learning_offer_completions").column("offer_id").run()
        try await Self.seedCourse(on: sql)
    }

    static let courseTitle = "Tidlig palliation – e-læring"

    /// The course as shipped: its offer and its five modules at version 1.
    static func seedCourse(on sql: any SQLDatabase) async throws {
        let now = Date()
        let offer = UUID()
        try await sql.insert(into: "learning_offers")
            .columns(
                "id", "title", "summary", "format", "levels", "competencies", "professions", "sectors", "duration", "prerequisites", "active",
                "created_at", "created_by_name", "version"
            )
            .values(
                SQLBind(offer), SQLBind(courseTitle),
                SQLBind(
                    "Fem moduler med cases og refleksionsspørgsmål om at opdage og lindre palliative behov tidligt. Kan tages alene eller "
                        + "i grupper på en workshop, også på mobilen og uden netforbindelse."),
                SQLBind("eLearning"), SQLBind("basal,A"), SQLBind("1,2,3,6,8,9"),
                SQLBind("socialAndHealthCareHelper,socialAndHealthCareAssistant,nurse,doctor"), SQLBind(""),
                SQLBind("5 moduler à ca. 45 minutter"), SQLBind(String?.none), SQLBind(true), SQLBind(now), SQLBind("Lindring"), SQLBind(1)
            ).run()
        for number in 1...5 {
            guard let url = Bundle.module.url(forResource: "tidlig-palliation-\(number)", withExtension: "md", subdirectory: "Resources/learning")
            else { throw ModuleFileMissing(number: number) }
            let source = try String(contentsOf: url, encoding: .utf8)
            _ = try ModuleText.parse(source)
            let module = UUID()
            try await sql.insert(into: "learning_modules").columns("id", "offer_id", "position", "current_version")
                .values(SQLBind(module), SQLBind(offer), SQLBind(number), SQLBind(1)).run()
            try await sql.insert(into: "learning_module_versions").columns("module_id", "version", "source", "created_at", "created_by_name")
                .values(SQLBind(module), SQLBind(1), SQLBind(source), SQLBind(now), SQLBind("Lindring")).run()
        }
    }

    struct ModuleFileMissing: Error, CustomStringConvertible {
        let number: Int
        var description: String { "The module text tidlig-palliation-\(number).md is not among the resources." }
    }

    func revert(on database: any Database) async throws {
        for table in [
            "learning_offer_completions", "learning_module_completions", "learning_reflections", "learning_progress", "learning_module_versions",
            "learning_modules",
        ] {
            try await database.schema(table).delete()
        }
    }
}
