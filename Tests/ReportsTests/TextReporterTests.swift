import XCTest
import PlanModel
import Reports

final class TextReporterTests: XCTestCase {
    let plain = """
    drafts/sunnytown.yaml  RED
      40:5     error    NE-MIN-PRESENT
               No plan for minimum requirement NE07
               at non_elective.minimum[NE07] · Annex A, non-elective template, Section 2; guidance p.8
      112:11   warning  TARGET-MEASURABLE
               The target 'Improve flow' cannot be measured
               at non_elective.minimum[NE01].targets[0] · Annex A, column 'Target Outcomes'
      3:1      info     GOV-NOTE
               Consider publishing the plan
               at srg.publication_url · guidance p.17

    amber.yaml  AMBER
      4:3      warning  FORMAT-UNKNOWN-KEY
               srg.colour: unknown key 'colour' in srg; its value is ignored
               at srg.colour · Plan format srg-plan/1 (spec/plan-format.md)

    complete/northmoor.yaml  GREEN
      no findings

    3 files checked: 1 red, 1 amber, 1 green · 1 error, 2 warnings, 1 info · 1 file could not be read · RED

    """

    func testGoldenWithoutColour() {
        let out = TextReporter(colour: false).render(Sample.report)
        XCTAssertEqual(out, plain)
        XCTAssertFalse(out.contains("\u{1B}"), "no escape codes without colour")
    }

    func testColourAddsANSICodesAndNothingElse() {
        let out = TextReporter(colour: true).render(Sample.report)
        XCTAssertTrue(out.contains("\u{1B}[1;31mRED\u{1B}[0m"), out)
        XCTAssertTrue(out.contains("\u{1B}[1;33mAMBER\u{1B}[0m"), out)
        XCTAssertTrue(out.contains("\u{1B}[1;32mGREEN\u{1B}[0m"), out)
        XCTAssertTrue(out.contains("\u{1B}[31merror  \u{1B}[0m"), out)
        XCTAssertTrue(out.contains("\u{1B}[1mdrafts/sunnytown.yaml\u{1B}[0m"), out)
        XCTAssertEqual(Sample.stripANSI(out), plain)
    }

    func testSingleGreenFile() {
        let report = Report(version: "1", rules: "r", results: [Sample.green], failures: [])
        XCTAssertEqual(TextReporter(colour: false).render(report), """
        complete/northmoor.yaml  GREEN
          no findings

        1 file checked · 0 errors, 0 warnings, 0 info · GREEN

        """)
    }

    func testRunThatCheckedNothingHasNoRAGStatus() {
        let report = Report(version: "1", rules: "r", results: [], failures: [Sample.unreadable])
        XCTAssertEqual(TextReporter(colour: false).render(report),
                       "0 files checked · 0 errors, 0 warnings, 0 info · 1 file could not be read\n")
    }

    func testWorkbookLocationsAndSubjectlessFindings() {
        let f = Sample.finding("R", .error, .format, "", "The workbook has no plan sheet",
                               at: .cell(sheet: "Non-elective plan", cell: "C14"), in: "plan.xlsx", citation: "c")
        let out = TextReporter(colour: false).render(Report(version: "1", rules: "r", results: [FileResult(file: "plan.xlsx", findings: [f])], failures: []))
        XCTAssertEqual(out, """
        plan.xlsx  RED
          Non-elective plan!C14 error    R
                   The workbook has no plan sheet
                   at (the plan) · c

        1 file checked · 1 error, 0 warnings, 0 info · RED

        """)
    }
}
