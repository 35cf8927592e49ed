import XCTest
import PlanModel
import RulesDSL

final class LexerTests: XCTestCase {
    private func lex(_ source: String) -> Lexer { Lexer.lex(file: "t.rules", source: source) }

    /// Kind and text of every token but the final `.end`.
    private func tokens(_ source: String) -> [String] {
        lex(source).tokens.dropLast().map { "\($0.kind):\($0.text)" }
    }

    func testWordsSymbolsAndTheEndToken() {
        let l = lex("rule NE-MIN-PRESENT\n  expect a.b[0] == c")
        XCTAssertEqual(l.diagnostics, [])
        XCTAssertEqual(l.tokens.dropLast().map { "\($0.kind):\($0.text)" }, [
            "word:rule", "word:NE", "symbol:-", "word:MIN", "symbol:-", "word:PRESENT",
            "word:expect", "word:a", "symbol:.", "word:b", "symbol:[", "number:0", "symbol:]", "symbol:==", "word:c",
        ])
        XCTAssertEqual(l.tokens.last?.kind, .end)
        XCTAssertEqual(l.tokens.last?.range.line, 2)
    }

    func testTwoCharacterOperatorsAreOneToken() {
        XCTAssertEqual(tokens("a != b <= c >= d < e > f = g"), [
            "word:a", "symbol:!=", "word:b", "symbol:<=", "word:c", "symbol:>=", "word:d",
            "symbol:<", "word:e", "symbol:>", "word:f", "symbol:=", "word:g",
        ])
        XCTAssertEqual(tokens("x+y*z/w:(1,2)"), [
            "word:x", "symbol:+", "word:y", "symbol:*", "word:z", "symbol:/", "word:w", "symbol::",
            "symbol:(", "number:1", "symbol:,", "number:2", "symbol:)",
        ])
    }

    func testPositionsOffsetsAndLineStarts() {
        let l = lex("rule X\n  expect   a\n")
        let t = l.tokens
        XCTAssertEqual(t[0].range, SourceRange(file: "t.rules", line: 1, column: 1, length: 4))
        XCTAssertTrue(t[0].atLineStart)
        XCTAssertFalse(t[1].atLineStart)
        XCTAssertEqual(t[2].text, "expect")
        XCTAssertEqual(t[2].range, SourceRange(file: "t.rules", line: 2, column: 3, length: 6))
        XCTAssertTrue(t[2].atLineStart)
        XCTAssertEqual(t[3].range.column, 12)
        XCTAssertEqual(t[3].offset, 18)
        XCTAssertEqual(t[3].sourceLength, 1)
    }

    func testNumbersMoneyAndDates() {
        let l = lex("12 0.5 £75,000 £80k £1.2m £75,000.50 2014-09-30")
        XCTAssertEqual(l.diagnostics, [])
        XCTAssertEqual(l.tokens.dropLast().map { "\($0.kind):\($0.text)" }, [
            "number:12", "number:0.5", "money:£75,000", "money:£80k", "money:£1.2m", "money:£75,000.50", "date:2014-09-30",
        ])
    }

    func testMoneyAndDateLiteralsParseToValues() {
        guard case .binary(_, .money(let m, let written, _), .date(let d, _, _), _)? = DSL.expect("£1.2m < 2014-09-30") else {
            return XCTFail("expected a comparison of a money and a date literal")
        }
        XCTAssertEqual(m, Money(pence: 120_000_000))
        XCTAssertEqual(written, "£1.2m")
        XCTAssertEqual(d, Day(year: 2014, month: 9, day: 30))
        guard case .money(let k, _, _)? = DSL.expect("£80k") else { return XCTFail("expected a money literal") }
        XCTAssertEqual(k, Money(pence: 8_000_000))
    }

    func testMalformedMoneyAndImpossibleDatesAreDiagnosed() {
        let money = lex("expect x > £1,00")
        XCTAssertEqual(money.diagnostics.map(\.message), ["'£1,00' is not an amount of money; write it like £75,000 or £80k"])
        XCTAssertEqual(money.diagnostics.first?.column, 12)
        XCTAssertEqual(money.diagnostics.first?.length, 5)

        let date = lex("expect x < 2014-02-30")
        XCTAssertEqual(date.diagnostics.map(\.message), ["'2014-02-30' is not a valid date"])
        XCTAssertEqual(date.diagnostics.first?.column, 12)
        XCTAssertEqual(date.diagnostics.first?.length, 10)
    }

    func testAYearMinusANumberIsNotADate() {
        XCTAssertEqual(tokens("2014-9"), ["number:2014", "symbol:-", "number:9"])
        XCTAssertEqual(tokens("2014 - 09 - 30"), ["number:2014", "symbol:-", "number:09", "symbol:-", "number:30"])
    }

    func testStringsDecodeEscapesAndKeepBraceEscapesForTemplates() {
        let l = lex(#"title "say \"hi\" \\ now\t\n" message "a \{b\} {c}""#)
        XCTAssertEqual(l.diagnostics, [])
        XCTAssertEqual(l.tokens[1].kind, .string)
        XCTAssertEqual(l.tokens[1].text, "say \"hi\" \\ now\t\n")
        XCTAssertEqual(l.tokens[3].text, #"a \{b\} {c}"#)
        XCTAssertEqual(l.tokens[1].range.length, 23, "the range covers the string as written, quotes included")
    }

    func testStringColumnsMapEachDecodedCharacterToItsSourceColumn() {
        let l = lex(#"m "a\"b{x}""#)
        let s = l.tokens[1]
        XCTAssertEqual(Array(s.text), ["a", "\"", "b", "{", "x", "}"])
        // m=1, space=2, quote=3, a=4, \"=5-6, b=7, {=8, x=9, }=10
        XCTAssertEqual(s.stringColumns, [4, 5, 7, 8, 9, 10])
        XCTAssertEqual(s.stringLines, [1, 1, 1, 1, 1, 1])
    }

    func testStringInsideAHoleIsKeptAsWritten() {
        let l = lex(#"m "{if a then "x \"y\"" else "z"} end""#)
        XCTAssertEqual(l.diagnostics, [])
        XCTAssertEqual(l.tokens[1].text, #"{if a then "x \"y\"" else "z"} end"#)
        XCTAssertEqual(l.tokens.count, 3, "one string, then the end")
    }

    func testUnknownEscapeAndUnclosedString() {
        let bad = lex(#"t "a\qb""#)
        XCTAssertEqual(bad.diagnostics.map(\.message), [#"unknown escape '\q'; write \" for a quote, \\ for a backslash, \{ for a brace"#])
        XCTAssertEqual(bad.diagnostics.first?.column, 5)

        let open = lex("t \"abc\nnext")
        XCTAssertEqual(open.diagnostics.map(\.message), ["this text has no closing quote (\") on its line"])
        XCTAssertEqual(open.diagnostics.first?.line, 1)
        XCTAssertEqual(open.diagnostics.first?.column, 3)
        XCTAssertEqual(open.tokens.dropLast().map(\.text), ["t", "abc", "next"], "lexing resumes on the next line")
    }

    func testBlockStringsAreDeindentedByTheClosingQuotes() {
        let source = "passes \"\"\"\n    non_elective:\n      minimum:\n\n        - requirement: NE01\n    \"\"\"\nrule X"
        let l = lex(source)
        XCTAssertEqual(l.diagnostics, [])
        XCTAssertEqual(l.tokens[1].kind, .blockString)
        XCTAssertEqual(l.tokens[1].text, "non_elective:\n  minimum:\n\n    - requirement: NE01\n")
        XCTAssertEqual(l.tokens[2].text, "rule")
        XCTAssertEqual(l.tokens[2].range.line, 7)
        XCTAssertTrue(l.tokens[2].atLineStart)
    }

    func testBlockStringClosedAtColumnOneKeepsAllIndentation() {
        let l = lex("x \"\"\"\n  a: 1\n\"\"\"\n")
        XCTAssertEqual(l.diagnostics, [])
        XCTAssertEqual(l.tokens[1].text, "  a: 1\n")
    }

    func testBlockStringProblems() {
        let under = lex("x \"\"\"\n    a: 1\n  b: 2\n    \"\"\"\n")
        XCTAssertEqual(under.diagnostics.map(\.message), ["this line of the \"\"\" block is indented less than its closing quotes"])
        XCTAssertEqual(under.diagnostics.first?.line, 3)

        let unclosed = lex("x \"\"\"\n  a: 1\n")
        XCTAssertEqual(unclosed.diagnostics.map(\.message), ["this \"\"\" block is never closed"])
        XCTAssertEqual(unclosed.diagnostics.first?.line, 1)
        XCTAssertEqual(unclosed.diagnostics.first?.column, 3)

        let sameLine = lex("x \"\"\" a: 1\n  \"\"\"\n")
        XCTAssertEqual(sameLine.diagnostics.map(\.message), ["a \"\"\" block starts on the line after its opening quotes"])
    }

    func testCommentsAreKeptWithTheirLinesAndPlacement() {
        let l = lex("# heading\nrule X # trailing\n  # indented\n")
        XCTAssertEqual(l.comments.map { "\($0.line) \($0.trailing ? "trailing" : "own-line") \($0.text)" }, [
            "1 own-line # heading",
            "2 trailing # trailing",
            "3 own-line # indented",
        ])
        XCTAssertEqual(l.tokens.dropLast().map(\.text), ["rule", "X"])
    }

    func testUnexpectedCharacter() {
        let l = lex("a @ b")
        XCTAssertEqual(l.diagnostics.map(\.message), ["unexpected character '@'"])
        XCTAssertEqual(l.diagnostics.first?.column, 3)
        XCTAssertEqual(l.tokens.dropLast().map(\.text), ["a", "b"])
    }

    func testTabsAreWhitespaceOfOneColumn() {
        let l = lex("rule X\n\texpect a\n")
        XCTAssertEqual(l.diagnostics, [])
        XCTAssertEqual(l.tokens.dropLast().map(\.text), ["rule", "X", "expect", "a"])
        XCTAssertEqual(l.tokens[2].range.line, 2)
        XCTAssertEqual(l.tokens[2].range.column, 2)
    }

    /// Rule files saved on Windows end lines with CR LF. Swift treats "\r\n" as ONE Character, so a
    /// lexer over `[Character]` that tests `c == "\n"` and `c == "\r"` separately never sees the break.
    func testWindowsLineEndingsAreLineBreaks() {
        let l = lex("rule X\r\n  expect a\r\n")
        XCTAssertEqual(l.diagnostics.map(\.message), [])
        XCTAssertEqual(l.tokens.dropLast().map(\.text), ["rule", "X", "expect", "a"])
        XCTAssertEqual(l.tokens[2].range.line, 2)
        XCTAssertEqual(l.tokens[2].range.column, 3)
        XCTAssertTrue(l.tokens[2].atLineStart, "'expect' starts its line, so it starts a clause")

        let (file, diagnostics) = Parser.parse(file: "t.rules", source: "rule X\r\n  title \"t\"\r\n  expect a\r\n")
        XCTAssertEqual(diagnostics.map(\.message), [])
        XCTAssertEqual(file.rules.first?.title, "t")
    }

    func testRendererFindsTheLineOfAWindowsFile() {
        let d = Diagnostic(.error, "oops", file: "w.rules", line: 2, column: 3, length: 6)
        XCTAssertEqual(DiagnosticRenderer.render(d, source: "rule X\r\n  expect a\r\n"), """
        w.rules:2:3: error: oops
         2 |   expect a
           |   ^~~~~~

        """)
    }
}
