import XCTest
import PlanModel
import RulesDSL
import RuleEngine

/// The bundled rules (`Rules/`) over the bundled samples (`Samples/`), as `Samples/README.md` describes them.
final class BundledRulesTests: XCTestCase {
    /// Loaded once: every test here uses the same rules.
    private static var cached: RuleSet?

    private func bundled() throws -> RuleSet {
        if let set = Self.cached { return set }
        do {
            let set = try RuleSet.load(directory: Fixture.bundledRules)
            Self.cached = set
            return set
        } catch let e as RuleSetLoadError {
            XCTFail("the bundled rules do not load:\n" + e.rendered)
            throw e
        }
    }

    private func check(_ relative: String, profiles: [String] = []) throws -> [Finding] {
        try bundled().check(try Fixture.plan(atPath: relative), profiles: profiles)
    }

    func testBundledRulesLoadWithoutDiagnostics() throws {
        let set = try bundled()
        XCTAssertEqual(set.label, "nhs-resilience-2014-15 1.0.0")
        XCTAssertGreaterThan(set.rules.count, 40)
        XCTAssertEqual(Set(set.profiles.map(\.name)), ["earned-autonomy", "all-others", "high-risk", "draft"])
        XCTAssertGreaterThan(set.catalogue.schema.fields.count, 10)
        let ids = set.rules.map(\.id)
        XCTAssertEqual(ids.count, Set(ids).count, "rule ids are unique")
        for id in ["MIN-PRESENT", "KPI-PRESENT", "TARGET-MEASURABLE", "COSTING-ITEMS-NET", "SIGNOFF-MEMBER"] {
            XCTAssertTrue(ids.contains(id), id)
        }
    }

    func testBundledRuleFilesParseAndCheckCleanlyOneByOne() throws {
        // The same as RuleSet.load, spelled out: no warnings either.
        let set = try bundled()
        var checker = Checker(catalogue: set.catalogue, builtinRuleIDs: LoaderRule.all.map(\.id))
        var all: [Diagnostic] = []
        for file in set.files {
            let (_, diagnostics) = Parser.parse(file: file.path, source: file.source)
            all += diagnostics
        }
        _ = checker.check(set.files)
        all += checker.diagnostics
        XCTAssertEqual(DiagnosticRenderer.renderAll(all, sources: [:]), "")
    }

    func testTheCompletePlanHasNoFindings() throws {
        XCTAssertEqual(try check("Samples/complete/northmoor.yaml").map(\.brief), [])
        XCTAssertEqual(try check("Samples/complete/northmoor.yaml", profiles: ["draft"]).map(\.brief), [])
    }

    func testTheMinimalPlanReportsMissingItemsAtTheDocument() throws {
        let out = try check("Samples/minimal.yaml")
        XCTAssertGreaterThan(out.count, 26)
        XCTAssertTrue(out.contains { $0.brief == "MIN-PRESENT non_elective.minimum[NE01] 1:1" })
        XCTAssertTrue(out.contains { $0.brief == "MIN-PRESENT elective.minimum[EL13] 1:1" })
        XCTAssertEqual(out.filter { $0.location.line != 1 }.map(\.brief), [],
                       "every missing top-level item points at line 1, the document's mapping")
    }

    // MARK: the drafts

    /// `Samples/README.md`, "Where each planted defect should point": file → (subject, line).
    static let planted: [String: [(subject: String, line: Int)]] = [
        "eastvale-missing-items.yaml": [
            ("non_elective.minimum[NE07]", 57), ("elective.engagement.childrens_services", 708), ("elective.narrative", 494),
        ],
        "brackenford-incomplete-fields.yaml": [
            ("non_elective.minimum[NE04].lead.email", 116), ("elective.minimum[EL09].summary", 650), ("independent_sector[2].lsoa", 1105),
        ],
        "calderbrook-unmeasurable-targets.yaml": [
            ("non_elective.minimum[NE02].targets[0]", 81), ("non_elective.minimum[NE04].targets[0]", 113),
            ("elective.minimum[EL09].targets[0]", 654), ("non_elective.local[NE-L1].kpis", 267),
        ],
        "dunmere-costings-dont-add-up.yaml": [
            ("elective.costings[EL06].net", 844), ("non_elective.minimum[NE08].cost", 185),
            ("non_elective.costings[NE-L2]", 515), ("non_elective.costings[NE13]", 340),
        ],
        "fernleigh-capacity-not-linked.yaml": [
            ("non_elective.costings[NE09].capacity_refs", 453), ("elective.costings[EL03].capacity_refs[1]", 836),
            ("non_elective.costings[NE10].beds", 465), ("capacity_plan[CAP-NE05]", 924),
        ],
        "greywater-funding-gap.yaml": [
            ("elective.funding.total", 528), ("non_elective.gap_closure", 46),
        ],
        "hallowmere-format-errors.yaml": [
            ("non_elective.minimum[NE05].cost", 138), ("elective.minimum[EL03].timeframe", 572),
            ("non_elective.minimum[NE01].lead.email", 71), ("elective.minimum[EL04].target", 584), ("srg.cohort", 15),
            ("elective.narrative", 533), ("elective.minimum[EL04].targets", 579),
        ],
        "kestrelvale-template-text-left-in.yaml": [
            ("non_elective.minimum[NE12].lead.name", 247), ("non_elective.minimum[NE12].lead.email", 248),
            ("non_elective.minimum[NE12].lead.organisation", 250), ("non_elective.local[NE-L2].title", 287),
            ("non_elective.local[NE-L2].summary", 288), ("non_elective.local[NE-L2].kpis[0]", 292),
            ("non_elective.local[NE-L2].targets[0]", 294), ("non_elective.local[NE-L2].lead.name", 297),
            ("non_elective.local[NE-L2].lead.email", 298), ("non_elective.local[NE-L2].lead.organisation", 300),
            ("non_elective.costings[NE-L2].items[3].item", 552), ("elective.minimum[EL01].lead.name", 581),
            ("elective.minimum[EL01].lead.email", 582), ("elective.minimum[EL01].lead.organisation", 584),
        ],
        "lowmarsh-late-timeframes.yaml": [
            ("elective.minimum[EL01].timeframe", 541), ("non_elective.minimum[NE11].timeframe", 226),
            ("elective.minimum[EL13].timeframe", 716), ("srg.submitted", 46),
        ],
        "ashcombe-not-signed.yaml": [
            ("non_elective.sign_off[ambulance-trust]", 295), ("elective.sign_off[mental-health-trust].signature", 773),
            ("elective.sign_off[local-authority].email", 782),
        ],
    ]

    /// The category of each draft's class of defect (README table); hallowmere's consequence is kpi-link.
    static let categories: [String: Set<PlanModel.Category>] = [
        "eastvale-missing-items.yaml": [.missingItem],
        "brackenford-incomplete-fields.yaml": [.incomplete],
        "calderbrook-unmeasurable-targets.yaml": [.kpiLink],
        "dunmere-costings-dont-add-up.yaml": [.costingLink],
        "fernleigh-capacity-not-linked.yaml": [.capacityLink],
        "greywater-funding-gap.yaml": [.funding],
        "hallowmere-format-errors.yaml": [.format, .kpiLink],
        "kestrelvale-template-text-left-in.yaml": [.incomplete],
        "lowmarsh-late-timeframes.yaml": [.deadline],
        "ashcombe-not-signed.yaml": [.signOff],
    ]

    func testTheTableCoversEveryDraft() throws {
        let drafts = try FileManager.default.contentsOfDirectory(atPath: Fixture.packageRoot.appendingPathComponent("Samples/drafts").path)
            .filter { $0.hasSuffix(".yaml") }
        XCTAssertEqual(Set(drafts), Set(Self.planted.keys))
    }

    func testEveryPlantedDefectIsFoundAtItsSubjectAndLine() throws {
        for (name, expected) in Self.planted.sorted(by: { $0.key < $1.key }) {
            let out = try check("Samples/drafts/" + name)
            for e in expected {
                let matching = out.filter { $0.subject == e.subject }
                XCTAssertFalse(matching.isEmpty, "\(name): no finding at \(e.subject); found \(out.map(\.brief))")
                for f in matching {
                    XCTAssertEqual(f.location.line, e.line, "\(name): \(f.rule) at \(e.subject)")
                }
            }
        }
    }

    func testDraftsHaveNoFindingsBeyondThePlantedDefects() throws {
        for (name, expected) in Self.planted.sorted(by: { $0.key < $1.key }) {
            let subjects = Set(expected.map(\.subject))
            let extra = try check("Samples/drafts/" + name).filter { !subjects.contains($0.subject) }
            XCTAssertEqual(extra.map(\.brief), [], "\(name): findings the README does not list")
        }
    }

    func testDraftFindingsAreInTheirClassesCategory() throws {
        for (name, allowed) in Self.categories.sorted(by: { $0.key < $1.key }) {
            let out = try check("Samples/drafts/" + name)
            XCTAssertEqual(out.filter { !allowed.contains($0.category) }.map(\.brief), [], name)
            XCTAssertTrue(out.contains { $0.severity == .error }, "\(name) should be red")
        }
    }

    func testHallowmereMisspeltKeyIsAWarningWithASuggestion() throws {
        let out = try check("Samples/drafts/hallowmere-format-errors.yaml")
        let key = out.first { $0.subject == "elective.minimum[EL04].target" }
        XCTAssertEqual(key?.rule, "FORMAT-UNKNOWN-KEY")
        XCTAssertEqual(key?.severity, .warning)
        XCTAssertTrue(key?.message.contains("did you mean 'targets'?") ?? false, key?.message ?? "")
        XCTAssertEqual(out.first { $0.subject == "elective.minimum[EL04].targets" }?.category, .kpiLink)
    }

    func testHighRiskProfileRaisesUnmeasurableTargetsToErrors() throws {
        let url = Fixture.packageRoot.appendingPathComponent("Samples/drafts/calderbrook-unmeasurable-targets.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("cohort: all-others"))
        let allOthers = try bundled().check(try Fixture.plan(text))
        XCTAssertEqual(Set(allOthers.filter { $0.rule == "TARGET-MEASURABLE" }.map(\.severity)), [.warning])
        let highRisk = try bundled().check(try Fixture.plan(text.replacingOccurrences(of: "cohort: all-others", with: "cohort: high-risk")))
        let raised = highRisk.filter { $0.rule == "TARGET-MEASURABLE" }
        XCTAssertEqual(raised.count, 3)
        XCTAssertEqual(Set(raised.map(\.severity)), [.error])
    }

    func testFindingsOfTheBundledRulesAreInStableOrder() throws {
        let out = try check("Samples/drafts/kestrelvale-template-text-left-in.yaml")
        XCTAssertEqual(out.map(\.brief), out.sorted(by: Finding.stableOrder).map(\.brief))
        XCTAssertEqual(out.map(\.brief), try check("Samples/drafts/kestrelvale-template-text-left-in.yaml").map(\.brief), "two runs agree")
    }
}
