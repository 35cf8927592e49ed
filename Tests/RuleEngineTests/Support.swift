import Foundation
import XCTest
import PlanModel
import RulesDSL
import RuleEngine

/// Small rules folders written to a temporary directory, and plans built from YAML strings.
enum Fixture {
    /// The package root: three levels above this file (Tests/RuleEngineTests/Support.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var bundledRules: String { packageRoot.appendingPathComponent("Rules").path }

    /// A rule with the metadata clauses filled in; `body` is its for/let/when/expect/subject/message lines.
    static func rule(_ id: String, severity: String = "error", category: String = "incomplete",
                     cohort: String? = nil, _ body: String) -> String {
        var out = """
        rule \(id)
          title    "Rule \(id)"
          severity \(severity)
          category \(category)
          cite     "Test citation for \(id)"

        """
        if let cohort { out += "  cohort   \(cohort)\n" }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            out += "  " + line + "\n"
        }
        return out + "\n"
    }

    /// Writes `ruleset.yaml`, the catalogue tables and `test.rules` to a fresh folder and loads it.
    /// Fails the test with the rendered diagnostics when the rules do not load.
    static func ruleSet(_ rules: String, catalogue: [String: String] = [:], testCase: XCTestCase,
                        file: StaticString = #filePath, line: UInt = #line) throws -> RuleSet {
        let dir = try folder(testCase: testCase)
        try write("id: test-rules\nversion: 0.0.1\n", to: dir.appendingPathComponent("ruleset.yaml"))
        for (name, text) in catalogue {
            try write(text, to: dir.appendingPathComponent("catalogue").appendingPathComponent(name))
        }
        try write(rules, to: dir.appendingPathComponent("test.rules"))
        do {
            return try RuleSet.load(directory: dir.path, display: "rules")
        } catch let e as RuleSetLoadError {
            XCTFail("the test rules do not load:\n" + e.rendered, file: file, line: line)
            throw e
        }
    }

    static func plan(_ yaml: String, file: String = "plan.yaml") throws -> Plan {
        try PlanLoader.load(bytes: Array(yaml.utf8), file: file)
    }

    static func plan(atPath relative: String) throws -> Plan {
        try PlanLoader.load(path: packageRoot.appendingPathComponent(relative).path)
    }

    /// A fresh temporary folder, removed when the test ends.
    static func folder(testCase: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

extension Finding {
    /// "RULE subject line:column", the shape most assertions compare.
    var brief: String { "\(rule) \(subject) \(location)" }
}
