import Foundation
import XCTest
import PlanModel
import RuleEngine
import WorkbookTemplates

/// LibreOffice as the real client: every cached value equals what LibreOffice calculates, the totals
/// show the expected figures, and a workbook written under a German locale has the right numbers.
///
/// These fail when `soffice` is not on PATH (install libreoffice-calc-nogui; CI does), unless
/// PLANLINT_SKIP_LIBREOFFICE=1 is set, when they are skipped.
final class LibreOfficeTests: XCTestCase {
    /// Every sheet of each workbook as CSV (values as displayed), by file name (`northmoor-NE Planning.csv`).
    func csvs(_ workbooks: [String], office: LibreOffice, outdir: URL) throws -> [String: String] {
        try office.convert(workbooks, to: LibreOffice.csvFilter, outdir: outdir)
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: outdir.path) where name.hasSuffix(".csv") {
            out[name] = try String(contentsOf: outdir.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    /// Converted with and without recalculation on load, every sheet's CSV is the same: every cached
    /// value planlint wrote is what LibreOffice computes. A control workbook with one wrong cached
    /// value shows the recalculating profile really recalculates.
    func testEveryCachedValueEqualsLibreOfficesRecalculation() throws {
        let dir = try Verify.tempDir(self)
        let plain = try LibreOffice(in: dir, recalculate: false)
        let recalc = try LibreOffice(in: dir, recalculate: true)
        var workbooks: [String] = []
        for sample in [Verify.northmoor, "Samples/drafts/dunmere-costings-dont-add-up.yaml", "Samples/drafts/greywater-funding-gap.yaml"] {
            let (plan, document) = try Verify.load(sample)
            let name = URL(fileURLWithPath: sample).deletingPathExtension().lastPathComponent
            workbooks.append(try Verify.fill(plan, document: document, to: dir.appendingPathComponent(name + ".xlsx").path))
        }
        // The control: northmoor with its total funding's cached value changed from 2013000 to 99.
        let control = dir.appendingPathComponent("control.xlsx").path
        _ = try Python.run("patch_xlsx.py", [workbooks[0], control, "xl/worksheets/sheet1.xml",
                                             "<f>SUM(C7,C8,C9)</f><v>2013000</v>", "<f>SUM(C7,C8,C9)</f><v>99</v>"])
        workbooks.append(control)

        let shown = try csvs(workbooks, office: plain, outdir: dir.appendingPathComponent("csv-cached"))
        let computed = try csvs(workbooks, office: recalc, outdir: dir.appendingPathComponent("csv-recalculated"))
        XCTAssertEqual(shown.keys.filter { $0.hasPrefix("northmoor-") }.count, 9, "one CSV per sheet: \(shown.keys.sorted())")
        XCTAssertEqual(Set(shown.keys), Set(computed.keys))

        // The control differs (so the recalculating profile works) in exactly the cell changed.
        let controlPlanning = "control-NE Planning.csv"
        XCTAssertTrue(shown[controlPlanning]?.contains("\"£99\"") == true || shown[controlPlanning]?.contains(",£99,") == true,
                      "LibreOffice shows the cached value without recalculation")
        XCTAssertTrue(computed[controlPlanning]?.contains("\"£2,013,000\"") == true, "LibreOffice recalculates with OOXMLRecalcMode=0")

        for name in shown.keys.sorted() where !name.hasPrefix("control-") {
            guard let a = shown[name], let b = computed[name] else { continue }
            if a != b {
                let la = a.split(separator: "\n", omittingEmptySubsequences: false), lb = b.split(separator: "\n", omittingEmptySubsequences: false)
                let diffs = zip(la.indices, zip(la, lb)).filter { $0.1.0 != $0.1.1 }.prefix(5)
                    .map { "line \($0.0 + 1):\n  cached:     \($0.1.0)\n  recomputed: \($0.1.1)" }
                XCTFail("\(name): LibreOffice computes other values than the cached ones\n" + diffs.joined(separator: "\n"))
            }
        }

        // The funding totals show the expected figures.
        let ne = rows(shown["northmoor-NE Planning.csv"] ?? "")
        XCTAssertEqual(row(ne, "Total non-elective care support funding for 2014/15")?[2], "£2,013,000")
        XCTAssertEqual(row(ne, "Resilience Funding")?[2], "£1,085,000")
        XCTAssertEqual(row(ne, "Total costs of all minimum requirement schemes")?[10], "£1,917,000")
        XCTAssertEqual(row(ne, "Total costs of all schemes")?[2], "£1,973,000")
        XCTAssertEqual(row(ne, "Total costs less total support funding")?[2], "-£40,000")
        let el = rows(shown["northmoor-EL Planning.csv"] ?? "")
        XCTAssertEqual(row(el, "Total elective care support funding for 2014/15")?[2], "£552,000")
        XCTAssertEqual(row(el, "Total costs of all minimum requirement schemes")?[10], "£498,000")
        XCTAssertEqual(row(el, "Total costs of local schemes")?[10], "£28,000")
        XCTAssertEqual(row(el, "Total costs of all schemes")?[2], "£526,000")
        XCTAssertEqual(row(el, "Total costs less total support funding")?[2], "-£26,000")
        let nc = rows(shown["northmoor-NE Costings.csv"] ?? "")
        XCTAssertEqual(row(nc, "Sub total: Section 1")?[3], "£1,917,000")
        XCTAssertEqual(row(nc, "Sub total: Section 2")?[3], "£56,000")
        XCTAssertEqual(row(nc, "Total net costs of all schemes")?[3], "£1,973,000", "the costings agree with the planning totals, under Amount (£)")
        let ec = rows(shown["northmoor-EL Costings.csv"] ?? "")
        XCTAssertEqual(row(ec, "Total net costs of all schemes")?[3], "£526,000")
    }

    /// Parses CSV as LibreOffice writes it (quotes around fields with commas, quotes or newlines).
    func rows(_ csv: String) -> [[String]] {
        var out: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(csv).makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? it.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = it.next() { if next == "\"" { field.append("\"") } else { quoted = false; pending = next } } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" { quoted = true }
            else if ch == "," { row.append(field); field = "" }
            else if ch == "\n" { row.append(field); out.append(row); row = []; field = "" }
            else if ch != "\r" { field.append(ch) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); out.append(row) }
        return out
    }

    func row(_ rows: [[String]], _ label: String) -> [String]? { rows.first { $0.first == label } }

    /// libxlsxwriter prints numbers with the C library's LC_NUMERIC: a process that set a German
    /// locale would write `<v>0,5</v>`. planlint never calls setlocale; run under LC_ALL=de_DE.UTF-8,
    /// it writes the same numbers as under C, and openpyxl reads them back right.
    func testWorkbookWrittenUnderAGermanLocaleHasTheRightNumbers() throws {
        guard let planlint = Verify.planlintExecutable else {
            return XCTFail("cannot find the planlint executable beside the test bundle")
        }
        let locales = try runProcess(which("locale") ?? "/usr/bin/locale", ["-a"])
        guard locales.stdoutText.lowercased().split(separator: "\n").contains(where: { $0 == "de_de.utf8" || $0 == "de_de.utf-8" }) else {
            return XCTFail("the de_DE.UTF-8 locale is not installed: run `localedef -i de_DE -f UTF-8 de_DE.UTF-8` (CI does)")
        }
        let dir = try Verify.tempDir(self)
        var dumps: [String: WorkbookDump] = [:]
        for locale in ["C.UTF-8", "de_DE.UTF-8"] {
            let out = dir.appendingPathComponent("northmoor-\(locale).xlsx").path
            let r = try runProcess(planlint.path, ["fill", Verify.path(Verify.northmoor), "-o", out],
                                   environment: ["LC_ALL": locale, "LANG": locale, "LC_NUMERIC": locale, "SOURCE_DATE_EPOCH": "1400000000"])
            XCTAssertEqual(r.status, 0, r.transcript)
            dumps[locale] = try WorkbookDump(out)
        }
        guard let german = dumps["de_DE.UTF-8"], let c = dumps["C.UTF-8"] else { return }
        // Specific figures, including fractions (0.5 WTE) where a comma would show.
        XCTAssertEqual(german.value("NE Planning", "C7") as? NSNumber, 1_085_000)
        XCTAssertEqual((german.value("NE Planning", "C10") as? String), "=SUM(C7,C8,C9)")
        XCTAssertEqual(german.cell("NE Planning", "C10")?["cached"] as? NSNumber, 2_013_000)
        let fractions = german.cells("NE Costings").filter { ($0.value["v"] as? NSNumber).map { $0.doubleValue != $0.doubleValue.rounded() } == true }
        XCTAssertFalse(fractions.isEmpty, "northmoor has fractional WTE figures")
        for (address, cell) in fractions { XCTAssertEqual(cell["t"] as? String, "n", "NE Costings!\(address) is a number") }
        // Every cell the same as the C locale's workbook.
        for sheet in c.sheets {
            let a = c.cells(sheet), b = german.cells(sheet)
            XCTAssertEqual(Set(a.keys), Set(b.keys), sheet)
            func json(_ x: [String: Any]?) -> String {
                x.flatMap { try? JSONSerialization.data(withJSONObject: $0, options: .sortedKeys) }.map { String(decoding: $0, as: UTF8.self) } ?? "nil"
            }
            for (address, cell) in a where json(cell) != json(b[address]) {
                XCTFail("\(sheet)!\(address): C gives \(json(cell)), de_DE gives \(json(b[address]))")
            }
        }
    }
}
