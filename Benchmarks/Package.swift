// swift-tools-version:6.0
// Benchmarks for planlint, kept in their own package so the tool itself does not depend on Yams.
// Run with `make bench` (or `swift run -c release --package-path Benchmarks planlint-bench`).
import PackageDescription

let package = Package(
    name: "planlint-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "planlint"),   // a link to the package root: a path dependency is named after its folder
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .executableTarget(
            name: "planlint-bench",
            dependencies: [
                .product(name: "PlanlintKit", package: "planlint"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
