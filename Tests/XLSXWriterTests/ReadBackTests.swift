import Foundation
import XCTest
@testable import XLSXWriter

/// Workbooks written by XLSXWriter and read back with openpyxl.
final class ReadBackTests: TempDirTestCase {
    func cells(_ wb: [String: Any], _ sheet: String) -> [String: Any] {
        wb["sheets", sheet, "cells"] as? [String: Any] ?? [:]
    }

    func cell(_ wb: [String: Any], _ sheet: String, _ address: String) -> [String: Any] {
        cells(wb, sheet)[address] as? [String: Any] ?? [:]
    }

    func testStringsNumbersBooleans() throws {
        let path = file("values.xlsx")
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("NE Planning")
        let long = String(repeating: "ab", count: 16_000) + "é"
        try ws.write(0, 0, "Ambulance – £ café 🚑 ∑")
        try ws.write(1, 0, "line one\nline two", wb.format(CellStyle(wrap: true)))
        try ws.write(2, 0, long)
        try ws.write(0, 1, number: 1234.5)
        try ws.write(1, 1, number: -0.000123)
        try ws.write(2, 1, number: 1e15, wb.format(CellStyle(numberFormat: "£#,##0")))
        try ws.write(0, 2, bool: true)
        try ws.write(1, 2, bool: false)
        try ws.write(3, 0, "<&> \"quoted\" 'apos'", wb.format(CellStyle(bold: true, fontColor: 0xFF0000, fill: 0xFFFF00)))
        try wb.close()

        let r = try readBack(path)
        XCTAssertEqual(cell(r, "NE Planning", "A1")["value"] as? String, "Ambulance – £ café 🚑 ∑")
        XCTAssertEqual(cell(r, "NE Planning", "A2")["value"] as? String, "line one\nline two")
        XCTAssertEqual(cell(r, "NE Planning", "A2")["wrap"] as? Bool, true)
        XCTAssertEqual(cell(r, "NE Planning", "A3")["value"] as? String, long)
        XCTAssertEqual(cell(r, "NE Planning", "B1")["value"] as? Double, 1234.5)
        XCTAssertEqual(cell(r, "NE Planning", "B2")["value"] as? Double, -0.000123)
        XCTAssertEqual(cell(r, "NE Planning", "B3")["value"] as? Double, 1e15)
        XCTAssertEqual(cell(r, "NE Planning", "B3")["numberFormat"] as? String, "£#,##0")
        XCTAssertEqual(cell(r, "NE Planning", "C1")["value"] as? Bool, true)
        XCTAssertEqual(cell(r, "NE Planning", "C1")["type"] as? String, "b")
        XCTAssertEqual(cell(r, "NE Planning", "C2")["value"] as? Bool, false)
        let styled = cell(r, "NE Planning", "A4")
        XCTAssertEqual(styled["value"] as? String, "<&> \"quoted\" 'apos'")
        XCTAssertEqual(styled["bold"] as? Bool, true)
        XCTAssertEqual(styled["fontColor"] as? String, "FFFF0000")
        XCTAssertEqual(styled["fill"] as? String, "FFFFFF00")
    }

    func testFormulasKeepCachedValues() throws {
        let path = file("formulas.xlsx")
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("Sums")
        try ws.write(0, 0, number: 2)
        try ws.write(1, 0, number: 3)
        try ws.write(2, 0, formula: "=SUM(A1:A2)", cached: 5)
        try ws.write(3, 0, formula: "A1/8", cached: 0.25)
        try ws.write(4, 0, formula: "=IF(A1>1,\"high\",\"low\")", cachedText: "high")
        try ws.write(5, 0, formula: "=\"\"", cachedText: "")
        try wb.close()

        let r = try readBack(path)
        XCTAssertEqual(cell(r, "Sums", "A3")["value"] as? String, "=SUM(A1:A2)")
        XCTAssertEqual(cell(r, "Sums", "A3")["cached"] as? Double, 5)
        XCTAssertEqual(cell(r, "Sums", "A4")["value"] as? String, "=A1/8")
        XCTAssertEqual(cell(r, "Sums", "A4")["cached"] as? Double, 0.25)
        XCTAssertEqual(cell(r, "Sums", "A5")["value"] as? String, "=IF(A1>1,\"high\",\"low\")")
        XCTAssertEqual(cell(r, "Sums", "A5")["cached"] as? String, "high")
        XCTAssertEqual(cell(r, "Sums", "A6")["value"] as? String, "=\"\"")
    }

    func testDates() throws {
        let path = file("dates.xlsx")
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("Dates")
        try ws.write(0, 0, year: 2025, month: 3, day: 31)
        try ws.write(1, 0, year: 2024, month: 2, day: 29, wb.format(CellStyle(numberFormat: "yyyy-mm-dd")))
        try ws.write(2, 0, year: 1900, month: 3, day: 1)
        try ws.write(3, 0, date: CalendarDate(year: 9999, month: 12, day: 31))
        try wb.close()

        let r = try readBack(path)
        XCTAssertEqual(cell(r, "Dates", "A1")["value"] as? [String: String], ["datetime": "2025-03-31T00:00:00"])
        XCTAssertEqual(cell(r, "Dates", "A1")["numberFormat"] as? String, "dd/mm/yyyy")
        XCTAssertEqual(cell(r, "Dates", "A2")["value"] as? [String: String], ["datetime": "2024-02-29T00:00:00"])
        XCTAssertEqual(cell(r, "Dates", "A2")["numberFormat"] as? String, "yyyy-mm-dd")
        XCTAssertEqual(cell(r, "Dates", "A3")["value"] as? [String: String], ["datetime": "1900-03-01T00:00:00"])
        XCTAssertEqual(cell(r, "Dates", "A4")["value"] as? [String: String], ["datetime": "9999-12-31T00:00:00"])
    }

    func testLayoutMergesWidthsFreezeAndView() throws {
        let path = file("layout.xlsx")
        let wb = try XLSXWorkbook(path: path)
        _ = try wb.addWorksheet("First")
        let ws = try wb.addWorksheet("Layout")
        let title = wb.format(CellStyle(bold: true, fontSize: 14, horizontal: .center, vertical: .center, border: .thin))
        try ws.merge(0, 0, 0, 3, "Title across four", title)
        try ws.merge(2, 0, 4, 1, "Block")
        try ws.setColumn(0, 0, width: 30)
        try ws.setColumn(1, 3, width: 12.5)
        try ws.setColumn(5, 5, width: 10, hidden: true)
        try ws.setRow(0, height: 28)
        try ws.freezePanes(row: 1, col: 1)
        ws.setTabColor(0x00B050)
        ws.hideGridlines()
        ws.setSelection(row: 5, col: 2)
        ws.activate()
        try wb.close()

        let r = try readBack(path)
        XCTAssertEqual(r["order"] as? [String], ["First", "Layout"])
        XCTAssertEqual(r["active"] as? String, "Layout")
        let sheet = try XCTUnwrap(r["sheets", "Layout"] as? [String: Any])
        XCTAssertEqual(sheet["merges"] as? [String], ["A1:D1", "A3:B5"])
        XCTAssertEqual(cell(r, "Layout", "A1")["value"] as? String, "Title across four")
        XCTAssertEqual(cell(r, "Layout", "A1")["bold"] as? Bool, true)
        XCTAssertEqual(cell(r, "Layout", "A1")["halign"] as? String, "center")
        XCTAssertEqual(cell(r, "Layout", "A1")["border"] as? String, "thin")
        XCTAssertEqual(cell(r, "Layout", "A1")["fontSize"] as? Double, 14)
        let widths = try XCTUnwrap(sheet["widths"] as? [String: Double])
        XCTAssertEqual(widths["A"] ?? 0, 30, accuracy: 1)
        XCTAssertEqual(widths["B"] ?? 0, 12.5, accuracy: 1)
        XCTAssertEqual((sheet["hidden"] as? [String: Bool])?["F"], true)
        XCTAssertEqual((sheet["heights"] as? [String: Double])?["1"], 28)
        XCTAssertEqual(sheet["freeze"] as? String, "B2")
        XCTAssertEqual(sheet["tab"] as? String, "FF00B050")
        XCTAssertEqual(sheet["gridlines"] as? Bool, false)
        XCTAssertTrue((sheet["selection"] as? [String])?.contains("C6") ?? false, "\(sheet["selection"] ?? "")")
    }

    func testValidations() throws {
        let path = file("validation.xlsx")
        let wb = try XLSXWorkbook(path: path)
        let lists = try wb.addWorksheet("Lists")
        for (i, t) in ["North", "South"].enumerated() { try lists.write(i, 0, t) }
        let ws = try wb.addWorksheet("Form")
        try ws.validate(1, 2, 10, 2, .list(["Yes", "No", "Partly"], inputTitle: "Compliance",
                                           inputMessage: "Pick one", errorTitle: "Not allowed",
                                           errorMessage: "Choose from the list"))
        try ws.validate(1, 3, 1, 3, .listSource("=Lists!$A$1:$A$2"))
        var warn = Validation.decimal(min: 0, max: 100.5)
        warn.errorStyle = .warning
        try ws.validate(1, 4, 5, 4, warn)
        try ws.validate(1, 5, 5, 5, .integer(min: 1, max: 10, ignoreBlank: false))
        try ws.validate(1, 6, 5, 6, .date(min: CalendarDate(year: 2024, month: 1, day: 1),
                                          max: CalendarDate(year: 2030, month: 12, day: 31)))
        try ws.validate(1, 7, 5, 7, .textLength(min: 0, max: 50))
        try ws.validate(1, 8, 5, 8, .custom("=ISNUMBER(I2)"))
        try wb.close()

        let r = try readBack(path)
        let vals = try XCTUnwrap(r["sheets", "Form", "validations"] as? [[String: Any]])
        XCTAssertEqual(vals.count, 7)
        let byRef = Dictionary(uniqueKeysWithValues: vals.map { ($0["sqref"] as? String ?? "", $0) })
        let list = try XCTUnwrap(byRef["C2:C11"])
        XCTAssertEqual(list["type"] as? String, "list")
        XCTAssertEqual(list["formula1"] as? String, "\"Yes,No,Partly\"")
        XCTAssertEqual(list["promptTitle"] as? String, "Compliance")
        XCTAssertEqual(list["prompt"] as? String, "Pick one")
        XCTAssertEqual(list["errorTitle"] as? String, "Not allowed")
        XCTAssertEqual(list["error"] as? String, "Choose from the list")
        XCTAssertEqual(list["allowBlank"] as? Bool, true)
        XCTAssertEqual(byRef["D2"]?["formula1"] as? String, "Lists!$A$1:$A$2")
        XCTAssertEqual(byRef["E2:E6"]?["type"] as? String, "decimal")
        XCTAssertEqual(byRef["E2:E6"]?["formula2"] as? String, "100.5")
        XCTAssertEqual(byRef["E2:E6"]?["errorStyle"] as? String, "warning")
        XCTAssertEqual(byRef["F2:F6"]?["type"] as? String, "whole")
        XCTAssertEqual(byRef["F2:F6"]?["allowBlank"] as? Bool, false)
        XCTAssertEqual(byRef["G2:G6"]?["type"] as? String, "date")
        XCTAssertEqual(byRef["H2:H6"]?["type"] as? String, "textLength")
        XCTAssertEqual(byRef["I2:I6"]?["type"] as? String, "custom")
        XCTAssertEqual(byRef["I2:I6"]?["formula1"] as? String, "ISNUMBER(I2)")
    }

    func testProtectionWithUnlockedInputCells() throws {
        let path = file("protect.xlsx")
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("Inputs")
        let input = wb.format(CellStyle(fill: 0xFFF2CC, locked: false))
        try ws.write(0, 0, "Label")
        try ws.write(0, 1, "typed here", input)
        try ws.writeBlank(1, 1, input)
        try ws.protect()
        let other = try wb.addWorksheet("Strict")
        try other.protect(ProtectionOptions(formatColumns: false, insertRows: false, sort: true))
        try wb.close()

        let r = try readBack(path)
        XCTAssertEqual(cell(r, "Inputs", "A1")["locked"] as? Bool, true)
        XCTAssertEqual(cell(r, "Inputs", "B1")["locked"] as? Bool, false)
        XCTAssertEqual(cell(r, "Inputs", "B2")["locked"] as? Bool, false)
        let p = try XCTUnwrap(r["sheets", "Inputs", "protection"] as? [String: Any])
        // openpyxl reports true for actions that are *prevented*.
        XCTAssertEqual(p["sheet"] as? Bool, true)
        XCTAssertTrue(p["password"] is NSNull)
        XCTAssertEqual(p["formatColumns"] as? Bool, false)
        XCTAssertEqual(p["insertRows"] as? Bool, false)
        XCTAssertEqual(p["deleteRows"] as? Bool, false)
        XCTAssertEqual(p["insertHyperlinks"] as? Bool, true)
        XCTAssertEqual(p["sort"] as? Bool, true)
        XCTAssertEqual(p["formatCells"] as? Bool, true)
        let s = try XCTUnwrap(r["sheets", "Strict", "protection"] as? [String: Any])
        XCTAssertEqual(s["formatColumns"] as? Bool, true)
        XCTAssertEqual(s["insertRows"] as? Bool, true)
        XCTAssertEqual(s["sort"] as? Bool, false)
        XCTAssertEqual(s["formatRows"] as? Bool, false)
    }

    func testNamesPropertiesLinksComments() throws {
        let path = file("meta.xlsx")
        let created = Date(timeIntervalSince1970: 1_735_689_600) // 2025-01-01T00:00:00Z
        let wb = try XLSXWorkbook(path: path, properties: DocumentProperties(
            title: "NE resilience plan", subject: "Annex A", author: "planlint", company: "NHS",
            category: "EPRR", keywords: "plan, annex", comments: "generated", created: created))
        let ws = try wb.addWorksheet("NE Planning")
        let summary = try wb.addWorksheet("O'Brien")
        try ws.write(13, 2, number: 42)
        try wb.defineName("TotalBeds", refersTo: "=" + A1.reference(sheet: "NE Planning", row: 13, col: 2))
        try wb.defineName("'NE Planning'!LocalCell", refersTo: "='NE Planning'!$A$1")
        try wb.setCustomProperty("TemplateVersion", "2.1")
        try wb.setCustomProperty("Rows", number: 12.5)
        try wb.setCustomProperty("Draft", bool: true)
        try summary.writeLink(0, 0, toSheet: "NE Planning", cell: "C14", text: "Go to beds")
        try ws.writeLink(0, 0, toSheet: "O'Brien", cell: "A1", text: "Back")
        try ws.comment(13, 2, "Check against the bed census", author: "EPRR lead")
        try ws.comment(0, 3, "No author")
        try wb.close()

        let r = try readBack(path)
        XCTAssertEqual((r["names"] as? [String: String])?["TotalBeds"], "'NE Planning'!$C$14")
        XCTAssertEqual((r["sheets", "NE Planning", "localNames"] as? [String: String])?["LocalCell"], "'NE Planning'!$A$1")
        XCTAssertEqual(r["props", "title"] as? String, "NE resilience plan")
        XCTAssertEqual(r["props", "subject"] as? String, "Annex A")
        XCTAssertEqual(r["props", "creator"] as? String, "planlint")
        XCTAssertEqual(r["props", "keywords"] as? String, "plan, annex")
        XCTAssertEqual(r["props", "description"] as? String, "generated")
        XCTAssertEqual(r["props", "category"] as? String, "EPRR")
        XCTAssertEqual(r["props", "created"] as? String, "2025-01-01T00:00:00")
        XCTAssertEqual(r["custom", "TemplateVersion"] as? String, "2.1")
        XCTAssertEqual(r["custom", "Rows"] as? Double, 12.5)
        XCTAssertEqual(r["custom", "Draft"] as? Bool, true)
        XCTAssertEqual(cell(r, "O'Brien", "A1")["link"] as? String, "'NE Planning'!C14")
        XCTAssertEqual(cell(r, "O'Brien", "A1")["value"] as? String, "Go to beds")
        XCTAssertEqual(cell(r, "NE Planning", "A1")["link"] as? String, "'O''Brien'!A1")
        XCTAssertEqual(cell(r, "NE Planning", "C14")["comment"] as? String, "Check against the bed census")
        XCTAssertEqual(cell(r, "NE Planning", "C14")["author"] as? String, "EPRR lead")
        XCTAssertEqual(cell(r, "NE Planning", "D1")["comment"] as? String, "No author")
    }

    func testPrintSetup() throws {
        let path = file("print.xlsx")
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("Print")
        try ws.write(0, 0, "Header row")
        try ws.setup(PrintSetup(landscape: true, fitToWidth: 1, repeatRows: 0...2, header: "&CNE plan",
                                footer: "&CPage &P of &N", margins: Margins(left: 0.5, top: 1.0),
                                centerHorizontally: true))
        let plain = try wb.addWorksheet("Plain")
        try plain.setup(PrintSetup(fitToWidth: nil))
        try wb.close()

        let r = try readBack(path)
        let p = try XCTUnwrap(r["sheets", "Print", "print"] as? [String: Any])
        XCTAssertEqual(p["orientation"] as? String, "landscape")
        XCTAssertEqual(p["paperSize"] as? Int, 9)
        XCTAssertEqual(p["fitToPage"] as? Bool, true)
        XCTAssertEqual(p["fitToWidth"] as? Int ?? 1, 1, "absent means 1")
        XCTAssertEqual(p["fitToHeight"] as? Int, 0)
        let xml = try zipPart(path, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), xml)
        XCTAssertEqual(p["titleRows"] as? String, "$1:$3")
        XCTAssertEqual(p["header"] as? String, "NE plan")
        XCTAssertEqual(p["footer"] as? String, "Page &P of &N")
        XCTAssertEqual(p["hcenter"] as? Bool, true)
        XCTAssertEqual(p["left"] as? Double, 0.5)
        XCTAssertEqual(p["top"] as? Double, 1.0)
        let q = try XCTUnwrap(r["sheets", "Plain", "print"] as? [String: Any])
        XCTAssertEqual(q["orientation"] as? String, "portrait")
        XCTAssertEqual(q["fitToPage"] as? Bool, false)
    }
}
