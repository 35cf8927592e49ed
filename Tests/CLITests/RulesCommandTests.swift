import Foundation
import XCTest

/// `planlint rules check|list|explain`, end to end.
final class RulesCommandTests: XCTestCase {
    func testRulesCheckPassesOnTheBundledRules() throws {
        let run = try CLI.run(["rules", "check"], in: URL(fileURLWithPath: "/tmp"))
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertEqual(run.stderr, "")
        XCTAssertTrue(run.stdout.hasPrefix("nhs-resilience-2014-15 1.0.0: "), run.transcript)
        XCTAssertTrue(run.stdout.hasSuffix(": no errors\n"), run.transcript)
    }

    func testRulesCheckReportsEveryDiagnosticOfABrokenFolder() throws {
        let dir = try CLI.folder(self)
        try Data("id: broken\nversion: 1\n".utf8).write(to: dir.appendingPathComponent("ruleset.yaml"))
        try Data("""
        rule FIRST
          title    "T"
          severity error
          category incomplete
          cite     "C"
          for each s in plan.non_elective.minimum
          expect   s.target exists
          subject  s
          message  "m"

        rule SECOND
          title    "T"
          severity error
          category incomplete
          cite     "C"
          expect   (plan.srg.name exists
          subject  plan.srg.name
          message  "m"

        """.utf8).write(to: dir.appendingPathComponent("broken.rules"))
        let run = try CLI.run(["rules", "check", dir.path])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stdout, "")
        let shown = dir.path + "/broken.rules"
        XCTAssertEqual(run.stderr, """
        \(shown):7:14: error: s has no field 'target'; did you mean 'targets'?
         7 |   expect   s.target exists
           |              ^~~~~~
        \(shown):17:3: error: expected ')' to close the '(' at \(shown):16:12
         17 |   subject  plan.srg.name
            |   ^~~~~~~
        2 errors in 1 file
        planlint: the rules in \(dir.path) have errors (above); no plan was checked

        """)
    }

    func testCheckWithBrokenRulesExitsTwoWithoutCheckingPlans() throws {
        let dir = try CLI.folder(self)
        try Data("id: broken\nversion: 1\n".utf8).write(to: dir.appendingPathComponent("ruleset.yaml"))
        try Data("rule X\n  title \"T\"\n".utf8).write(to: dir.appendingPathComponent("x.rules"))
        let run = try CLI.run(["check", "--rules", dir.path, CLI.sample("complete/northmoor.yaml")])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stdout, "", "no report when the rules cannot be loaded")
        XCTAssertTrue(run.stderr.contains("rule X has no 'expect' clause"), run.transcript)
        XCTAssertEqual(run.stderrLines.last, "planlint: the rules in \(dir.path) have errors (above); no plan was checked")
    }

    func testRulesListShowsEveryRule() throws {
        let run = try CLI.run(["rules", "list"])
        XCTAssertEqual(run.status, 0, run.transcript)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("MIN-PRESENT ") && $0.contains("error") && $0.contains("missing-item") }, run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("FORMAT-MONEY ") }, "the loader's checks are listed too")
        let ids = lines.dropLast().map { String($0.prefix { $0 != " " }) }
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertEqual(lines.last, "\(lines.count - 1) rules (nhs-resilience-2014-15 1.0.0)")
    }

    func testRulesListMarkdown() throws {
        let run = try CLI.run(["rules", "list", "--format", "markdown"])
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertTrue(run.stdout.hasPrefix("# planlint rule catalogue\n"), run.transcript)
        XCTAssertTrue(run.stdout.contains("| `MIN-PRESENT` | error | missing-item |"), run.transcript)
    }

    func testRulesExplainShowsTheRule() throws {
        let run = try CLI.run(["rules", "explain", "MIN-PRESENT"])
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertTrue(run.stdout.hasPrefix("MIN-PRESENT: Every minimum plan requirement has a row in Section 2\n"), run.transcript)
        XCTAssertTrue(run.stdout.contains("  severity  error\n  category  missing-item\n"), run.transcript)
        XCTAssertTrue(run.stdout.contains("\nrule MIN-PRESENT\n"), "the source text is shown")
        XCTAssertFalse(run.stdout.contains("rule MIN-KNOWN-REQUIREMENT"), "only that rule's source")

        let loader = try CLI.run(["rules", "explain", "FORMAT-UNKNOWN-KEY"])
        XCTAssertEqual(loader.status, 0, loader.transcript)
        XCTAssertTrue(loader.stdout.contains("built in"), loader.transcript)
    }

    func testRulesExplainOfAnUnknownIdSuggestsOne() throws {
        let run = try CLI.run(["rules", "explain", "MIN-PRESNT"])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines, ["planlint: there is no rule MIN-PRESNT; did you mean 'MIN-PRESENT'? ('planlint rules list' shows them all)"])
    }

    func testRulesTestRunsEveryBundledExample() throws {
        let run = try CLI.run(["rules", "test"])
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertTrue(run.stdout.hasSuffix(" passed, 0 failed\n"), run.transcript)
    }

    func testVersion() throws {
        let run = try CLI.run(["--version"])
        XCTAssertEqual(run.status, 0, run.transcript)
        XCTAssertFalse(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
