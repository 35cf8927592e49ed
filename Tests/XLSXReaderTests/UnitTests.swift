import XCTest
@testable import XLSXReader

/// The small pieces: addresses, ranges, dates, number formats, escapes, formula shifting, part names.
final class UnitTests: XCTestCase {

    func testCellAddresses() {
        XCTAssertEqual(CellAddress.columnName(0), "A")
        XCTAssertEqual(CellAddress.columnName(25), "Z")
        XCTAssertEqual(CellAddress.columnName(26), "AA")
        XCTAssertEqual(CellAddress.columnName(16_383), "XFD")
        XCTAssertEqual(CellAddress.string(row: 13, col: 2), "C14")
        XCTAssertTrue(CellAddress.parse("C14")! == (13, 2))
        XCTAssertTrue(CellAddress.parse("$XFD$1048576")! == (1_048_575, 16_383))
        for bad in ["", "A", "1", "A0", "XFE1", "A1048577", "AAAA1", "A1B", "$$A1", "A-1"] {
            XCTAssertNil(CellAddress.parse(bad), bad)
        }
        XCTAssertEqual(Cell(row: 13, col: 2, value: nil).address, "C14")
    }

    func testRangesAndAreas() {
        XCTAssertEqual(CellAddress.parseRange("B3:A1")?.reference, "A1:B3")
        XCTAssertEqual(CellAddress.parseRange("C2")?.reference, "C2:C2")
        XCTAssertEqual(CellAddress.parseRange("$B:$D"), MergedRange(firstRow: 0, firstCol: 1, lastRow: 1_048_575, lastCol: 3))
        XCTAssertEqual(CellAddress.parseRange("2:3"), MergedRange(firstRow: 1, firstCol: 0, lastRow: 2, lastCol: 16_383))
        XCTAssertNil(CellAddress.parseRange("A1:B2:C3"))
        XCTAssertEqual(CellAddress.parseArea("'NE Planning'!$A$10:$H$23"),
                       Area(sheet: "NE Planning", firstRow: 9, firstCol: 0, lastRow: 22, lastCol: 7))
        XCTAssertEqual(CellAddress.parseArea("=Sheet1!B2")?.sheet, "Sheet1")
        XCTAssertEqual(CellAddress.parseArea("'It''s'!A1")?.sheet, "It's")
        XCTAssertEqual(CellAddress.parseArea("$A$1", defaultSheet: "Local")?.sheet, "Local")
        for bad in ["$A$1", "#REF!", "Sheet1!#REF!", "'Unclosed!A1", "Sheet1!A1,Sheet1!B2", "SUM(Sheet1!A1)", "0.05", "[1]Sheet1!A1"] {
            XCTAssertNil(CellAddress.parseArea(bad), bad)
        }
    }

    func testDateSerials() {
        func d(_ s: Double, _ mac: Bool = false) -> [Int]? {
            XLSXDocument.date(fromSerial: s, date1904: mac).map { [$0.year, $0.month, $0.day] }
        }
        XCTAssertEqual(d(1), [1900, 1, 1])
        XCTAssertEqual(d(59), [1900, 2, 28])
        XCTAssertEqual(d(60), [1900, 2, 29])   // Excel's invented day
        XCTAssertEqual(d(61), [1900, 3, 1])
        XCTAssertEqual(d(45_352.99), [2024, 3, 1])
        XCTAssertEqual(d(2_958_465), [9999, 12, 31])
        XCTAssertNil(d(0))
        XCTAssertNil(d(-1))
        XCTAssertNil(d(2_958_466))
        XCTAssertNil(d(.nan))
        XCTAssertNil(d(.infinity))
        XCTAssertEqual(d(0, true), [1904, 1, 1])
        XCTAssertEqual(d(43_890, true), [2024, 3, 1])
        XCTAssertEqual(DateSerial.serial(fromISO: "2024-03-01", date1904: false), 45_352)
        XCTAssertEqual(DateSerial.serial(fromISO: "2024-03-01T18:00:00.000+01:00", date1904: false), 45_352.75)
        XCTAssertEqual(DateSerial.serial(fromISO: "1900-01-01", date1904: false), 1)
        XCTAssertEqual(DateSerial.serial(fromISO: "2024-03-01", date1904: true), 43_890)
        for bad in ["2023-02-29", "2024-13-01", "24-03-01", "2024-03-01T25:00", "2024-03-01X", "1899-12-31", ""] {
            XCTAssertNil(DateSerial.serial(fromISO: bad, date1904: false), bad)
        }
        // Every day of 400 years round-trips.
        for serial in stride(from: 61, through: 146_158, by: 1) {
            let date = XLSXDocument.date(fromSerial: Double(serial), date1904: false)!
            let iso = String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
            XCTAssertEqual(DateSerial.serial(fromISO: iso, date1904: false), Double(serial))
        }
    }

    func testNumberFormats() {
        for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47] { XCTAssertTrue(NumberFormat.isBuiltInDate(id), "\(id)") }
        for id in [0, 1, 2, 9, 10, 11, 12, 13, 23, 44, 48, 49, 164] { XCTAssertFalse(NumberFormat.isBuiltInDate(id), "\(id)") }
        let dates = ["dd/mm/yyyy", "d-mmm-yy", "mmm yyyy", "yyyy-mm-dd hh:mm:ss", "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy",
                     "\"Day \"d", "mm/dd/yy;@", "[Red]dd/mm/yyyy", "DD/MM/YYYY", "m/d/yy h:mm AM/PM", "mmmm"]
        let others = ["General", "0.00", "#,##0;[Red]-#,##0", "0.00\" m\"", "\"dd/mm/yyyy\"", "h:mm", "hh:mm:ss", "[h]:mm:ss",
                      "mm:ss", "[mm]:ss", "h:mm AM/PM", "0.0E+00", "\\d0", "_m0", "*m0", "[$£-809]#,##0.00", "@"]
        for f in dates { XCTAssertTrue(NumberFormat.isDateFormat(f), f) }
        for f in others { XCTAssertFalse(NumberFormat.isDateFormat(f), f) }
    }

    func testTextEscapes() {
        func decode(_ s: String) -> String {
            var b = Array(s.utf8)
            TextEscapes.decode(&b)
            return String(decoding: b, as: UTF8.self)
        }
        XCTAssertEqual(decode("a_x000D_b"), "a\rb")
        XCTAssertEqual(decode("_x005F_x0041_"), "_x0041_")
        XCTAssertEqual(decode("_x005f_"), "_")
        XCTAssertEqual(decode("_xD83D__xDE00_!"), "\u{1F600}!")
        XCTAssertEqual(decode("_xDE00_"), "\u{FFFD}")
        XCTAssertEqual(decode("_xD83D_"), "\u{FFFD}")
        XCTAssertEqual(decode("_xD83D_x_xDE00_"), "\u{FFFD}x\u{FFFD}")
        XCTAssertEqual(decode("_x00G1_ _x001_ x0041_ _x0041"), "_x00G1_ _x001_ x0041_ _x0041")
        XCTAssertEqual(decode("plain"), "plain")
        XCTAssertFalse(TextEscapes.exceedsLength(Array(String(repeating: "é", count: 10).utf8), limit: 10))
        XCTAssertTrue(TextEscapes.exceedsLength(Array(String(repeating: "é", count: 11).utf8), limit: 10))
        XCTAssertTrue(TextEscapes.exceedsLength(Array(String(repeating: "\u{1F600}", count: 6).utf8), limit: 11))
    }

    func testFormulaShift() {
        func shift(_ f: String, _ r: Int, _ c: Int) -> String { FormulaShift.shift(f, rows: r, cols: c) }
        XCTAssertEqual(shift("A1+B2", 1, 1), "B2+C3")
        XCTAssertEqual(shift("$A$1+$A1+A$1", 5, 5), "$A$1+$A6+F$1")
        XCTAssertEqual(shift("SUM(A1:B2)", 2, 0), "SUM(A3:B4)")
        XCTAssertEqual(shift("SUM(A:A,1:1)", 1, 1), "SUM(B:B,2:2)")
        XCTAssertEqual(shift("A1-1", -1, 0), "#REF!-1")
        XCTAssertEqual(shift("SUM(A1:A2)", 0, -1), "SUM(#REF!)")
        XCTAssertEqual(shift("XFD1", 0, 1), "#REF!")
        XCTAssertEqual(shift("\"A1\"&'A1 sheet'!A1", 1, 0), "\"A1\"&'A1 sheet'!A2")
        XCTAssertEqual(shift("\"say \"\"A1\"\"\"&A1", 1, 0), "\"say \"\"A1\"\"\"&A2")
        XCTAssertEqual(shift("LOG10(A1)+ATAN2(1,2)", 1, 0), "LOG10(A2)+ATAN2(1,2)")
        XCTAssertEqual(shift("Sheet1:Sheet3!A1", 1, 0), "Sheet1:Sheet3!A2")
        XCTAssertEqual(shift("Tbl1[[#This Row],[A1]]+A1", 1, 0), "Tbl1[[#This Row],[A1]]+A2")
        XCTAssertEqual(shift("[1]Sheet1!A1", 1, 0), "[1]Sheet1!A2")
        XCTAssertEqual(shift("1.5E+3+A1", 1, 0), "1.5E+3+A2")
        XCTAssertEqual(shift("#REF!+A1#", 1, 0), "#REF!+A2#")
        XCTAssertEqual(shift("Rate_1+Q1_Total", 1, 0), "Rate_1+Q1_Total")
        XCTAssertEqual(shift("a1+b$2", 1, 1), "B2+C$2")
        XCTAssertEqual(shift("A1", 0, 0), "A1")
        XCTAssertEqual(shift("\"unterminated A1", 1, 0), "\"unterminated A1")
        XCTAssertEqual(shift("[unterminated A1", 1, 0), "[unterminated A1")
    }

    func testRelationshipTargets() {
        XCTAssertEqual(Relationships.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(Relationships.resolve("/xl/styles.xml", from: "xl/workbook.xml"), "xl/styles.xml")
        XCTAssertEqual(Relationships.resolve("../docProps/x.xml", from: "xl/workbook.xml"), "docProps/x.xml")
        XCTAssertEqual(Relationships.resolve("../../../../etc/passwd", from: "xl/workbook.xml"), "etc/passwd")
        XCTAssertEqual(Relationships.resolve("./a%20b.xml#frag", from: "xl/workbook.xml"), "xl/a b.xml")
        XCTAssertEqual(Relationships.resolve("xl\\workbook.xml", from: ""), "xl/workbook.xml")
        XCTAssertEqual(Relationships.relsPart(for: "xl/workbook.xml"), "xl/_rels/workbook.xml.rels")
        XCTAssertEqual(Relationships.relsPart(for: ""), "_rels/.rels")
    }

    func testErrorDescriptionsAndFormatting() {
        XCTAssertEqual(XLSXReadError(part: "xl/sharedStrings.xml", message: "m").description, "xl/sharedStrings.xml: m")
        XCTAssertEqual(XLSXReadError(part: nil, message: "m").description, "m")
        XCTAssertEqual(grouped(1_000_000), "1,000,000")
        XCTAssertEqual(grouped(-1234), "-1,234")
        XCTAssertEqual(byteSize(64 << 20), "64 MiB")
        XCTAssertEqual(byteSize(1536), "1.5 KiB")
        XCTAssertEqual(byteSize(1), "1 byte")
        XCTAssertEqual(Cell(row: 0, col: 0, value: .number(12)).displayText, "12")
        XCTAssertEqual(Cell(row: 0, col: 0, value: .number(0.25)).displayText, "0.25")
        XCTAssertEqual(Cell(row: 0, col: 0, value: .bool(true)).displayText, "TRUE")
        let limits = XLSXReadLimits()
        XCTAssertEqual([limits.maxFileBytes, limits.maxEntries, limits.maxPartBytes, limits.maxTotalBytes, limits.maxCells,
                        limits.maxSharedStrings, limits.maxStringLength, limits.maxSheets],
                       [100 << 20, 10_000, 64 << 20, 256 << 20, 2_000_000, 1_000_000, 32_767, 1_000])
        XCTAssertEqual(limits.maxCompressionRatio, 200)
    }
}
