import XCTest
import PlanModel
import RulesDSL

/// Golden tests of what rule authors read: every diagnostic rendered with its source excerpt and caret.
final class DiagnosticGoldenTests: XCTestCase {
    /// Lines 1-5 of most sources below: a rule whose metadata clauses are all fine.
    let header = """
    rule R1
      title    "T"
      severity error
      category incomplete
      cite     "C"

    """

    /// Lines 6-9: a clean loop, expectation, subject and message.
    let cleanBody = """
      for each s in plan.non_elective.minimum
      expect   s.kpis exists
      subject  s
      message  "m"

    """

    func testCleanRuleHasNoDiagnostics() {
        let result = DSL.check(header + cleanBody)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.rules.map(\.id), ["R1"])
        XCTAssertEqual(result.rendered, "")
    }

    func testMisspeltPlanFieldSuggestsTheField() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   s.target exists
          subject  s
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:7:14: error: s has no field 'target'; did you mean 'targets'?
         7 |   expect   s.target exists
           |              ^~~~~~
        1 error in 1 file

        """)
    }

    func testMisspeltFieldWithNoNearNameListsTheFields() {
        let source = header + """
          expect   plan.srg.lead_officer exists
          subject  plan.srg
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:6:21: error: plan.srg has no field 'lead_officer'; its fields are: name, year, cohort, area_team, lead_ccg, lead_acute_trust, chair, members, publication_url, submitted, diagnostic_action_plan
         6 |   expect   plan.srg.lead_officer exists
           |                     ^~~~~~~~~~~~
        1 error in 1 file

        """)
    }

    func testMissingInAfterForEachIsASyntaxError() {
        let source = header + """
          for each s plan.non_elective.minimum
          expect   s.kpis exists
          subject  s
          message  "m"

        """
        let (_, parseDiagnostics) = Parser.parse(file: "test.rules", source: source)
        XCTAssertEqual(parseDiagnostics.count, 1)
        XCTAssertEqual(DiagnosticRenderer.renderAll(parseDiagnostics, sources: ["test.rules": source]), """
        test.rules:6:14: error: expected 'in' after 'for each s'
         6 |   for each s plan.non_elective.minimum
           |              ^~~~
        1 error in 1 file

        """)
    }

    /// One mistake, one diagnostic: the loop variable of a `for each` that failed to parse must not
    /// make every later use of it an "unknown name" as well.
    func testSyntaxErrorInForEachIsReportedOnceWithoutCascade() {
        let source = header + """
          for each s plan.non_elective.minimum
          expect   s.kpis exists
          subject  s
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:6:14: error: expected 'in' after 'for each s'
         6 |   for each s plan.non_elective.minimum
           |              ^~~~
        1 error in 1 file

        """)
    }

    func testUnknownClauseSuggestsTheClause() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expct    s.kpis exists
          subject  s
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:1:6: error: rule R1 has no 'expect' clause; every rule needs title, severity, category, cite, expect, subject and message
         1 | rule R1
           |      ^~
        test.rules:7:3: error: unknown clause 'expct'; did you mean 'expect'?
         7 |   expct    s.kpis exists
           |   ^~~~~
        2 errors in 1 file

        """)
    }

    func testUnknownFunctionSuggestsTheFunction() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   countt(s.kpis) > 0
          subject  s
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:7:12: error: there is no function 'countt'; did you mean 'count'?
         7 |   expect   countt(s.kpis) > 0
           |            ^~~~~~
        1 error in 1 file

        """)
    }

    func testUnknownSeverityAndCategoryWords() {
        let source = """
        rule R1
          title    "T"
          severity eror
          category incomplet
          cite     "C"

        """ + cleanBody
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:3:12: error: 'eror' is not a severity; use one of: error, warning, info; did you mean 'error'?
         3 |   severity eror
           |            ^~~~
        test.rules:4:12: error: 'incomplet' is not a category; use one of: missing-item, incomplete, kpi-link, costing-link, capacity-link, funding, deadline, sign-off, governance, format; did you mean 'incomplete'?
         4 |   category incomplet
           |            ^~~~~~~~~
        2 errors in 1 file

        """)
    }

    func testHyphenatedCategoryWithTypoIsUnderlinedWhole() {
        let source = """
        rule R1
          title    "T"
          severity error
          category kpi-lnk
          cite     "C"

        """ + cleanBody
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:4:12: error: 'kpi-lnk' is not a category; use one of: missing-item, incomplete, kpi-link, costing-link, capacity-link, funding, deadline, sign-off, governance, format; did you mean 'kpi-link'?
         4 |   category kpi-lnk
           |            ^~~~~~~
        1 error in 1 file

        """)
    }

    func testChoiceLiteralThatCanNeverMatch() {
        let source = header + """
          expect   plan.srg.cohort == "high risk"
          subject  plan.srg.cohort
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:6:31: error: 'high risk' can never match: the value is one of high-risk, all-others, earned-autonomy; did you mean 'high-risk'?
         6 |   expect   plan.srg.cohort == "high risk"
           |                               ^~~~~~~~~~~
        1 error in 1 file

        """)
    }

    func testChoiceLiteralOnTheLeftIsCheckedToo() {
        let source = header + """
          expect   "earned autonomy" != plan.srg.cohort
          subject  plan.srg.cohort
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).diagnostics.map(\.message), [
            "'earned autonomy' can never match: the value is one of high-risk, all-others, earned-autonomy; did you mean 'earned-autonomy'?",
        ])
        XCTAssertEqual(DSL.check(source).diagnostics.first?.column, 12)
    }

    func testComparingMoneyWithADateIsATypeError() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   s.cost < s.timeframe
          subject  s.cost
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:7:19: error: cannot compare money with a date using '<'
         7 |   expect   s.cost < s.timeframe
           |                   ^
        1 error in 1 file

        """)
    }

    func testNonBooleanExpectation() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   s.cost + £10
          subject  s.cost
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:7:12: error: 'expect' needs a true/false condition, but this is money
         7 |   expect   s.cost + £10
           |            ^
        1 error in 1 file

        """)
    }

    func testMissingRequiredClausesAreEachReportedAtTheRuleId() {
        let source = """
        rule BARE-RULE
          title "Only a title"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:1:6: error: rule BARE-RULE has no 'category' clause; every rule needs title, severity, category, cite, expect, subject and message
         1 | rule BARE-RULE
           |      ^~~~~~~~~
        test.rules:1:6: error: rule BARE-RULE has no 'cite' clause; every rule needs title, severity, category, cite, expect, subject and message
         1 | rule BARE-RULE
           |      ^~~~~~~~~
        test.rules:1:6: error: rule BARE-RULE has no 'expect' clause; every rule needs title, severity, category, cite, expect, subject and message
         1 | rule BARE-RULE
           |      ^~~~~~~~~
        test.rules:1:6: error: rule BARE-RULE has no 'message' clause; every rule needs title, severity, category, cite, expect, subject and message
         1 | rule BARE-RULE
           |      ^~~~~~~~~
        test.rules:1:6: error: rule BARE-RULE has no 'severity' clause; every rule needs title, severity, category, cite, expect, subject and message
         1 | rule BARE-RULE
           |      ^~~~~~~~~
        test.rules:1:6: error: rule BARE-RULE has no 'subject' clause; every rule needs title, severity, category, cite, expect, subject and message
         1 | rule BARE-RULE
           |      ^~~~~~~~~
        6 errors in 1 file

        """)
        XCTAssertEqual(DSL.check(source).rules.count, 0)
    }

    func testDuplicateRuleIdHasANoteAtTheFirstDefinition() {
        let source = header + cleanBody + "\n" + header + cleanBody
        // The second copy starts at line 11 (5 header + 4 body + 1 blank line).
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:11:6: error: rule R1 is defined twice; rule ids must be unique
         11 | rule R1
            |      ^~
        note: the first definition is at test.rules:1:6
        1 error in 1 file

        """)
        XCTAssertEqual(DSL.check(source).rules.count, 1, "the first definition is kept")
    }

    func testClauseGivenTwiceHasANote() {
        let source = header + """
          severity warning
        """ + "\n" + cleanBody
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:6:3: error: the rule already has a 'severity' clause
         6 |   severity warning
           |   ^~~~~~~~
        note: the first is at test.rules:3:3
        1 error in 1 file

        """)
    }

    func testComputedSubjectIsRejected() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   count(s.kpis) > 0
          subject  count(s.kpis)
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:8:12: error: the subject must be an item of the plan (such as s.lead.email or plan.non_elective.minimum[req.id]), not a computed value or catalogue entry
         8 |   subject  count(s.kpis)
           |            ^~~~~
        1 error in 1 file

        """)
    }

    func testCatalogueEntryAsSubjectIsRejected() throws {
        let (catalogue, catalogueDiagnostics) = try DSL.catalogue([
            "requirements.yaml": "- id: NE01\n  title: Capacity modelling\n",
        ], testCase: self)
        XCTAssertEqual(catalogueDiagnostics, [])
        let source = header + """
          for each req in catalogue.requirements
          expect   req.title exists
          subject  req.title
          message  "m"

        """
        XCTAssertEqual(DSL.check(source, catalogue: catalogue).rendered, """
        test.rules:8:12: error: the subject must be an item of the plan (such as s.lead.email or plan.non_elective.minimum[req.id]), not a computed value or catalogue entry
         8 |   subject  req.title
           |            ^~~
        1 error in 1 file

        """)
    }

    func testUnclosedString() {
        let source = """
        rule R1
          title    "Every row has a
          severity error
          category incomplete
          cite     "C"

        """ + cleanBody
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:2:12: error: this text has no closing quote (") on its line
         2 |   title    "Every row has a
           |            ^
        1 error in 1 file

        """)
    }

    func testErrorInsideAMessageHolePointsInsideTheString() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   s.kpis exists
          subject  s
          message  "Row {s.requirment} has no KPIs"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:9:20: error: s has no field 'requirment'; did you mean 'requirement'?
         9 |   message  "Row {s.requirment} has no KPIs"
           |                    ^~~~~~~~~~
        1 error in 1 file

        """)
    }

    func testHoleCaretAccountsForEscapesBeforeTheHole() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   s.kpis exists
          subject  s
          message  "a \\"q\\" {s.requirment}"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:9:24: error: s has no field 'requirment'; did you mean 'requirement'?
         9 |   message  "a \\"q\\" {s.requirment}"
           |                        ^~~~~~~~~~
        1 error in 1 file

        """)
    }

    func testUnknownFunctionInASecondHole() {
        // The second hole of a message: the caret sits on the function name, inside the quotes.
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   s.kpis exists
          subject  s
          message  "{key(s)} needs {cuont(s.kpis)} more"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:9:29: error: there is no function 'cuont'; did you mean 'count'?
         9 |   message  "{key(s)} needs {cuont(s.kpis)} more"
           |                             ^~~~~
        1 error in 1 file

        """)
    }

    /// A `{` with no `}` in a message: the brace is the mistake; the string itself is closed.
    func testUnclosedHoleReportsTheBraceOnly() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   s.kpis exists
          subject  s
          message  "m {s.kpis"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:9:15: error: this '{' has no closing '}'; write \\{ for a literal brace
         9 |   message  "m {s.kpis"
           |               ^
        1 error in 1 file

        """)
    }

    /// A hole that ends early: the caret is on the `}`; the message must not claim the file ended.
    func testHoleEndingEarlyIsNotTheEndOfTheFile() {
        let source = header + """
          for each s in plan.non_elective.minimum
          expect   s.kpis exists
          subject  s
          message  "m {count(s.kpis) +} n"

        """
        let diagnostics = DSL.check(source).diagnostics
        XCTAssertEqual(diagnostics.map { "\($0.line):\($0.column)" }, ["9:31"])
        XCTAssertFalse(diagnostics.first?.message.contains("end of the file") ?? true,
                       "inside a {…} hole the expression ends at the '}', not at the end of the file: \(diagnostics.map(\.message))")
    }

    func testMisspeltFieldAndSyntaxErrorAreBothReportedInOneRun() {
        let source = """
        rule FIRST
          title    "T"
          severity error
          category incomplete
          cite     "C"
          for each s in plan.non_elective.minimum
          expect   s.target exists
          subject  s
          message  "m"

        rule SECOND
          title    "T"
          severity error
          category incomplete
          cite     "C"
          for each s in plan.elective.minimum
          expect   (s.kpis exists
          subject  s
          message  "m"

        rule THIRD
          title    "T"
          severity error
          category incomplete
          cite     "C"
          expect   plan.srg.name exists
          subject  plan.srg.name
          message  "m"

        """
        let result = DSL.check(source)
        XCTAssertEqual(result.rendered, """
        test.rules:7:14: error: s has no field 'target'; did you mean 'targets'?
         7 |   expect   s.target exists
           |              ^~~~~~
        test.rules:18:3: error: expected ')' to close the '(' at test.rules:17:12
         18 |   subject  s
            |   ^~~~~~~
        2 errors in 1 file

        """)
        XCTAssertEqual(result.rules.map(\.id), ["THIRD"], "the rule after both errors still parses and checks")
    }

    func testUnknownNameSuggestsABoundName() {
        let source = header + """
          for each scheme in plan.non_elective.minimum
          expect   schem.kpis exists
          subject  scheme
          message  "m"

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:7:12: error: unknown name 'schem'; did you mean 'scheme'?
         7 |   expect   schem.kpis exists
           |            ^~~~~
        1 error in 1 file

        """)
    }

    func testMisspeltCatalogueFieldAndCatalogueKeyWithANote() throws {
        let (catalogue, catalogueDiagnostics) = try DSL.catalogue([
            "scheme_fields.yaml": """
            - key: summary
              title: the summary
            - key: summry
              title: a typo in the data

            """,
        ], testCase: self)
        XCTAssertEqual(catalogueDiagnostics, [])
        let source = header + """
          for each s in plan.non_elective.minimum
          for each f in catalogue.scheme_fields
          expect   s[f.key] exists
          subject  s
          message  "{f.titel} is missing"

        """
        XCTAssertEqual(DSL.check(source, catalogue: catalogue).rendered, """
        test.rules:8:14: error: s has no field 'summry'; did you mean 'summary'?
         8 |   expect   s[f.key] exists
           |              ^
        note: 'summry' comes from catalogue.scheme_fields[summry].key at line 3 of the catalogue
        test.rules:10:16: error: f has no field 'titel'; did you mean 'title'?
         10 |   message  "{f.titel} is missing"
            |                ^~~~~
        2 errors in 1 file

        """)
    }

    func testProfileNamingAnUnknownRule() {
        let source = header + cleanBody + """

        profile draft
          title    "Drafts"
          severity R2 warning
          disable  FORMAT-UNKNOWN-KY

        """
        XCTAssertEqual(DSL.check(source).rendered, """
        test.rules:13:12: error: there is no rule R2; did you mean 'R1'?
         13 |   severity R2 warning
            |            ^~
        test.rules:14:12: error: there is no rule FORMAT-UNKNOWN-KY; did you mean 'FORMAT-UNKNOWN-KEY'?
         14 |   disable  FORMAT-UNKNOWN-KY
            |            ^~~~~~~~~~~~~~~~~
        2 errors in 1 file

        """)
    }

    func testRenderWithoutSourceAndWithNotes() {
        let d = Diagnostic(.warning, "something odd", file: "x.rules", line: 3, column: 2, length: 4, notes: ["first note", "second note"])
        XCTAssertEqual(DiagnosticRenderer.render(d, source: nil), """
        x.rules:3:2: warning: something odd
        note: first note
        note: second note

        """)
        XCTAssertEqual(DiagnosticRenderer.renderAll([d], sources: [:]), """
        x.rules:3:2: warning: something odd
        note: first note
        note: second note
        1 warning in 1 file

        """)
    }

    func testCaretIsClippedToTheEndOfTheLine() {
        let d = Diagnostic(.error, "too long", file: "x.rules", line: 1, column: 3, length: 50)
        XCTAssertEqual(DiagnosticRenderer.render(d, source: "abcdef\nnext\n"), """
        x.rules:1:3: error: too long
         1 | abcdef
           |   ^~~~

        """)
    }

    func testRenderAllCountsErrorsWarningsAndFiles() {
        let a = Diagnostic(.error, "e1", file: "a.rules", line: 1, column: 1)
        let b = Diagnostic(.error, "e2", file: "b.rules", line: 1, column: 1)
        let c = Diagnostic(.warning, "w1", file: "b.rules", line: 1, column: 1)
        let out = DiagnosticRenderer.renderAll([a, b, c], sources: [:])
        XCTAssertTrue(out.hasSuffix("2 errors and 1 warning in 2 files\n"), out)
        XCTAssertEqual(DiagnosticRenderer.renderAll([], sources: [:]), "")
    }
}
