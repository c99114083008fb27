// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Lindring",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lindring", targets: ["lindring"]),
        // For the micro-benchmarks in Benchmarks/, a package of their own.
        .library(name: "LindringCore", targets: ["LindringCore"]),
        .library(name: "LindringStore", targets: ["LindringStore"]),
        .library(name: "LindringWeb", targets: ["LindringWeb"]),
        .library(name: "LindringDemoData", targets: ["LindringDemoData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        // Exact: LindringSQLite imports sqlite-nio's C module `VaporCSQLite` (the SQLite it bundles,
        // its functions prefixed `sqlite_nio_`), an internal target of sqlite-nio's, no product, that
        // has been renamed before. Take a new version only after checking that module, its name and
        // the prefix, and running the tests; a C target of our own would need SQLite's source in
        // the repository.
        .package(url: "https://github.com/vapor/sqlite-nio.git", exact: "1.13.2"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "LindringCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ],
            swiftSettings: swiftSettings
        ),
        // The SQLite runtime: direct connections, their pool, the group-commit queue and the
        // writer's thread; SQLDatabase only, no Fluent (docs/architecture.md, "The SQLite runtime").
        .target(
            name: "LindringSQLite",
            dependencies: [
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LindringStore",
            dependencies: [
                "LindringCore",
                "LindringSQLite",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LindringWeb",
            dependencies: [
                "LindringCore",
                "LindringStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Assets")],
            swiftSettings: swiftSettings
        ),
        // The demo data and the region-scale generator (`lindring demo-data`, `serve --demo`):
        // synthetic records written through the store's repositories, no web code.
        .target(
            name: "LindringDemoData",
            dependencies: [
                "LindringCore",
                "LindringStore",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lindring",
            dependencies: [
                "LindringCore",
                "LindringStore",
                "LindringWeb",
                "LindringDemoData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LindringCoreTests",
            dependencies: ["LindringCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LindringTestSupport",
            dependencies: [
                "LindringCore",
                "LindringStore",
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            path: "Tests/LindringTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LindringStoreTests",
            dependencies: ["LindringStore", "LindringSQLite", "LindringTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LindringWebTests",
            dependencies: [
                "LindringWeb",
                "LindringDemoData",
                "LindringTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
