import Foundation
import XCTest

/// `planlint init`, and the rule editor's `rules test` and `rules fmt` catching real mistakes.
final class InitAndRuleToolsTests: XCTestCase {
    /// An empty draft from `init`, linted unchanged, names every one of the 26 requirements once, as
    /// missing or incomplete, without a flood of per-field findings.
    func testInitDraftReportsEachRequirementOnce() throws {
        let dir = try CLI.folder(self)
        let draft = dir.appendingPathComponent("draft.yaml").path
        let made = try CLI.run(["init", "-o", draft])
        XCTAssertEqual(made.status, 0, made.transcript)

        let run = try CLI.run(["check", draft, "--format", "json"])
        XCTAssertEqual(run.status, 1, run.transcript)
        let json = try CLI.json(run.stdout)
        let files = try XCTUnwrap(json["files"] as? [[String: Any]])
        let findings = try XCTUnwrap(files.first?["findings"] as? [[String: Any]])
        XCTAssertFalse(findings.contains { ($0["category"] as? String) == "format" }, "the draft fits the plan format")

        let ids = (1...13).map { String(format: "NE%02d", $0) } + (1...13).map { String(format: "EL%02d", $0) }
        for id in ids {
            let side = id.hasPrefix("NE") ? "non_elective" : "elective"
            let about = findings.filter { ($0["subject"] as? String)?.hasPrefix("\(side).minimum[\(id)]") == true }
            XCTAssertEqual(about.count, 1, "\(id): \(about.map { $0["rule"] ?? "" })")
            XCTAssertTrue(["missing-item", "incomplete"].contains(about.first?["category"] as? String ?? ""), id)
        }
        // One finding per rule and subject: nothing is reported twice.
        let pairs = findings.map { "\($0["rule"] ?? "") \($0["subject"] ?? "") \($0["message"] ?? "")" }
        XCTAssertEqual(pairs.count, Set(pairs).count)
    }

    func testInitRefusesToReplaceAFileWithoutForce() throws {
        let dir = try CLI.folder(self)
        let draft = dir.appendingPathComponent("draft.yaml")
        try Data("format: srg-plan/1\n".utf8).write(to: draft)
        let run = try CLI.run(["init", "-o", draft.path])
        XCTAssertEqual(run.status, 2, run.transcript)
        XCTAssertEqual(run.stderrLines.count, 1, run.transcript)
        XCTAssertEqual(try String(contentsOf: draft, encoding: .utf8), "format: srg-plan/1\n", "the file is untouched")
        let forced = try CLI.run(["init", "-o", draft.path, "--force"])
        XCTAssertEqual(forced.status, 0, forced.transcript)
        XCTAssertTrue(try String(contentsOf: draft, encoding: .utf8).contains("requirement: EL13"))
    }

    /// A copy of the bundled rules with one file replaced, for breaking things.
    func rulesCopy(replacing name: String, with text: String) throws -> URL {
        let dir = try CLI.folder(self).appendingPathComponent("Rules")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Rules"), to: dir)
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        return dir
    }

    func testRulesTestFailsARuleWhoseFailingExampleDoesNotFail() throws {
        let rules = try rulesCopy(replacing: "extra.rules", with: #"""
        rule EXTRA-NARRATIVE
          title    "Narrative given"
          severity error
          category missing-item
          cite     "guidance p.19"
          expect   plan.non_elective.narrative exists
          subject  plan.non_elective.narrative
          message  "No narrative"
          passes """
            non_elective:
              narrative: Something.
            """
          fails at "non_elective.narrative" """
            non_elective:
              narrative: Still here.
            """

        rule EXTRA-UNTESTED
          title    "No examples"
          severity warning
          category governance
          cite     "guidance p.15"
          expect   plan.governance exists
          subject  plan.governance
          message  "No governance"

        """#)
        let run = try CLI.run(["rules", "test", rules.path])
        XCTAssertEqual(run.status, 1, run.transcript)
        XCTAssertTrue(run.stdout.contains("FAIL  EXTRA-NARRATIVE"), run.transcript)
        XCTAssertTrue(run.stdout.contains("yields no finding at non_elective.narrative"), run.transcript)
        XCTAssertTrue(run.stdout.contains("FAIL  EXTRA-UNTESTED"), run.transcript)
        XCTAssertTrue(run.stdout.contains("has no passing example"), run.transcript)
        // Every bundled rule still passes; of the two added, only EXTRA-UNTESTED lacks examples.
        let plain = try CLI.run(["rules", "test"]).stdout   // "rules test: N passed, 0 failed"
        let bundled = Int(plain.split(separator: "\n").last?.split(separator: " ").dropFirst(2).first ?? "") ?? 0
        XCTAssertGreaterThan(bundled, 50)
        XCTAssertTrue(run.stdout.contains("coverage: \(bundled + 1)/\(bundled + 2) rules"), run.transcript)
        XCTAssertTrue(run.stdout.hasSuffix("rules test: \(bundled) passed, 2 failed\n"), run.transcript)
    }

    func testRulesTestRefusesAnExampleThatDoesNotFitThePlanFormat() throws {
        let rules = try rulesCopy(replacing: "extra.rules", with: #"""
        rule EXTRA-NARRATIVE
          title    "Narrative given"
          severity error
          category missing-item
          cite     "guidance p.19"
          expect   plan.non_elective.narrative exists
          subject  plan.non_elective.narrative
          message  "No narrative"
          passes """
            non_elective:
              narative: A misspelt key makes this example test nothing.
            """
          fails at "non_elective.narrative" """
            non_elective:
              narrative: ~
            """

        """#)
        let run = try CLI.run(["rules", "test", rules.path, "--rule", "EXTRA-NARRATIVE"])
        XCTAssertEqual(run.status, 1, run.transcript)
        XCTAssertTrue(run.stdout.contains("does not fit the plan format: Unknown key 'narative'"), run.transcript)
    }

    func testRulesFmtCheckFlagsAFileOutOfCanonicalForm() throws {
        let rules = try rulesCopy(replacing: "extra.rules", with: #"""
        rule EXTRA-NARRATIVE
            title "Narrative given"
            severity   error
            category missing-item
            cite "guidance p.19"
            expect plan.non_elective.narrative   exists
            subject plan.non_elective.narrative
            message "No narrative"

        """#)
        let file = rules.appendingPathComponent("extra.rules")
        let check = try CLI.run(["rules", "fmt", "--check", file.path])
        XCTAssertEqual(check.status, 1, check.transcript)
        let fixed = try CLI.run(["rules", "fmt", file.path])
        XCTAssertEqual(fixed.status, 0, fixed.transcript)
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).contains("  expect   plan.non_elective.narrative exists\n"))
        let again = try CLI.run(["rules", "fmt", "--check", file.path])
        XCTAssertEqual(again.status, 0, again.transcript)
    }
}
