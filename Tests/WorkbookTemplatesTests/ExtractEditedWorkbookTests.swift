import Foundation
import XCTest
import PlanModel
import RuleEngine
import WorkbookTemplates
import XLSXReader

/// Issue 5's acceptance: workbooks filled by planlint, then edited by other software (openpyxl,
/// LibreOffice), read back into the plan a person meant.
final class ExtractEditedWorkbookTests: XCTestCase {
    static let section2 = "Section 2: Minimum plan requirements"
    static let section3 = "Section 3: Local plans for innovation"

    /// The new local scheme, as a person types it into the workbook and as the same edit reads in YAML.
    static let scheme: [(col: String, value: String, type: String)] = [
        ("A", "NE-L2", "text"),
        ("B", "Hospital at home for frail older people", "text"),
        ("C", "A consultant-led virtual ward looks after up to 20 frail older people at home instead of in a hospital bed.", "text"),
        ("D", "Virtual ward bed days a month", "text"),
        ("E", "400 virtual ward bed days a month by January 2015", "text"),
        ("F", "2015-01-31", "date"),
        ("G", "Nadia Rahman", "text"),
        ("H", "nadia.rahman@nhs.net", "text"),
        ("I", "Consultant Geriatrician", "text"),
        ("J", "Northmoor Hospitals NHS Foundation Trust", "text"),
        ("K", "12500", "number"),
    ]

    static let schemeYAML = """
          - id: NE-L2
            title: Hospital at home for frail older people
            summary: A consultant-led virtual ward looks after up to 20 frail older people at home instead of in a hospital bed.
            kpis:
            - Virtual ward bed days a month
            targets:
            - 400 virtual ward bed days a month by January 2015
            timeframe: '2015-01-31'
            lead:
              name: Nadia Rahman
              email: nadia.rahman@nhs.net
              job_title: Consultant Geriatrician
              organisation: Northmoor Hospitals NHS Foundation Trust
            cost: 12500

        """

    /// Northmoor's YAML with the new scheme added at the end of non_elective.local.
    func editedYAML() throws -> String {
        let text = try String(contentsOfFile: Verify.path(Verify.northmoor), encoding: .utf8)
        guard let local = text.range(of: "\n  local:\n"), let next = text.range(of: "\n  engagement:\n", range: local.upperBound..<text.endIndex) else {
            XCTFail("northmoor.yaml has no non_elective.local followed by engagement"); return text
        }
        var edited = text
        edited.insert(contentsOf: "\n" + Self.schemeYAML.dropLast(), at: next.lowerBound)
        return edited
    }

    func fillNorthmoor(_ dir: URL) throws -> String {
        let (plan, document) = try Verify.load(Verify.northmoor)
        return try Verify.fill(plan, document: document, to: dir.appendingPathComponent("northmoor.xlsx").path)
    }

    func edit(_ workbook: String, _ ops: [[String: Any]], to out: String) throws -> [String: Any] {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ops), as: UTF8.self)
        return try Python.json("edit_workbook.py", [workbook, out, json])
    }

    /// The plan without the totals a workbook always has (the template's formulas) and a YAML plan
    /// may leave out: the two section totals. They are checked separately.
    func comparable(_ plan: Plan) -> String {
        canonicalDump(plan.root, skipEmpty: true).split(separator: "\n")
            .filter { !$0.contains(".minimum_total = ") && !$0.contains(".local_total = ") }
            .joined(separator: "\n")
    }

    func value(_ plan: Plan, _ path: [String]) -> Value? {
        var v = plan.root
        for step in path {
            if step.hasPrefix("[") {
                let key = String(step.dropFirst().dropLast())
                guard case .list(let items, _) = v else { return nil }
                guard let x = items.first(where: { if case .record(let r, _) = $0 { return r.key == key } else { return false } })
                        ?? Int(key).flatMap({ $0 < items.count ? items[$0] : nil }) else { return nil }
                v = x
            } else {
                guard case .record(let r, let o) = v, let x = r.field(step, origin: o) else { return nil }
                v = x
            }
        }
        return v
    }

    // MARK: (a) rows inserted and deleted by openpyxl

    /// openpyxl inserts rows inside Section 3 and types a new local scheme into one, inserts a blank row
    /// between two requirement rows of Section 2, and deletes Section 3's blank rows. insert_rows moves
    /// no defined name, merge or formula, so the extractor must find the sections by their labels.
    /// The plan read back is northmoor plus the new scheme, and lints as that YAML does.
    func testRowsInsertedAndDeletedWithOpenpyxlReadBackAsTheSameEditInYAML() throws {
        let dir = try Verify.tempDir(self)
        let filled = try fillNorthmoor(dir)
        let edited = dir.appendingPathComponent("edited.xlsx").path
        let inSection3: (String, Int) -> [String: Any] = { text, offset in ["text": text, "after": Self.section3, "offset": offset] }
        var ops: [[String: Any]] = [
            // A blank row between NE03 and NE04.
            ["op": "insert_rows", "sheet": "NE Planning", "at": ["text": "NE04", "after": Self.section2], "count": 1],
            // Two rows after NE-L1; the new scheme in the first.
            ["op": "insert_rows", "sheet": "NE Planning", "at": inSection3("NE-L1", 1), "count": 2],
        ]
        for (i, cell) in Self.scheme.enumerated() {
            ops.append(["op": "set", "sheet": "NE Planning", "at": inSection3("NE-L1", 1), "col": cell.col,
                        "value": cell.value, "type": cell.type, "name": i == Self.scheme.count - 1 ? "cost" : ""])
        }
        // The three blank rows the template left above the total.
        ops.append(["op": "delete_rows", "sheet": "NE Planning", "at": ["text": "Total costs of local schemes", "offset": -3], "count": 3])
        let report = try edit(filled, ops, to: edited)
        let costCell = (report["named"] as? [String: String])?["cost"]
        XCTAssertEqual(costCell, "NE Planning!K41", "the scheme's cost is typed two rows below NE-L1 (one row lower for the Section 2 insert)")

        // The premise: openpyxl left the defined names where they were.
        let before = try WorkbookDump(filled), after = try WorkbookDump(edited)
        XCTAssertEqual(after.names["NE_Section3"]?["text"] as? String, before.names["NE_Section3"]?["text"] as? String,
                       "openpyxl does not move defined names")
        XCTAssertEqual(after.text("NE Planning", "A\(Addr.rows(before.names["NE_Section3"]?["range"] as? String ?? "")!.lowerBound + 1)"),
                       Self.section3, "so NE_Section3 now starts a row above its heading")

        let extracted = try Verify.extract(edited, file: "edited.xlsx")
        XCTAssertEqual(Verify.signatures(extracted.findings), [], "reading the edited workbook finds nothing wrong with it")

        let (yamlPlan, _) = try Verify.load(yaml: try editedYAML(), file: "edited.yaml")
        XCTAssertEqual(yamlPlan.findings.count, 0, "the edited YAML loads cleanly")
        let a = comparable(extracted), b = comparable(yamlPlan)
        XCTAssertTrue(a == b, "the edited workbook reads as northmoor plus the new scheme:\n" + dumpDifference(a, b))

        // The new scheme's values, and where they were read.
        let cost = value(extracted, ["non_elective", "local", "[NE-L2]", "cost"])
        guard case .money(let m, let origin)? = cost else { return XCTFail("NE-L2 has no cost: \(String(describing: cost))") }
        XCTAssertEqual(m.pence, 1_250_000)
        XCTAssertEqual(origin?.location, .cell(sheet: "NE Planning", cell: "K41"))
        guard case .date(let day, _)? = value(extracted, ["non_elective", "local", "[NE-L2]", "timeframe"]) else { return XCTFail("no timeframe") }
        XCTAssertEqual(day.description, "2015-01-31")
        guard case .list(let kpis, _)? = value(extracted, ["non_elective", "local", "[NE-L2]", "kpis"]) else { return XCTFail("no KPIs") }
        XCTAssertEqual(kpis.count, 1)
        // The section total is the template's calculation over the rows read, the new scheme included.
        if case .money(let total, _)? = value(extracted, ["non_elective", "local_total"]) {
            XCTAssertEqual(total.pence, 5_600_000 + 1_250_000)
        } else { XCTFail("no local total") }
        // The requirement below the inserted blank row is still read from its row.
        if case .text(_, let o)? = value(extracted, ["non_elective", "minimum", "[NE04]", "summary"]) {
            XCTAssertEqual(o?.location, .cell(sheet: "NE Planning", cell: "C24"))
        } else { XCTFail("NE04 has no summary") }

        // Linting the edited workbook finds what linting the edited YAML finds, wherever they point.
        let fromWorkbook = Verify.ruleSet.check(extracted), fromYAML = Verify.ruleSet.check(yamlPlan)
        XCTAssertEqual(Verify.signatures(fromWorkbook), Verify.signatures(fromYAML))
        XCTAssertTrue(fromYAML.contains { $0.rule == "COST-HAS-COSTING" && $0.subject.contains("NE-L2") },
                      "the new scheme has no costing: \(Verify.signatures(fromYAML))")
        for f in fromWorkbook {
            guard case .cell(let sheet, _) = f.location else { XCTFail("\(f.rule) points at \(f.location), not a cell"); continue }
            XCTAssertTrue(["NE Planning", "NE Costings", "EL Planning", "EL Costings", "Annex C IS Capacity", "Capacity Plan", "SRG", "Governance"].contains(sheet))
        }
    }

    // MARK: (b) re-saved by LibreOffice

    /// LibreOffice re-saves the workbook (shared strings, its own styles, no frozen panes); it reads
    /// back as the YAML plan, with the same (no) findings.
    func testWorkbookResavedByLibreOfficeReadsAsTheYAML() throws {
        let dir = try Verify.tempDir(self)
        let office = try LibreOffice(in: dir, recalculate: false)
        let filled = try fillNorthmoor(dir)
        let outdir = dir.appendingPathComponent("resaved")
        try office.convert([filled], to: LibreOffice.xlsxFilter, outdir: outdir)
        let resaved = outdir.appendingPathComponent("northmoor.xlsx").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: resaved))
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: resaved)), try Data(contentsOf: URL(fileURLWithPath: filled)))

        let extracted = try Verify.extract(resaved, file: "resaved.xlsx")
        XCTAssertEqual(Verify.signatures(extracted.findings), [], "the re-saved workbook reads without findings")
        let (yamlPlan, _) = try Verify.load(Verify.northmoor)
        let a = comparable(extracted), b = comparable(yamlPlan)
        XCTAssertTrue(a == b, "the re-saved workbook reads as the YAML:\n" + dumpDifference(a, b))
        XCTAssertEqual(Verify.signatures(Verify.ruleSet.check(extracted)), Verify.signatures(Verify.ruleSet.check(yamlPlan)))
        if case .text(let s, let o)? = value(extracted, ["srg", "name"]) {
            XCTAssertEqual(s, "Northmoor System Resilience Group")
            XCTAssertEqual(o?.location, .cell(sheet: "NE Planning", cell: "C4"))
        } else { XCTFail("no srg.name") }
        // What LibreOffice keeps: the template version (so no WORKBOOK-VERSION finding) and the names.
        let d = try WorkbookDump(resaved)
        XCTAssertEqual(d.custom["TemplateVersion"] as? String, Verify.spec.version)
        XCTAssertNotNil(d.names["NE_Section3"])
    }

    // MARK: (c) (d) (e) workbook findings

    /// A value typed beside Section 2's table (in column L, past its last column K) is reported where it is.
    func testValueTypedOutsideATablesColumnsIsReportedAtItsCell() throws {
        let dir = try Verify.tempDir(self)
        let edited = dir.appendingPathComponent("stray.xlsx").path
        _ = try edit(try fillNorthmoor(dir), [
            ["op": "set", "sheet": "NE Planning", "at": ["text": "NE05", "after": Self.section2], "col": "L",
             "value": "see the BCF plan", "name": "stray"],
        ], to: edited)
        let plan = try Verify.extract(edited)
        let unexpected = plan.findings.filter { $0.rule == "WORKBOOK-UNEXPECTED" }
        XCTAssertEqual(unexpected.count, 1, Verify.signatures(plan.findings).joined(separator: "\n"))
        XCTAssertEqual(unexpected.first?.location, .cell(sheet: "NE Planning", cell: "L24"))
        XCTAssertTrue(unexpected.first?.message.contains("see the BCF plan") == true || unexpected.first?.message.contains("L24") == true,
                      unexpected.first?.message ?? "")
        XCTAssertEqual(plan.findings.count, 1, "nothing else: \(Verify.signatures(plan.findings))")
    }

    /// A template sheet deleted: WORKBOOK-SECTION, and the plan lacks that sheet's values.
    func testDeletedSheetIsAMissingSection() throws {
        let dir = try Verify.tempDir(self)
        let edited = dir.appendingPathComponent("no-costings.xlsx").path
        _ = try edit(try fillNorthmoor(dir), [["op": "delete_sheet", "sheet": "NE Costings"]], to: edited)
        let plan = try Verify.extract(edited)
        let missing = plan.findings.filter { $0.rule == "WORKBOOK-SECTION" }
        XCTAssertEqual(missing.count, 1, Verify.signatures(plan.findings).joined(separator: "\n"))
        XCTAssertTrue(missing.first?.message.contains("NE Costings") == true, missing.first?.message ?? "")
        XCTAssertEqual(missing.first?.severity, .error)
        if case .list(let costings, _)? = value(plan, ["non_elective", "costings"]) {
            XCTAssertEqual(costings.count, 0, "no non-elective costings without their sheet")
        }
        XCTAssertNotNil(value(plan, ["elective", "costings", "[EL01]"]), "the other sheets are still read")
    }

    /// The SRG's name is on both planning sheets; changed on EL Planning only, the copies conflict.
    func testSRGNameChangedOnOneSheetOnlyIsAConflict() throws {
        let dir = try Verify.tempDir(self)
        let edited = dir.appendingPathComponent("conflict.xlsx").path
        _ = try edit(try fillNorthmoor(dir), [
            ["op": "set", "sheet": "EL Planning", "at": ["text": "System Resilience Group"], "col": "C",
             "value": "Northmoor and Dale System Resilience Group", "name": "srg"],
        ], to: edited)
        let plan = try Verify.extract(edited)
        let conflicts = plan.findings.filter { $0.rule == "WORKBOOK-CONFLICT" }
        XCTAssertEqual(conflicts.count, 1, Verify.signatures(plan.findings).joined(separator: "\n"))
        XCTAssertEqual(conflicts.first?.subject, "srg.name")
        XCTAssertEqual(conflicts.first?.location, .cell(sheet: "EL Planning", cell: "C4"))
        if case .text(let s, _)? = value(plan, ["srg", "name"]) {
            XCTAssertEqual(s, "Northmoor System Resilience Group", "the first sheet's value is kept")
        } else { XCTFail("no srg.name") }
    }
}
