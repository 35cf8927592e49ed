import Foundation
import XCTest
@testable import XLSXReader

/// Workbooks assembled part by part, for what the Python writers never produce: inline strings,
/// missing `r` attributes, `t="d"`, shared formulas, odd part names, prefixes, encodings.
final class HandBuiltWorkbookTests: XCTestCase {

    func testCellTypesAndInlineStrings() throws {
        let sheet = """
            <row r="1">\
            <c r="A1" t="inlineStr"><is><t>inline</t></is></c>\
            <c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">rich </t></r><r><t>runs</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh><phoneticPr fontId="1"/></is></c>\
            <c r="C1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>\
            <c r="D1" t="b"><v>0</v></c>\
            <c r="E1" t="e"><v>#REF!</v></c>\
            <c r="F1" t="d"><v>2024-03-01T12:00:00Z</v></c>\
            <c r="G1" t="d"><v>1900-02-28</v></c>\
            <c r="H1" t="d"><v>not a date</v></c>\
            <c r="I1" t="n"><v>  7  </v></c>\
            <c r="J1"><v></v></c>\
            <c r="K1" t="s"><v>1</v></c>\
            <c r="L1" t="weird"><v>odd</v></c>\
            <c r="M1" t="inlineStr"><is><t><![CDATA[<cdata> & raw]]></t></is></c>\
            <c r="N1" t="inlineStr"><is><t>&lt;&amp;&gt;&quot;&apos;&#65;&#x1F600;_x000D__x005F_x0041__xD83D__xDE00__xD800_z</t></is></c>\
            <c r="O1" t="b"><v>true</v></c>\
            <c r="P1" t="s" s="0"><v>0</v></c>\
            </row>
            """
        let doc = try read(Minimal.zip(sheetData: sheet, sharedStrings: ["<t>zero</t>", "<r><t>o</t></r><r><t>ne</t></r><rPh><t>x</t></rPh>"]))
        let ws = doc.sheets[0]
        XCTAssertEqual(ws.cell("A1")?.value, .text("inline"))
        XCTAssertEqual(ws.cell("B1")?.value, .text("rich runs"))
        XCTAssertEqual(ws.cell("C1")?.value, .text("ab"))
        XCTAssertEqual(ws.cell("C1")?.formula, "\"a\"&\"b\"")
        XCTAssertEqual(ws.cell("D1")?.value, .bool(false))
        XCTAssertEqual(ws.cell("E1")?.value, .error("#REF!"))
        XCTAssertEqual(ws.cell("F1")?.number, 45_352.5)
        XCTAssertEqual(ws.cell("F1")?.isDate, true)
        XCTAssertEqual(ws.cell("G1")?.number, 59)
        XCTAssertEqual(ws.cell("H1")?.value, .text("not a date"))
        XCTAssertEqual(ws.cell("I1")?.value, .number(7))
        XCTAssertNil(ws.cell("J1"))                      // empty value, no style: not a cell
        XCTAssertEqual(ws.cell("K1")?.value, .text("one"))
        XCTAssertEqual(ws.cell("L1")?.value, .text("odd"))
        XCTAssertEqual(ws.cell("M1")?.value, .text("<cdata> & raw"))
        XCTAssertEqual(ws.cell("N1")?.value, .text("<&>\"'A\u{1F600}\r_x0041_\u{1F600}\u{FFFD}z"))
        XCTAssertEqual(ws.cell("O1")?.value, .bool(true))
        XCTAssertEqual(ws.cell("P1")?.value, .text("zero"))
    }

    func testRowsAndCellsWithoutReferences() throws {
        let sheet = """
            <row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>\
            <row><c t="inlineStr"><is><t>second</t></is></c></row>\
            <row r="10"><c><v>10</v></c></row>\
            <row><c s="3"/><c><v>11</v></c></row>
            """
        let ws = try read(Minimal.zip(sheetData: sheet)).sheets[0]
        XCTAssertEqual(ws.allCells.map(\.address), ["A1", "B1", "E1", "F1", "A2", "A10", "A11", "B11"])
        XCTAssertEqual(ws.cell("F1")?.number, 6)
        XCTAssertEqual(ws.cell("B11")?.number, 11)
        XCTAssertNil(ws.cell("A11")?.value)
        XCTAssertEqual(ws.rows, [0, 1, 9, 10])
    }

    func testUnsortedAndDuplicateCells() throws {
        let sheet = """
            <row r="3"><c r="B3"><v>3</v></c><c r="A3"><v>2</v></c></row>\
            <row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>9</v></c></row>
            """
        let ws = try read(Minimal.zip(sheetData: sheet)).sheets[0]
        XCTAssertEqual(ws.allCells.map(\.address), ["A1", "A3", "B3"])
        XCTAssertEqual(ws.cell("A1")?.number, 9)    // the last one written wins
        XCTAssertEqual(ws.cell(2, 0)?.number, 2)
    }

    func testSharedAndArrayFormulas() throws {
        let sheet = """
            <row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:D3" si="0">A1+$A$1+A$1+$A1+SUM(A:A)+SUM(1:1)+Sheet1!A1+'Other sheet'!B2+LOG10(A1)+"A1"&amp;Tbl1[Col]</f><v>1</v></c>\
            <c r="C1"><f t="shared" si="0"/><v>2</v></c></row>\
            <row r="2"><c r="B2"><f t="shared" si="0"/><v>3</v></c><c r="D2"><f t="shared" si="0"/></c></row>\
            <row r="5"><c r="A5"><f t="shared" ref="A5:A6" si="1">A4-1</f><v>0</v></c></row>\
            <row r="6"><c r="A6"><f t="shared" si="1"/><v>0</v></c><c r="B6"><f t="shared" si="7"/><v>4</v></c></row>\
            <row r="8"><c r="A8"><f t="array" ref="A8:A9">ROW(A1:A2)</f><v>1</v></c></row>\
            <row r="9"><c r="A9"><v>2</v></c></row>
            """
        let ws = try read(Minimal.zip(sheetData: sheet)).sheets[0]
        let master = "A1+$A$1+A$1+$A1+SUM(A:A)+SUM(1:1)+Sheet1!A1+'Other sheet'!B2+LOG10(A1)+\"A1\"&Tbl1[Col]"
        XCTAssertEqual(ws.cell("B1")?.formula, master)
        XCTAssertEqual(ws.cell("C1")?.formula, "B1+$A$1+B$1+$A1+SUM(B:B)+SUM(1:1)+Sheet1!B1+'Other sheet'!C2+LOG10(B1)+\"A1\"&Tbl1[Col]")
        XCTAssertEqual(ws.cell("B2")?.formula, "A2+$A$1+A$1+$A2+SUM(A:A)+SUM(2:2)+Sheet1!A2+'Other sheet'!B3+LOG10(A2)+\"A1\"&Tbl1[Col]")
        // A dependant without a cached value keeps its expanded formula.
        XCTAssertEqual(ws.cell("D2")?.formula, "C2+$A$1+C$1+$A2+SUM(C:C)+SUM(2:2)+Sheet1!C2+'Other sheet'!D3+LOG10(C2)+\"A1\"&Tbl1[Col]")
        XCTAssertNil(ws.cell("D2")?.value)
        XCTAssertEqual(ws.cell("A6")?.formula, "A5-1")
        XCTAssertNil(ws.cell("B6")?.formula)        // no master with si 7: value only
        XCTAssertEqual(ws.cell("B6")?.value, .number(4))
        XCTAssertEqual(ws.cell("A8")?.formula, "ROW(A1:A2)")
        XCTAssertNil(ws.cell("A9")?.formula)
    }

    func testSharedFormulasAgreeWithOpenpyxl() throws {
        let formulas = ["A1*2", "SUM($A$1:A1)", "IF(B$2>0,C3,\"x\")", "Sheet1!A1+'My ''q'' sheet'!$B1", "INDEX(A:A,ROW())",
                        "A1:B2 C1:D3", "#REF!+A1", "SUMPRODUCT((A1:A3=\"A1\")*B1:B3)", "_xlfn.XLOOKUP(A1,B:B,C:C)", "IFERROR(1/A1,0)"]
        var rows = ""
        for (i, f) in formulas.enumerated() {
            let r = i * 3 + 1
            let escaped = f.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "<", with: "&lt;")
            rows += "<row r=\"\(r)\"><c r=\"E\(r)\"><f t=\"shared\" ref=\"E\(r):G\(r + 2)\" si=\"\(i)\">\(escaped)</f><v>0</v></c>"
            rows += "<c r=\"F\(r)\"><f t=\"shared\" si=\"\(i)\"/><v>0</v></c></row>"
            rows += "<row r=\"\(r + 2)\"><c r=\"G\(r + 2)\"><f t=\"shared\" si=\"\(i)\"/><v>0</v></c></row>"
        }
        let bytes = Minimal.zip(sheetData: rows)
        let dir = try makeTempDir(self)
        let path = dir.appendingPathComponent("shared.xlsx")
        try Data(bytes).write(to: path)
        try runFixtureScript(["dump", path.path], in: dir)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path.path + ".json"))) as! [String: Any]
        let cells = ((json["sheets"] as! [[String: Any]])[0]["cells"] as! [[Any]])
        let ws = try XLSXDocument.open(path: path.path).sheets[0]
        XCTAssertEqual(cells.count, formulas.count * 3)
        for c in cells {
            let address = CellAddress.string(row: c[0] as! Int, col: c[1] as! Int)
            XCTAssertEqual(ws.cell(address)?.formula, c[4] as? String, address)
        }
    }

    func testPartNamesThroughRelationships() throws {
        // Absolute targets, other folders and cases, percent-escapes, a prefixed main namespace.
        let rootRels = """
            <Relationships xmlns="\(Minimal.pkgRelNS)"><Relationship Id="r1" Type="\(Minimal.relNS)/officeDocument" Target="/Book/Main%20Part.xml"/>\
            <Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="props/c.xml"/>\
            <Relationship Id="r3" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="props/core.xml"/>\
            <Relationship Id="r4" Type="\(Minimal.relNS)/hyperlink" Target="http://example.invalid/x" TargetMode="External"/></Relationships>
            """
        let workbook = """
            <x:workbook xmlns:x="\(Minimal.mainNS)" xmlns:r="\(Minimal.relNS)"><x:workbookPr date1904="true"/><x:sheets>\
            <x:sheet name="First" sheetId="1" r:id="a"/><x:sheet name="Chart" sheetId="2" r:id="b"/><x:sheet name="Third" sheetId="3" state="veryHidden" r:id="c"/></x:sheets>\
            <x:definedNames><x:definedName name="Scoped" localSheetId="2">Third!$B$2</x:definedName></x:definedNames></x:workbook>
            """
        let rels = """
            <Relationships xmlns="\(Minimal.pkgRelNS)"><Relationship Id="a" Type="\(Minimal.relNS)/worksheet" Target="../SHEETS/One.XML"/>\
            <Relationship Id="b" Type="\(Minimal.relNS)/chartsheet" Target="charts/c.xml"/>\
            <Relationship Id="c" Type="\(Minimal.relNS)/worksheet" Target="/sheets/./three.xml"/>\
            <Relationship Id="s" Type="\(Minimal.relNS)/sharedStrings" Target="strings.xml"/></Relationships>
            """
        let one = "<x:worksheet xmlns:x=\"\(Minimal.mainNS)\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>"
        let three = Minimal.sheet("<row r=\"2\"><c r=\"B2\"><v>2</v></c></row>")
        let custom = """
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="TemplateVersion"><vt:lpwstr>4.0</vt:lpwstr></property>\
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Big"><vt:r8>1.0E3</vt:r8></property>\
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="When"><vt:filetime>2024-01-02T03:04:05Z</vt:filetime></property></Properties>
            """
        let core = """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T &amp; U</dc:title></cp:coreProperties>
            """
        let items = [
            ZipItem("_rels/.rels", rootRels),
            ZipItem("book/main part.xml", workbook),
            ZipItem("Book/_rels/Main Part.xml.rels", rels),
            ZipItem("sheets/one.xml", one),
            ZipItem("book/charts/c.xml", "<chartsheet xmlns=\"\(Minimal.mainNS)\"/>"),
            ZipItem("sheets/three.xml", three),
            ZipItem("book/strings.xml", Minimal.sharedStrings(["<t>found</t>"])),
            ZipItem("props/c.xml", custom),
            ZipItem("props/core.xml", core),
        ]
        let doc = try read(ZipBuilder.build(items))
        XCTAssertEqual(doc.sheetNames, ["First", "Chart", "Third"])
        XCTAssertEqual(doc.sheets.map(\.kind), [.worksheet, .chartsheet, .worksheet])
        XCTAssertEqual(doc.sheets[0].part, "sheets/one.xml")
        XCTAssertEqual(doc.sheets[0].cell("A1")?.value, .text("found"))
        XCTAssertEqual(doc.sheets[1].cellCount, 0)
        XCTAssertTrue(doc.sheets[2].hidden && doc.sheets[2].veryHidden)
        XCTAssertTrue(doc.date1904)
        XCTAssertEqual(doc.definedNames.first?.localSheet, "Third")
        XCTAssertEqual(doc.definedName("scoped", sheet: "third")?.area, Area(sheet: "Third", firstRow: 1, firstCol: 1, lastRow: 1, lastCol: 1))
        XCTAssertEqual(doc.customProperties, ["TemplateVersion": "4.0", "Big": "1000", "When": "2024-01-02T03:04:05Z"])
        XCTAssertEqual(doc.coreProperties, ["title": "T & U"])
    }

    func testWorkbookWithoutPackageRelationshipsOrStyles() throws {
        // No _rels/.rels: the conventional workbook name is tried; no styles part: nothing is a date.
        var items = Minimal.items(sheetData: "<row><c s=\"1\"><v>45000</v></c></row>")
        items.removeAll { $0.name == "_rels/.rels" }
        let doc = try read(ZipBuilder.build(items))
        XCTAssertEqual(doc.sheets[0].cell("A1")?.isDate, false)
    }

    func testDateStylesFromStylesPart() throws {
        let styles = """
            <styleSheet xmlns="\(Minimal.mainNS)"><numFmts count="3"><numFmt numFmtId="164" formatCode="[$-809]dd\\ mmmm\\ yyyy;@"/>\
            <numFmt numFmtId="165" formatCode="&quot;Week &quot;0"/><numFmt numFmtId="166" formatCode="mm:ss.0"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="47"/><xf numFmtId="15"/></cellXfs>\
            <dxfs count="1"><dxf><numFmt numFmtId="167" formatCode="yyyy"/></dxf></dxfs></styleSheet>
            """
        let row = (0 ..< 7).map { "<c s=\"\($0)\"><v>45000</v></c>" }.joined()
        let ws = try read(Minimal.zip(sheetData: "<row>\(row)</row>", styles: styles)).sheets[0]
        XCTAssertEqual(ws.cells(inRow: 0).map(\.isDate), [false, true, false, false, true, true, false])
    }

    func testUTF16PartAndByteOrderMarks() throws {
        let sheet = Minimal.sheet("<row><c t=\"inlineStr\"><is><t>utf-16 ü</t></is></c></row>")
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in sheet.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var items = Minimal.items()
        items[4] = ZipItem("xl/worksheets/sheet1.xml", bytes: utf16)
        items[2].data = [0xEF, 0xBB, 0xBF] + items[2].data
        let doc = try read(ZipBuilder.build(items))
        XCTAssertEqual(doc.sheets[0].cell("A1")?.text, "utf-16 ü")
    }

    func testStoredEntriesDataDescriptorsAndZip64() throws {
        var stored = Minimal.items()
        for i in stored.indices { stored[i].deflate = false }
        XCTAssertEqual(try read(ZipBuilder.build(stored)).sheets[0].cell("A1")?.number, 1)
        var streamed = Minimal.items()
        for i in streamed.indices { streamed[i].dataDescriptor = true }
        XCTAssertEqual(try read(ZipBuilder.build(streamed)).sheets[0].cell("A1")?.number, 1)
        var zip64 = Minimal.items()
        for i in zip64.indices { zip64[i].zip64 = true }
        XCTAssertEqual(try read(ZipBuilder.build(zip64)).sheets[0].cell("A1")?.number, 1)
    }

    func testConcurrentReadsOfOneDocument() throws {
        var xml = ""
        for r in 1 ... 200 { xml += "<row r=\"\(r)\">" + (0 ..< 20).map { "<c><v>\(r * 100 + $0)</v></c>" }.joined() + "</row>" }
        let doc = try read(Minimal.zip(sheetData: xml))
        let sheet = doc.sheets[0]
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: 8)
        defer { sums.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            var total = 0.0
            for row in sheet.rows { for c in sheet.cells(inRow: row) { total += c.number ?? 0 } }
            sums[i] = total
        }
        let rowTotal: Int = (1 ... 200).reduce(0) { $0 + $1 * 2000 }
        let expected = Double(rowTotal + 200 * 190)
        XCTAssertEqual(Set(sums), [expected])
    }
}
