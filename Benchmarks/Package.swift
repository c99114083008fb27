// swift-tools-version: 6.2
// Micro-benchmarks of Lindring's hot paths, with ordo-one/benchmark. A package of its own, so
// that the app's package (and CI's `swift build` / `swift test`) does not depend on the
// benchmark tooling. Run from this folder: swift package --disable-sandbox benchmark
import PackageDescription

let package = Package(
    name: "LindringBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Lindring", path: ".."),
        // Only the MallocInterposer trait (for the malloc metrics): the default traits also
        // select RuntimeInterposer, whose package (ordo-one/swift-runtime-interposer, needed on
        // Linux with Swift 6.3) is not in the local package mirror. With that trait off,
        // SwiftPM leaves the package out of resolution altogether.
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        // Already in the graph through Lindring; named here because the benchmarks import them.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
    ],
    targets: [
        .executableTarget(
            name: "LindringBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LindringCore", package: "Lindring"),
                .product(name: "LindringStore", package: "Lindring"),
                .product(name: "LindringWeb", package: "Lindring"),
                .product(name: "LindringDemoData", package: "Lindring"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            path: "Benchmarks/LindringBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        )
    ]
)
