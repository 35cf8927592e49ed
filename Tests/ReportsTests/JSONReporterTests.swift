import Foundation
import XCTest
import PlanModel
import Reports

final class JSONReporterTests: XCTestCase {
    func testGoldenReport() {
        XCTAssertEqual(JSONReporter().render(Sample.report), #"""
        {
          "tool": "planlint",
          "version": "0.1.0",
          "rules": "nhs-resilience-2014-15 1.0.0",
          "files": [
            {
              "file": "drafts/sunnytown.yaml",
              "status": "red",
              "counts": {"error": 1, "warning": 1, "info": 1},
              "findings": [
                {"rule": "NE-MIN-PRESENT", "severity": "error", "category": "missing-item", "subject": "non_elective.minimum[NE07]", "message": "No plan for minimum requirement NE07", "citation": "Annex A, non-elective template, Section 2; guidance p.8", "location": {"line": 40, "column": 5}, "file": "drafts/sunnytown.yaml"},
                {"rule": "TARGET-MEASURABLE", "severity": "warning", "category": "kpi-link", "subject": "non_elective.minimum[NE01].targets[0]", "message": "The target 'Improve flow' cannot be measured", "citation": "Annex A, column 'Target Outcomes'", "location": {"line": 112, "column": 11}, "file": "drafts/sunnytown.yaml"},
                {"rule": "GOV-NOTE", "severity": "info", "category": "governance", "subject": "srg.publication_url", "message": "Consider publishing the plan", "citation": "guidance p.17", "location": {"line": 3, "column": 1}, "file": "drafts/sunnytown.yaml"}
              ]
            },
            {
              "file": "amber.yaml",
              "status": "amber",
              "counts": {"error": 0, "warning": 1, "info": 0},
              "findings": [
                {"rule": "FORMAT-UNKNOWN-KEY", "severity": "warning", "category": "format", "subject": "srg.colour", "message": "srg.colour: unknown key 'colour' in srg; its value is ignored", "citation": "Plan format srg-plan/1 (spec/plan-format.md)", "location": {"line": 4, "column": 3}, "file": "amber.yaml"}
              ]
            },
            {
              "file": "complete/northmoor.yaml",
              "status": "green",
              "counts": {"error": 0, "warning": 0, "info": 0},
              "findings": []
            }
          ],
          "errors": [
            {"file": "broken/empty.yaml", "message": "broken/empty.yaml: the file is empty; a plan starts with 'format: srg-plan/1'"}
          ],
          "counts": {"error": 1, "warning": 2, "info": 1}
        }

        """#)
    }

    func testEmptyRunHasAnEmptyFilesArrayAndNoErrorsKey() {
        let report = Report(version: "9.9", rules: "r 1", results: [], failures: [])
        XCTAssertEqual(JSONReporter().render(report), """
        {
          "tool": "planlint",
          "version": "9.9",
          "rules": "r 1",
          "files": [],
          "counts": {"error": 0, "warning": 0, "info": 0}
        }

        """)
    }

    func testStringsAreEscaped() throws {
        let message = "Say \"hi\" to C:\\plans\ttab\nnew line\r\u{01}\u{1F} £75,000 – ok / done"
        let f = Sample.finding("R", .error, .incomplete, "srg.name", message, at: .text(line: 1, column: 1), in: "a \"b\".yaml")
        let out = JSONReporter().render(Report(version: "1", rules: "r", results: [FileResult(file: "a \"b\".yaml", findings: [f])], failures: []))
        XCTAssertTrue(out.contains(#""message": "Say \"hi\" to C:\\plans\ttab\nnew line\r\u0001\u001f £75,000 – ok / done""#), out)
        XCTAssertTrue(out.contains(#""file": "a \"b\".yaml""#), out)
        // And it reads back to the same text.
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        let findings = files?.first?["findings"] as? [[String: Any]]
        XCTAssertEqual(findings?.first?["message"] as? String, message)
    }

    func testWorkbookLocationsUseSheetAndCell() throws {
        let f = Sample.finding("R", .warning, .capacityLink, "capacity_plan[CAP-02]", "m", at: .cell(sheet: "Non-elective plan", cell: "C14"), in: "plan.xlsx")
        let out = JSONReporter().render(Report(version: "1", rules: "r", results: [FileResult(file: "plan.xlsx", findings: [f])], failures: []))
        XCTAssertTrue(out.contains(#""location": {"sheet": "Non-elective plan", "cell": "C14"}"#), out)
    }

    func testOutputParsesAndHasTheContractsShape() throws {
        let out = JSONReporter().render(Sample.report)
        guard let top = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else {
            return XCTFail("not a JSON object")
        }
        XCTAssertEqual(Set(top.keys), ["tool", "version", "rules", "files", "errors", "counts"])
        XCTAssertEqual(top["tool"] as? String, "planlint")
        XCTAssertEqual(top["counts"] as? [String: Int], ["error": 1, "warning": 2, "info": 1])
        let files = try XCTUnwrap(top["files"] as? [[String: Any]])
        XCTAssertEqual(files.map { $0["file"] as? String }, ["drafts/sunnytown.yaml", "amber.yaml", "complete/northmoor.yaml"])
        XCTAssertEqual(files.map { $0["status"] as? String }, ["red", "amber", "green"])
        for (file, result) in zip(files, Sample.report.results) {
            XCTAssertEqual(Set(file.keys), ["file", "status", "counts", "findings"])
            let counts = try XCTUnwrap(file["counts"] as? [String: Int])
            XCTAssertEqual(counts, ["error": result.counts.error, "warning": result.counts.warning, "info": result.counts.info])
            let findings = try XCTUnwrap(file["findings"] as? [[String: Any]])
            XCTAssertEqual(findings.count, result.findings.count)
            for (json, f) in zip(findings, result.findings) {
                XCTAssertEqual(Set(json.keys), ["rule", "severity", "category", "subject", "message", "citation", "location", "file"])
                XCTAssertEqual(json["rule"] as? String, f.rule)
                XCTAssertEqual(json["severity"] as? String, f.severity.rawValue)
                XCTAssertEqual(json["category"] as? String, f.category.rawValue)
                XCTAssertEqual(json["subject"] as? String, f.subject)
                XCTAssertEqual(json["message"] as? String, f.message)
                XCTAssertEqual(json["citation"] as? String, f.citation)
                XCTAssertEqual(json["file"] as? String, f.file)
                XCTAssertEqual(json["location"] as? [String: Int], ["line": f.location.line ?? -1, "column": f.location.column ?? -1])
            }
        }
        let errors = try XCTUnwrap(top["errors"] as? [[String: String]])
        XCTAssertEqual(errors, [["file": "broken/empty.yaml", "message": Sample.unreadable.message]])
    }

    func testStatusIsTheRAGRating() {
        XCTAssertEqual(Sample.red.status, .red)
        XCTAssertEqual(Sample.amber.status, .amber)
        XCTAssertEqual(Sample.green.status, .green)
        let infoOnly = FileResult(file: "i", findings: [Sample.finding("I", .info, .governance, "srg", "m", at: .text(line: 1, column: 1), in: "i")])
        XCTAssertEqual(infoOnly.status, .green, "info findings alone are green")
        XCTAssertEqual(Sample.report.counts, Counts(Sample.red.findings + Sample.amber.findings))
    }
}
