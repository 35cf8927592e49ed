import XCTest
import PlanModel
import RulesDSL

final class ParserTests: XCTestCase {
    private func tree(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        sexpr(DSL.expect(expression, file: file, line: line))
    }

    // MARK: precedence

    func testBooleanOperatorsBindLooserThanComparisonsAndArithmetic() {
        XCTAssertEqual(tree("a or b and not c == d + e * f"), "(or a (and b (not (== c (+ d (* e f))))))")
        XCTAssertEqual(tree("a and b or c and d"), "(or (and a b) (and c d))")
        XCTAssertEqual(tree("(a or b) and c"), "(and (or a b) c)")
    }

    func testArithmeticIsLeftAssociativeWithUnaryMinusTightest() {
        XCTAssertEqual(tree("a - b - c"), "(- (- a b) c)")
        XCTAssertEqual(tree("a / b * c"), "(* (/ a b) c)")
        XCTAssertEqual(tree("-a * 2 + 1"), "(+ (* (- a) 2) 1)")
        XCTAssertEqual(tree("x.amount >= £80k - £1,000"), "(>= x.amount (- £80k £1,000))")
    }

    func testPostfixFieldsIndexesAndCalls() {
        XCTAssertEqual(tree("plan.srg.members[0].name exists"), "(filled plan.srg.members[0].name)")
        XCTAssertEqual(tree("plan.non_elective.minimum[req.id].lead.email is missing"),
                       "(missing plan.non_elective.minimum[req.id].lead.email)")
        XCTAssertEqual(tree("days(a.from, a.to) > 30"), "(> days(a.from, a.to) 30)")
        XCTAssertEqual(tree("count([]) == 0"), "(== count([]) 0)")
    }

    func testPredicatesAndMembership() {
        XCTAssertEqual(tree("x is not missing"), "(filled x)")
        XCTAssertEqual(tree("x is filled"), "(filled x)")
        XCTAssertEqual(tree("x is not filled"), "(missing x)")
        XCTAssertEqual(tree("not x exists"), "(not (filled x))")
        XCTAssertEqual(tree("x not in [\"a\", \"b\"]"), "(not (in x [\"a\", \"b\"]))")
        XCTAssertEqual(tree("s.title matches \"^[A-Z]\" and s.kpis contains \"x\""),
                       "(and (matches s.title \"^[A-Z]\") (contains s.kpis \"x\"))")
    }

    // MARK: generators, quantifiers, conditionals

    func testCountOfAFilteredGenerator() {
        XCTAssertEqual(tree("count(x in L where x.a > 1) == 0"), "(== count([x for x in L where (> x.a 1)]) 0)")
        XCTAssertEqual(tree("sum(c.amount for c in L where c.amount > £0)"), "sum([c.amount for c in L where (> c.amount £0)])")
        XCTAssertEqual(tree("sum(c.amount for c in L)"), "sum([c.amount for c in L])")
    }

    func testListComprehensionIsAGeneratorNotAOneItemList() {
        XCTAssertEqual(tree("[key(r) for r in catalogue.requirements where r.care == \"elective\"] exists"),
                       "(filled [key(r) for r in catalogue.requirements where (== r.care \"elective\")])")
        XCTAssertEqual(tree("[a, b.c, 3]"), "[a, b.c, 3]")
        XCTAssertEqual(tree("x in [a]"), "(in x [a])", "without 'where', 'x in L' stays a membership test")
    }

    func testQuantifiers() {
        XCTAssertEqual(tree("all x in L: x.a > 0"), "(all x in L: (> x.a 0))")
        XCTAssertEqual(tree("any k in s.kpis where k exists: k matches \"%\""),
                       "(any k in s.kpis where (filled k): (matches k \"%\"))")
        XCTAssertEqual(tree("no r in side.minimum + side.local: r.cost < £0"),
                       "(no r in (+ side.minimum side.local): (< r.cost £0))")
        XCTAssertEqual(tree("a and all x in L: x or y"), "(and a (all x in L: (or x y)))",
                       "a quantifier's body runs to the end of the expression")
    }

    func testConditionals() {
        XCTAssertEqual(tree("(if a then b else c) == d"), "(== (if a then b else c) d)")
        XCTAssertEqual(tree("if a then b else if c then d else e"), "(if a then b else (if c then d else e))")
        XCTAssertEqual(tree("if x.care == \"elective\" then plan.elective else plan.non_elective"),
                       "(if (== x.care \"elective\") then plan.elective else plan.non_elective)")
    }

    func testExpressionContinuesOnTheNextLineUntilAClause() {
        let source = """
        rule T
          expect   a and
                   b
                   or c
          subject  s

        """
        let (file, diagnostics) = Parser.parse(file: "t.rules", source: source)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(sexpr(file.rules.first?.expect), "(or (and a b) c)")
        XCTAssertEqual(sexpr(file.rules.first?.subject), "s")
    }

    // MARK: declarations

    func testRuleDeclarationClauses() {
        let source = """
        # leading comment
        rule NE-MIN-PRESENT
          title    "Every row"
          severity warning
          category missing-item
          cite     "Annex A"
          cohort   high-risk, earned-autonomy
          for each s in plan.non_elective.minimum where s.requirement exists
          let c = s.cost
          when     c exists
          expect   c > 0
          subject  s.cost
          message  "Cost of {key(s)} is {c}"
          passes \"\"\"
            non_elective: {}
            \"\"\"
          fails at "non_elective.minimum[NE01].cost", "srg" \"\"\"
            srg: {}
            \"\"\"

        profile draft
          title    "Drafts"
          severity NE-MIN-PRESENT info
          disable  FORMAT-VERSION

        """
        let (file, diagnostics) = Parser.parse(file: "t.rules", source: source)
        XCTAssertEqual(diagnostics, [])
        guard let r = file.rules.first else { return XCTFail("no rule parsed") }
        XCTAssertEqual(r.id, "NE-MIN-PRESENT")
        XCTAssertEqual(r.idRange, SourceRange(file: "t.rules", line: 2, column: 6, length: 14))
        XCTAssertEqual(r.title, "Every row")
        XCTAssertEqual(r.severity, .warning)
        XCTAssertEqual(r.category, .missingItem)
        XCTAssertEqual(r.citation, "Annex A")
        XCTAssertEqual(r.cohorts, ["high-risk", "earned-autonomy"])
        XCTAssertEqual(r.bindings.count, 3)
        if case .forEach(let name, _, let list, let filter) = r.bindings[0] {
            XCTAssertEqual(name, "s")
            XCTAssertEqual(sexpr(list), "plan.non_elective.minimum")
            XCTAssertEqual(sexpr(filter), "(filled s.requirement)")
        } else { XCTFail("first binding should be for each") }
        if case .letBinding(let name, _, let value) = r.bindings[1] {
            XCTAssertEqual(name, "c"); XCTAssertEqual(sexpr(value), "s.cost")
        } else { XCTFail("second binding should be let") }
        if case .when(let cond) = r.bindings[2] { XCTAssertEqual(sexpr(cond), "(filled c)") } else { XCTFail("third binding should be when") }
        XCTAssertEqual(sexpr(r.expect), "(> c 0)")
        XCTAssertEqual(sexpr(r.subject), "s.cost")
        XCTAssertEqual(r.message?.raw, "Cost of {key(s)} is {c}")
        XCTAssertEqual(r.message?.parts.count, 4)
        XCTAssertEqual(r.examples.map(\.expectation), [.passes, .fails(subjects: ["non_elective.minimum[NE01].cost", "srg"])])
        XCTAssertEqual(r.examples.map(\.yaml), ["non_elective: {}\n", "srg: {}\n"])
        XCTAssertEqual(r.examples.map(\.line), [15, 18])

        guard let p = file.profiles.first else { return XCTFail("no profile parsed") }
        XCTAssertEqual(p.name, "draft")
        XCTAssertEqual(p.title, "Drafts")
        XCTAssertEqual(p.overrides.map { "\($0.rule)=\($0.severity)" }, ["NE-MIN-PRESENT=info"])
        XCTAssertEqual(p.disabled.map(\.rule), ["FORMAT-VERSION"])
        XCTAssertEqual(file.comments.map(\.text), ["# leading comment"])
    }

    func testMessageTemplatesSplitIntoLiteralsAndHoles() {
        let (file, diagnostics) = Parser.parse(file: "t.rules", source: "rule T\n  message \"a \\{literal\\} {x.y} and {count(z)}!\"\n")
        XCTAssertEqual(diagnostics, [])
        let parts = file.rules.first?.message?.parts.map { part -> String in
            switch part {
            case .literal(let s): return "lit:" + s
            case .hole(let e, let text): return "hole:" + sexpr(e) + "|" + text
            }
        }
        XCTAssertEqual(parts, ["lit:a {literal} ", "hole:x.y|x.y", "lit: and ", "hole:count(z)|count(z)", "lit:!"])
    }

    func testBracesAreLiteralInOrdinaryStrings() {
        XCTAssertEqual(tree("x matches \"^E\\{1\\}[0-9]{8}$\""), "(matches x \"^E{1}[0-9]{8}$\")")
    }

    // MARK: errors and recovery

    func testExpressionErrors() {
        XCTAssertEqual(DSL.expectDiagnostics("if a then b").map(\.message),
                       ["expected 'else': an 'if' expression needs both branches"])
        XCTAssertEqual(DSL.expectDiagnostics("all x in L x").map(\.message),
                       ["expected ':' before the condition of 'all x in …'"])
        XCTAssertEqual(DSL.expectDiagnostics("x is empty").map(\.message), ["expected 'missing' or 'filled' after 'is'"])
        XCTAssertEqual(DSL.expectDiagnostics("f(a b)").map(\.message),
                       ["expected ',' or ')' to close the '(' at expr.rules:2:11, found 'b'"])
        XCTAssertEqual(DSL.expectDiagnostics("a.").map(\.message), ["expected a field name after '.', found the end of the file"])
        XCTAssertEqual(DSL.expectDiagnostics("a and").map(\.message), ["expected a value, found the end of the file"])
        XCTAssertEqual(DSL.expectDiagnostics("a b").map(\.message), ["unexpected 'b' after the 'expect' clause"])
    }

    func testTopLevelJunkSuggestsRule() {
        let (file, diagnostics) = Parser.parse(file: "t.rules", source: "rul X\n\nrule Y\n  title \"t\"\n")
        XCTAssertEqual(diagnostics.map(\.message), ["expected 'rule' or 'profile' here, found 'rul'; did you mean 'rule'?"])
        XCTAssertEqual(file.rules.map(\.id), ["Y"])
    }

    func testEverySyntaxErrorInAFileIsReportedAndLaterRulesStillParse() {
        let source = """
        rule A
          expect   (a
          subject  s
          message  m
        rule B
          for each x plan.srg.members
          let y s
          expect   x exists
        rule C
          expect   ok

        """
        let (file, diagnostics) = Parser.parse(file: "t.rules", source: source)
        XCTAssertEqual(diagnostics.map { "\($0.line):\($0.column) \($0.message)" }, [
            "3:3 expected ')' to close the '(' at t.rules:2:12",
            "4:12 'message' takes text in double quotes, found 'm'",
            "6:14 expected 'in' after 'for each x'",
            "7:9 expected '=' after 'let y'",
        ])
        XCTAssertEqual(file.rules.map(\.id), ["A", "B", "C"])
        XCTAssertEqual(sexpr(file.rules[2].expect), "ok")
    }
}
