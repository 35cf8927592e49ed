import Foundation
import XCTest
import PlanModel
import RuleEngine
import WorkbookTemplates

/// The filled workbook as openpyxl reads it (scripts/verify/dump_workbook.py): an independent reader
/// checks every sheet, every value of the plan in its cell, every formula's cached value, protection,
/// validation lists, defined names, properties, panes and print set-up.
final class OpenpyxlFillTests: XCTestCase {
    /// Northmoor filled once for the whole class (with its findings), and openpyxl's dump of it.
    private struct Filled {
        let plan: Plan
        let places: [String: (sheet: String, cell: String)]
        let path: String
        let dump: WorkbookDump
    }

    nonisolated(unsafe) private static var northmoorCache: Filled?
    nonisolated(unsafe) private static var folder: URL?

    override class func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
        folder = nil
        northmoorCache = nil
        super.tearDown()
    }

    private func northmoor() throws -> Filled {
        if let cached = Self.northmoorCache { return cached }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planlint-openpyxl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        Self.folder = dir
        let (plan, document) = try Verify.load(Verify.northmoor)
        XCTAssertEqual(plan.findings.count, 0, "northmoor loads without findings")
        let path = try Verify.fill(plan, document: document, to: dir.appendingPathComponent("northmoor.xlsx").path)
        let filled = Filled(plan: plan, places: Verify.filler.places(plan: plan, document: document), path: path, dump: try WorkbookDump(path))
        Self.northmoorCache = filled
        return filled
    }

    static let sheetNames = ["NE Planning", "NE Costings", "EL Planning", "EL Costings", "Annex C IS Capacity",
                             "Capacity Plan", "SRG", "Governance", "Findings"]

    func testEverySheetIsThereInOrder() throws {
        let f = try northmoor()
        XCTAssertEqual(f.dump.sheets, Self.sheetNames)
        for sheet in Self.sheetNames { XCTAssertFalse(f.dump.cells(sheet).isEmpty, "\(sheet) has cells") }
    }

    /// NE01–NE13 and EL01–EL13 each have their row in Section 2 of the planning sheet and a block in
    /// Section 1 of the costings sheet, in catalogue order, inside the sections' defined names.
    func testEveryRequirementHasItsRowInSection2AndInTheCostings() throws {
        let d = try northmoor().dump
        for (prefix, planning, costings, section2, costingsSection) in [
            ("NE", "NE Planning", "NE Costings", "NE_Section2", "NE_Costings_Section1"),
            ("EL", "EL Planning", "EL Costings", "EL_Section2", "EL_Costings_Section1"),
        ] {
            let ids = (1...13).map { String(format: "%@%02d", prefix, $0) }
            for (sheet, name) in [(planning, section2), (costings, costingsSection)] {
                guard let range = d.names[name]?["range"] as? String, let rows = Addr.rows(range) else {
                    XCTFail("no defined name \(name)"); continue
                }
                XCTAssertEqual(d.names[name]?["sheet"] as? String, sheet)
                var found: [Int] = []
                for id in ids {
                    let hits = rows.filter { d.text(sheet, "A\($0)") == id }
                    XCTAssertEqual(hits.count, 1, "\(sheet): \(id) has one row in \(name) (\(range))")
                    if let r = hits.first {
                        found.append(r)
                        XCTAssertFalse((d.text(sheet, "B\(r)") ?? "").isEmpty, "\(sheet)!B\(r): \(id) shows its catalogue title")
                        // Every requirement row also has its own defined name, starting at that row.
                        let own = d.names[name + "_" + id]?["range"] as? String
                        XCTAssertEqual(own.flatMap(Addr.rows)?.lowerBound, r, "\(name)_\(id) starts at \(id)'s row")
                    }
                }
                XCTAssertEqual(found, found.sorted(), "\(sheet): the requirements are in catalogue order")
            }
        }
    }

    /// Every scalar of the plan is in the cell `places` gives it, as openpyxl reads it.
    func testEveryValueOfThePlanIsInItsCell() throws {
        let f = try northmoor()
        var checked = 0
        var unplaced: [String] = []
        var wrong: [String] = []
        for leaf in leaves(of: f.plan.root, path: "") where leaf.path != "format" {
            guard let place = f.places[leaf.path] else { unplaced.append(leaf.path); continue }
            guard let cell = f.dump.cell(place.sheet, place.cell) else {
                wrong.append("\(leaf.path): '\(place.sheet)'!\(place.cell) is empty"); continue
            }
            // A total written as a formula is compared through its cached value.
            let isFormula = cell["t"] as? String == "f"
            let got = isFormula ? cell["cached"] : cell["v"]
            if let problem = Self.mismatch(leaf.value, got, cellType: isFormula ? "n" : cell["t"] as? String) {
                wrong.append("\(leaf.path) at '\(place.sheet)'!\(place.cell): \(problem)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 500, "northmoor has hundreds of values")
        XCTAssertEqual(unplaced, [], "every value of the plan has a cell")
        XCTAssertEqual(wrong, [], "every value is in its cell")
    }

    /// Money, counts, dates, lists of text and text, each against openpyxl's reading of the cell.
    static func mismatch(_ value: Value, _ got: Any?, cellType: String?) -> String? {
        let got = got is NSNull ? nil : got
        switch value {
        case .money(let m, _):
            let want = Double(m.pence) / 100
            guard let n = (got as? NSNumber)?.doubleValue, cellType == "n" else { return "want the number \(want), got \(String(describing: got))" }
            return abs(n - want) < 0.001 ? nil : "want \(want), got \(n)"
        case .number(let want, _):
            guard let n = (got as? NSNumber)?.doubleValue, cellType == "n" else { return "want the number \(want), got \(String(describing: got))" }
            return abs(n - want) < 1e-9 ? nil : "want \(want), got \(n)"
        case .date(let day, _):
            return cellType == "d" && got as? String == day.description ? nil : "want the date \(day), got \(String(describing: got)) (\(cellType ?? "?"))"
        case .text(let s, _):
            return cellType == "s" && got as? String == s ? nil : "want \(s.debugDescription), got \(String(describing: got))"
        case .list(let items, _):
            let want = items.compactMap { item -> String? in
                if case .text(let s, _) = item { return s }
                return nil
            }.joined(separator: "\n")
            return cellType == "s" && got as? String == want ? nil : "want \(want.debugDescription), got \(String(describing: got))"
        default:
            return "unexpected value \(value)"
        }
    }

    /// The scalars of a value tree with their subject paths (the origin's, else built from the parent's),
    /// a list of scalars counting as one value (the workbook shows it in one cell).
    func leaves(of v: Value, path: String) -> [(path: String, value: Value)] {
        let here = v.origin?.path ?? path
        switch v {
        case .missing, .invalid, .bool: return []
        case .text(let s, _): return s.isBlank ? [] : [(here, v)]
        case .number, .money, .date: return [(here, v)]
        case .record(let r, _):
            var out: [(String, Value)] = []
            for (i, f) in r.schema.fields.enumerated() {
                if let x = r.values[i] { out += leaves(of: x, path: here.isEmpty ? f.name : here + "." + f.name) }
            }
            return out
        case .list(let items, _):
            if items.isEmpty { return [] }
            if items.allSatisfy({ if case .record = $0 { return false } else { return true } }) { return [(here, v)] }
            var out: [(String, Value)] = []
            for (i, x) in items.enumerated() {
                let key: String
                if case .record(let r, _) = x, let k = r.key { key = k } else { key = String(i) }
                out += leaves(of: x, path: here + "[\(key)]")
            }
            return out
        }
    }

    /// Every formula's cached value equals the formula evaluated by the script from the cells it refers to.
    func testEveryFormulaCachesTheValueItComputes() throws {
        let f = try northmoor()
        let d = f.dump
        XCTAssertGreaterThan(d.formulas.count, 40, "the totals are formulas")
        for f in d.formulas {
            let at = "'\(f["sheet"] ?? "")'!\(f["cell"] ?? "") \(f["formula"] ?? "")"
            if let error = f["error"] as? String { XCTFail("\(at): \(error)"); continue }
            guard let cached = (f["cached"] as? NSNumber)?.doubleValue else { XCTFail("\(at): no cached number (\(f["cached"] ?? "nil"))"); continue }
            guard let evaluated = (f["evaluated"] as? NSNumber)?.doubleValue else { XCTFail("\(at): not evaluated"); continue }
            XCTAssertEqual(cached, evaluated, accuracy: 0.001, "\(at): cached \(cached), computes \(evaluated)")
        }
        // Spot checks against the plan's figures: total funding and the section totals.
        XCTAssertEqual(cached(d, "NE_Header_total_funding"), 2_013_000)
        for side in ["non_elective", "elective"] {
            let prefix = side == "elective" ? "EL" : "NE"
            for (list, name) in [("minimum", "_Section2_minimum_costs"), ("local", "_Section3_local_costs")] {
                let costs = leaves(of: f.plan.root, path: "").filter { $0.path.hasPrefix("\(side).\(list)[") && $0.path.hasSuffix("].cost") }
                let sum = costs.reduce(0.0) { acc, leaf in if case .money(let m, _) = leaf.value { return acc + Double(m.pence) / 100 } else { return acc } }
                XCTAssertFalse(costs.isEmpty)
                XCTAssertEqual(cached(d, prefix + name), sum, "\(prefix + name) is the sum of the \(side).\(list) costs")
            }
        }
    }

    /// The value a defined name's single cell shows (a formula's cached value).
    func cached(_ d: WorkbookDump, _ name: String) -> Double? {
        guard let sheet = d.names[name]?["sheet"] as? String, let cell = d.names[name]?["range"] as? String,
              let c = d.cell(sheet, cell) else { return nil }
        return ((c["t"] as? String == "f" ? c["cached"] : c["v"]) as? NSNumber)?.doubleValue
    }

    /// Cells holding plan values are unlocked; labels, headings, catalogue text and totals are locked;
    /// every sheet is protected.
    func testInputCellsAreUnlockedLabelsLockedAndSheetsProtected() throws {
        let f = try northmoor()
        for sheet in Self.sheetNames { XCTAssertTrue(f.dump.isProtected(sheet), "\(sheet) is protected") }
        var inputs = 0
        for (path, place) in f.places {
            guard let cell = f.dump.cell(place.sheet, place.cell) else { continue }
            if cell["t"] as? String == "f" {
                XCTAssertEqual(cell["locked"] as? Bool, true, "\(path): the formula at '\(place.sheet)'!\(place.cell) is locked")
            } else if !path.hasSuffix("]") && !f.places.keys.contains(where: { $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") }) {
                // A scalar's cell (not a list's or an element's anchor): unlocked unless it is a catalogue row's key.
                let isCatalogueKey = path.hasSuffix(".requirement") || (path.contains(".costings[") && path.hasSuffix(".scheme")
                    && f.dump.text(place.sheet, place.cell).map { $0.range(of: #"^(NE|EL)[0-9]{2}$"#, options: .regularExpression) != nil } == true)
                XCTAssertEqual(cell["locked"] as? Bool, isCatalogueKey, "\(path) at '\(place.sheet)'!\(place.cell)")
                inputs += 1
            }
        }
        XCTAssertGreaterThan(inputs, 400)
        // Labels, headings and column headings are locked.
        let ne = f.dump.cells("NE Planning")
        for address in ["A1", "A4", "A12", "A16", "A19", "K19", "B20"] {
            XCTAssertEqual(ne[address]?["locked"] as? Bool, true, "NE Planning!\(address) (\(ne[address]?["v"] ?? "")) is locked")
        }
    }

    /// List validations on the cohort, representative-of, sector, capacity kind (and member type) cells.
    func testChoiceColumnsHaveListValidations() throws {
        let f = try northmoor()
        func validation(covering sheet: String, _ cell: String) -> [String: Any]? {
            guard let (row, col) = Addr.parse(cell) else { return nil }
            return f.dump.validations(sheet).first { v in
                (v["sqref"] as? String ?? "").split(separator: " ").contains { part in
                    let ends = part.split(separator: ":").compactMap { Addr.parse(String($0)) }
                    guard let a = ends.first, let b = ends.last else { return false }
                    return (a.row...b.row).contains(row) && (a.col...b.col).contains(col)
                }
            }
        }
        func check(_ path: String, _ words: [String]) {
            guard let place = f.places[path] else { return XCTFail("\(path) has no cell") }
            guard let v = validation(covering: place.sheet, place.cell) else {
                return XCTFail("\(path) at '\(place.sheet)'!\(place.cell) has no validation")
            }
            XCTAssertEqual(v["type"] as? String, "list", path)
            XCTAssertEqual(v["formula1"] as? String, "\"" + words.joined(separator: ",") + "\"", path)
        }
        check("srg.cohort", PlanSchema.cohorts)
        check("srg.chair.organisation_type", PlanSchema.memberTypes)
        check("srg.members[0].type", PlanSchema.memberTypes)
        check("independent_sector[0].sector", ["independent", "voluntary"])
        let capacity = firstKey("capacity_plan", in: f.plan)
        check("capacity_plan[\(capacity ?? "?")].kind", PlanSchema.capacityKinds)
        for side in ["non_elective", "elective"] {
            let key = firstKey(side + ".sign_off", in: f.plan) ?? "?"
            check("\(side).sign_off[\(key)].representative_of", PlanSchema.memberTypes)
        }
        // The blank rows left for additions are covered too: the validation runs to the table's last row.
        for sheet in ["NE Planning", "EL Planning"] {
            let v = f.dump.validations(sheet).first { ($0["formula1"] as? String ?? "").contains("acute-trust") }
            XCTAssertNotNil(v, "\(sheet) validates the representative-of column")
            if let sqref = v?["sqref"] as? String, let rows = Addr.rows(sqref), let section = f.dump.names[sheet.hasPrefix("NE") ? "NE_Section5" : "EL_Section5"]?["range"] as? String {
                XCTAssertEqual(rows.upperBound, Addr.rows(section)?.upperBound, "\(sheet): the validation reaches Section 5's last row")
            }
        }
    }

    func firstKey(_ list: String, in plan: Plan) -> String? {
        var v = plan.root
        for step in list.split(separator: ".") {
            guard case .record(let r, let o) = v, let x = r.field(String(step), origin: o) else { return nil }
            v = x
        }
        guard case .list(let items, _) = v, case .record(let r, _)? = items.first else { return nil }
        return r.key
    }

    /// Each block's defined name covers its rows: the first row holds the section heading (or, for a
    /// block without one, its first label), and the names of different blocks of a sheet do not overlap.
    func testEverySectionHasADefinedNameAtItsHeading() throws {
        let d = try northmoor().dump
        for sheet in Verify.spec.sheets {
            var previous = 0
            for block in sheet.blocks {
                guard let name = d.names[block.name], let range = name["range"] as? String, let rows = Addr.rows(range) else {
                    XCTFail("\(sheet.name): no defined name \(block.name)"); continue
                }
                XCTAssertEqual(name["sheet"] as? String, sheet.name, block.name)
                XCTAssertEqual(range.split(separator: ":").first.map { String($0.prefix(1)) }, "A", "\(block.name) starts in column A")
                let first = d.text(sheet.name, "A\(rows.lowerBound)")
                if let heading = block.heading {
                    XCTAssertEqual(first, heading, "\(block.name) (\(range)) starts at its heading")
                } else if case .fields(let f) = block {
                    XCTAssertEqual(first, f.rows.first?.label, "\(block.name) (\(range)) starts at its first label")
                }
                XCTAssertGreaterThan(rows.lowerBound, previous, "\(block.name) comes after the block before it")
                previous = rows.upperBound
            }
        }
    }

    func testDocumentPropertiesSayTheTemplateVersion() throws {
        let d = try northmoor().dump
        XCTAssertEqual(d.custom["TemplateVersion"] as? String, Verify.spec.version)
        XCTAssertEqual(d.custom["TemplateId"] as? String, Verify.spec.id)
        XCTAssertEqual(d.custom["PlanFormat"] as? String, PlanSchema.formatID)
        XCTAssertEqual(d.custom["SRG"] as? String, "Northmoor System Resilience Group")
        XCTAssertEqual(d.core["title"] as? String, "Northmoor System Resilience Group: " + Verify.spec.title)
        XCTAssertEqual(d.core["creator"] as? String, "Northmoor System Resilience Group")
        XCTAssertEqual(d.core["created"] as? String, "2014-05-13T16:53:20", "the fixed creation time is kept")
        XCTAssertTrue((d.core["description"] as? String ?? "").contains("planlint tests"))
    }

    /// Every sheet: the title rows frozen and repeated on each printed page, landscape A4, fitted to the page width.
    func testPanesAndPrintSetUp() throws {
        let d = try northmoor().dump
        for sheet in Self.sheetNames {
            let freeze = d.freeze(sheet)
            XCTAssertNotNil(freeze, "\(sheet) has frozen panes")
            let p = d.printSetup(sheet)
            XCTAssertEqual(p["orientation"] as? String, "landscape", sheet)
            XCTAssertEqual(p["paperSize"] as? Int, 9, "\(sheet) prints on A4")
            XCTAssertEqual(p["fitToPage"] as? Bool, true, sheet)
            // Fit to width: one page, or two for the widest templates (more than 300 characters of columns).
            let width = Verify.spec.sheets.first { $0.name == sheet }?.widths.reduce(0, +) ?? 0
            XCTAssertEqual(p["fitToWidth"] as? Int, width > 300 ? 2 : 1, "\(sheet) (\(width) characters wide) prints to a fixed number of pages wide")
            XCTAssertEqual(p["fitToHeight"] as? Int, 0, "\(sheet) runs to as many pages as it needs")
            // The rows above the frozen pane print on every page (on Findings, the column headings only).
            if sheet == "Findings" {
                XCTAssertEqual(p["titleRows"] as? String, "$4:$4", "Findings repeats its column headings")
            } else if let freeze, let row = Addr.parse(freeze)?.row {
                XCTAssertEqual(p["titleRows"] as? String, "$1:$\(row - 1)", "\(sheet) repeats the frozen rows")
            }
        }
        XCTAssertEqual(d.freeze("Findings"), "A5", "the Findings sheet freezes its column headings")
    }

    /// A draft with costing errors: the Findings sheet says RED and links each finding to a cell that exists.
    func testDraftFindingsSheetLinksEveryFindingToAnExistingCell() throws {
        let dir = try Verify.tempDir(self)
        let (plan, document) = try Verify.load("Samples/drafts/dunmere-costings-dont-add-up.yaml")
        let findings = Verify.ruleSet.check(plan)
        XCTAssertFalse(findings.isEmpty)
        let path = try Verify.fill(plan, document: document, to: dir.appendingPathComponent("dunmere.xlsx").path)
        let d = try WorkbookDump(path)
        XCTAssertEqual(d.sheets.last, "Findings")
        let status = d.text("Findings", "A2") ?? ""
        XCTAssertTrue(status.hasPrefix("RED: \(findings.filter { $0.severity == .error }.count) errors"), status)
        let cells = d.cells("Findings")
        var listed: [String] = []
        for row in 5..<(5 + findings.count) {
            guard let rule = cells["B\(row)"]?["v"] as? String else { XCTFail("Findings row \(row) is empty"); continue }
            listed.append(rule + " " + (cells["D\(row)"]?["v"] as? String ?? ""))
            guard let link = cells["G\(row)"]?["link"] as? String else { XCTFail("Findings!G\(row) (\(rule)) has no link"); continue }
            // internal:'NE Planning'!K27 → the sheet and cell exist.
            let target = link.hasPrefix("internal:") ? String(link.dropFirst(9)) : link
            guard let bang = target.lastIndex(of: "!") else { XCTFail("Findings!G\(row): link \(link)"); continue }
            var sheet = String(target[..<bang])
            if sheet.hasPrefix("'") { sheet = String(sheet.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") }
            let cell = String(target[target.index(after: bang)...])
            XCTAssertTrue(d.sheets.contains(sheet), "Findings!G\(row): \(link) names a sheet that exists")
            XCTAssertNotNil(Addr.parse(cell), "Findings!G\(row): \(link) names a cell")
            XCTAssertEqual(cells["G\(row)"]?["v"] as? String, "\(sheet)!\(cell)", "Findings!G\(row) shows where it links")
            // The linked cell is one the sheet has (a value, a label or a formula), not somewhere outside it.
            XCTAssertNotNil(d.cell(sheet, cell), "Findings!G\(row): \(link) points at a cell with content")
        }
        XCTAssertEqual(listed.sorted(), findings.map { $0.rule + " " + PlainName.of($0.subject) }.sorted(), "every finding is listed once, its item in plain words")
        XCTAssertNil(cells["B\(5 + findings.count)"]?["v"], "nothing after the last finding")
    }
}
