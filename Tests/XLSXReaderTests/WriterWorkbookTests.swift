import Foundation
import XCTest
@testable import XLSXReader

/// Workbooks written by the real writers (XlsxWriter, openpyxl, LibreOffice), read and checked
/// against what was written, and against what openpyxl reads from the same file.
final class WriterWorkbookTests: XCTestCase {
    /// Fixtures are made once per test run (about a second of Python).
    private static var fixtureDir: URL?

    private func fixtures() throws -> URL {
        if let dir = WriterWorkbookTests.fixtureDir { return dir }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxreader-fixtures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try runFixtureScript(["make", dir.path], in: dir)
        try runFixtureScript(["dump"] + ["xw.xlsx", "xw1904.xlsx", "op.xlsx", "op1904.xlsx"].map { dir.appendingPathComponent($0).path }, in: dir)
        WriterWorkbookTests.fixtureDir = dir
        return dir
    }

    override class func tearDown() {
        if let dir = fixtureDir { try? FileManager.default.removeItem(at: dir) }
        super.tearDown()
    }

    // MARK: - XlsxWriter

    func testXlsxWriterWorkbook() throws {
        let doc = try XLSXDocument.open(path: try fixtures().appendingPathComponent("xw.xlsx").path)
        XCTAssertEqual(doc.name, "xw.xlsx")
        XCTAssertEqual(doc.sheetNames, ["NE Planning", "Hidden one", "Bob's Plan"])
        XCTAssertFalse(doc.date1904)
        XCTAssertEqual(doc.sheets.map(\.hidden), [false, true, false])
        let ws = try XCTUnwrap(doc.sheet("ne planning"))   // case-insensitive lookup
        XCTAssertTrue(ws === doc.sheets[0])
        XCTAssertEqual(ws.part, "xl/worksheets/sheet1.xml")

        // Text: shared strings, rich text joined, spaces, line breaks, escapes, Unicode, the longest string.
        XCTAssertEqual(ws.cell("A1")?.value, .text("Title"))
        XCTAssertEqual(ws.cell("A2")?.value, .text("plain bold and red"))
        XCTAssertEqual(ws.cell("A3")?.text, "  leading and trailing  ")
        XCTAssertEqual(ws.cell("A4")?.text, "line1\nline2\r\nline3")
        XCTAssertEqual(ws.cell("A5")?.text, "literal _x0041_ and _x005F_ and under_score")
        XCTAssertEqual(ws.cell("A6")?.text, "emoji \u{1F600}, ü, 中文, <xml> & \"quotes\"")
        XCTAssertEqual(ws.cell("A7")?.text?.utf16.count, 32_767)

        // Numbers and booleans.
        let numbers: [Double] = [0, -1.5, 1e-10, 123_456_789_012_345, 0.3, 1e300, -0.0, 42]   // XlsxWriter writes 0.1 + 0.2 as 0.3
        for (i, n) in numbers.enumerated() {
            XCTAssertEqual(ws.cell(i, 1)?.number, n, "B\(i + 1)")
            XCTAssertEqual(ws.cell(i, 1)?.isDate, false)
        }
        XCTAssertEqual(ws.cell("C1")?.value, .bool(true))
        XCTAssertEqual(ws.cell("C2")?.value, .bool(false))

        // Dates under custom and built-in formats; times and lookalikes are not dates.
        let expected = [(2024, 3, 1), (2025, 4, 5), (2026, 5, 10), (2027, 6, 14), (2028, 7, 18), (2029, 8, 22)]
        for (i, e) in expected.enumerated() {
            let cell = try XCTUnwrap(ws.cell(i, 3))
            XCTAssertTrue(cell.isDate, cell.address)
            let d = try XCTUnwrap(doc.date(fromSerial: try XCTUnwrap(cell.number)))
            XCTAssertEqual([d.year, d.month, d.day], [e.0, e.1, e.2], cell.address)
        }
        XCTAssertEqual(ws.cell("D1")?.number ?? 0, 45_352 + 14.5 / 24, accuracy: 1e-9)
        XCTAssertEqual(ws.cell("D7")?.number, 59)
        XCTAssertEqual(ws.cell("D8")?.number, 61)
        XCTAssertTrue(XLSXDocument.date(fromSerial: 59, date1904: false)! == (1900, 2, 28))
        XCTAssertTrue(XLSXDocument.date(fromSerial: 61, date1904: false)! == (1900, 3, 1))
        for address in ["E1", "E2", "E3", "E4", "E5"] {
            XCTAssertEqual(ws.cell(address)?.isDate, false, address)
            XCTAssertNotNil(ws.cell(address)?.number, address)
        }

        // Formulas with cached values of every type; an array formula on its anchor only.
        XCTAssertEqual(ws.cell("F1").map { [$0.formula, $0.displayText] }, ["SUM(B1:B3)", "-1.5"])
        XCTAssertEqual(ws.cell("F2")?.formula, "A1&\"x\"")
        XCTAssertEqual(ws.cell("F2")?.value, .text("Titlex"))
        XCTAssertEqual(ws.cell("F3")?.value, .error("#DIV/0!"))
        XCTAssertEqual(ws.cell("F4")?.value, .bool(true))
        XCTAssertEqual(ws.cell("F4")?.formula, "C1")
        XCTAssertEqual(ws.cell("F5")?.value, .error("#N/A"))
        XCTAssertEqual(ws.cell("F6")?.formula, "'Bob''s Plan'!A1")
        XCTAssertEqual(ws.cell("G1")?.formula, "B1:B3*2")
        XCTAssertNil(ws.cell("G2")?.formula)
        XCTAssertEqual(ws.cell("G2")?.value, .number(0))

        // Merged ranges, style-only cells.
        XCTAssertEqual(ws.merged, [MergedRange(firstRow: 0, firstCol: 7, lastRow: 1, lastCol: 9),
                                   MergedRange(firstRow: 3, firstCol: 7, lastRow: 5, lastCol: 7)])
        XCTAssertEqual(ws.cell("H1")?.value, .text("Merged"))
        XCTAssertNotNil(ws.cell("I1"))
        XCTAssertNil(ws.cell("I1")?.value)
        XCTAssertEqual(ws.mergedRange(containing: 1, 8)?.reference, "H1:J2")
        XCTAssertNotNil(ws.cell("K9"))
        XCTAssertNil(ws.cell("K9")?.value)
        XCTAssertNil(ws.cell("K10"))
        XCTAssertEqual(ws.maxRow, 8)
        XCTAssertEqual(ws.maxCol, 10)
        XCTAssertEqual(ws.rows, Array(0 ... 8))
        XCTAssertEqual(ws.cells(inRow: 0).map(\.address), ["A1", "B1", "C1", "D1", "E1", "F1", "G1", "H1", "I1", "J1"])
        XCTAssertEqual(ws.cells(withText: { $0.hasPrefix("line1") }).map(\.address), ["A4"])
        XCTAssertEqual(ws.firstCell(withText: " TITLE ")?.address, "A1")

        // Defined names: workbook-wide and sheet-scoped, quoted sheet names, whole columns, non-areas.
        func name(_ n: String, _ sheet: String? = nil) -> DefinedName? { doc.definedName(n, sheet: sheet) }
        XCTAssertEqual(name("Total")?.formula, "'NE Planning'!$B$1:$B$4")
        XCTAssertEqual(name("total")?.area, Area(sheet: "NE Planning", firstRow: 0, firstCol: 1, lastRow: 3, lastCol: 1))
        XCTAssertNil(name("Local"))
        XCTAssertEqual(name("Local", "NE Planning")?.localSheet, "NE Planning")
        XCTAssertEqual(name("Local", "NE Planning")?.area, Area(sheet: "NE Planning", firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 0))
        XCTAssertEqual(name("BobArea")?.area?.sheet, "Bob's Plan")
        XCTAssertEqual(name("Whole")?.area, Area(sheet: "NE Planning", firstRow: 0, firstCol: 0, lastRow: 1_048_575, lastCol: 1))
        XCTAssertNil(name("Rate")?.area)
        XCTAssertEqual(name("Rate")?.formula, "0.05")
        XCTAssertNil(name("Two")?.area)
        XCTAssertEqual(name("_xlnm.Print_Area", "NE Planning")?.area?.lastRow, 7)
        let bob = try XCTUnwrap(doc.sheet("Bob's Plan"))
        XCTAssertEqual(bob.cells(in: name("BobArea")!.area!).map(\.address), ["A1", "B2"])

        // Properties.
        XCTAssertEqual(doc.customProperties, ["TemplateVersion": "1.2", "Revision": "7", "Ratio": "3.5", "Checked": "true"])
        XCTAssertEqual(doc.coreProperties["title"], "Plan T")
        XCTAssertEqual(doc.coreProperties["creator"], "Ann Author")
        XCTAssertEqual(doc.coreProperties["subject"], "Resilience")
        XCTAssertEqual(doc.coreProperties["keywords"], "flood, heat")

        try compareWithOpenpyxl(doc, json: try fixtures().appendingPathComponent("xw.xlsx.json"))
    }

    func testXlsxWriterDate1904() throws {
        let doc = try XLSXDocument.open(path: try fixtures().appendingPathComponent("xw1904.xlsx").path)
        XCTAssertTrue(doc.date1904)
        let cell = try XCTUnwrap(doc.sheets[0].cell("D1"))
        XCTAssertTrue(cell.isDate)
        XCTAssertEqual(cell.number ?? 0, 45_352 - 1_462 + 14.5 / 24, accuracy: 1e-9)
        XCTAssertTrue(doc.date(fromSerial: cell.number!)! == (2024, 3, 1))
        try compareWithOpenpyxl(doc, json: try fixtures().appendingPathComponent("xw1904.xlsx.json"))
    }

    // MARK: - openpyxl

    func testOpenpyxlWorkbook() throws {
        let dir = try fixtures()
        let doc = try XLSXDocument.open(path: dir.appendingPathComponent("op.xlsx").path)
        XCTAssertEqual(doc.sheetNames, ["Data", "Second"])
        XCTAssertEqual(doc.sheets.map(\.hidden), [false, true])
        let ws = doc.sheets[0]
        XCTAssertEqual(ws.cell("A1")?.value, .text("hello"))
        XCTAssertEqual(ws.cell("C1")?.isDate, true)
        XCTAssertTrue(doc.date(fromSerial: ws.cell("C1")!.number!)! == (2023, 12, 25))
        XCTAssertTrue(doc.date(fromSerial: ws.cell("F1")!.number!)! == (2024, 2, 29))
        XCTAssertEqual(ws.cell("D1")?.value, .bool(true))
        // A formula written without a cached value.
        XCTAssertEqual(ws.cell("E1")?.formula, "B1*2")
        XCTAssertNil(ws.cell("E1")?.value)
        XCTAssertEqual(ws.cell("G1")?.value, .error("#N/A"))
        // openpyxl writes rich text as an inline string.
        XCTAssertEqual(ws.cell("A2")?.value, .text("plain bold end"))
        XCTAssertEqual(ws.merged, [MergedRange(firstRow: 2, firstCol: 0, lastRow: 3, lastCol: 2)])
        XCTAssertEqual(doc.definedName("Local", sheet: "Data")?.area, Area(sheet: "Data", firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 0))
        XCTAssertEqual(doc.customProperties, ["TemplateVersion": "2.0", "Count": "12", "Share": "0.25", "Final": "false"])
        XCTAssertEqual(doc.coreProperties["title"], "OP title")
        try compareWithOpenpyxl(doc, json: dir.appendingPathComponent("op.xlsx.json"))

        let mac = try XLSXDocument.open(path: dir.appendingPathComponent("op1904.xlsx").path)
        XCTAssertTrue(mac.date1904)
        XCTAssertTrue(mac.date(fromSerial: mac.sheets[0].cell("A1")!.number!)! == (2020, 5, 17))
        XCTAssertTrue(mac.date(fromSerial: mac.sheets[0].cell("A2")!.number!)! == (1904, 1, 1))
        try compareWithOpenpyxl(mac, json: dir.appendingPathComponent("op1904.xlsx.json"))
    }

    // MARK: - LibreOffice

    func testLibreOfficeResave() throws {
        guard onPath("soffice") else {
            throw XCTSkip("LibreOffice (soffice) is not on PATH: install libreoffice-calc-nogui to run the re-save test")
        }
        let dir = try fixtures()
        let work = try makeTempDir(self)
        let out = work.appendingPathComponent("out")
        // One soffice call converts both files (about 2 s per call).
        let inputs = ["xw.xlsx", "op.xlsx"].map { dir.appendingPathComponent($0).path }
        let result = try runProcess("soffice", ["-env:UserInstallation=file://\(work.path)/profile", "--headless", "--norestore",
                                         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out.path] + inputs,
                             environment: ["HOME": work.path])
        XCTAssertEqual(result.status, 0, result.output)
        let resaved = ["xw.xlsx", "op.xlsx"].map { out.appendingPathComponent($0).path }
        try runFixtureScript(["dump"] + resaved, in: dir)

        let original = try XLSXDocument.open(path: dir.appendingPathComponent("xw.xlsx").path)
        let doc = try XLSXDocument.open(path: resaved[0])
        XCTAssertEqual(doc.sheetNames, original.sheetNames)
        XCTAssertEqual(doc.sheets.map(\.hidden), original.sheets.map(\.hidden))
        // Every value and formula survives the re-save (LibreOffice writes only shared strings),
        // but for what LibreOffice itself changes: numbers to 15 significant digits, CR LF to LF,
        // booleans written as TRUE()/FALSE() formulas, array formulas recalculated.
        for (a, b) in zip(original.sheets, doc.sheets) {
            a.forEachCell { cell in
                guard cell.value != nil || cell.formula != nil else { return }
                let at = "\(a.name)!\(cell.address)"
                guard let other = b.cell(cell.row, cell.col) else { return XCTFail("\(at) is missing") }
                XCTAssertEqual(other.isDate, cell.isDate, at)
                if a.name == "NE Planning" && cell.col == 6 { return }   // the array formula's range
                switch (cell.value, other.value) {
                case let (.number(x)?, .number(y)?):
                    XCTAssertEqual(x, y, accuracy: abs(x) * 1e-14, at)
                case let (.text(x)?, .text(y)?):
                    XCTAssertEqual(x.replacingOccurrences(of: "\r\n", with: "\n"), y, at)
                default:
                    XCTAssertEqual(other.value, cell.value, at)
                }
                if case .bool(let v)? = cell.value, cell.formula == nil {
                    XCTAssertEqual(other.formula, v ? "TRUE()" : "FALSE()", at)
                } else {
                    XCTAssertEqual(other.formula, cell.formula, at)
                }
            }
            XCTAssertEqual(Set(a.merged.map(\.reference)), Set(b.merged.map(\.reference)))
        }
        XCTAssertEqual(doc.customProperties["TemplateVersion"], "1.2")
        XCTAssertEqual(doc.definedName("Total")?.area, original.definedName("Total")?.area)
        XCTAssertEqual(doc.definedName("Local", sheet: "NE Planning")?.area, original.definedName("Local", sheet: "NE Planning")?.area)
        try compareWithOpenpyxl(doc, json: URL(fileURLWithPath: resaved[0] + ".json"))

        let op = try XLSXDocument.open(path: resaved[1])
        XCTAssertEqual(op.sheets[0].cell("A2")?.text, "plain bold end")
        try compareWithOpenpyxl(op, json: URL(fileURLWithPath: resaved[1] + ".json"))
    }

    // MARK: - Oracle

    /// Checks every cell openpyxl reports (value, type, formula) and that the reader has no
    /// value openpyxl lacks. Known differences, where openpyxl is the one that is off: it does not
    /// decode `_xHHHH_` escapes fully (those strings are checked against what was written instead),
    /// and it reads pure time formats as times (the reader: numbers, not dates).
    func compareWithOpenpyxl(_ doc: XLSXDocument, json: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try Data(contentsOf: json)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(root["date1904"] as? Bool, doc.date1904, file: file, line: line)
        let sheets = try XCTUnwrap(root["sheets"] as? [[String: Any]])
        XCTAssertEqual(sheets.compactMap { $0["name"] as? String }, doc.sheetNames.filter { doc.sheet($0)?.kind == .worksheet }, file: file, line: line)
        for s in sheets {
            let name = try XCTUnwrap(s["name"] as? String)
            let sheet = try XCTUnwrap(doc.sheet(name))
            XCTAssertEqual(sheet.hidden, (s["state"] as? String) != "visible", name, file: file, line: line)
            XCTAssertEqual(Set(sheet.merged.map(\.reference)), Set((s["merged"] as? [String]) ?? []), name, file: file, line: line)
            var seen = Set<String>()
            for case let entry as [Any] in (s["cells"] as? [Any]) ?? [] {
                let row = entry[0] as! Int, col = entry[1] as! Int, type = entry[2] as! String
                let where_ = "\(name)!\(CellAddress.string(row: row, col: col))"
                seen.insert(where_)
                guard let cell = sheet.cell(row, col) else {
                    XCTFail("\(where_): openpyxl has \(entry), the reader has no cell", file: file, line: line)
                    continue
                }
                let formula = entry[4] as? String
                XCTAssertEqual(cell.formula, formula, where_, file: file, line: line)
                switch type {
                case "n":
                    XCTAssertEqual(cell.number, entry[3] as? Double, where_, file: file, line: line)
                    XCTAssertFalse(cell.isDate, where_, file: file, line: line)
                case "d":
                    let ymd = entry[3] as! [Int]
                    XCTAssertTrue(cell.isDate, where_, file: file, line: line)
                    let d = cell.number.flatMap { doc.date(fromSerial: $0) }
                    XCTAssertEqual(d.map { [$0.year, $0.month, $0.day] }, ymd, where_, file: file, line: line)
                case "t":
                    XCTAssertNotNil(cell.number, where_, file: file, line: line)
                case "b":
                    XCTAssertEqual(cell.value, .bool(entry[3] as! Bool), where_, file: file, line: line)
                case "e":
                    XCTAssertEqual(cell.value, .error(entry[3] as! String), where_, file: file, line: line)
                case "s":
                    let text = entry[3] as! String
                    if !text.contains("_x") {
                        XCTAssertEqual(cell.value, .text(text), where_, file: file, line: line)
                    }
                case "none":
                    XCTAssertNil(cell.value, where_, file: file, line: line)
                default:
                    XCTFail("\(where_): unknown type \(type)", file: file, line: line)
                }
            }
            sheet.forEachCell { cell in
                if cell.value != nil || cell.formula != nil {
                    XCTAssertTrue(seen.contains("\(name)!\(cell.address)"), "\(name)!\(cell.address) = \(String(describing: cell.value)) is not in openpyxl's reading", file: file, line: line)
                }
            }
        }
        for case let n as [Any] in (root["names"] as? [Any]) ?? [] {
            let name = n[0] as! String, local = n[1] as? String, formula = n[2] as! String
            let ours = doc.definedNames.first { $0.name == name && $0.localSheet == local }
            XCTAssertEqual(ours?.formula, formula, "defined name \(name) (\(local ?? "workbook"))", file: file, line: line)
        }
    }
}

/// Tuple comparison for dates.
func == (a: (year: Int, month: Int, day: Int), b: (Int, Int, Int)) -> Bool {
    a.year == b.0 && a.month == b.1 && a.day == b.2
}
