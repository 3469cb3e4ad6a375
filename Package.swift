// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode (strict concurrency) plus upcoming features.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "WorkforceLedger",
    products: [
        .library(name: "LedgerStore", targets: ["LedgerStore"]),
        .library(name: "WorkforceEvents", targets: ["WorkforceEvents"]),
        .library(name: "Projections", targets: ["Projections"]),
        .executable(name: "wfl", targets: ["wfl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C binding to Debian's liblmdb-dev.
        .systemLibrary(
            name: "CLMDB",
            path: "Sources/CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        // C binding to Debian's libsqlite3-dev, and a small Swift wrapper over it (for `wfl export sqlite`).
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "SQLite", dependencies: ["CSQLite"], path: "Sources/SQLite"),
        // RFC 8259 parsing and RFC 8785 canonical serialization. Knows nothing of events.
        .target(name: "CanonicalJSON", path: "Sources/CanonicalJSON"),
        // The generic event store: envelopes, positions, streams, idempotency, hash chain. Knows no event types.
        .target(
            name: "LedgerStore",
            dependencies: [
                "CLMDB", "CanonicalJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/LedgerStore"
        ),
        // The workforce event catalog: types, decoding, validation rules.
        .target(name: "WorkforceEvents", dependencies: ["LedgerStore", "CanonicalJSON"], path: "Events"),
        // Projector modules and reports.
        .target(name: "Projections", dependencies: ["WorkforceEvents", "LedgerStore", "CanonicalJSON"], path: "Projections"),
        // Deterministic generator of a realistic CareerConneCT-like history (JSONL input events).
        .target(name: "DemoGenerator", dependencies: ["CanonicalJSON"], path: "Tools/DemoGenerator"),
        // The `wfl` command-line tool.
        .executableTarget(
            name: "wfl",
            dependencies: [
                "LedgerStore", "WorkforceEvents", "Projections", "CanonicalJSON", "DemoGenerator", "SQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/wfl",
            plugins: ["SourceCommit"]
        ),
        // Records the git commit a build is made from, for `wfl --version`.
        .plugin(name: "SourceCommit", capability: .buildTool(), path: "Plugins/SourceCommit"),
        // Benchmarks: the product's workloads side by side with raw LMDB. Release build, not part of the tests.
        .executableTarget(
            name: "wfl-bench",
            dependencies: [
                "CLMDB", "LedgerStore", "WorkforceEvents", "Projections", "CanonicalJSON", "DemoGenerator",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tools/wfl-bench"
        ),
        // A generic store exerciser used by the multi-process tests (concurrent writers, kill -9).
        .executableTarget(name: "ledger-torture", dependencies: ["LedgerStore", "CanonicalJSON"], path: "Tools/ledger-torture"),

        // Helpers shared by the test targets: temporary stores, running built executables.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON"], path: "Tests/CanonicalJSONTests"),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: ["LedgerStore", "CanonicalJSON", "TestSupport", "ledger-torture"],
            path: "Tests/LedgerStoreTests"
        ),
        .testTarget(
            name: "WorkforceEventsTests",
            dependencies: ["WorkforceEvents", "LedgerStore", "CanonicalJSON", "TestSupport"],
            path: "Tests/WorkforceEventsTests"
        ),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: ["Projections", "WorkforceEvents", "LedgerStore", "CanonicalJSON", "TestSupport"],
            path: "Tests/ProjectionsTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DemoGeneratorTests",
            dependencies: ["DemoGenerator", "WorkforceEvents", "LedgerStore", "Projections", "CanonicalJSON", "TestSupport"],
            path: "Tests/DemoGeneratorTests"
        ),
        .testTarget(
            name: "WFLTests",
            dependencies: ["wfl", "TestSupport", "LedgerStore", "CanonicalJSON"],
            path: "Tests/WFLTests"
        ),
    ]
)

for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
