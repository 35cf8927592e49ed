import Foundation
import XCTest
import WorkbookTemplates

/// The template specs are checked against the plan schema when loaded, with every problem named
/// by file, line and column.
final class SpecLoaderTests: XCTestCase {
    func testBundledSpecsLoad() throws {
        let spec = Bundled.spec
        XCTAssertEqual(spec.sheets.map(\.name), ["NE Planning", "NE Costings", "EL Planning", "EL Costings",
                                                "Annex C IS Capacity", "Capacity Plan", "SRG", "Governance"])
        XCTAssertEqual(spec.sheets.filter(\.isTemplate).count, 5)
    }

    /// Writes the bundled specs with one sheet file replaced, and returns the load error's lines.
    private func problems(in sheet: String, replacing old: String, with new: String) throws -> [String] {
        let dir = try Bundled.tempDir(self)
        try FileManager.default.copyItem(atPath: Bundled.path("Templates"), toPath: dir.appendingPathComponent("T").path)
        let file = dir.appendingPathComponent("T/sheets/\(sheet)")
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "fixture text not found: \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSpecLoader.load(folder: dir.appendingPathComponent("T").path, catalogue: Bundled.ruleSet.catalogue)
            XCTFail("the spec loaded"); return []
        } catch let e as TemplateSpecError {
            return e.problems.map { "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column): \($0.message)" }
        }
    }

    func testABindingToAFieldThatDoesNotExistNamesTheFileAndLine() throws {
        let p = try problems(in: "ne-planning.yaml", replacing: "bind: non_elective.funding.resilience}", with: "bind: non_elective.funding.resilient}")
        XCTAssertEqual(p, ["ne-planning.yaml:15:61: 'non_elective.funding.resilient' is not a plan field: non_elective.funding has no field 'resilient'; did you mean 'resilience'?"])
    }

    func testAColumnBindingIsCheckedAgainstTheListsEntries() throws {
        let p = try problems(in: "ne-planning.yaml", replacing: "{header: KPIs, bind: kpis}", with: "{header: KPIs, bind: kpi}")
        XCTAssertEqual(p.count, 2)   // Section 2 only: Section 3 has its own line
        XCTAssertTrue(p.allSatisfy { $0.contains("has no field 'kpi'; did you mean 'kpis'?") }, "\(p)")
    }

    func testShapesAreChecked() throws {
        var p = try problems(in: "capacity-plan.yaml", replacing: "list: capacity_plan", with: "list: capacity_map_updates")
        XCTAssertTrue(p.contains { $0.hasPrefix("capacity-plan.yaml:14:13: 'capacity_map_updates' is text, not a list of mappings") }, "\(p)")
        p = try problems(in: "srg.yaml", replacing: "{label: Name, bind: srg.chair.name}", with: "{label: Name, bind: srg.chair}")
        XCTAssertTrue(p.contains { $0.contains("'srg.chair' is a mapping (chair); a field row holds one value") }, "\(p)")
        p = try problems(in: "ne-costings.yaml", replacing: "sum: [costs_section1, costs_section2]", with: "sum: [costs_section1, costs_sectoin2]")
        XCTAssertTrue(p.contains { $0.contains("no row or total on this sheet has the id 'costs_sectoin2'; did you mean 'costs_section2'?") }, "\(p)")
        p = try problems(in: "ne-costings.yaml", replacing: "net: {label: Net total, bind: net}", with: "net: {label: Net total, bind: beds}")
        XCTAssertTrue(p.contains { $0.contains("'beds' is not an amount of money") }, "\(p)")
        p = try problems(in: "annex-c.yaml", replacing: "name: AnnexC_Providers", with: "name: AB12")
        XCTAssertTrue(p.contains { $0.contains("'AB12' is not a valid defined name") }, "\(p)")
        p = try problems(in: "ne-planning.yaml", replacing: "rows: {catalogue: requirements, where: {care: non-elective}}", with: "rows: {catalogue: requirement, where: {care: non-elective}}")
        XCTAssertTrue(p.contains { $0.contains("the catalogue has no table 'requirement'") }, "\(p)")
        p = try problems(in: "governance.yaml", replacing: "heading: Governance\n", with: "headng: Governance\n")
        XCTAssertTrue(p.contains { $0.contains("unknown key 'headng' in a fields block; did you mean 'heading'?") }, "\(p)")
    }
}
