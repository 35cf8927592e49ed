import Foundation
import XCTest
import TestSupport
@testable import XLSXReader

/// Hostile and broken input: every case ends in an XLSXReadError with a reason, in under two
/// seconds (of CPU; see `Deadline`), with peak memory growing by less than 200 MB (see `expectRefusal`).
final class HostileInputTests: XCTestCase {

    // MARK: - Not an .xlsx at all

    func testEmptyFile() {
        expectRefusal([], ["not an .xlsx file", "empty"], part: .some(nil))
    }

    func testEncryptedOrLegacyOLEFile() {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 4096)
        let error = expectRefusal(ole, ["not an .xlsx file: it is an encrypted or legacy .xls (OLE) file"], part: .some(nil))
        XCTAssertEqual(error?.description.hasPrefix("not an .xlsx file: it is an encrypted or legacy .xls (OLE) file"), true)
    }

    func testNonZipBytes() {
        expectRefusal(Array("Name,Value\nA,1\n".utf8), ["not an .xlsx file", "not a zip archive"])
        expectRefusal(Array("%PDF-1.7\n".utf8), ["not an .xlsx file", "PDF"])
        expectRefusal(Array("<html><table><tr><td>1</td></tr></table></html>".utf8), ["not an .xlsx file", "HTML"])
        var random = SystemRandomNumberGenerator()
        let noise = (0 ..< 100_000).map { _ in UInt8.random(in: 0 ... 255, using: &random) }
        expectRefusal([0x13] + noise, ["not an .xlsx file"])
    }

    func testLargeNonZipFileIsRefusedQuickly() {
        // Starts like a zip but has no end record: the search for one is bounded (ZIPFoundation's is not).
        let bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x41, count: 60 << 20)
        expectRefusal(bytes, ["truncated or damaged"], seconds: 1)
    }

    func testWordDocumentAndZipWithoutWorkbook() {
        let docx = ZipBuilder.build([ZipItem("[Content_Types].xml", Minimal.contentTypes),
                                     ZipItem("word/document.xml", "<w:document xmlns:w=\"x\"/>")])
        expectRefusal(docx, ["Word document"])
        let plain = ZipBuilder.build([ZipItem("readme.txt", "hello")])
        expectRefusal(plain, ["no workbook part"], part: .some(nil))
        let emptyZip = ZipBuilder.build([])
        expectRefusal(emptyZip, ["no workbook part"])
        // The package points at a workbook part that is not there.
        let dangling = ZipBuilder.build([ZipItem("_rels/.rels", Minimal.rootRels)])
        expectRefusal(dangling, ["xl/workbook.xml", "missing"])
    }

    func testStrictOOXMLIsRefused() {
        let strictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        let strictRel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
        let rootRels = """
            <Relationships xmlns="\(Minimal.pkgRelNS)"><Relationship Id="rId1" Type="\(strictRel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        let workbook = """
            <workbook xmlns="\(strictMain)" xmlns:r="\(strictRel)"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        expectRefusal(Minimal.zip(replace: ["_rels/.rels": rootRels, "xl/workbook.xml": workbook]), ["Strict Open XML"])
        // Transitional package relationships but a Strict workbook part.
        expectRefusal(Minimal.zip(replace: ["xl/workbook.xml": workbook]), ["Strict Open XML"])
    }

    // MARK: - Zip container attacks

    func testZipBombDeclaredSmall() {
        // A sheet that declares 1 KiB but inflates to 100 MiB.
        var sheet = Array(Minimal.sheet("").utf8)
        sheet += [UInt8](repeating: 0x20, count: 100 << 20)
        var item = ZipItem("xl/worksheets/sheet1.xml", bytes: sheet)
        item.declaredSize = 1024
        var items = Minimal.items()
        items[4] = item
        expectRefusal(ZipBuilder.build(items), ["xl/worksheets/sheet1.xml", "declared", "zip bomb"], maxGrowth: 64 << 20)
    }

    func testZipBombCountedWhileInflatingAgainstThePartLimit() {
        // Declared honestly under a 1 MiB part limit would be refused up front; declared at the
        // limit it is caught while inflating, at the limit, not after.
        var limits = XLSXReadLimits()
        limits.maxPartBytes = 1 << 20
        var item = ZipItem("xl/worksheets/sheet1.xml", bytes: [UInt8](repeating: 0x20, count: 8 << 20))
        item.declaredSize = 1 << 20
        var items = Minimal.items()
        items[4] = item
        expectRefusal(ZipBuilder.build(items), ["xl/worksheets/sheet1.xml", "zip bomb"], limits: limits)
    }

    func testHonestlyDeclaredHugePartIsRefusedBeforeInflating() {
        var item = ZipItem("xl/worksheets/sheet1.xml", bytes: [UInt8](repeating: 0x20, count: 1 << 20))
        item.declaredSize = 200 << 20
        var items = Minimal.items()
        items[4] = item
        expectRefusal(ZipBuilder.build(items), ["declares 200 MiB", "64 MiB limit"], seconds: 0.5)
    }

    func testCompressionRatioLimit() {
        // 4 MiB of spaces inside a valid sheet compresses about 1000:1.
        let sheet = Minimal.sheet("") + String(repeating: " ", count: 4 << 20)
        expectRefusal(Minimal.zip(replace: ["xl/worksheets/sheet1.xml": sheet]), ["compresses more than 200 to 1"])
    }

    func testTotalUncompressedLimit() {
        var limits = XLSXReadLimits()
        limits.maxTotalBytes = 64 << 10
        let sheet = Minimal.sheet("") + String(repeating: " ", count: 100 << 10)
        expectRefusal(Minimal.zip(replace: ["xl/worksheets/sheet1.xml": sheet]), ["64 KiB", "limit"], limits: limits)
    }

    func testFileSizeLimit() {
        var limits = XLSXReadLimits()
        limits.maxFileBytes = 1000
        let bytes = Minimal.zip(sharedStrings: [String(repeating: "<t>x</t>", count: 1)], add: [ZipItem("pad.bin", bytes: [UInt8](repeating: 1, count: 2000), deflate: false)])
        expectRefusal(bytes, ["more than the 1,000 bytes limit"], limits: limits)
    }

    func testManyEntries() {
        var items = Minimal.items()
        for i in 0 ..< 12_000 { items.append(ZipItem("junk/\(i).bin", bytes: [], deflate: false)) }
        expectRefusal(ZipBuilder.build(items), ["12,", "entries", "10,000"], part: .some(nil))
    }

    func testEndRecordClaimingMoreEntriesThanThereAre() {
        let bytes = ZipBuilder.build(Minimal.items(), entryCount: 9_000)
        expectRefusal(bytes, ["central directory is truncated or damaged"])
    }

    func testTruncatedZip() throws {
        let good = Minimal.zip(sharedStrings: ["<t>hello</t>"])
        XCTAssertNoThrow(try XLSXDocument.open(data: good, name: "good.xlsx"))
        for cut in [good.count / 3, good.count / 2, good.count - 30, good.count - 23, good.count - 1] {
            expectRefusal(Array(good.prefix(cut)), ["truncated"])
        }
    }

    func testTruncatedDeflateStreamDoesNotHang() {
        // A deflate stream cut off inside a stored block, right at the end of the data: ZIPFoundation's
        // own extract loop spins forever on this; the reader feeds zlib exactly the entry's bytes.
        let sheet = Array(Minimal.sheet("<row><c><v>1</v></c></row>").utf8)
        var item = ZipItem("xl/worksheets/sheet1.xml", bytes: sheet)
        let header: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00]   // stored block of 65,535 bytes, not final
        item.rawCompressed = header + sheet                      // but only the sheet's bytes follow
        var items = Minimal.items()
        items[4] = item
        expectRefusal(ZipBuilder.build(items), ["xl/worksheets/sheet1.xml"], seconds: 1)
        // The same entry as the very last bytes of the file (no central directory after it to read on into).
        var last = items
        last.swapAt(4, last.count - 1)
        expectRefusal(ZipBuilder.build(last), ["xl/worksheets/sheet1.xml"], seconds: 1)
    }

    func testCorruptDeflateData() {
        var item = ZipItem("xl/worksheets/sheet1.xml", Minimal.sheet(""))
        item.rawCompressed = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        var items = Minimal.items()
        items[4] = item
        expectRefusal(ZipBuilder.build(items), ["xl/worksheets/sheet1.xml"])
    }

    func testCRCMismatch() {
        var items = Minimal.items()
        items[4].declaredCRC = 0xDEAD_BEEF
        expectRefusal(ZipBuilder.build(items), ["xl/worksheets/sheet1.xml", "CRC mismatch"])
        var stored = Minimal.items()
        stored[4].deflate = false
        stored[4].declaredCRC = 1
        expectRefusal(ZipBuilder.build(stored), ["CRC mismatch"])
    }

    func testEncryptedEntryAndUnknownMethod() {
        var items = Minimal.items()
        items[2].flags = 1
        expectRefusal(ZipBuilder.build(items), ["xl/workbook.xml", "encrypted"])
        var bzip = Minimal.items()
        bzip[2].method = 12
        expectRefusal(ZipBuilder.build(bzip), ["compression method 12"])
    }

    func testDuplicateEntryNames() {
        let items = Minimal.items(add: [ZipItem("XL/Workbook.xml", Minimal.workbook())])
        expectRefusal(ZipBuilder.build(items), ["two entries named"])
    }

    func testTraversalEntryNamesAreNeverWritten() throws {
        let dir = try makeTempDir(self)
        let evil = "../../../../..\(dir.path)/escaped.txt"
        let bytes = Minimal.zip(add: [ZipItem(evil, "owned"), ZipItem("/etc/absolute.txt", "owned")])
        let doc = try read(bytes)
        XCTAssertEqual(doc.sheetNames, ["Sheet1"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("escaped.txt").path))
        // A relationship pointing outside the package resolves inside it, and is simply missing.
        let rels = """
            <Relationships xmlns="\(Minimal.pkgRelNS)"><Relationship Id="rId1" Type="\(Minimal.relNS)/worksheet" Target="../../../../etc/passwd"/></Relationships>
            """
        expectRefusal(Minimal.zip(replace: ["xl/_rels/workbook.xml.rels": rels]), ["sheet 'Sheet1' points to etc/passwd, which is not in the file"])
    }

    // MARK: - XML attacks

    func testBillionLaughsInASheet() {
        let lol = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\
            <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\
            <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
            <worksheet xmlns="\(Minimal.mainNS)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
            """
        expectRefusal(Minimal.zip(replace: ["xl/worksheets/sheet1.xml": lol]), ["xl/worksheets/sheet1.xml", "DOCTYPE"])
    }

    func testExternalEntity() {
        let xxe = """
            <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <sst xmlns="\(Minimal.mainNS)"><si><t>&xxe;</t></si></sst>
            """
        let bytes = Minimal.zip(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: [],
                                replace: ["xl/sharedStrings.xml": xxe])
        expectRefusal(bytes, ["xl/sharedStrings.xml", "DOCTYPE"], part: .some("xl/sharedStrings.xml"))
    }

    func testDoctypeAnywhereIsRefused() {
        let doctype = "<!DOCTYPE x>"
        let styles = "<styleSheet xmlns=\"\(Minimal.mainNS)\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>"
        let cases: [(String, String)] = [
            ("_rels/.rels", doctype + Minimal.rootRels.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", with: "")),
            ("xl/workbook.xml", Minimal.workbook().replacingOccurrences(of: "?>", with: "?>" + doctype)),
            ("xl/_rels/workbook.xml.rels", Minimal.workbookRels(styles: true).replacingOccurrences(of: "?>", with: "?>" + doctype)),
            ("xl/styles.xml", doctype + styles),
            // Inside a comment and inside CDATA: still refused, checked on the raw bytes.
            ("xl/worksheets/sheet1.xml", Minimal.sheet("<!-- <!DOCTYPE x> -->")),
            ("xl/worksheets/sheet1.xml", Minimal.sheet("<row><c t=\"str\"><v><![CDATA[<!DOCTYPE x>]]></v></c></row>")),
            ("docProps/core.xml", doctype + "<cp:coreProperties xmlns:cp=\"x\"/>"),
        ]
        for (part, xml) in cases {
            var replace = [part: xml]
            if part == "xl/styles.xml" { replace["xl/_rels/workbook.xml.rels"] = Minimal.workbookRels(styles: true) }
            expectRefusal(Minimal.zip(replace: replace), [part, "DOCTYPE"])
        }
    }

    func testUndefinedEntityAndMalformedXML() {
        expectRefusal(Minimal.zip(sheetData: "<row><c t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>"), ["undefined entity &nbsp;"])
        expectRefusal(Minimal.zip(sheetData: "<row><c><v>1</v></row>"), ["</row> closes <c>"])
        expectRefusal(Minimal.zip(replace: ["xl/worksheets/sheet1.xml": "<worksheet><sheetData>"]), ["truncated part"])
        expectRefusal(Minimal.zip(replace: ["xl/worksheets/sheet1.xml": ""]), ["empty"])
        expectRefusal(Minimal.zip(sheetData: "<row><c r=\"A1\" t=\"inlineStr\"><is><t>&#0;</t></is></c></row>"), ["not an allowed character"])
        expectRefusal(Minimal.zip(sheetData: "<row><c r=\"A1\" s=1><v>1</v></c></row>"), ["without quotes"])
    }

    func testDeepNesting() {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        expectRefusal(Minimal.zip(sheetData: "<row><c><extLst>\(deep)</extLst></c></row>"), ["nested more than"])
    }

    // MARK: - Spreadsheet-level attacks

    func testSharedStringIndexOutOfRange() {
        let bytes = Minimal.zip(sheetData: "<row r=\"7\"><c r=\"B7\" t=\"s\"><v>12</v></c></row>",
                                sharedStrings: ["<t>a</t>", "<t>b</t>", "<t>c</t>"])
        expectRefusal(bytes, ["xl/worksheets/sheet1.xml: cell B7 refers to shared string 12", "xl/sharedStrings.xml has only 3"],
                      part: .some("xl/worksheets/sheet1.xml"))
        // No shared-string part at all.
        expectRefusal(Minimal.zip(sheetData: "<row><c t=\"s\"><v>0</v></c></row>"), ["cell A1 refers to shared string 0, but the workbook has no shared strings"])
        expectRefusal(Minimal.zip(sheetData: "<row><c t=\"s\"><v>-1</v></c></row>", sharedStrings: ["<t>a</t>"]), ["malformed shared-string index"])
    }

    func testFiftyMegabyteSharedString() {
        // Stored (not deflated) so the part is really 50 MB in the file.
        var sst = Array("<sst xmlns=\"\(Minimal.mainNS)\"><si><t>".utf8)
        sst += [UInt8](repeating: 0x61, count: 50_000_000)
        sst += Array("</t></si></sst>".utf8)
        var items = Minimal.items(sheetData: "<row><c t=\"s\"><v>0</v></c></row>", sharedStrings: [])
        items[5] = ZipItem("xl/sharedStrings.xml", bytes: sst, deflate: false)
        expectRefusal(ZipBuilder.build(items), ["xl/sharedStrings.xml", "shared string 0 is longer than 32,767 characters (limit)"])
    }

    func testTooManySharedStrings() {
        var limits = XLSXReadLimits()
        limits.maxSharedStrings = 1_000
        let bytes = Minimal.zip(sharedStrings: Array(repeating: "<t>x</t>", count: 1_001))
        let error = expectRefusal(bytes, ["more than 1,000 shared strings (limit)"], limits: limits)
        XCTAssertEqual(error?.description, "xl/sharedStrings.xml: more than 1,000 shared strings (limit)")
    }

    func testMillionStyledEmptyCells() throws {
        // Decision: style-only cells count as cells (they are real cells to Excel). A million of them
        // is under the default 2,000,000 limit and reads in well under two seconds; under a lower
        // limit the read stops at the limit.
        var xml = ""
        xml.reserveCapacity(30 << 20)
        for r in 1 ... 1_000 {
            xml += "<row r=\"\(r)\">"
            for c in 0 ..< 1_000 { xml += "<c r=\"\(CellAddress.columnName(c))\(r)\" s=\"1\"/>" }
            if r % 100 == 0 { xml += "<c r=\"ALM\(r)\"><v>\(r)</v></c>" }
            xml += "</row>"
        }
        let bytes = Minimal.zip(sheetData: xml)
        Memory.resetPeak()
        let before = Memory.field("VmRSS") ?? 0
        let doc = try withinDeadline { try read(bytes) }
        if let peak = Memory.field("VmHWM") { XCTAssertLessThan(peak - before, 200 << 20) }
        let sheet = try XCTUnwrap(doc.sheet("Sheet1"))
        XCTAssertEqual(sheet.cellCount, 1_000_010)
        XCTAssertNil(sheet.cell(0, 0)?.value)
        XCTAssertEqual(sheet.cell("ALM500")?.value, .number(500))
        var limits = XLSXReadLimits()
        limits.maxCells = 500_000
        expectRefusal(bytes, ["more than 500,000 cells in the workbook (limit)"], limits: limits)
    }

    func testSharedFormulaExpansionIsBounded() {
        // A 30,000-character master shared by 10,000 cells would expand to 300 MB of text.
        let master = (0 ..< 6_000).map { _ in "A1+1+" }.joined() + "0"
        var rows = "<row r=\"1\"><c r=\"A1\"><f t=\"shared\" ref=\"A1:A10001\" si=\"0\">\(master)</f><v>1</v></c></row>"
        for r in 2 ... 10_001 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><f t=\"shared\" si=\"0\"/><v>1</v></c></row>" }
        expectRefusal(Minimal.zip(sheetData: rows), ["shared formulas expand to more than 256 MiB of formula text (limit)"])
    }

    func testCellAndRowBounds() {
        expectRefusal(Minimal.zip(sheetData: "<row><c r=\"XFE1\"><v>1</v></c></row>"), ["malformed reference r=\"XFE1\""])
        expectRefusal(Minimal.zip(sheetData: "<row r=\"0\"><c><v>1</v></c></row>"), ["out-of-range number r=\"0\""])
        expectRefusal(Minimal.zip(sheetData: "<row r=\"1048577\"><c><v>1</v></c></row>"), ["out-of-range"])
        expectRefusal(Minimal.zip(sheetData: "<row><c r=\"A1\"><v>abc</v></c></row>"), ["cell A1 holds \"abc\", which is not a number"])
        expectRefusal(Minimal.zip(sheetData: "<row><c r=\"A1\"><v>nan</v></c></row>"), ["not a number"])
        expectRefusal(Minimal.zip(sheetData: "<row><c r=\"A1\" t=\"b\"><v>2</v></c></row>"), ["not a boolean"])
        expectRefusal(Minimal.zip(sheetData: "", sheetExtra: "<mergeCells><mergeCell ref=\"A1:\"/></mergeCells>"), ["merged-cell range"])
        let tooMany = String(repeating: "<c/>", count: 16_385)
        expectRefusal(Minimal.zip(sheetData: "<row>\(tooMany)</row>"), ["past column XFD"])
    }

    func testSheetLimitAndMissingSheetPart() {
        var limits = XLSXReadLimits()
        limits.maxSheets = 2
        let wb = Minimal.workbook(sheets: ["A", "B", "C"])
        expectRefusal(Minimal.zip(replace: ["xl/workbook.xml": wb]), ["more than 2 sheets (limit)"], limits: limits)
        expectRefusal(Minimal.zip(replace: ["xl/workbook.xml": wb]), ["sheet 'B' has relationship id rId2"])
    }

    func testLongInlineTextAndFormula() {
        let long = String(repeating: "x", count: 32_768)
        expectRefusal(Minimal.zip(sheetData: "<row><c t=\"inlineStr\"><is><t>\(long)</t></is></c></row>"), ["cell A1 holds text longer than 32,767"])
        expectRefusal(Minimal.zip(sheetData: "<row><c t=\"str\"><v>\(long)</v></c></row>"), ["longer than 32,767"])
        expectRefusal(Minimal.zip(sheetData: "<row><c><f>\(long)</f></c></row>"), ["cell A1 has a formula longer than 32,767"])
        let ok = String(repeating: "x", count: 32_767)
        XCTAssertNoThrow(try XLSXDocument.open(data: Minimal.zip(sheetData: "<row><c t=\"inlineStr\"><is><t>\(ok)</t></is></c></row>"), name: "ok"))
    }

    // MARK: - Paths

    func testPathsThatAreNotFiles() throws {
        XCTAssertThrowsError(try XLSXDocument.open(path: "/nonexistent/plan.xlsx")) { error in
            XCTAssertEqual((error as? XLSXReadError)?.description, "cannot open /nonexistent/plan.xlsx: no such file")
        }
        XCTAssertThrowsError(try XLSXDocument.open(path: "/tmp")) { error in
            XCTAssertTrue("\(error)".contains("folder"), "\(error)")
        }
        XCTAssertThrowsError(try XLSXDocument.open(path: "/dev/zero")) { error in
            XCTAssertTrue("\(error)".contains("not a regular file"), "\(error)")
        }
        // A FIFO with no writer must not block the reader.
        let dir = try makeTempDir(self)
        let fifo = dir.appendingPathComponent("pipe.xlsx").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        try withinDeadline(cpu: 1, wall: 2) {
            XCTAssertThrowsError(try XLSXDocument.open(path: fifo)) { error in
                XCTAssertTrue("\(error)".contains("not a regular file"), "\(error)")
            }
        }
    }

    // MARK: - Fuzzing

    /// Random damage to a real workbook, at the byte level and inside the XML before zipping:
    /// every outcome is a document or an XLSXReadError, quickly.
    func testMutatedWorkbooksNeverCrashOrHang() throws {
        var rng = SplitMix(seed: ProcessInfo.processInfo.environment["XLSXREADER_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_240_301)
        let sheet = Minimal.sheet("""
            <row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45352</v></c><c r="C1" t="str"><f t="shared" ref="C1:C3" si="0">A1&amp;B$1</f><v>x</v></c></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><r><t>a_x0041_</t></r><rPh><t>p</t></rPh></is></c><c r="C2"><f t="shared" si="0"/><v>1</v></c></row>\
            <row><c t="b"><v>1</v></c><c t="e"><v>#REF!</v></c><c><f t="shared" si="0"/></c><c t="d"><v>2024-03-01</v></c></row>
            """, extra: "<mergeCells count=\"1\"><mergeCell ref=\"A1:B2\"/></mergeCells>")
        let styles = "<styleSheet xmlns=\"\(Minimal.mainNS)\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"
        let names = "<definedNames><definedName name=\"N\">Sheet1!$A$1:$B$2</definedName></definedNames>"
        let items = Minimal.items(sharedStrings: ["<t>s&amp;</t>"], styles: styles, workbookExtra: names,
                                  replace: ["xl/worksheets/sheet1.xml": sheet])
        let good = ZipBuilder.build(items)
        let doc = try read(good)
        XCTAssertEqual(doc.sheets[0].cell("C3")?.formula, "A3&B$1")

        var outcomes = (read: 0, refused: 0)
        let cpu0 = threadCPUTime()
        // XLSXREADER_FUZZ_ROUNDS (default 600) runs a longer campaign.
        let rounds = ProcessInfo.processInfo.environment["XLSXREADER_FUZZ_ROUNDS"].flatMap { Int($0) } ?? 600
        for round in 0 ..< rounds {
            var bytes: [UInt8]
            if round % 2 == 0 {
                // Byte-level damage to the zip.
                bytes = good
                for _ in 0 ..< 1 + Int(rng.next() % 8) {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                }
            } else {
                // Damage inside one XML part, zipped correctly, so the XML code sees it.
                var mutated = items
                let k = Int(rng.next() % UInt64(mutated.count))
                var data = mutated[k].data
                for _ in 0 ..< 1 + Int(rng.next() % 6) {
                    guard !data.isEmpty else { break }
                    let at = Int(rng.next() % UInt64(data.count))
                    switch rng.next() % 4 {
                    case 0: data[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: data.remove(at: at)
                    case 2: data.insert(Array("<>&\"'/=_x:;!$#".utf8)[Int(rng.next() % 14)], at: at)
                    default: data.removeSubrange(at ..< min(data.count, at + Int(rng.next() % 40)))
                    }
                }
                mutated[k].data = data
                bytes = ZipBuilder.build(mutated)
            }
            do {
                let d = try withinDeadline { try XLSXDocument.open(data: bytes, name: "fuzz.xlsx") }
                for s in d.sheets { s.forEachCell { _ = $0.address } }
                outcomes.read += 1
            } catch let error as XLSXReadError {
                XCTAssertFalse(error.message.isEmpty)
                outcomes.refused += 1
            }
        }
        XCTAssertGreaterThan(outcomes.read, 0)
        XCTAssertGreaterThan(outcomes.refused, 0)
        XCTAssertLessThan(threadCPUTime() - cpu0, Double(rounds) / 20)
    }
}

