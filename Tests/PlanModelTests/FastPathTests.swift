import XCTest
@testable import PlanModel

/// The loader's fast paths give exactly what the general code gives: the flat document against
/// `YAMLNode` trees, the byte-hashed field index against the dictionary, and the scalar shortcuts.
final class FastPathTests: XCTestCase {
    // MARK: The flat document

    func testDocumentAndTreeAgree() throws {
        let yaml = """
        base: &b {x: 1, y: [a, b]}
        one: *b
        two: !replace 'quoted'
        three: |
          literal
        four: ~
        five: {<<: *b, y: c}
        """
        let tree = try XCTUnwrap(YAMLComposer.compose(Array(yaml.utf8)))
        let doc = try XCTUnwrap(YAMLComposer.document(Array(yaml.utf8)))
        XCTAssertEqual(render(doc.tree()), render(tree))
        XCTAssertEqual(render(YAMLDocument(tree).tree()), render(tree))
        // An alias is the anchored node itself, in the tree made from the document too.
        guard case .mapping(let pairs) = doc.tree().content else { return XCTFail("not a mapping") }
        XCTAssertTrue(pairs[0].value === pairs[1].value)
        XCTAssertEqual(pairs[1].value.expandedSize, 7)   // the mapping, x, 1, y, the list, a, b
    }

    func testDocumentKeepsWorkbookCells() {
        let cell = CellPlace(sheet: "Annex C", cell: "B7")
        let node = YAMLNode(content: .mapping([(key: YAMLNode(content: .scalar("name", .plain), cell: cell),
                                                value: YAMLNode(content: .scalar("", .plain), cell: cell))]), cell: cell)
        let doc = YAMLDocument(node)
        let value = doc.pairs(doc.root)[0].value
        XCTAssertTrue(doc.isNull(value))
        XCTAssertTrue(doc.isCell(value))
        XCTAssertEqual(doc.location(value), .cell(sheet: "Annex C", cell: "B7"))
        XCTAssertEqual(doc.tree().cell?.cell, "B7")
    }

    func testBindingATreeAndLoadingTextAgree() throws {
        let yaml = """
        format: srg-plan/1
        srg:
          name: Test SRG
          cohort: high-risky
          submitted: '2014-07-28'
          lead_ccg: {<<: {name: NHS Test CCG}, code: 99X}
          nickname: x
        non_elective:
          minimum:
            - requirement: NE01
              cost: 40000
              timeframe: next spring
        """
        let loaded = try PlanLoader.load(bytes: Array(yaml.utf8), file: "t.yaml")
        let bound = PlanLoader.bind(root: try XCTUnwrap(YAMLComposer.compose(Array(yaml.utf8))), file: "t.yaml")
        XCTAssertEqual(loaded.findings, bound.findings)
        XCTAssertEqual(loaded.findings.map(\.rule).sorted(), ["FORMAT-CHOICE", "FORMAT-DATE", "FORMAT-UNKNOWN-KEY"])
    }

    // MARK: Field names

    func testFieldIndexAgreesWithTheDictionaryForAnyName() {
        let names = ["name", "email", "job_title", "organisation", "code", "type", "summary", "kpis", "a", "name"]
        let schema = RecordSchema("test", names.map { FieldSpec($0, .text) })
        for probe in names + ["", "nam", "names", "Name", "job title", "é", "x"] {
            XCTAssertEqual(schema.index(of: probe), names.firstIndex(of: probe), probe)
            XCTAssertEqual(schema.index(of: probe, guess: 3), names.firstIndex(of: probe), probe)
        }
        // Names that are equal as Strings but not as bytes are left to the dictionary.
        let odd = RecordSchema("odd", [FieldSpec("K", .text), FieldSpec("é", .text)])
        XCTAssertEqual(odd.index(of: "\u{212A}"), 0)   // KELVIN SIGN is canonically "K"
        XCTAssertEqual(odd.index(of: "e\u{301}"), 1)
    }

    // MARK: Scalars

    func testScalarShortcutsMatchTheGeneralParsers() {
        XCTAssertEqual(ScalarParsers.date("2014-09-30"), Day(year: 2014, month: 9, day: 30))
        XCTAssertNil(ScalarParsers.date("2014-02-30"))
        XCTAssertEqual(ScalarParsers.date("2014-9-30"), Day(year: 2014, month: 9, day: 30))   // the general path
        XCTAssertEqual(ScalarParsers.count("+0.5"), 0.5)
        XCTAssertEqual(ScalarParsers.count("-0")?.sign, .minus)
        XCTAssertNil(ScalarParsers.count("3."))
        XCTAssertEqual(ScalarParsers.count("1,200"), 1200)
        XCTAssertEqual(ScalarParsers.wholePounds("040000"), Money(pence: 4_000_000))
        XCTAssertEqual(ScalarParsers.wholePounds("999999999999"), ScalarParsers.number("999999999999").flatMap(Money.init(pounds:)))
        XCTAssertNil(ScalarParsers.wholePounds("1000000000000"))
        XCTAssertNil(ScalarParsers.wholePounds("-5"))
        XCTAssertTrue(ScalarParsers.isEmail("jane.doe@nhs.net"))
        XCTAssertFalse(ScalarParsers.isEmail("jane@doe@nhs.net"))
        XCTAssertFalse(ScalarParsers.isEmail("jane..doe@nhs.net"))
        XCTAssertFalse(ScalarParsers.isEmail("jane@nhs.n3t"))
    }

    func testTrimmingShortcutsAgreeWithCharacterTrimming() {
        for s in ["NE01", " NE01", "NE01\t", "\u{0B}x", "x\u{0C}", "\u{00A0}x", "a\u{301}", "", " ", "\r\n"] {
            let expected: String = {
                guard let first = s.firstIndex(where: { !$0.isWhitespace }) else { return "" }
                return String(s[first...s.lastIndex(where: { !$0.isWhitespace })!])
            }()
            XCTAssertEqual(s.trimmingWhitespace, expected, s.debugDescription)
        }
    }

    func testOriginPathJoinsSteps() {
        let root = Origin(path: "", location: .text(line: 1, column: 1))
        let list = Origin(parent: Origin(parent: root, step: "non_elective", location: .text(line: 2, column: 1)),
                          step: "minimum", location: .text(line: 3, column: 1))
        let item = Origin(parent: list, step: "[NE07]", location: .text(line: 4, column: 1))
        XCTAssertEqual(Origin(parent: item, step: "lead", location: .text(line: 5, column: 1)).path, "non_elective.minimum[NE07].lead")
        XCTAssertEqual(Origin(parent: root, step: "[0]", location: .text(line: 1, column: 1)).path, "[0]")
    }

    /// A tree as text, for comparing trees (positions, tags and sizes included).
    private func render(_ n: YAMLNode) -> String {
        let head = "\(n.line):\(n.column)\(n.tag.map { " " + $0 } ?? "") #\(n.expandedSize) "
        switch n.content {
        case .scalar(let s, let style): return head + "\(style) \(s.debugDescription)"
        case .sequence(let items): return head + "[" + items.map(render).joined(separator: ", ") + "]"
        case .mapping(let pairs): return head + "{" + pairs.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
