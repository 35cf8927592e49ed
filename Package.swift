// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "planlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "planlint", targets: ["planlint"]),
        // The libraries, for the benchmarks package (Benchmarks/) and other tools.
        .library(name: "PlanlintKit", targets: ["PlanModel", "RulesDSL", "RuleEngine", "Reports",
                                                "XLSXWriter", "XLSXReader", "WorkbookTemplates"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // libyaml's event parser (Debian libyaml-dev): the plan and catalogue loader's tokenizer.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // The plan schema, values with locations, YAML composing and schema binding.
        .target(name: "PlanModel", dependencies: ["CYAML"]),
        // The rules language: lexer, parser, AST, type checker, formatter, diagnostics.
        .target(name: "RulesDSL", dependencies: ["PlanModel"]),
        // Evaluating checked rules over a plan: findings, profiles, rule examples.
        .target(name: "RuleEngine", dependencies: ["PlanModel", "RulesDSL"]),
        // libxlsxwriter (Debian libxlsxwriter-dev): the C library that writes .xlsx files.
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // A small safe Swift layer over libxlsxwriter: one owner per handle, typed errors, atomic files.
        .target(name: "XLSXWriter", dependencies: ["CXlsxWriter"]),
        // A hardened .xlsx reader: zip and XML limits, cells with types, formulas, dates, merges, names.
        .target(name: "XLSXReader", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The Annex A / Annex C template specs (Templates/): fill a workbook from a plan, extract a plan from one.
        .target(name: "WorkbookTemplates", dependencies: ["PlanModel", "RulesDSL", "RuleEngine", "XLSXWriter", "XLSXReader"]),
        // One reporter per output format.
        .target(name: "Reports", dependencies: ["PlanModel", "RuleEngine", "XLSXWriter"]),
        // The command line: thin commands over the libraries.
        .executableTarget(
            name: "planlint",
            dependencies: [
                "PlanModel", "RulesDSL", "RuleEngine", "Reports", "XLSXWriter", "XLSXReader", "WorkbookTemplates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What several test suites share: a seeded random generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PlanModelTests", dependencies: ["PlanModel", "TestSupport"]),
        .testTarget(name: "RulesDSLTests", dependencies: ["RulesDSL", "PlanModel", "TestSupport"]),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "RulesDSL", "PlanModel", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "RuleEngine", "PlanModel"], exclude: ["Resources"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter"]),
        .testTarget(name: "XLSXReaderTests", dependencies: ["XLSXReader", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "WorkbookTemplatesTests", dependencies: ["WorkbookTemplates", "XLSXReader", "RuleEngine", "PlanModel"]),
        .testTarget(name: "CLITests", dependencies: ["planlint"]),
    ],
    swiftLanguageModes: [.v5]
)
