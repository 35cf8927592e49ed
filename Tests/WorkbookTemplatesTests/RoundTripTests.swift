import Foundation
import XCTest
import PlanModel
import RuleEngine
import WorkbookTemplates

/// extract(fill(plan)) == plan, and linting the workbook finds what linting the YAML finds.
final class RoundTripTests: XCTestCase {
    /// Findings that have no cell in a workbook: keys the plan format does not know, and values of
    /// the wrong shape (a list where text belongs is written as its lines of text).
    static let notInWorkbooks: Set<String> = ["FORMAT-UNKNOWN-KEY", "FORMAT-TYPE", "FORMAT-DUPLICATE-KEY", "FORMAT-VERSION"]

    func testEverySamplePlanSurvivesFillAndExtract() throws {
        let dir = try Bundled.tempDir(self)
        XCTAssertGreaterThanOrEqual(Bundled.samplePlans.count, 12)
        for sample in Bundled.samplePlans {
            let text = try String(contentsOfFile: Bundled.path(sample), encoding: .utf8)
            let (plan, document) = try Bundled.load(yaml: text, file: sample)
            let back = try Bundled.roundTrip(plan, document: document, in: dir, name: (sample as NSString).lastPathComponent)
            XCTAssertEqual(back.extraction.findings.map(\.message), [], "\(sample): reading our own workbook found problems")
            if !plan.findings.contains(where: { Self.notInWorkbooks.contains($0.rule) }) {
                XCTAssertEqual(PlanCanonical.dump(back.plan), PlanCanonical.dump(plan), "\(sample): the plan read back differs")
            }
            let yamlFindings = Bundled.ruleSet.check(plan).filter { !Self.notInWorkbooks.contains($0.rule) }
            let workbookFindings = Bundled.ruleSet.check(back.plan)
            if sample.contains("hallowmere") {
                // Its narrative is a list: the workbook holds it as lines of text, which is a narrative.
                XCTAssertTrue(findingKeys(workbookFindings).allSatisfy(findingKeys(Bundled.ruleSet.check(plan)).contains), sample)
            } else {
                XCTAssertEqual(findingKeys(workbookFindings), findingKeys(yamlFindings), "\(sample): linting the workbook differs from linting the YAML")
            }
            for f in workbookFindings {
                guard case .cell(let sheet, let cell) = f.location else { XCTFail("\(sample): \(f.rule) has no cell: \(f.location)"); continue }
                XCTAssertFalse(sheet.isEmpty || cell.isEmpty, "\(sample): \(f.rule)")
            }
        }
    }

    func testFindingsPointAtTheCellOfTheValue() throws {
        let dir = try Bundled.tempDir(self)
        let sample = "Samples/drafts/brackenford-incomplete-fields.yaml"
        let (plan, document) = try Bundled.load(yaml: try String(contentsOfFile: Bundled.path(sample), encoding: .utf8), file: sample)
        let back = try Bundled.roundTrip(plan, document: document, in: dir)
        let places = Bundled.filler.places(plan: plan, document: document)
        let findings = Bundled.ruleSet.check(back.plan)
        XCTAssertFalse(findings.isEmpty)
        for f in findings {
            guard case .cell(let sheet, let cell) = f.location else { XCTFail("no cell for \(f.rule)"); continue }
            // The cell is the value's own, or (for a missing entry) one in the table it belongs in.
            if let p = places[f.subject] {
                XCTAssertEqual("\(sheet)!\(cell)", "\(p.sheet)!\(p.cell)", "\(f.rule) \(f.subject)")
            }
        }
    }

    func testExtractedYAMLReadsBackAsTheSamePlan() throws {
        let dir = try Bundled.tempDir(self)
        let text = try String(contentsOfFile: Bundled.path("Samples/complete/northmoor.yaml"), encoding: .utf8)
        let (plan, document) = try Bundled.load(yaml: text)
        let back = try Bundled.roundTrip(plan, document: document, in: dir)
        let yaml = PlanYAMLWriter.render(back.extraction.document)
        let (reread, _) = try Bundled.load(yaml: yaml)
        XCTAssertEqual(reread.findings.map(\.message), [])
        XCTAssertEqual(PlanCanonical.dump(reread), PlanCanonical.dump(plan))
        XCTAssertEqual(Bundled.ruleSet.check(reread).map(\.rule), [])
    }

    /// Property: for plans generated from the complete plan by seeded random edits (dropped
    /// fields and entries, awkward text, other amounts and dates, extra schemes and cost lines,
    /// values of the wrong type), extract(fill(plan)) == plan and the findings agree.
    func testGeneratedPlansSurviveFillAndExtract() throws {
        let dir = try Bundled.tempDir(self)
        let base = try String(contentsOfFile: Bundled.path("Samples/complete/northmoor.yaml"), encoding: .utf8)
        let rounds = Int(ProcessInfo.processInfo.environment["PLANLINT_ROUNDTRIP_ROUNDS"] ?? "") ?? 25
        for seed in 1...rounds {
            var generator = PlanGenerator(seed: UInt64(seed))
            let yaml = try generator.plan(from: base)
            let (plan, document) = try Bundled.load(yaml: yaml, file: "generated-\(seed).yaml")
            let back = try Bundled.roundTrip(plan, document: document, in: dir, name: "g\(seed)")
            let context = "seed \(seed) (PLANLINT_ROUNDTRIP_ROUNDS to run more); plan:\n\(yaml.prefix(0))"
            XCTAssertEqual(back.extraction.findings.map(\.message), [], context)
            let expected = PlanCanonical.dump(plan), actual = PlanCanonical.dump(back.plan)
            if expected != actual {
                let a = Set(expected.split(separator: "\n")), b = Set(actual.split(separator: "\n"))
                XCTFail("\(context) differs:\n- " + a.subtracting(b).sorted().prefix(8).joined(separator: "\n- ")
                        + "\n+ " + b.subtracting(a).sorted().prefix(8).joined(separator: "\n+ "))
                try? yaml.write(toFile: "/tmp/planlint-roundtrip-failure-\(seed).yaml", atomically: true, encoding: .utf8)
                continue
            }
            let fromWorkbook = findingKeys(Bundled.ruleSet.check(back.plan))
            let fromYAML = findingKeys(Bundled.ruleSet.check(plan).filter { !Self.notInWorkbooks.contains($0.rule) })
            if fromWorkbook != fromYAML {
                XCTFail("\(context) findings differ:\n- " + Set(fromYAML).subtracting(fromWorkbook).sorted().joined(separator: "\n- ")
                        + "\n+ " + Set(fromWorkbook).subtracting(fromYAML).sorted().joined(separator: "\n+ "))
                try? yaml.write(toFile: "/tmp/planlint-roundtrip-failure-\(seed).yaml", atomically: true, encoding: .utf8)
            }
        }
    }
}
