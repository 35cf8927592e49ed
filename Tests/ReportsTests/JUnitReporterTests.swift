import Foundation
import XCTest
import PlanModel
import Reports

final class JUnitReporterTests: XCTestCase {
    func testGoldenForOnePlanAndOneFailure() {
        let report = Report(version: "1", rules: "r", results: [Sample.amber], failures: [Sample.unreadable],
                            ruleInfo: [Sample.rules[0], Sample.rules[1]])
        XCTAssertEqual(JUnitReporter().render(report), """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="planlint" tests="3" failures="1" errors="1" skipped="0">
          <testsuite name="amber.yaml" tests="2" failures="1" errors="0" skipped="0">
            <properties>
              <property name="status" value="amber"/>
            </properties>
            <testcase classname="amber.yaml" name="FORMAT-UNKNOWN-KEY: Keys the plan format does not define">
              <failure type="warning" message="srg.colour: unknown key &#39;colour&#39; in srg; its value is ignored">warning at 4:3 srg.colour: srg.colour: unknown key &#39;colour&#39; in srg; its value is ignored [Plan format srg-plan/1 (spec/plan-format.md)]</failure>
            </testcase>
            <testcase classname="amber.yaml" name="GOV-NOTE: The plan is published"/>
          </testsuite>
          <testsuite name="broken/empty.yaml" tests="1" failures="0" errors="1" skipped="0">
            <testcase classname="broken/empty.yaml" name="the plan can be read">
              <error type="not-readable" message="broken/empty.yaml: the file is empty; a plan starts with &#39;format: srg-plan/1&#39;">broken/empty.yaml: the file is empty; a plan starts with &#39;format: srg-plan/1&#39;</error>
            </testcase>
          </testsuite>
        </testsuites>

        """)
    }

    func testJunitparserReadsEverySuiteCaseAndFailure() throws {
        let dir = try Consumer.folder(self)
        let path = try Consumer.write(JUnitReporter().render(Sample.full), named: "junit.xml", in: dir)
        let out = try Consumer.python("""
        import json, sys
        from junitparser import JUnitXml, Failure, Error
        xml = JUnitXml.fromfile(sys.argv[1])
        suites = []
        for suite in xml:
            cases = []
            for case in suite:
                cases.append({"classname": case.classname, "name": case.name,
                              "results": [{"kind": type(r).__name__, "type": r.type, "message": r.message, "text": r.text} for r in case.result],
                              "out": case.system_out})
            props = {p.name: p.value for p in suite.properties()}
            suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures, "errors": suite.errors,
                           "props": props, "cases": cases})
        print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "suites": suites}))
        """, [path])
        let top = try Consumer.json(out)
        let suites = try XCTUnwrap(top["suites"] as? [[String: Any]])
        XCTAssertEqual(suites.compactMap { $0["name"] as? String },
                       ["drafts/sunnytown.yaml", "amber.yaml", "complete/northmoor.yaml", "subs/Kestrel & Vale <draft>.xlsx", "broken/empty.yaml"])
        XCTAssertEqual(top["tests"] as? Int, 4 * 4 + 1)
        XCTAssertEqual(top["failures"] as? Int, 2 + 1 + 0 + 1, "rules with errors or warnings fail; info alone passes")
        XCTAssertEqual(top["errors"] as? Int, 1)

        let red = suites[0]
        XCTAssertEqual(red["props"] as? [String: String], ["status": "red", "srg": "Sunnytown SRG", "cohort": "all-others"])
        let cases = try XCTUnwrap(red["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.compactMap { $0["name"] as? String }, Sample.rules.map { "\($0.id): \($0.title)" })
        XCTAssertEqual(Set(cases.compactMap { $0["classname"] as? String }), ["drafts/sunnytown.yaml"])
        let info = cases[1]
        XCTAssertEqual((info["results"] as? [Any])?.count, 0)
        XCTAssertTrue((info["out"] as? String ?? "").contains("Consider publishing the plan"))

        let workbook = try XCTUnwrap(suites[3]["cases"] as? [[String: Any]])
        let failure = try XCTUnwrap((workbook[2]["results"] as? [[String: Any]])?.first)
        XCTAssertEqual(failure["kind"] as? String, "Failure")
        XCTAssertEqual(failure["type"] as? String, "error")
        let text = try XCTUnwrap(failure["text"] as? String)
        XCTAssertEqual(text.components(separatedBy: "\n").count, 3, "one line per finding (the first message has a line break)")
        XCTAssertTrue(text.contains("error at 'Non-elective plan'!C14 non_elective.minimum[NE07]: No plan for \"NE07\" <script>alert('x')</script> & co"), text)
        XCTAssertTrue(text.contains("=HYPERLINK(\"http://evil\") costs £75,000, 'quoted', tab\there"), text)
        XCTAssertTrue((failure["message"] as? String ?? "").hasPrefix("2 findings; the first: No plan for \"NE07\""))

        let broken = try XCTUnwrap((suites[4]["cases"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        XCTAssertEqual(broken.first?["kind"] as? String, "Error")
        XCTAssertEqual(broken.first?["message"] as? String, Sample.unreadable.message)
    }

    func testCharactersXMLCannotHoldAreReplaced() throws {
        let f = Sample.finding("R", .error, .format, "s", "bell \u{07} nul \u{0} ok", at: .text(line: 1, column: 1), in: "a.yaml")
        let out = JUnitReporter().render(Report(version: "1", rules: "r", results: [FileResult(file: "a.yaml", findings: [f])], failures: []))
        XCTAssertTrue(out.contains("bell \u{FFFD} nul \u{FFFD} ok"), out)
        let dir = try Consumer.folder(self)
        let path = try Consumer.write(out, named: "j.xml", in: dir)
        XCTAssertEqual(try Consumer.python("import sys, xml.dom.minidom\nxml.dom.minidom.parse(sys.argv[1]); print('ok')", [path]), "ok\n")
    }
}
