import Foundation
import XCTest
@testable import XLSXWriter

/// A fresh temporary folder per test, removed afterwards.
class TempDirTestCase: XCTestCase {
    var dir: String = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "xlsxwriter-tests-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        AtomicDestination.testHook = nil
        _ = chmod(dir, 0o755)
        // XLSXWRITER_KEEP_TEST_FILES=1 keeps the written workbooks for a look in a spreadsheet application.
        if ProcessInfo.processInfo.environment["XLSXWRITER_KEEP_TEST_FILES"] != nil {
            print("kept test files in \(dir)")
            return
        }
        try? FileManager.default.removeItem(atPath: dir)
    }

    func file(_ name: String) -> String { dir + "/" + name }

    /// Names in the test folder, hidden temporary files included.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }
}

/// Runs python3 with a script and arguments; returns stdout, failing on a non-zero exit.
func runPython(_ script: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script] + args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        let text = String(decoding: errData, as: UTF8.self)
        XCTFail("python3 failed: \(text)", file: file, line: line)
        throw XLSXError(message: "python3 failed: \(text)")
    }
    return data
}

/// Everything openpyxl (an independent reader) sees in a workbook, as JSON.
let dumpScript = #"""
import json, sys, datetime, openpyxl
p = sys.argv[1]
wb = openpyxl.load_workbook(p)
wv = openpyxl.load_workbook(p, data_only=True)
def rgb(c):
    v = getattr(c, "rgb", None) if c is not None else None
    return v if isinstance(v, str) else None
def enc(v):
    if isinstance(v, datetime.datetime): return {"datetime": v.isoformat()}
    if isinstance(v, datetime.date): return {"date": v.isoformat()}
    return v
out = {"sheets": {}, "order": wb.sheetnames, "active": wb.active.title, "names": {}, "props": {}, "custom": {}}
for n, d in wb.defined_names.items():
    out["names"][n] = d.attr_text
pr = wb.properties
for k in ["title", "subject", "creator", "lastModifiedBy", "keywords", "description", "category"]:
    out["props"][k] = getattr(pr, k)
out["props"]["created"] = pr.created.isoformat() if pr.created else None
for cp in wb.custom_doc_props.props:
    out["custom"][cp.name] = cp.value
for ws in wb.worksheets:
    v = wv[ws.title]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style and c.comment is None:
                continue
            cells[c.coordinate] = {
                "value": enc(c.value), "cached": enc(v[c.coordinate].value), "type": c.data_type,
                "numberFormat": c.number_format, "locked": c.protection.locked, "bold": bool(c.font.b),
                "italic": bool(c.font.i), "fontSize": c.font.sz, "fontColor": rgb(c.font.color),
                "fill": rgb(c.fill.fgColor) if c.fill.fill_type == "solid" else None,
                "border": c.border.left.style, "wrap": bool(c.alignment.wrap_text),
                "halign": c.alignment.horizontal, "valign": c.alignment.vertical, "indent": c.alignment.indent,
                "link": c.hyperlink.location if c.hyperlink is not None else None,
                "comment": c.comment.text if c.comment is not None else None,
                "author": c.comment.author if c.comment is not None else None,
            }
    ps = ws.page_setup
    pp = ws.sheet_properties.pageSetUpPr
    vals = []
    for dv in ws.data_validations.dataValidation:
        vals.append({"type": dv.type, "operator": dv.operator, "formula1": dv.formula1, "formula2": dv.formula2,
                     "sqref": str(dv.sqref), "promptTitle": dv.promptTitle, "prompt": dv.prompt,
                     "errorTitle": dv.errorTitle, "error": dv.error, "allowBlank": bool(dv.allow_blank),
                     "errorStyle": dv.errorStyle, "hideDropDown": bool(dv.showDropDown)})
    prot = ws.protection
    out["sheets"][ws.title] = {
        "cells": cells,
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
        "hidden": {k: bool(d.hidden) for k, d in ws.column_dimensions.items()},
        "heights": {str(k): d.height for k, d in ws.row_dimensions.items() if d.height is not None},
        "freeze": ws.freeze_panes,
        "validations": vals,
        "protection": {"sheet": bool(prot.sheet), "password": prot.password, "formatColumns": bool(prot.formatColumns),
                       "formatRows": bool(prot.formatRows), "insertRows": bool(prot.insertRows),
                       "deleteRows": bool(prot.deleteRows), "insertHyperlinks": bool(prot.insertHyperlinks),
                       "sort": bool(prot.sort), "autoFilter": bool(prot.autoFilter),
                       "selectLockedCells": bool(prot.selectLockedCells), "formatCells": bool(prot.formatCells)},
        "print": {"orientation": ps.orientation, "paperSize": ps.paperSize, "fitToWidth": ps.fitToWidth,
                  "fitToHeight": ps.fitToHeight, "fitToPage": bool(pp.fitToPage) if pp is not None else False,
                  "titleRows": ws.print_title_rows, "header": ws.oddHeader.center.text,
                  "footer": ws.oddFooter.center.text, "hcenter": bool(ws.print_options.horizontalCentered),
                  "left": ws.page_margins.left, "top": ws.page_margins.top},
        "tab": rgb(ws.sheet_properties.tabColor),
        "gridlines": ws.sheet_view.showGridLines,
        "selection": [s.activeCell for s in ws.sheet_view.selection],
        "localNames": {n: d.attr_text for n, d in ws.defined_names.items()},
    }
print(json.dumps(out))
"""#

/// Reads a workbook back with openpyxl.
func readBack(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    let data = try runPython(dumpScript, [path], file: file, line: line)
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], file: file, line: line)
}

/// One part of the .xlsx zip as text (e.g. "xl/worksheets/sheet1.xml").
func zipPart(_ path: String, _ part: String) throws -> String {
    let data = try runPython("import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", [path, part])
    return String(decoding: data, as: UTF8.self)
}

extension Dictionary where Key == String, Value == Any {
    /// Nested lookup: d["sheets", "Plan", "cells"].
    subscript(_ keys: String...) -> Any? {
        var current: Any? = self
        for k in keys { current = (current as? [String: Any])?[k] }
        return current
    }
}

/// Asserts that `body` throws an XLSXError and returns it.
@discardableResult
func assertXLSXError(_ body: @autoclosure () throws -> Any, file: StaticString = #filePath, line: UInt = #line) -> XLSXError? {
    do {
        _ = try body()
        XCTFail("expected an XLSXError", file: file, line: line)
        return nil
    } catch let e as XLSXError {
        return e
    } catch {
        XCTFail("expected an XLSXError, got \(error)", file: file, line: line)
        return nil
    }
}
