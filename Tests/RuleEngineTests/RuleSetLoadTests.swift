import Foundation
import XCTest
import PlanModel
import RulesDSL
import RuleEngine

/// Loading a rules folder: every problem in every file is collected, with paths shown as the user gave them.
final class RuleSetLoadTests: XCTestCase {
    private func loadError(_ dir: URL, file: StaticString = #filePath, line: UInt = #line) -> RuleSetLoadError? {
        do {
            _ = try RuleSet.load(directory: dir.path, display: "myrules")
            XCTFail("expected the rules not to load", file: file, line: line)
        } catch let e as RuleSetLoadError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }

    func testErrorsInSeveralFilesAreAllReportedInOrder() throws {
        let dir = try Fixture.folder(testCase: self)
        try Fixture.write("id: t\nversion: 1\n", to: dir.appendingPathComponent("ruleset.yaml"))
        try Fixture.write(Fixture.rule("B-RULE", "expect   plan.srg.nam exists\nsubject  plan.srg\nmessage  \"m\""),
                          to: dir.appendingPathComponent("b.rules"))
        try Fixture.write(Fixture.rule("A-RULE", "expect   plan.srg.name exists and\nsubject  plan.srg\nmessage  \"m\""),
                          to: dir.appendingPathComponent("sub/a.rules"))
        let e = loadError(dir)
        XCTAssertEqual(e?.diagnostics.map { "\($0.file):\($0.line):\($0.column) \($0.message)" }, [
            "myrules/b.rules:6:21 plan.srg has no field 'nam'; did you mean 'name'?",
            "myrules/sub/a.rules:7:3 the expression ends too early: a value is missing before the 'subject' on this line",
        ])
        XCTAssertTrue(e?.rendered.hasSuffix("2 errors in 2 files\n") ?? false, e?.rendered ?? "")
        XCTAssertTrue(e?.rendered.contains(" 6 |   expect   plan.srg.nam exists\n") ?? false, e?.rendered ?? "")
    }

    func testFolderProblems() throws {
        let empty = try Fixture.folder(testCase: self)
        XCTAssertEqual(loadError(empty)?.diagnostics.map { "\($0.file): \($0.message)" }, [
            "myrules: no .rules files in this folder",
            "myrules/ruleset.yaml: the rules folder has no readable ruleset.yaml (id, version, example_base)",
        ])
        let missing = empty.appendingPathComponent("nope")
        XCTAssertEqual(loadError(missing)?.diagnostics.map(\.message), ["no rules folder here"])
    }

    func testCatalogueProblemsAreDiagnostics() throws {
        let dir = try Fixture.folder(testCase: self)
        try Fixture.write("id: t\nversion: 1\n", to: dir.appendingPathComponent("ruleset.yaml"))
        try Fixture.write(Fixture.rule("OK", "expect   plan.srg exists\nsubject  plan.srg\nmessage  \"m\""),
                          to: dir.appendingPathComponent("ok.rules"))
        try Fixture.write("- id: A\n  pattern: \"[unclosed\"\n", to: dir.appendingPathComponent("catalogue/checks.yaml"))
        try Fixture.write("- id: A\n  page: 8\n- id: B\n  page: [8, 9]\n", to: dir.appendingPathComponent("catalogue/pages.yaml"))
        let e = loadError(dir)
        XCTAssertEqual(e?.diagnostics.map { "\($0.file):\($0.line) \($0.message)" }, [
            "myrules/catalogue/checks.yaml:2 '[unclosed' is not a valid regular expression",
            "myrules/catalogue/pages.yaml:3 this entry does not have the same shape as the ones before it in 'pages'",
            "myrules/catalogue/pages.yaml:4 The page of B should be a number, but is a list",
        ])
    }

    func testManifestGivesTheLabel() throws {
        let set = try Fixture.ruleSet(Fixture.rule("OK", "expect   plan.srg exists\nsubject  plan.srg\nmessage  \"m\""), testCase: self)
        XCTAssertEqual(set.label, "test-rules 0.0.1")
        XCTAssertEqual(set.rules.map(\.id), ["OK"])
        XCTAssertEqual(set.rules.first?.title, "Rule OK")
        XCTAssertEqual(set.rules.first?.citation, "Test citation for OK")
    }
}
