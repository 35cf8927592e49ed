import Foundation
import XCTest
@testable import XLSXWriter

/// Bad input is refused with an XLSXError naming the sheet and cell, before reaching the C library.
final class ErrorTests: TempDirTestCase {
    func testBadSheetNames() throws {
        let wb = try XLSXWorkbook(path: file("names.xlsx"))
        for bad in ["", String(repeating: "x", count: 32), "a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b",
                    "'quoted", "quoted'", "History", "tab\there"] {
            let e = assertXLSXError(try wb.addWorksheet(bad))
            XCTAssertEqual(e?.sheet, bad, "for \(bad)")
            XCTAssertNil(e?.code)
        }
        _ = try wb.addWorksheet(String(repeating: "x", count: 31))
        _ = try wb.addWorksheet("O'Brien")
        _ = try wb.addWorksheet("Summary")
        let dup = assertXLSXError(try wb.addWorksheet("SUMMARY"))
        XCTAssertEqual(dup?.sheet, "SUMMARY")
        XCTAssertTrue(dup?.message.contains("already exists") ?? false)
        XCTAssertEqual(wb.sheetNames, [String(repeating: "x", count: 31), "O'Brien", "Summary"])
        try wb.close()
    }

    func testOutOfRangeCells() throws {
        let wb = try XLSXWorkbook(path: file("range.xlsx"))
        let ws = try wb.addWorksheet("NE Planning")
        var e = assertXLSXError(try ws.write(1_048_576, 0, "x"))
        XCTAssertEqual(e?.sheet, "NE Planning")
        XCTAssertEqual(e?.cell, "A1048577")
        XCTAssertEqual(e?.description.hasPrefix("'NE Planning'!A1048577: "), true)
        e = assertXLSXError(try ws.write(0, 16_384, number: 1))
        XCTAssertEqual(e?.cell, "XFE1")
        e = assertXLSXError(try ws.write(-1, 0, bool: true))
        XCTAssertNotNil(e?.cell)
        e = assertXLSXError(try ws.write(13, 2, number: .nan))
        XCTAssertEqual(e?.description, "'NE Planning'!C14: nan is not a finite number")
        assertXLSXError(try ws.write(0, 0, number: .infinity))
        assertXLSXError(try ws.write(0, 0, formula: "=A2", cached: .nan))
        assertXLSXError(try ws.write(0, 0, formula: "=", cached: 1))
        assertXLSXError(try ws.write(0, 0, String(repeating: "x", count: 32_768)))
        assertXLSXError(try ws.write(0, 0, "nul\u{0}inside"))
        assertXLSXError(try ws.merge(0, 0, 0, 0, "single"))
        assertXLSXError(try ws.merge(2, 2, 1, 1, "backwards"))
        try ws.merge(0, 0, 1, 1, "first")
        e = assertXLSXError(try ws.merge(1, 1, 2, 2, "overlap"))
        XCTAssertEqual(e?.cell, "B2:C3")
        assertXLSXError(try ws.setColumn(3, 2, width: 10))
        assertXLSXError(try ws.setColumn(0, 0, width: 300))
        assertXLSXError(try ws.setRow(0, height: -1))
        assertXLSXError(try ws.freezePanes(row: 2_000_000, col: 0))
        assertXLSXError(try ws.writeLink(0, 0, toSheet: "Other", cell: "ZZZZ1", text: "x"))
        assertXLSXError(try ws.writeLink(0, 0, toSheet: "Bad:Name", cell: "A1", text: "x"))
        assertXLSXError(try ws.comment(0, 0, ""))
        assertXLSXError(try ws.setup(PrintSetup(header: String(repeating: "h", count: 256))))
        try wb.close()
    }

    func testBadDates() throws {
        let wb = try XLSXWorkbook(path: file("dates.xlsx"))
        let ws = try wb.addWorksheet("Dates")
        for (y, m, d) in [(2025, 13, 1), (2025, 0, 1), (2025, 2, 29), (2024, 2, 30), (1899, 12, 31),
                          (10_000, 1, 1), (2025, 4, 31), (2025, 1, 0), (1900, 2, 29), (1900, 1, 1), (2025, 1000, 1)] {
            let e = assertXLSXError(try ws.write(3, 1, year: y, month: m, day: d))
            XCTAssertEqual(e?.cell, "B4", "for \(y)-\(m)-\(d)")
            XCTAssertTrue(e?.message.hasPrefix("invalid date") ?? false)
        }
        try ws.write(3, 1, year: 2000, month: 2, day: 29)
        assertXLSXError(try ws.validate(0, 0, 0, 0, .date(min: CalendarDate(year: 2025, month: 13, day: 1),
                                                           max: CalendarDate(year: 2026, month: 1, day: 1))))
        try wb.close()
    }

    func testValidationListsThatCrashTheCLibraryAreRefused() throws {
        let path = file("lists.xlsx")
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("Form")
        // 300 UTF-8 bytes of two-byte characters: crashes libxlsxwriter 1.1.4 if it gets there.
        let utf8Heavy = (0..<15).map { _ in String(repeating: "é", count: 9) }
        var e = assertXLSXError(try ws.validate(1, 2, 9, 2, .list(utf8Heavy)))
        XCTAssertEqual(e?.cell, "C2:C10")
        XCTAssertTrue(e?.message.contains("255") ?? false)
        // 256+ items: hangs 1.1.4.
        e = assertXLSXError(try ws.validate(0, 0, 0, 0, .list((0..<300).map { _ in "y" })))
        XCTAssertTrue(e?.message.contains("items") ?? false)
        assertXLSXError(try ws.validate(0, 0, 0, 0, .list(["a,b", "c"])))
        assertXLSXError(try ws.validate(0, 0, 0, 0, .list(["say \"hi\""])))
        assertXLSXError(try ws.validate(0, 0, 0, 0, .list([])))
        assertXLSXError(try ws.validate(0, 0, 0, 0, .list(["ok"], inputTitle: String(repeating: "t", count: 33))))
        assertXLSXError(try ws.validate(0, 0, 0, 0, .decimal(min: 5, max: 1)))
        assertXLSXError(try ws.validate(0, 0, 0, 0, .decimal(min: 0, max: .infinity)))
        assertXLSXError(try ws.validate(0, 0, 0, 0, .integer(min: 5, max: 1)))
        // Exactly 255 bytes is fine.
        let fits = (0..<50).map { _ in "abcd" } + ["abcde"] // 200 + 5 + 50 commas = 255
        try ws.validate(0, 0, 0, 0, .list(fits))
        try wb.close()
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
    }

    func testBadDefinedNamesAndProperties() throws {
        let wb = try XLSXWorkbook(path: file("defined.xlsx"))
        _ = try wb.addWorksheet("Plan")
        for bad in ["", "1abc", "A1", "xfd1048576", "R1C1", "R", "c", "RC", "has space", "dash-name", "_xlnm.Print_Area",
                    String(repeating: "n", count: 256), "Missing!Name"] {
            let e = assertXLSXError(try wb.defineName(bad, refersTo: "=Plan!$A$1"))
            XCTAssertTrue(e?.message.contains("defined name") ?? false, "for \(bad): \(String(describing: e))")
        }
        for good in ["_total", "\\backslash", "Beds.Total", "Rate", "ABCD1", "Ünïcode", "Plan!Local"] {
            XCTAssertNoThrow(try wb.defineName(good, refersTo: "=Plan!$A$1"), good)
        }
        assertXLSXError(try wb.defineName("rate", refersTo: "=Plan!$A$2"))
        assertXLSXError(try wb.defineName("Other", refersTo: "="))
        assertXLSXError(try wb.setCustomProperty("", "x"))
        assertXLSXError(try wb.setCustomProperty("Long", String(repeating: "v", count: 256)))
        assertXLSXError(try wb.setCustomProperty("N", number: .nan))
        try wb.close()
    }

    func testInvalidStyleAndForeignFormat() throws {
        let wb = try XLSXWorkbook(path: file("styles.xlsx"))
        let other = try XLSXWorkbook(path: file("other.xlsx"))
        let ws = try wb.addWorksheet("S")
        let a = wb.format(CellStyle(bold: true, numberFormat: "0.0"))
        XCTAssertTrue(a === wb.format(CellStyle(bold: true, numberFormat: "0.0")), "formats are cached per style")
        XCTAssertFalse(a === wb.format(CellStyle(bold: true)))
        let tooBig = wb.format(CellStyle(fontSize: 500))
        var e = assertXLSXError(try ws.write(0, 0, "x", tooBig))
        XCTAssertEqual(e?.cell, "A1")
        XCTAssertTrue(e?.message.contains("font size") ?? false)
        assertXLSXError(try ws.write(0, 0, "x", wb.format(CellStyle(fill: 0x1_000_000))))
        assertXLSXError(try ws.write(0, 0, "x", wb.format(CellStyle(numberFormat: String(repeating: "0", count: 200)))))
        e = assertXLSXError(try ws.write(0, 0, "x", other.format(CellStyle(bold: true))))
        XCTAssertTrue(e?.message.contains("another workbook") ?? false)
        try ws.write(0, 0, "x", a)
        try wb.close()
        try other.close()
    }

    func testClosedWorkbookRefusesEverything() throws {
        let path = file("closed.xlsx")
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("Plan")
        let f = wb.format(CellStyle(bold: true))
        try ws.write(0, 0, "before", f)
        try wb.close()
        XCTAssertTrue(wb.isClosed)
        XCTAssertNoThrow(try wb.close(), "close is idempotent")
        for e in [assertXLSXError(try ws.write(0, 1, "after")),
                  assertXLSXError(try ws.write(0, 1, number: 1)),
                  assertXLSXError(try ws.merge(2, 0, 2, 1, "m")),
                  assertXLSXError(try ws.validate(0, 0, 0, 0, .list(["a"]))),
                  assertXLSXError(try ws.protect()),
                  assertXLSXError(try wb.addWorksheet("More")),
                  assertXLSXError(try wb.defineName("N", refersTo: "=Plan!$A$1")),
                  assertXLSXError(try wb.setCustomProperty("P", "v"))] {
            XCTAssertEqual(e?.message, "workbook already closed")
        }
        let late = wb.format(CellStyle(italic: true))
        XCTAssertNotNil(assertXLSXError(try ws.write(0, 1, "x", late)))
        ws.setTabColor(0xFF0000) // no-ops, no crash
        ws.hideGridlines()
        ws.activate()
        ws.setSelection(row: 1, col: 1)
        let r = try readBack(path)
        XCTAssertEqual((r["sheets", "Plan", "cells"] as? [String: Any])?.count, 1)
    }

    func testErrorDescription() {
        XCTAssertEqual(XLSXError(message: "m", sheet: "NE Planning", cell: "C14").description, "'NE Planning'!C14: m")
        XCTAssertEqual(XLSXError(message: "m", sheet: "Summary").description, "Summary: m")
        XCTAssertEqual(XLSXError(message: "m", path: "/x/p.xlsx").description, "/x/p.xlsx: m")
    }
}
