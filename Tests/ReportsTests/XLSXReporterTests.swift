import Foundation
import XCTest
import PlanModel
import Reports

final class XLSXReporterTests: XCTestCase {
    /// openpyxl's view of a workbook: sheet names, every sheet's values, links, fills and frozen panes, as JSON.
    static let reader = """
    import json, sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": wb.sheetnames, "title": wb.properties.title, "cells": {}, "links": {}, "fills": {}, "frozen": {}}
    for ws in wb.worksheets:
        out["cells"][ws.title] = [[c for c in row] for row in ws.iter_rows(values_only=True)]
        out["frozen"][ws.title] = ws.freeze_panes
        for row in ws.iter_rows():
            for c in row:
                if c.hyperlink is not None: out["links"][ws.title + "!" + c.coordinate] = c.hyperlink.location
                if c.fill is not None and c.fill.fill_type == "solid" and ws.title == "Summary" and c.column == 4 and c.row >= 7:
                    out["fills"][c.coordinate] = c.fill.fgColor.rgb
    print(json.dumps(out, default=str))
    """

    private func read(_ report: Report) throws -> [String: Any] {
        let dir = try Consumer.folder(self)
        let path = dir.appendingPathComponent("assurance.xlsx").path
        try XLSXReporter().write(report, to: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["assurance.xlsx"], "no temporary file left")
        return try Consumer.json(try Consumer.python(Self.reader, [path]))
    }

    func testSummaryHasOneRowPerPlanWithCountsByCategoryAndLinks() throws {
        let book = try read(Sample.full)
        XCTAssertEqual(book["sheets"] as? [String], ["Summary", "Sunnytown SRG", "Amberley SRG", "northmoor", "Kestrel Vale SRG — “draft”"])
        XCTAssertEqual(book["title"] as? String, "Plan assurance report")
        let cells = try XCTUnwrap((book["cells"] as? [String: [[Any]]])?["Summary"])
        XCTAssertEqual(cells[1].first as? String,
                       "4 plans checked by planlint 0.1.0 against the rule set nhs-resilience-2014-15 1.0.0: 2 red, 1 amber, 1 green; 1 could not be read")
        let heading = cells[4].map { $0 as? String ?? "" }
        XCTAssertEqual(Array(heading.prefix(9)), ["File", "SRG", "Cohort", "RAG", "Errors", "Warnings", "Info", "Missing item", ""])
        XCTAssertEqual(heading.last, "Notes")
        XCTAssertEqual(heading.count, 8 + 2 * PlanModel.Category.allCases.count)
        func row(_ i: Int) -> [String] { cells[i].map { $0 is NSNull ? "" : "\($0)" } }
        // Sunnytown: 1 error (missing-item), 1 warning (kpi-link), 1 info (governance).
        XCTAssertEqual(row(6), ["drafts/sunnytown.yaml", "Sunnytown SRG", "all-others", "Red", "1", "1", "1",
                                "1", "0", "0", "0", "0", "1"] + Array(repeating: "0", count: 14) + [""])
        XCTAssertEqual(Array(row(7).prefix(7)), ["amber.yaml", "Amberley SRG", "", "Amber", "0", "1", "0"])
        XCTAssertEqual(row(7)[26], "1", "the format warning counts under Format")
        XCTAssertEqual(Array(row(8).prefix(7)), ["complete/northmoor.yaml", "", "", "Green", "0", "0", "0"])
        XCTAssertEqual(Array(row(9).prefix(8)), ["subs/Kestrel & Vale <draft>.xlsx", "Kestrel Vale SRG — “draft”", "high-risk", "Red", "2", "0", "0", "2"])
        XCTAssertEqual(row(10)[0], "broken/empty.yaml")
        XCTAssertEqual(row(10)[3], "Not read")
        XCTAssertEqual(row(10).last, Sample.unreadable.message)
        XCTAssertEqual(cells.count, 11)
        XCTAssertEqual(book["links"] as? [String: String], [
            "Summary!A7": "'Sunnytown SRG'!A1", "Summary!A8": "'Amberley SRG'!A1", "Summary!A9": "northmoor!A1",
            "Summary!A10": "'Kestrel Vale SRG — “draft”'!A1",
            "Sunnytown SRG!A3": "Summary!A7", "Amberley SRG!A3": "Summary!A8", "northmoor!A3": "Summary!A9",
            "Kestrel Vale SRG — “draft”!A3": "Summary!A10",
        ])
        XCTAssertEqual(book["fills"] as? [String: String], ["D7": "FFD5281B", "D8": "FFFFB81C", "D9": "FF007F3B", "D10": "FFD5281B", "D11": "FFD8DDE0"])
        XCTAssertEqual((book["frozen"] as? [String: String])?["Summary"], "C7")
    }

    func testEachPlanSheetListsItsFindingsBySection() throws {
        let book = try read(Sample.full)
        let all = try XCTUnwrap(book["cells"] as? [String: [[Any]]])
        let red = try XCTUnwrap(all["Sunnytown SRG"])
        XCTAssertEqual(red[0].first as? String, "Sunnytown SRG")
        XCTAssertEqual(red[1].first as? String, "File: drafts/sunnytown.yaml  ·  Cohort: all-others  ·  RAG: Red  ·  1 error, 1 warning, 1 info")
        XCTAssertEqual(red[4].compactMap { $0 as? String }, ["Severity", "Rule", "Category", "Template section", "Plan item", "Message", "Guidance", "Location"])
        XCTAssertEqual(red.dropFirst(5).map { $0.compactMap { $0 as? String } }, [
            ["Info", "GOV-NOTE", "governance", "SRG details, membership and chair", "srg.publication_url", "Consider publishing the plan", "guidance p.17", "3:1"],
            ["Error", "NE-MIN-PRESENT", "missing-item", "Non-elective template — Section 2: minimum requirements", "non_elective.minimum[NE07]",
             "No plan for minimum requirement NE07", "Annex A, non-elective template, Section 2; guidance p.8", "40:5"],
            ["Warning", "TARGET-MEASURABLE", "kpi-link", "Non-elective template — Section 2: minimum requirements", "non_elective.minimum[NE01].targets[0]",
             "The target 'Improve flow' cannot be measured", "Annex A, column 'Target Outcomes'", "112:11"],
        ])
        let workbook = try XCTUnwrap(all["Kestrel Vale SRG — “draft”"])
        XCTAssertEqual(workbook[5][5] as? String, "No plan for \"NE07\" <script>alert('x')</script> & co\nsecond line", "text kept as it is")
        XCTAssertEqual(workbook[6][5] as? String, "=HYPERLINK(\"http://evil\") costs £75,000, 'quoted', tab\there", "a string, never a formula")
        XCTAssertEqual(workbook[5][7] as? String, "'Non-elective plan'!C14")
        XCTAssertEqual(all["northmoor"]?[5].first as? String, "No findings: the plan meets every rule checked.")
        XCTAssertEqual((book["frozen"] as? [String: String])?["northmoor"], "A6")
    }

    func testSheetNamesFollowExcelsRules() {
        var names = SheetNames(reserved: ["Summary"])
        XCTAssertEqual(names.unique("summary"), "summary (2)")
        XCTAssertEqual(names.unique("Northmoor System Resilience Group"), "Northmoor SRG")
        XCTAssertEqual(names.unique("NORTHMOOR SRG"), "NORTHMOOR SRG (2)")
        XCTAssertEqual(names.unique("a[b]c:d*e?f/g\\h"), "abcdefgh")
        XCTAssertEqual(names.unique("'quoted'"), "quoted")
        XCTAssertEqual(names.unique("History"), "History (2)")
        XCTAssertEqual(names.unique(""), "Plan")
        XCTAssertEqual(names.unique("[]"), "Plan (2)")
        let long = "The Very Long Name of a Resilience Group in the North"
        let first = names.unique(long), second = names.unique(long)
        XCTAssertEqual(first, "The Very Long Name of a Resilie")
        XCTAssertEqual(second, "The Very Long Name of a Res (2)")
        for n in [first, second] { XCTAssertLessThanOrEqual(n.utf16.count, 31) }
        let emoji = names.unique(String(repeating: "🏥", count: 20))
        XCTAssertEqual(emoji.utf16.count, 30, "whole characters within 31 UTF-16 units")
    }

    func testAnEmptyRunStillMakesAWorkbook() throws {
        let book = try read(Report(version: "1", rules: "r", results: [], failures: []))
        XCTAssertEqual(book["sheets"] as? [String], ["Summary"])
        let cells = try XCTUnwrap((book["cells"] as? [String: [[Any]]])?["Summary"])
        XCTAssertEqual(cells[6].first as? String, "No plans were checked.")
    }

    /// Past the first 250 plans, findings share one sheet, so thousands of plans do not mean thousands of tabs.
    func testPlansPastTheSheetLimitShareOneSheet() throws {
        let count = XLSXReporter.maxPlanSheets + 3
        let results = (0..<count).map { i in
            FileResult(file: "plans/p\(i).yaml", findings: i % 2 == 0 ? [] : [
                Sample.finding("R\(i)", .error, .missingItem, "srg.name", "Finding of plan \(i)", at: .text(line: 3, column: 1), in: "plans/p\(i).yaml", citation: "c"),
            ])
        }
        let book = try read(Report(version: "1", rules: "r", results: results, failures: []))
        let sheets = try XCTUnwrap(book["sheets"] as? [String])
        XCTAssertEqual(sheets.count, 1 + XLSXReporter.maxPlanSheets + 1)
        XCTAssertEqual(sheets.last, XLSXReporter.overflowSheet)
        let links = try XCTUnwrap(book["links"] as? [String: String])
        XCTAssertEqual(links["Summary!A\(7 + XLSXReporter.maxPlanSheets)"], "'More plans'!A4")
        let more = try XCTUnwrap((book["cells"] as? [String: [[Any]]])?[XLSXReporter.overflowSheet])
        XCTAssertEqual(more.count, 3 + 3)
        XCTAssertEqual(more[4][0] as? String, "plans/p\(XLSXReporter.maxPlanSheets + 1).yaml")
        XCTAssertEqual(more[4][7] as? String, "Finding of plan \(XLSXReporter.maxPlanSheets + 1)")
    }
}
