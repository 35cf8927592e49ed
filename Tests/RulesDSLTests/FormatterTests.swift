import Foundation
import XCTest
import TestSupport
import PlanModel
import RulesDSL

/// The canonical formatter: golden layouts, expression printing, comments, and the bundled rules.
final class FormatterTests: XCTestCase {
    // MARK: helpers

    /// Formats `source`, failing the test on syntax errors.
    private func fmt(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        switch RuleFormatter.format(source: source, file: "t.rules") {
        case .success(let text): return text
        case .failure(let errors):
            XCTFail("syntax errors: \(errors.diagnostics.map(\.message))", file: file, line: line)
            return ""
        }
    }

    /// The canonical text of `expression` written as a rule's `expect` clause.
    private func expr(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let out = fmt("rule T\n  expect \(expression)\n", file: file, line: line)
        let prefix = "rule T\n  expect   "
        guard out.hasPrefix(prefix), out.hasSuffix("\n") else {
            XCTFail("unexpected layout: \(out)", file: file, line: line)
            return out
        }
        return String(out.dropFirst(prefix.count).dropLast())
    }

    /// Asserts that `input` formats to `expected`, that `expected` is a fixed point, and that the
    /// two parse to the same tree.
    private func assertFormats(_ input: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let out = fmt(input, file: file, line: line)
        XCTAssertEqual(out, expected, file: file, line: line)
        XCTAssertEqual(fmt(out, file: file, line: line), out, "not idempotent", file: file, line: line)
        XCTAssertEqual(formatterDump(Parser.parse(file: "t.rules", source: out).0),
                       formatterDump(Parser.parse(file: "t.rules", source: input).0), "meaning changed", file: file, line: line)
    }

    /// Asserts that `expression` prints as `expected` and that the printed form parses to the same tree.
    private func assertExpr(_ expression: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let out = expr(expression, file: file, line: line)
        XCTAssertEqual(out, expected, file: file, line: line)
        XCTAssertEqual(expr(out, file: file, line: line), out, "not idempotent", file: file, line: line)
        let before = Parser.parse(file: "t.rules", source: "rule T\n  expect \(expression)\n").0.rules.first?.expect
        let after = Parser.parse(file: "t.rules", source: "rule T\n  expect \(out)\n").0.rules.first?.expect
        XCTAssertEqual(after.map(formatterDump), before.map(formatterDump), "meaning changed", file: file, line: line)
    }

    /// The bundled rules folder, found from this file's path.
    private var rulesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules")
    }

    private func bundledRuleFiles() throws -> [(name: String, source: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: rulesFolder.path)
            .filter { $0.hasSuffix(".rules") }.sorted()
        XCTAssertFalse(names.isEmpty, "no .rules files in \(rulesFolder.path)")
        return try names.map { ($0, try String(contentsOf: rulesFolder.appendingPathComponent($0), encoding: .utf8)) }
    }

    // MARK: layout

    func testMessyRuleBecomesCanonical() {
        let input = """
        # Header comment of the file.

        # Leading comment of the rule.
        rule   NE-X   # trailing on the header
              message "Row {s.id} is \\"odd\\"; \\{braces\\} stay"
          expect s.a>1 and(s.b<2)   # why we expect this
        subject s
         severity   error
          title "T"
        # about the loop
        for each s in plan.non_elective.minimum where s.a exists
         category incomplete
          let  total=sum([x.cost for x in s.items])
          when total>0
          cite "C \\\\ p.3"
          cohort high-risk,earned-autonomy
          passes \"\"\"
              non_elective:

                minimum: []
              \"\"\"
          fails at "a.b","c" \"\"\"
          x: 1
          \"\"\"   # after the example
        profile  draft
          severity NE-X   info
          disable NE-Y
          title "Draft"
        # the end
        """
        let expected = """
        # Header comment of the file.

        # Leading comment of the rule.
        rule NE-X # trailing on the header
          title    "T"
          severity error
          category incomplete
          cite     "C \\\\ p.3"
          cohort   high-risk, earned-autonomy
          # about the loop
          for each s in plan.non_elective.minimum
          where    s.a exists
          let total = sum([x.cost for x in s.items])
          when     total > 0
          expect   s.a > 1 and s.b < 2 # why we expect this
          subject  s
          message  "Row {s.id} is \\"odd\\"; \\{braces\\} stay"
          passes \"\"\"
            non_elective:

              minimum: []
            \"\"\"
          fails at "a.b", "c" \"\"\"
            x: 1
            \"\"\" # after the example

        profile draft
          title    "Draft"
          severity NE-X info
          disable  NE-Y

        # the end

        """
        assertFormats(input, expected)
    }

    func testBlankLinesBetweenItemsAndAtTheEnd() {
        let input = "\n\nrule A\n  expect x\n\n\n\nrule B\n  expect y\n\n\n"
        assertFormats(input, "rule A\n  expect   x\n\nrule B\n  expect   y\n")
        assertFormats("", "")
        assertFormats("# only a comment", "# only a comment\n")
    }

    func testCommentsStayWithTheClauseThatFollowsThem() {
        let input = """
        rule R
          # about subject, written first
          subject s
          # about expect
          expect a
          # a commented-out clause, then a comment about the next rule
        rule S
          expect b
        """
        let expected = """
        rule R
          # about expect
          expect   a
          # about subject, written first
          subject  s

        # a commented-out clause, then a comment about the next rule
        rule S
          expect   b

        """
        assertFormats(input, expected)
    }

    func testCommentsInsideAClauseThatSpansLines() {
        // The first trailing comment stays at the end of the (now single) clause line; a second one, and a
        // full-line comment inside the clause, go above it.
        let input = """
        rule R
          expect a and  # first part
                 # middle
                 b or   # second part
                 c
          subject s
        """
        let expected = """
        rule R
          # middle
          # second part
          expect   (a and b) or c # first part
          subject  s

        """
        assertFormats(input, expected)
    }

    func testWhereOnTheLoopLineAndTrailingCommentOnWhere() {
        let input = """
        rule R
          for each s in L where s.x exists # only filled rows
          for each t in M
            where t.y  # continuation
          expect s.x == t.y
        """
        let expected = """
        rule R
          for each s in L
          where    s.x exists # only filled rows
          for each t in M
          where    t.y # continuation
          expect   s.x == t.y

        """
        assertFormats(input, expected)
    }

    func testExampleBlocksAreReindentedAndKeepTheirText() {
        let input = """
        rule R
          expect a
          passes \"\"\"
        a:
          - b: 1   \n
            c: |
              text
        \"\"\"
          fails at "a" \"\"\"
                \"\"\"
        """
        let expected = """
        rule R
          expect   a
          passes \"\"\"
            a:
              - b: 1

                c: |
                  text
            \"\"\"
          fails at "a" \"\"\"
            \"\"\"

        """
        assertFormats(input, expected)
    }

    func testLetIsPrintedWithSingleSpaces() {
        assertFormats("rule R\n  let side    =  x.y\n  let s=1\n  expect s\n",
                      "rule R\n  let side = x.y\n  let s = 1\n  expect   s\n")
    }

    // MARK: expressions

    func testSpacingAndPostfix() {
        assertExpr("f( a,b )", "f(a, b)")
        assertExpr("a . b [ \"k\" ] . c", "a.b[\"k\"].c")
        assertExpr("[ 1,2 ,3 ]", "[1, 2, 3]")
        assertExpr("[]", "[]")
        assertExpr("f()", "f()")
        assertExpr("a==b", "a == b")
        assertExpr("x matches  \"^a\"", "x matches \"^a\"")
        assertExpr("x contains y", "x contains y")
    }

    func testParenthesesOnlyWherePrecedenceNeedsThem() {
        assertExpr("(a + b) * c", "(a + b) * c")
        assertExpr("a + (b * c)", "a + b * c")
        assertExpr("a - (b - c)", "a - (b - c)")
        assertExpr("a - (b + c)", "a - (b + c)")
        assertExpr("(a - b) - c", "a - b - c")
        assertExpr("a / (b * c)", "a / (b * c)")
        assertExpr("((a))", "a")
        assertExpr("not (a and b)", "not (a and b)")
        assertExpr("(not a) and b", "not a and b")
        assertExpr("not not a", "not not a")
        assertExpr("a or (b and c)", "a or (b and c)")
        assertExpr("(a or b) and c", "(a or b) and c")
        assertExpr("a or (b or c)", "a or (b or c)")
        assertExpr("(a or b) or c", "a or b or c")
        assertExpr("not (a == b)", "not (a == b)")
        assertExpr("(a == b) == c", "(a == b) == c")
        assertExpr("(a in b) in c", "(a in b) in c")
        assertExpr("-(a.b)", "-a.b")
        assertExpr("(-a).b", "(-a).b")
        assertExpr("-(a + b)", "-(a + b)")
        assertExpr("a * -b", "a * -b")
        assertExpr("a - -5", "a - -5")
        assertExpr("- - a", "--a")
        assertExpr("(a + b).c", "(a + b).c")
        assertExpr("(a + b)[0]", "(a + b)[0]")
        assertExpr("(a and b) == c", "(a and b) == c")
        assertExpr("a + (b == c)", "a + (b == c)")
    }

    func testPredicatesAndNotIn() {
        assertExpr("x exists", "x exists")
        assertExpr("x is filled", "x exists")
        assertExpr("x is not missing", "x exists")
        assertExpr("x is missing", "x is missing")
        assertExpr("x is not filled", "x is missing")
        assertExpr("(a + b) exists", "a + b exists")
        assertExpr("(a == b) exists", "(a == b) exists")
        assertExpr("not (x exists)", "not (x exists)")
        assertExpr("x not in L", "x not in L")
        assertExpr("not (x in L)", "x not in L")
        assertExpr("not (x not in L)", "not (x not in L)")
        assertExpr("(x not in L) == false", "(x not in L) == false")
        assertExpr("a not in b + c", "a not in b + c")
    }

    func testQuantifiersAndConditionals() {
        assertExpr("any r in c.refs: r exists", "any r in c.refs: r exists")
        assertExpr("all x in L where x.a>1: x.b", "all x in L where x.a > 1: x.b")
        assertExpr("no x in a + b: x", "no x in a + b: x")
        assertExpr("all x in (a or b): x", "all x in (a or b): x")
        assertExpr("any p in L: any s in p.q: s in g and (g is missing or p == g)",
                   "any p in L: any s in p.q: s in g and (g is missing or p == g)")
        // An operand of a binary operator: always in parentheses.
        assertExpr("wte == 0 or any r in refs: r exists", "wte == 0 or (any r in refs: r exists)")
        assertExpr("(all x in L: x) and y", "(all x in L: x) and y")
        assertExpr("(if a then b else c) + 1", "(if a then b else c) + 1")
        assertExpr("1 + (if a then b else c)", "1 + (if a then b else c)")
        // Under `not` at the end of the expression nothing follows the body: no parentheses.
        assertExpr("n == 1 and not any r in L: r == s", "n == 1 and not any r in L: r == s")
        // ... but when something follows, the body must be closed.
        assertExpr("(not all x in L: p) and q", "not (all x in L: p) and q")
        assertExpr("(a and not all x in L: p) or b", "(a and not all x in L: p) or b")
        assertExpr("(if a then b else c).d", "(if a then b else c).d")
        assertExpr("(any x in L: x) exists", "(any x in L: x) exists")
        assertExpr("if a then b else c", "if a then b else c")
        assertExpr("if a then all x in L: x else c", "if a then all x in L: x else c")
        assertExpr("f(if a then 1 else 2, 3)", "f(if a then 1 else 2, 3)")
        assertExpr("any x in (if a then L else M): x", "any x in (if a then L else M): x")
    }

    func testGenerators() {
        assertExpr("count(x in side.minimum where x.r == s.r)", "count(x in side.minimum where x.r == s.r)")
        assertExpr("count([x in L where x > 1])", "count(x in L where x > 1)")
        assertExpr("sum([s.cost for s in L where s.cost exists])", "sum([s.cost for s in L where s.cost exists])")
        assertExpr("sum(s.cost for s in L)", "sum([s.cost for s in L])")
        assertExpr("sum([w for w in [a, b] where w exists])", "sum(w in [a, b] where w exists)")
        assertExpr("[x for x in L]", "[x for x in L]")
        assertExpr("[x in L where x]", "[x in L where x]")
        assertExpr("[x for x in L where x]", "[x in L where x]")
        assertExpr("join([key(r) for r in c.reqs where r.care == t.care])", "join([key(r) for r in c.reqs where r.care == t.care])")
        assertExpr("[x.a for x in a + b]", "[x.a for x in a + b]")
        assertExpr("[x.a for x in (a == b)]", "[x.a for x in (a == b)]")
        assertExpr("[x for x in (all y in L: y)]", "[x for x in (all y in L: y)]")
        assertExpr("[x in L where x, 2]", "[x in L where x, 2]")
    }

    func testLiterals() {
        assertExpr("12", "12")
        assertExpr("2.0", "2")
        assertExpr("1.50", "1.5")
        assertExpr("0.125", "0.125")
        assertExpr("£80,000", "£80,000")
        assertExpr("£80k + £1.2m", "£80k + £1.2m")
        // The lexer reads `£80,` as one amount, so an amount never sits right before a comma.
        assertExpr("x in [£80 , £90]", "x in [(£80), £90]")
        assertExpr("x >= 2014-09-30", "x >= 2014-09-30")
        assertExpr("true and false", "true and false")
        assertExpr("\"a \\\"q\\\" \\\\ b\"", "\"a \\\"q\\\" \\\\ b\"")
        assertExpr("\"tab\\there\\nnewline\"", "\"tab\\there\\nnewline\"")
        assertExpr("x matches \"^https?://[^\\\\s/]+$\"", "x matches \"^https?://[^\\\\s/]+$\"")
        assertExpr("x matches \"^[0-9]{2}$\"", "x matches \"^[0-9]{2}$\"")
        // A brace escaped where no escape is needed is printed plainly; a lone brace stays escaped.
        assertExpr("x == \"\\{a\\}\"", "x == \"{a}\"")
        assertExpr("x == \"\\{\"", "x == \"\\{\"")
    }

    func testMessageTemplatesKeepTheirSource() {
        let rule = """
        rule R
          expect   a
          message  "{key(s)} has {count(x in L where x.t == "a"  )} rows, \\"q\\" \\\\ \\{literal\\} {s.name}\\tend"

        """
        assertFormats(rule, rule)
    }

    func testTemplateRebuiltFromPartsWhenRawIsNotSource() {
        let (parsed, _) = Parser.parse(file: "t.rules", source: "rule R\n  message \"a {x.y} b\"\n")
        var template = parsed.rules[0].message!
        template.raw = "\u{1}{"   // not a text the lexer could have produced from any source
        template.parts = [.literal("a {"), .hole(.field(.name("x", template.range), "y", template.range), "x . y"), .literal("\" b")]
        XCTAssertEqual(RuleFormatter.templateLiteral(template), "\"a \\{{x.y}\\\" b\"")
    }

    func testTokenAndTextLiterals() {
        XCTAssertEqual(RuleFormatter.tokenLiteral("plain"), "\"plain\"")
        XCTAssertEqual(RuleFormatter.tokenLiteral("say \"hi\" \\ now"), "\"say \\\"hi\\\" \\\\ now\"")
        XCTAssertEqual(RuleFormatter.tokenLiteral("\\{x\\}"), "\"\\{x\\}\"")
        XCTAssertEqual(RuleFormatter.textLiteral("{"), "\"\\{\"")
        XCTAssertEqual(RuleFormatter.textLiteral("\\{"), "\"\\\\\\{\"")
        XCTAssertEqual(RuleFormatter.format(Expr.text("a{1}", SourceRange(file: "", line: 1, column: 1, length: 1))), "\"a{1}\"")
    }

    func testFilesWithSyntaxErrorsAreNotFormatted() {
        switch RuleFormatter.format(source: "rule R\n  expect (a\n  subject b\n", file: "bad.rules") {
        case .success(let text): XCTFail("formatted a file with errors: \(text)")
        case .failure(let errors):
            XCTAssertFalse(errors.diagnostics.isEmpty)
            XCTAssertTrue(errors.diagnostics.allSatisfy { $0.file == "bad.rules" && $0.level == .error })
        }
    }

    /// Random trees of every expression form print to text that parses back to the same tree.
    func testRandomExpressionsRoundTrip() {
        var rng = SplitMix(seed: 20141)
        var failures: [String] = []
        for _ in 0..<3000 {
            let e = randomExpr(&rng, depth: 4)
            let printed = RuleFormatter.format(e)
            let (parsed, diagnostics) = Parser.parse(file: "t.rules", source: "rule T\n  expect \(printed)\n")
            let back = parsed.rules.first?.expect
            if !diagnostics.isEmpty || back.map(formatterDump) != formatterDump(e) {
                failures.append("\(printed)\n    \(diagnostics.map(\.message))\n    want \(formatterDump(e))\n    got  \(back.map(formatterDump) ?? "-")")
            } else if let back, RuleFormatter.format(back) != printed {
                failures.append("not idempotent: \(printed)")
            }
            if failures.count >= 5 { break }
        }
        XCTAssertEqual(failures, [])
    }

    // MARK: the bundled rules

    func testBundledRulesFormatIdempotentlyAndKeepTheirMeaning() throws {
        for (name, source) in try bundledRuleFiles() {
            let (parsed, diagnostics) = Parser.parse(file: name, source: source)
            XCTAssertEqual(diagnostics.map(\.message), [], name)
            let once = RuleFormatter.format(parsed)
            let (reparsed, again) = Parser.parse(file: name, source: once)
            XCTAssertEqual(again.map { "\($0.line):\($0.column): \($0.message)" }, [], "\(name): the formatted text does not parse")
            XCTAssertEqual(RuleFormatter.format(reparsed), once, "\(name): formatting is not idempotent")
            XCTAssertEqual(formatterDump(reparsed), formatterDump(parsed), "\(name): formatting changed the rules")
            XCTAssertEqual(reparsed.comments.map(\.text).sorted(), parsed.comments.map(\.text).sorted(), "\(name): comments lost")
        }
    }

    /// Comments sprinkled over the bundled rules (full-line ones between lines, trailing ones at line
    /// ends, never inside an example; some clauses broken over lines) all survive, and the result is
    /// stable and means the same.
    func testRandomCommentsSurvive() throws {
        var rng = SplitMix(seed: 2014)
        for (name, source) in try bundledRuleFiles() {
            for variant in 0..<10 {
                var out: [String] = []
                var inBlock = false
                var n = 0
                // Some expressions are broken over continuation lines, so comments land inside clauses too.
                let expanded = source.components(separatedBy: "\n").flatMap { line -> [String] in
                    let clause = ["  expect", "  when", "  where", "  let"].contains { line.hasPrefix($0) }
                    guard clause, !line.contains("\""), Bool.random(using: &rng) else { return [line] }
                    return line.replacingOccurrences(of: " and ", with: "\n        and ")
                        .replacingOccurrences(of: " or ", with: " or\n      ").components(separatedBy: "\n")
                }
                for line in expanded {
                    let opens = !inBlock && line.hasSuffix("\"\"\"")
                    let closes = inBlock && line.trimmingCharacters(in: .whitespaces) == "\"\"\""
                    if !inBlock && Int.random(in: 0..<6, using: &rng) == 0 {
                        n += 1; out.append(String(repeating: " ", count: Int.random(in: 0..<4, using: &rng)) + "# full \(n)")
                        if Bool.random(using: &rng) { out.append("") }
                    }
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    let canTrail = !trimmed.isEmpty && !trimmed.hasPrefix("#") && (closes || (!inBlock && !opens))
                    if canTrail && Int.random(in: 0..<4, using: &rng) == 0 {
                        n += 1; out.append(line + "   # trailing \(n)")
                    } else {
                        out.append(line)
                    }
                    if opens { inBlock = true } else if closes { inBlock = false }
                }
                let commented = out.joined(separator: "\n")
                let (before, errors) = Parser.parse(file: name, source: commented)
                XCTAssertEqual(errors.map(\.message), [], "\(name) variant \(variant)")
                let once = RuleFormatter.format(before)
                let (after, again) = Parser.parse(file: name, source: once)
                XCTAssertEqual(again.map(\.message), [], "\(name) variant \(variant)")
                XCTAssertEqual(RuleFormatter.format(after), once, "\(name) variant \(variant): not idempotent")
                XCTAssertEqual(formatterDump(after), formatterDump(before), "\(name) variant \(variant): meaning changed")
                XCTAssertEqual(after.comments.map(\.text).sorted(), before.comments.map(\.text).sorted(), "\(name) variant \(variant)")
                XCTAssertEqual(before.comments.count, n + Parser.parse(file: name, source: source).0.comments.count, "\(name) variant \(variant)")
            }
        }
    }

    func testBundledRulesAreCanonical() throws {
        var offenders: [String] = []
        for (name, source) in try bundledRuleFiles() {
            guard case .success(let formatted) = RuleFormatter.format(source: source, file: name) else {
                offenders.append("\(name): does not parse"); continue
            }
            if formatted != source { offenders.append("\(name):\n" + firstDifference(source, formatted)) }
        }
        XCTAssertTrue(offenders.isEmpty, "not in canonical form ('planlint rules fmt' rewrites them):\n" + offenders.joined(separator: "\n"))
    }
}

// MARK: - support

/// The first line where `a` and `b` differ, as `-`/`+` lines with their line number.
private func firstDifference(_ a: String, _ b: String) -> String {
    let x = a.components(separatedBy: "\n"), y = b.components(separatedBy: "\n")
    for i in 0..<max(x.count, y.count) {
        let l = i < x.count ? x[i] : "<end>", r = i < y.count ? y[i] : "<end>"
        if l != r { return "  line \(i + 1):\n  - \(l)\n  + \(r)" }
    }
    return "  (same)"
}

/// Everything a rule file means, without source positions: two files with equal dumps are the same rules.
private func formatterDump(_ file: RuleFile) -> String {
    var out = ""
    for item in file.order {
        switch item {
        case .rule(let i):
            let r = file.rules[i]
            out += "rule \(r.id)\n"
            out += "  title \(String(reflecting: r.title))\n  severity \(String(describing: r.severity))\n"
            out += "  category \(String(describing: r.category))\n  cite \(String(reflecting: r.citation))\n"
            out += "  cohorts \(r.cohorts)\n"
            for b in r.bindings {
                switch b {
                case .forEach(let name, _, let list, let filter):
                    out += "  for \(name) in \(formatterDump(list)) where \(filter.map(formatterDump) ?? "-")\n"
                case .letBinding(let name, _, let value): out += "  let \(name) = \(formatterDump(value))\n"
                case .when(let e): out += "  when \(formatterDump(e))\n"
                }
            }
            out += "  expect \(r.expect.map(formatterDump) ?? "-")\n  subject \(r.subject.map(formatterDump) ?? "-")\n"
            if let m = r.message {
                out += "  message"
                for part in m.parts {
                    switch part {
                    case .literal(let s): out += " lit\(String(reflecting: s))"
                    case .hole(let e, _): out += " hole{\(formatterDump(e))}"
                    }
                }
                out += "\n"
            }
            for ex in r.examples {
                let yaml = ex.yaml.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { String($0).replacingOccurrences(of: "[ \t\r]+$", with: "", options: .regularExpression) }
                out += "  example \(ex.expectation) \(String(reflecting: yaml.joined(separator: "\n")))\n"
            }
        case .profile(let i):
            let p = file.profiles[i]
            out += "profile \(p.name) title \(String(reflecting: p.title))\n"
            for o in p.overrides { out += "  severity \(o.rule) \(o.severity)\n" }
            for d in p.disabled { out += "  disable \(d.rule)\n" }
        }
    }
    return out
}

/// An expression as a fully parenthesised tree, numbers exact and strings escaped.
private func formatterDump(_ e: Expr) -> String {
    switch e {
    case .number(let n, _): return "num(\(n.bitPattern))"
    case .money(let m, let written, _): return "money(\(m) \(written))"
    case .date(let d, let written, _): return "date(\(d) \(written))"
    case .text(let s, _): return "text\(String(reflecting: s))"
    case .bool(let b, _): return "\(b)"
    case .name(let n, _): return "name(\(n))"
    case .field(let b, let f, _): return "field(\(formatterDump(b)), \(f))"
    case .index(let b, let k, _): return "index(\(formatterDump(b)), \(formatterDump(k)))"
    case .call(let f, let args, _): return "call(\(f), [\(args.map(formatterDump).joined(separator: ", "))])"
    case .unary(let op, let x, _): return "unary(\(op), \(formatterDump(x)))"
    case .binary(let op, let l, let r, _): return "binary(\(op), \(formatterDump(l)), \(formatterDump(r)))"
    case .predicate(let w, let x, _): return "pred(\(w), \(formatterDump(x)))"
    case .quantifier(let q, let v, let l, let f, let b, _):
        return "quant(\(q), \(v), \(formatterDump(l)), \(f.map(formatterDump) ?? "-"), \(formatterDump(b)))"
    case .generator(let el, let v, let l, let f, _):
        return "gen(\(formatterDump(el)), \(v), \(formatterDump(l)), \(f.map(formatterDump) ?? "-"))"
    case .list(let xs, _): return "list[\(xs.map(formatterDump).joined(separator: ", "))]"
    case .conditional(let c, let a, let b, _): return "if(\(formatterDump(c)), \(formatterDump(a)), \(formatterDump(b)))"
    }
}

/// A random expression of every form the parser can produce (no `[g]` list of a lone generator,
/// which the parser reads as the generator itself).
private func randomExpr(_ rng: inout SplitMix, depth: Int) -> Expr {
    let r = SourceRange(file: "", line: 1, column: 1, length: 1)
    let names = ["a", "b", "s", "plan", "side"]
    func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
    func leaf() -> Expr {
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: return .number(pick([0, 1, 12, 0.5, 2.25, 1_000_000, 0.1]), r)
        case 1: let m = pick(["£80k", "£80,000", "£1.2m", "£75,000.50"]); return .money(ScalarParsers.money(m)!, m, r)
        case 2: return .date(ScalarParsers.date("2014-09-30")!, "2014-09-30", r)
        case 3: return .text(pick(["", "plain", "q\"uote", "back\\slash", "{2}", "{", "}", "a{b\"c}", "\\{x", "tab\tnl\n", "#hash"]), r)
        case 4: return .bool(Bool.random(using: &rng), r)
        default: return .name(pick(names), r)
        }
    }
    if depth == 0 { return leaf() }
    func sub() -> Expr { randomExpr(&rng, depth: depth - 1) }
    func generator() -> Expr {
        let v = pick(["x", "y"])
        let element: Expr = Bool.random(using: &rng) ? .name(v, r) : sub()
        return .generator(element, v, sub(), Bool.random(using: &rng) ? sub() : nil, r)
    }
    func items() -> [Expr] {
        let n = Int.random(in: 0..<4, using: &rng)
        let xs = (0..<n).map { _ in Int.random(in: 0..<4, using: &rng) == 0 ? generator() : sub() }
        if xs.count == 1, case .generator = xs[0] { return xs + [sub()] }
        return xs
    }
    switch Int.random(in: 0..<16, using: &rng) {
    case 0: return leaf()
    case 1: return .field(sub(), pick(["id", "cost", "items"]), r)
    case 2: return .index(sub(), sub(), r)
    case 3: return .call(pick(["count", "sum", "key"]), items(), r)
    case 4: return .unary("not", sub(), r)
    case 5: return .unary("-", sub(), r)
    case 6: return .predicate(pick(["filled", "missing"]), sub(), r)
    case 7: return .quantifier(pick(["all", "any", "no"]), pick(["x", "y"]), sub(), Bool.random(using: &rng) ? sub() : nil, sub(), r)
    case 8: return generator()
    case 9: return .list(items(), r)
    case 10: return .conditional(sub(), sub(), sub(), r)
    case 11: return .unary("not", .binary("in", sub(), sub(), r), r)
    default:
        let op = pick(["or", "and", "==", "!=", "<", "<=", ">", ">=", "in", "matches", "contains", "+", "-", "*", "/"])
        return .binary(op, sub(), sub(), r)
    }
}
