import Foundation
import XCTest
import PlanModel
@testable import Reports

final class SARIFReporterTests: XCTestCase {
    let reporter = SARIFReporter(baseDirectory: "/work/plans", informationURI: "https://example.org/planlint")

    /// The official SARIF 2.1.0 schema, kept beside these tests.
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/sarif-schema-2.1.0.json").path

    func testGoldenForOneFinding() {
        let f = Sample.finding("NE-MIN-PRESENT", .error, .missingItem, "non_elective.minimum[NE07]", "No plan for NE07",
                               at: .text(line: 40, column: 5), in: "drafts/a b.yaml")
        let report = Report(version: "0.1.0", rules: "r 1", results: [FileResult(file: "drafts/a b.yaml", findings: [f])],
                            failures: [], ruleInfo: [Sample.rules[2]], exitCode: 1)
        XCTAssertEqual(reporter.render(report), #"""
        {
          "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
          "version": "2.1.0",
          "runs": [
            {
              "tool": {
                "driver": {
                  "name": "planlint",
                  "version": "0.1.0",
                  "informationUri": "https://example.org/planlint",
                  "properties": {"ruleSet": "r 1"},
                  "rules": [
                    {"id": "NE-MIN-PRESENT", "name": "NeMinPresent", "shortDescription": {"text": "Every non-elective minimum requirement has a plan"}, "fullDescription": {"text": "Every non-elective minimum requirement has a plan. Guidance: Annex A, non-elective template, Section 2; guidance p.8."}, "help": {"text": "Every non-elective minimum requirement has a plan. Guidance: Annex A, non-elective template, Section 2; guidance p.8. 'planlint rules explain NE-MIN-PRESENT' shows the rule and its examples."}, "defaultConfiguration": {"level": "error"}, "properties": {"category": "missing-item", "citation": "Annex A, non-elective template, Section 2; guidance p.8", "tags": ["missing-item"]}}
                  ]
                }
              },
              "originalUriBaseIds": {"SRCROOT": {"uri": "file:///work/plans/"}},
              "columnKind": "unicodeCodePoints",
              "results": [
                {"ruleId": "NE-MIN-PRESENT", "ruleIndex": 0, "level": "error", "message": {"text": "No plan for NE07"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "drafts/a%20b.yaml", "uriBaseId": "SRCROOT"}, "region": {"startLine": 40, "startColumn": 5}}}], "partialFingerprints": {"planlintSubject/v1": "\#(SARIFReporterTests.fnv("NE-MIN-PRESENT|non_elective.minimum[NE07]"))"}, "properties": {"subject": "non_elective.minimum[NE07]", "category": "missing-item", "citation": "Annex A, non-elective template, Section 2; guidance p.8"}}
              ],
              "invocations": [
                {
                  "executionSuccessful": true,
                  "exitCode": 1,
                  "toolExecutionNotifications": []
                }
              ]
            }
          ]
        }

        """#)
    }

    /// FNV-1a 64, computed independently of the reporter.
    static func fnv(_ s: String) -> String {
        var h: UInt64 = 14_695_981_039_346_656_037
        for b in s.utf8 { h ^= UInt64(b); h = h &* 1_099_511_628_211 }
        return String(format: "%016llx", h)
    }

    func testFullReportIsValidAgainstTheOfficialSchema() throws {
        let dir = try Consumer.folder(self)
        let path = try Consumer.write(reporter.render(Sample.full), named: "full.sarif", in: dir)
        let empty = try Consumer.write(reporter.render(Report(version: "1", rules: "r", results: [], failures: [])), named: "empty.sarif", in: dir)
        let out = try Consumer.python("""
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        for path in sys.argv[2:]:
            doc = json.load(open(path, encoding="utf-8"))
            errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
            for e in errors: print(path, list(e.path), e.message)
            if not errors: print("valid", path)
        """, [Self.schema, path, empty])
        XCTAssertEqual(out, "valid \(path)\nvalid \(empty)\n")
    }

    func testResultsCarryRulesLocationsAndNotifications() throws {
        let sarif = try Consumer.json(reporter.render(Sample.full))
        let run = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.compactMap { $0["id"] as? String }, Sample.rules.map(\.id))
        XCTAssertEqual((rules[3]["properties"] as? [String: Any])?["citation"] as? String, "Annex A, column 'Target Outcomes'")
        XCTAssertEqual((rules[1]["defaultConfiguration"] as? [String: String])?["level"], "note")
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, Sample.full.results.map(\.findings.count).reduce(0, +))
        for r in results {
            let id = try XCTUnwrap(r["ruleId"] as? String)
            XCTAssertEqual(rules[try XCTUnwrap(r["ruleIndex"] as? Int)]["id"] as? String, id, "ruleIndex points at the rule")
        }
        // A YAML finding: a region; a workbook finding: the artifact and a logical location.
        let first = try XCTUnwrap((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual(first["region"] as? [String: Int], ["startLine": 40, "startColumn": 5])
        XCTAssertEqual((first["artifactLocation"] as? [String: String])?["uri"], "drafts/sunnytown.yaml")
        let cell = try XCTUnwrap((results[4]["locations"] as? [[String: Any]])?.first)
        let physical = try XCTUnwrap(cell["physicalLocation"] as? [String: Any])
        XCTAssertNil(physical["region"])
        XCTAssertEqual((physical["artifactLocation"] as? [String: String])?["uri"], "subs/Kestrel%20&%20Vale%20%3Cdraft%3E.xlsx")
        XCTAssertEqual(cell["logicalLocations"] as? [[String: String]],
                       [["name": "Non-elective plan!C14", "fullyQualifiedName": "'Non-elective plan'!C14", "kind": "element"]])
        XCTAssertEqual(results[4]["properties"] as? [String: String], [
            "subject": "non_elective.minimum[NE07]", "category": "missing-item", "citation": "Annex A, non-elective template, Section 2; guidance p.8",
        ])
        XCTAssertEqual(results[1]["level"] as? String, "warning")
        XCTAssertEqual(results[2]["level"] as? String, "note")
        // Fingerprints tell a file's findings apart, and ignore line numbers (the same rule and subject match across files).
        let prints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["planlintSubject/v1"] }
        XCTAssertEqual(prints.count, results.count)
        XCTAssertEqual(Set(prints[4...5]).count, 2)
        XCTAssertEqual(Set(prints[0...3]).count, 4)
        XCTAssertEqual(prints[0], prints[4], "NE-MIN-PRESENT at non_elective.minimum[NE07] in two files")
        let invocation = try XCTUnwrap((run["invocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(invocation["exitCode"] as? Int, 2)
        XCTAssertEqual(invocation["executionSuccessful"] as? Bool, false)
        let notes = try XCTUnwrap(invocation["toolExecutionNotifications"] as? [[String: Any]])
        XCTAssertEqual(notes.count, 1)
        XCTAssertEqual((notes[0]["message"] as? [String: String])?["text"], Sample.unreadable.message)
    }

    func testURIsAreRelativeToTheBaseFolderOrAbsolute() {
        XCTAssertEqual(reporter.artifactLocation("/work/plans/a/b.yaml"), #"{"uri": "a/b.yaml", "uriBaseId": "SRCROOT"}"#)
        XCTAssertEqual(reporter.artifactLocation("./x.yaml"), #"{"uri": "x.yaml", "uriBaseId": "SRCROOT"}"#)
        XCTAssertEqual(reporter.artifactLocation("/elsewhere/é x.yaml"), #"{"uri": "file:///elsewhere/%C3%A9%20x.yaml"}"#)
        XCTAssertEqual(reporter.artifactLocation("c:d.yaml"), #"{"uri": "c%3Ad.yaml", "uriBaseId": "SRCROOT"}"#)
        XCTAssertEqual(SARIFReporter.ruleName("COSTING-ITEMS-NET"), "CostingItemsNet")
    }
}
