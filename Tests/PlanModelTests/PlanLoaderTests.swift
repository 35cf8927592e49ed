import Foundation
import XCTest
import PlanModel

/// Loading plans: values with their subject paths and places, `format` findings, and load errors.
final class PlanLoaderTests: XCTestCase {
    // MARK: Helpers

    private func load(_ text: String, file: String = "plan.yaml") throws -> Plan {
        try PlanLoader.load(bytes: Array(text.utf8), file: file)
    }

    /// The error loading `bytes` throws; fails the test when it loads.
    private func loadError(_ bytes: [UInt8], file: String = "bad.yaml", line: UInt = #line) -> PlanLoadError? {
        do {
            _ = try PlanLoader.load(bytes: bytes, file: file)
            XCTFail("expected a PlanLoadError", line: line)
        } catch let e as PlanLoadError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", line: line)
        }
        return nil
    }

    private func loadError(_ text: String, file: String = "bad.yaml", line: UInt = #line) -> PlanLoadError? {
        loadError(Array(text.utf8), file: file, line: line)
    }

    /// The value at a subject path (`non_elective.minimum[NE07].lead.email`, `srg.members[0]`), walking records
    /// by field and lists by id (keyed lists) or position; nil when the path leaves the document.
    private func value(_ root: Value, _ path: String) -> Value? {
        var steps: [(key: Bool, text: String)] = []
        var buffer = ""
        for ch in path {
            switch ch {
            case ".": if !buffer.isEmpty { steps.append((false, buffer)) }; buffer = ""
            case "[": if !buffer.isEmpty { steps.append((false, buffer)) }; buffer = ""
            case "]": steps.append((true, buffer)); buffer = ""
            default: buffer.append(ch)
            }
        }
        if !buffer.isEmpty { steps.append((false, buffer)) }
        var current = root
        for step in steps {
            if step.key {
                guard case .list(let items, _) = current else { return nil }
                if let keyed = items.first(where: { if case .record(let r, _) = $0 { return r.key == step.text } else { return false } }) {
                    current = keyed
                } else if let i = Int(step.text), items.indices.contains(i) {
                    current = items[i]
                } else {
                    return nil
                }
            } else {
                guard case .record(let r, let o) = current, let v = r.field(step.text, origin: o) else { return nil }
                current = v
            }
        }
        return current
    }

    private func text(_ v: Value?) -> String? { if case .text(let s, _)? = v { return s } else { return nil } }

    /// "RULE subject line:column" for each finding, in the contract's order.
    private func summary(_ findings: [Finding]) -> [String] {
        findings.sorted(by: Finding.stableOrder).map { "\($0.rule) \($0.subject) \($0.location)" }
    }

    /// The package root (three levels above this file), for the samples.
    private var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    // MARK: Locations

    let nested = """
    format: srg-plan/1
    srg:
      name: Test SRG
      cohort: high-risk
    non_elective:
      minimum:
        - requirement: NE07
          summary: Frailty unit
          lead:
            name: Alice
            email: alice@nhs.net
        - summary: A row with no id
    independent_sector:
      - organisation: First
      - organisation: Second
        cqc_services: [Surgery, Diagnostics]

    """

    func testNestedValueHasItsPathLineAndColumn() throws {
        let plan = try load(nested)
        XCTAssertEqual(plan.findings.map(\.rule), [])
        let email = value(plan.root, "non_elective.minimum[NE07].lead.email")
        XCTAssertEqual(text(email), "alice@nhs.net")
        XCTAssertEqual(email?.origin?.path, "non_elective.minimum[NE07].lead.email")
        XCTAssertEqual(email?.origin?.location, .text(line: 11, column: 16))

        let row = value(plan.root, "non_elective.minimum[NE07]")
        XCTAssertEqual(row?.origin?.path, "non_elective.minimum[NE07]")
        XCTAssertEqual(row?.origin?.location, .text(line: 7, column: 7), "a block mapping in a list starts at its first key")
        if case .record(let r, _)? = row {
            XCTAssertEqual(r.key, "NE07")
            XCTAssertEqual(r.keyField, "requirement")
        } else { XCTFail("NE07 should be a record") }
    }

    func testMergeKeysFillFieldsTheMappingDoesNotSet() throws {
        let plan = try load("""
        format: srg-plan/1
        non_elective:
          minimum:
            - requirement: NE01
              lead: &lead {name: Ann Lee, email: ann.lee@nhs.net, organisation: NHS A CCG}
            - requirement: NE02
              lead:
                <<: *lead
                email: bo.king@nhs.net

        """)
        XCTAssertEqual(plan.findings.map(\.rule), [], "a merge key is not an unknown key")
        XCTAssertEqual(text(value(plan.root, "non_elective.minimum[NE02].lead.name")), "Ann Lee")
        XCTAssertEqual(text(value(plan.root, "non_elective.minimum[NE02].lead.email")), "bo.king@nhs.net")
        XCTAssertEqual(text(value(plan.root, "non_elective.minimum[NE02].lead.organisation")), "NHS A CCG")
    }

    func testListElementsWithoutIdsAreAddressedByPosition() throws {
        let plan = try load(nested)
        XCTAssertEqual(value(plan.root, "non_elective.minimum[1].summary")?.origin?.path, "non_elective.minimum[1].summary",
                       "a keyed-list row with no id is addressed by its index")
        let service = value(plan.root, "independent_sector[1].cqc_services[1]")
        XCTAssertEqual(text(service), "Diagnostics")
        XCTAssertEqual(service?.origin?.path, "independent_sector[1].cqc_services[1]")
        XCTAssertEqual(service?.origin?.location, .text(line: 16, column: 29))
    }

    func testMissingFieldPointsAtItsParentKey() throws {
        let plan = try load(nested)
        // `lead:` is at line 9, column 7: a missing field of the lead points there, not at `name:`.
        let job = value(plan.root, "non_elective.minimum[NE07].lead.job_title")
        guard case .missing(let o)? = job else { return XCTFail("job_title should be missing, got \(String(describing: job))") }
        XCTAssertEqual(o.path, "non_elective.minimum[NE07].lead.job_title")
        XCTAssertEqual(o.location, .text(line: 9, column: 7))

        // A missing field of the whole `non_elective:` mapping points at `non_elective:` (line 5).
        guard case .missing(let g)? = value(plan.root, "non_elective.gap_closure") else { return XCTFail("gap_closure should be missing") }
        XCTAssertEqual(g.path, "non_elective.gap_closure")
        XCTAssertEqual(g.location, .text(line: 5, column: 1))

        // A missing top-level item points at the document's mapping (line 1).
        guard case .missing(let e)? = value(plan.root, "elective") else { return XCTFail("elective should be missing") }
        XCTAssertEqual(e.path, "elective")
        XCTAssertEqual(e.location, .text(line: 1, column: 1))
    }

    func testFieldOfAListElementPointsAtTheElement() throws {
        let plan = try load(nested)
        // independent_sector[0] has no lsoa: the place is the element's `- ` line (its first key).
        guard case .missing(let o)? = value(plan.root, "independent_sector[0].lsoa") else { return XCTFail("lsoa should be missing") }
        XCTAssertEqual(o.path, "independent_sector[0].lsoa")
        XCTAssertEqual(o.location, .text(line: 14, column: 5))
    }

    func testBlankValuesAreAbsentOrUnfilled() throws {
        let plan = try load("""
        format: srg-plan/1
        srg:
          name: "   "
          area_team:
          publication_url: ~
          members: []

        """)
        XCTAssertEqual(plan.findings.map(\.rule), [])
        XCTAssertEqual(value(plan.root, "srg.name")?.isFilled, false, "whitespace-only text counts as missing")
        XCTAssertEqual(value(plan.root, "srg.members")?.isFilled, false, "an empty list counts as missing")
        guard case .missing(let o)? = value(plan.root, "srg.area_team") else { return XCTFail("an empty value is absent") }
        XCTAssertEqual(o.location, .text(line: 2, column: 1), "an absent value of a key points at its parent key")
        guard case .missing? = value(plan.root, "srg.publication_url") else { return XCTFail("~ is absent") }
    }

    // MARK: Scalars

    func testScalarWhereAListOfTextBelongsIsAOneItemList() throws {
        let plan = try load("""
        format: srg-plan/1
        non_elective:
          minimum:
            - requirement: NE01
              kpis: Daily bed forecast accuracy

        """)
        XCTAssertEqual(plan.findings.map(\.rule), [])
        guard case .list(let items, let o)? = value(plan.root, "non_elective.minimum[NE01].kpis") else {
            return XCTFail("kpis should be a list")
        }
        XCTAssertEqual(o?.path, "non_elective.minimum[NE01].kpis")
        XCTAssertEqual(items.count, 1)
        XCTAssertEqual(text(items.first), "Daily bed forecast accuracy")
        XCTAssertEqual(items.first?.origin?.path, "non_elective.minimum[NE01].kpis[0]")
        XCTAssertEqual(items.first?.origin?.location, .text(line: 5, column: 13))
    }

    func testTypedScalarsAreParsed() throws {
        let plan = try load("""
        format: srg-plan/1
        srg:
          submitted: Q2 2014/15
        non_elective:
          funding: {resilience: "£1.2m", marginal_tariff: 691000, other: "(£70,000)", total: 75000.50}
          costings:
            - scheme: NE01
              wte: {nurse: 0.2, doctor: -1}

        """)
        XCTAssertEqual(plan.findings.map(\.rule), [])
        guard case .date(let d, _)? = value(plan.root, "srg.submitted") else { return XCTFail("submitted should be a date") }
        XCTAssertEqual(d, Day(year: 2014, month: 9, day: 30))
        let pence: [String: Int64] = ["resilience": 120_000_000, "marginal_tariff": 69_100_000, "other": -7_000_000, "total": 7_500_050]
        for (field, expected) in pence {
            guard case .money(let m, _)? = value(plan.root, "non_elective.funding.\(field)") else { return XCTFail("\(field) should be money") }
            XCTAssertEqual(m.pence, expected, field)
        }
        guard case .number(let n, _)? = value(plan.root, "non_elective.costings[NE01].wte.nurse") else { return XCTFail("nurse should be a number") }
        XCTAssertEqual(n, 0.2)
        guard case .number(let doctors, _)? = value(plan.root, "non_elective.costings[NE01].wte.doctor") else { return XCTFail("doctor should be a number") }
        XCTAssertEqual(doctors, -1)
    }

    // MARK: Format findings

    let defective = """
    format: srg-plan/1
    srg:
      name: Test SRG
      cohort: high risk
      submitted: next spring
      members: {name: x}
      chair:
        organisation_type: ccg
    non_elective:
      funding:
        total: lots
      narrative:
        - first line
      minimum:
        - requirement: NE01
          summary: first
          summary: second
          target: 20% fewer by March 2015
          lead:
            email: alice.nhs.net
      costings:
        - scheme: NE01
          beds: several
          wte: {nurse: 1.5, doctor: lots}
    governance:
      terms_of_refrence: Agreed in May
    colour: blue

    """

    func testFormatFindingsAreAtTheValueWithTheSubjectPath() throws {
        let plan = try load(defective)
        XCTAssertEqual(summary(plan.findings), [
            "FORMAT-CHOICE srg.cohort 4:11",
            "FORMAT-DATE srg.submitted 5:14",
            "FORMAT-TYPE srg.members 6:12",
            "FORMAT-MONEY non_elective.funding.total 11:12",
            "FORMAT-TYPE non_elective.narrative 13:5",
            "FORMAT-DUPLICATE-KEY non_elective.minimum[NE01].summary 17:7",
            "FORMAT-UNKNOWN-KEY non_elective.minimum[NE01].target 18:7",
            "FORMAT-EMAIL non_elective.minimum[NE01].lead.email 20:16",
            "FORMAT-COUNT non_elective.costings[NE01].beds 23:13",
            "FORMAT-COUNT non_elective.costings[NE01].wte.doctor 24:33",
            "FORMAT-UNKNOWN-KEY governance.terms_of_refrence 26:3",
            "FORMAT-UNKNOWN-KEY colour 27:1",
        ])
        for f in plan.findings {
            XCTAssertEqual(f.category, .format, f.rule)
            XCTAssertEqual(f.file, "plan.yaml")
            XCTAssertEqual(f.severity, f.rule == "FORMAT-UNKNOWN-KEY" ? .warning : .error, f.rule)
            XCTAssertTrue(f.citation.hasPrefix("Plan format srg-plan/1"), f.citation)
        }
    }

    func testFormatFindingMessagesNameTheValueAndTheFix() throws {
        let bySubject = Dictionary(grouping: try load(defective).findings, by: \.subject).mapValues { $0.map(\.message) }
        XCTAssertEqual(bySubject["srg.cohort"], ["The SRG cohort, 'high risk', is not one of: high-risk, all-others, earned-autonomy; did you mean 'high-risk'?"])
        XCTAssertEqual(bySubject["non_elective.minimum[NE01].target"], ["Unknown key 'target' in NE01 (minimum requirement scheme); did you mean 'targets'?"])
        XCTAssertEqual(bySubject["governance.terms_of_refrence"], ["Unknown key 'terms_of_refrence' in the governance; did you mean 'terms_of_reference'?"])
        XCTAssertEqual(bySubject["colour"], ["Unknown key 'colour' at the top of the plan; its value is ignored"])
        XCTAssertEqual(bySubject["non_elective.funding.total"], ["The non-elective funding total, 'lots', is not an amount of money; write pounds, such as 75000 or \"£75,000\""])
        XCTAssertEqual(bySubject["srg.submitted"], ["The SRG submission date, 'next spring', is not a date; write it as 2014-09-30, 2014-09, September 2014, Q2 2014/15 or 2014/15"])
        XCTAssertEqual(bySubject["non_elective.minimum[NE01].lead.email"], ["The lead email of NE01, 'alice.nhs.net', is not an email address; write one address, such as jane.smith@nhs.net"])
        XCTAssertEqual(bySubject["non_elective.costings[NE01].beds"], ["The beds of the costings for NE01, 'several', is not a number; write a number such as 3 or 0.5 (negative for a decrease)"])
        XCTAssertEqual(bySubject["non_elective.narrative"], ["The non-elective narrative should be text, but is a list"])
        XCTAssertEqual(bySubject["srg.members"], ["The SRG members should be a list of mappings (member), but is a mapping of keys to values"])
        XCTAssertEqual(bySubject["non_elective.minimum[NE01].summary"], ["'summary' appears twice in NE01; the first one is used, so delete or merge the other"])
    }

    func testValuesWithFormatFindingsAreInvalidNotDropped() throws {
        let plan = try load(defective)
        guard case .invalid(let o)? = value(plan.root, "non_elective.funding.total") else { return XCTFail("total should be invalid") }
        XCTAssertEqual(o.path, "non_elective.funding.total")
        XCTAssertEqual(value(plan.root, "non_elective.funding.total")?.isFilled, true, "an unreadable value is present")
        XCTAssertEqual(text(value(plan.root, "non_elective.minimum[NE01].summary")), "first", "the first of a duplicated key is used")
        guard case .missing? = value(plan.root, "non_elective.minimum[NE01].targets") else { return XCTFail("a misspelt key does not fill the field") }
    }

    func testMissingFormatLineIsAWarningAndTheOtherFormatIsRefused() throws {
        let plan = try load("srg:\n  name: Test SRG\n")
        XCTAssertEqual(summary(plan.findings), ["FORMAT-VERSION format 1:1"])
        XCTAssertEqual(plan.findings.first?.severity, .warning)
        XCTAssertEqual(plan.findings.first?.message, "The plan has no 'format: srg-plan/1' line; it was read as srg-plan/1")
        XCTAssertEqual(text(value(plan.root, "srg.name")), "Test SRG", "the plan is still read")

        let e = loadError("srg:\n  name: X\nformat: srg-plan/2\n", file: "future.yaml")
        XCTAssertEqual(e?.line, 3)
        XCTAssertEqual(e?.column, 9)
        XCTAssertEqual(e?.description, "future.yaml:3:9: format 'srg-plan/2' is not one this planlint reads; it reads 'srg-plan/1'")
    }

    // MARK: Load errors

    func testEmptyAndCommentOnlyFilesAreLoadErrors() {
        XCTAssertEqual(loadError("", file: "empty.yaml")?.description,
                       "empty.yaml: the file is empty; a plan starts with 'format: srg-plan/1'")
        XCTAssertEqual(loadError("# just a comment\n\n", file: "c.yaml")?.description,
                       "c.yaml: the file holds no YAML document (only comments or blank lines)")
    }

    func testTopLevelListOrScalarIsALoadErrorAtItsStart() {
        let list = loadError("# a list\n- format: srg-plan/1\n- srg: {}\n", file: "list.yaml")
        XCTAssertEqual(list?.line, 2)
        XCTAssertEqual(list?.column, 1)
        XCTAssertEqual(list?.description,
                       "list.yaml:2:1: the top level is a list, not a mapping; a plan is a mapping that starts with 'format: srg-plan/1'")
        XCTAssertEqual(loadError("just words\n")?.message,
                       "the top level is a single value, not a mapping; a plan is a mapping that starts with 'format: srg-plan/1'")
    }

    func testBinaryAndNonYAMLAreLoadErrorsWithAClearMessage() {
        let binary = loadError([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0x10], file: "plan.xlsx")
        XCTAssertEqual(binary?.description, "plan.xlsx: not a text file: binary data at byte 5")

        let quote = loadError("format: srg-plan/1\nsrg:\n  name: \"Unclosed\n", file: "q.yaml")
        XCTAssertEqual(quote?.file, "q.yaml")
        XCTAssertNotNil(quote?.line)
        XCTAssertTrue(quote?.message.contains("is a closing quote missing?") ?? false, quote?.message ?? "")

        let utf16 = loadError([0xFF, 0xFE, 0x66, 0x00], file: "u.yaml")
        XCTAssertEqual(utf16?.message, "not UTF-8 text: the file is UTF-16; save it as UTF-8")
    }

    func testUnreadablePathsAreLoadErrors() throws {
        XCTAssertThrowsError(try PlanLoader.load(path: "/nonexistent/plan.yaml")) { error in
            XCTAssertEqual((error as? PlanLoadError)?.description, "/nonexistent/plan.yaml: no such file")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planloader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try PlanLoader.load(path: dir.path)) { error in
            XCTAssertEqual((error as? PlanLoadError)?.message, "is a folder, not a plan file")
        }
    }

    // MARK: JSON

    func testJSONPlansLoadWithLocations() throws {
        let plan = try load("""
        {
          "format": "srg-plan/1",
          "srg": {"name": "Json SRG", "cohort": "high-risk"},
          "non_elective": {
            "minimum": [
              {"requirement": "NE07", "cost": "£1.2m", "kpis": "One KPI", "timeframe": "2014-09"}
            ],
            "funding": {"total": 75000}
          }
        }

        """, file: "plan.json")
        XCTAssertEqual(plan.findings.map(\.rule), [])
        guard case .money(let cost, let o)? = value(plan.root, "non_elective.minimum[NE07].cost") else { return XCTFail("cost should be money") }
        XCTAssertEqual(cost.pence, 120_000_000)
        XCTAssertEqual(o?.path, "non_elective.minimum[NE07].cost")
        XCTAssertEqual(o?.location, .text(line: 6, column: 39))
        guard case .list(let kpis, _)? = value(plan.root, "non_elective.minimum[NE07].kpis") else { return XCTFail("kpis should be a list") }
        XCTAssertEqual(kpis.count, 1)
        guard case .date(let d, _)? = value(plan.root, "non_elective.minimum[NE07].timeframe") else { return XCTFail("timeframe should be a date") }
        XCTAssertEqual(d, Day(year: 2014, month: 9, day: 30))
        guard case .money(let total, _)? = value(plan.root, "non_elective.funding.total") else { return XCTFail("total should be money") }
        XCTAssertEqual(total.pence, 7_500_000)
        XCTAssertEqual(text(value(plan.root, "srg.cohort")), "high-risk")
    }

    func testJSONFormatErrorsAreFindings() throws {
        let plan = try load("{\"format\": \"srg-plan/1\", \"srg\": {\"cohort\": \"risky\", \"members\": \"everyone\"}}", file: "p.json")
        XCTAssertEqual(summary(plan.findings), ["FORMAT-CHOICE srg.cohort 1:44", "FORMAT-TYPE srg.members 1:64"])
    }

    // MARK: Samples

    func testTheCompleteSampleLoadsWithoutFindings() throws {
        let path = packageRoot.appendingPathComponent("Samples/complete/northmoor.yaml").path
        let plan = try PlanLoader.load(path: path)
        XCTAssertEqual(plan.findings.map(\.message), [])
        XCTAssertEqual(plan.file, path)
        XCTAssertEqual(text(value(plan.root, "srg.cohort")), "all-others")
    }

    func testTheMinimalSampleLoadsWithoutFindings() throws {
        let plan = try PlanLoader.load(path: packageRoot.appendingPathComponent("Samples/minimal.yaml").path)
        XCTAssertEqual(plan.findings.map(\.message), [], "drafts are partial: nothing is required at load time")
    }
}
