import Foundation
import XCTest
import PlanModel
import Reports

final class CSVReporterTests: XCTestCase {
    func testGolden() {
        let report = Report(version: "1", rules: "r", results: [Sample.named(Sample.amber, "Amberley, \"the\" SRG", nil), Sample.green],
                            failures: [Sample.unreadable])
        XCTAssertEqual(CSVReporter().render(report), "\u{FEFF}"
            + "file,srg,rule,severity,category,subject,message,citation,location,line,column,sheet,cell\r\n"
            + "amber.yaml,\"Amberley, \"\"the\"\" SRG\",FORMAT-UNKNOWN-KEY,warning,format,srg.colour,srg.colour: unknown key 'colour' in srg; its value is ignored,"
            + "Plan format srg-plan/1 (spec/plan-format.md),4:3,4,3,,\r\n"
            + "broken/empty.yaml,,,error,,,broken/empty.yaml: the file is empty; a plan starts with 'format: srg-plan/1',,,,,,\r\n")
    }

    func testFormulaLookingCellsAreNeutralised() {
        for (text, expected) in [("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-£5", "'-£5"), ("@SUM(A1)", "'@SUM(A1)"),
                                 ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("a=b", "a=b"), ("", "")] {
            XCTAssertEqual(CSVReporter.record([text]), expected + "\r\n", text.debugDescription)
        }
    }

    func testPythonCSVReadsEveryRowBack() throws {
        let dir = try Consumer.folder(self)
        let out = CSVReporter().render(Sample.full)
        XCTAssertTrue(out.hasPrefix("\u{FEFF}file,srg,"), "UTF-8 with a byte-order mark, for Excel")
        let path = try Consumer.write(out, named: "findings.csv", in: dir)
        let rows = try Consumer.python("""
        import csv, json, sys
        with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
            print(json.dumps(list(csv.reader(f, strict=True))))
        """, [path])
        guard let table = try JSONSerialization.jsonObject(with: Data(rows.utf8)) as? [[String]] else { return XCTFail(rows) }
        XCTAssertEqual(table.first, CSVReporter.columns)
        XCTAssertEqual(table.count, 1 + 3 + 1 + 0 + 2 + 1, "a header, a row per finding, a row per unreadable input")
        XCTAssertTrue(table.allSatisfy { $0.count == 13 })
        XCTAssertEqual(table[1], ["drafts/sunnytown.yaml", "Sunnytown SRG", "NE-MIN-PRESENT", "error", "missing-item", "non_elective.minimum[NE07]",
                                  "No plan for minimum requirement NE07", "Annex A, non-elective template, Section 2; guidance p.8",
                                  "40:5", "40", "5", "", ""])
        XCTAssertEqual(table[5], ["subs/Kestrel & Vale <draft>.xlsx", "Kestrel Vale SRG — “draft”", "NE-MIN-PRESENT", "error", "missing-item",
                                  "non_elective.minimum[NE07]", "No plan for \"NE07\" <script>alert('x')</script> & co\nsecond line",
                                  "Annex A, non-elective template, Section 2; guidance p.8", "'Non-elective plan'!C14", "", "",
                                  "Non-elective plan", "C14"])
        XCTAssertEqual(table[6][6], "'=HYPERLINK(\"http://evil\") costs £75,000, 'quoted', tab\there")
        XCTAssertEqual(table[6][7], "'-p.8, \"Section 2\"")
        XCTAssertEqual(table[7][0], "broken/empty.yaml")
        XCTAssertEqual(table[7][6], Sample.unreadable.message)
    }
}
