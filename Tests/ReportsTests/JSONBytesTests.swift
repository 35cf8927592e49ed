import Foundation
import XCTest
import PlanModel
@testable import Reports

/// The byte writer behind the JSON report: its string escapes, integers and literal pieces, byte for byte.
final class JSONBytesTests: XCTestCase {
    /// `s` written as a JSON string literal, as bytes.
    private func quoted(_ s: String) -> [UInt8] {
        var w = JSONBytes()
        w.string(s)
        return w.bytes
    }

    /// `s` written as a JSON string literal, as text.
    private func quotedText(_ s: String) -> String { String(decoding: quoted(s), as: UTF8.self) }

    /// What a JSON parser reads back from a string literal.
    private func decoded(_ literal: [UInt8]) throws -> String? {
        try JSONSerialization.jsonObject(with: Data(literal), options: [.fragmentsAllowed]) as? String
    }

    func testEmptyString() {
        XCTAssertEqual(quoted(""), Array(#""""#.utf8))
    }

    func testPlainTextIsCopiedInQuotes() {
        XCTAssertEqual(quotedText("NE-MIN-PRESENT"), #""NE-MIN-PRESENT""#)
        XCTAssertEqual(quotedText("a/b 'c' <d> & {e}"), #""a/b 'c' <d> & {e}""#)
    }

    func testQuotesAndBackslashes() {
        XCTAssertEqual(quotedText(#"say "hi""#), #""say \"hi\"""#)
        XCTAssertEqual(quotedText(#"C:\plans\"#), #""C:\\plans\\""#)
        XCTAssertEqual(quotedText(#"\""#), #""\\\"""#)
        XCTAssertEqual(quotedText(#"""#), #""\"""#)
    }

    /// Every control character, one at a time and between other text, has its exact escape.
    func testEveryControlCharacter() throws {
        for v in UInt8(0)...0x1F {
            let expected: String
            switch v {
            case 0x0A: expected = #"\n"#
            case 0x0D: expected = #"\r"#
            case 0x09: expected = #"\t"#
            default: expected = #"\u00"# + String(v >> 4) + Array("0123456789abcdef")[Int(v & 0xF)].description
            }
            let s = String(UnicodeScalar(v))
            XCTAssertEqual(quotedText(s), "\"" + expected + "\"", "U+\(String(v, radix: 16))")
            XCTAssertEqual(quotedText("a" + s + "é"), "\"a" + expected + "é\"", "U+\(String(v, radix: 16))")
            XCTAssertEqual(try decoded(quoted("a" + s + "é")), "a" + s + "é", "U+\(String(v, radix: 16))")
        }
    }

    /// A few escapes spelled out as bytes, so a wrong case or width of the hex cannot pass.
    func testExactEscapeBytes() {
        XCTAssertEqual(quoted("\u{0}"), [0x22, 0x5C, 0x75, 0x30, 0x30, 0x30, 0x30, 0x22])  // "\u0000"
        XCTAssertEqual(quoted("\u{1F}"), [0x22, 0x5C, 0x75, 0x30, 0x30, 0x31, 0x66, 0x22])  // "\u001f"
        XCTAssertEqual(quoted("\u{0B}"), [0x22, 0x5C, 0x75, 0x30, 0x30, 0x30, 0x62, 0x22])  // "\u000b"
        XCTAssertEqual(quoted("\n"), [0x22, 0x5C, 0x6E, 0x22])
        XCTAssertEqual(quoted("\r\n"), [0x22, 0x5C, 0x72, 0x5C, 0x6E, 0x22])
        XCTAssertEqual(quoted("\t"), [0x22, 0x5C, 0x74, 0x22])
        XCTAssertEqual(quoted("\u{7F}"), [0x22, 0x7F, 0x22])  // DEL is not a control character to JSON
    }

    /// Non-ASCII text is its UTF-8, unescaped: accents, emoji, and U+2028 / U+2029 (valid in JSON as they are).
    func testNonASCIIIsCopiedAsUTF8() throws {
        for s in ["é", "café", "£75,000 – ok", "👩‍⚕️ plan 🏥", "line\u{2028}separator\u{2029}", "\u{80}\u{FFFD}\u{10FFFF}", "e\u{301}"] {
            XCTAssertEqual(quoted(s), [0x22] + Array(s.utf8) + [0x22], s)
            XCTAssertEqual(try decoded(quoted(s)), s, s)
        }
        XCTAssertEqual(quoted("é\"é"), [0x22, 0xC3, 0xA9, 0x5C, 0x22, 0xC3, 0xA9, 0x22])
    }

    /// Mixed text reads back to itself, and matches `quote` (which other reports use) exactly.
    func testRoundTripAndQuoteAgree() throws {
        let all = String(String.UnicodeScalarView((UInt32(0)...0x7F).compactMap(UnicodeScalar.init)))
        let samples = ["", all, "Say \"hi\" to C:\\plans\ttab\nnew line\r\u{01}\u{1F} £75,000 – ok / done",
                       String(repeating: "x\u{1B}[0m\\", count: 500), "\u{2028}😀\u{0}"]
        for s in samples {
            XCTAssertEqual(try decoded(quoted(s)), s)
            XCTAssertEqual(Array(quote(s).utf8), quoted(s))
            XCTAssertEqual(quotedText(s), referenceQuote(s))
        }
    }

    /// Strings that are not native Swift strings (bridged from Foundation) take the copying path.
    func testBridgedStrings() throws {
        let s = NSString(string: "bridged \"é\"\n\u{01}") as String
        XCTAssertEqual(quotedText(s), #""bridged \"é\"\n\u0001""#)
    }

    /// The escaper before `JSONBytes` (scalar by scalar, building a `String`): the output must not change.
    private func referenceQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// Every byte that needs an escape, at every position of texts long enough to be scanned eight
    /// bytes at a time (and next to non-ASCII), gives exactly what the old escaper gave.
    func testEscapesAtEveryPositionMatchTheOldEscaper() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{1F}"]
        let fillers = ["abcdefghijklmnopqrstuvwx", "é£–😀€\u{2028}ab é ", " !#$%&'()*+,-./[]^_`{|}~\u{7F}\u{80}!"]
        for filler in fillers {
            let chars = Array(filler)
            for length in 0...chars.count {
                for position in 0...length {
                    for special in specials {
                        var text = chars[..<length]
                        text.insert(special, at: position)
                        let s = String(text)
                        XCTAssertEqual(quotedText(s), referenceQuote(s), s.debugDescription)
                    }
                }
                let plain = String(chars[..<length])
                XCTAssertEqual(quotedText(plain), referenceQuote(plain), plain.debugDescription)
            }
        }
        // Bytes either side of each special (0x1F/0x20, 0x21/0x22/0x23, 0x5B/0x5C/0x5D) in a long run.
        let edges = String(String.UnicodeScalarView([0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0xA0].map { UnicodeScalar(UInt8($0)) }))
        for i in 0..<40 {
            let s = String(repeating: "x", count: i) + edges + String(repeating: "y", count: 40 - i)
            XCTAssertEqual(quotedText(s), referenceQuote(s))
            XCTAssertEqual(try decoded(quoted(s)), s)
        }
    }

    func testIntegersAsDecimal() {
        for n in [0, 1, 9, 10, 42, 99, 100, 12345, -1, -10, -987, Int.max, Int.min] {
            var w = JSONBytes()
            w.int(n)
            XCTAssertEqual(w.text, "\(n)")
        }
    }

    /// Pieces append in order into one buffer; `clear` starts over.
    func testPiecesAppendInOrder() {
        var w = JSONBytes()
        w.raw("{\"line\": ")
        w.int(40)
        w.raw(", \"file\": ")
        w.string("a \"b\".yaml")
        w.raw("}")
        XCTAssertEqual(w.text, #"{"line": 40, "file": "a \"b\".yaml"}"#)
        w.clear()
        XCTAssertEqual(w.bytes, [])
        w.raw("[]")
        XCTAssertEqual(w.text, "[]")
    }

    /// One finding and the counts as the contract's lines, for text and workbook locations.
    func testFindingAndCountsHelpers() {
        func finding(_ f: Finding) -> String { var w = JSONBytes(); JSONReporter.finding(f, into: &w); return w.text }
        func counts(_ c: Counts) -> String { var w = JSONBytes(); JSONReporter.counts(c, into: &w); return w.text }
        let f = Sample.finding("R", .error, .incomplete, "srg.name", "m \"q\"\u{7}", at: .text(line: 12, column: 3), in: "a.yaml", citation: "c")
        XCTAssertEqual(finding(f), #"{"rule": "R", "severity": "error", "category": "incomplete", "subject": "srg.name", "message": "m \"q\"\u0007", "citation": "c", "location": {"line": 12, "column": 3}, "file": "a.yaml"}"#)
        let g = Sample.finding("R", .warning, .capacityLink, "s", "m", at: .cell(sheet: "Non-elective \"plan\"", cell: "C14"), in: "p.xlsx", citation: "c")
        XCTAssertEqual(finding(g), #"{"rule": "R", "severity": "warning", "category": "capacity-link", "subject": "s", "message": "m", "citation": "c", "location": {"sheet": "Non-elective \"plan\"", "cell": "C14"}, "file": "p.xlsx"}"#)
        var c = Counts()
        c.error = 3; c.warning = 0; c.info = 12
        XCTAssertEqual(counts(c), #"{"error": 3, "warning": 0, "info": 12}"#)
    }
}
