import Foundation
import PlanModel

/// Parsing message templates: literal text and `{expression}` holes with their own source positions.
extension Parser {
    /// Splits a message string into literal text and `{expression}` holes, parsing each hole.
    mutating func parseTemplate(_ t: Token) -> Template {
        var parts: [Template.Part] = []
        let chars = Array(t.text)
        var literal = ""
        var k = 0
        while k < chars.count {
            if chars[k] == "\\", k + 1 < chars.count, chars[k + 1] == "{" || chars[k + 1] == "}" {
                literal.append(chars[k + 1]); k += 2; continue
            }
            if chars[k] == "{" {
                guard let closeIndex = Self.holeEnd(chars, from: k + 1) else {
                    error("this '{' has no closing '}'; write \\{ for a literal brace", charRange(t, k, 1))
                    literal.append(contentsOf: chars[k...]); break
                }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                let inner = String(chars[(k + 1)..<closeIndex])
                if let e = parseHole(inner, token: t, startIndex: k + 1) { parts.append(.hole(e, inner)) }
                k = closeIndex + 1
                continue
            }
            literal.append(chars[k]); k += 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return Template(parts: parts, raw: t.text, range: t.range)
    }

    /// The index of the `}` closing a hole that starts at `from`, skipping strings and nested braces.
    static func holeEnd(_ chars: [Character], from: Int) -> Int? {
        var depth = 0
        var k = from
        while k < chars.count {
            switch chars[k] {
            case "\"":
                k += 1
                while k < chars.count, chars[k] != "\"" { k += chars[k] == "\\" ? 2 : 1 }
            case "{": depth += 1
            case "}":
                if depth == 0 { return k }
                depth -= 1
            default: break
            }
            k += 1
        }
        return nil
    }

    func charRange(_ t: Token, _ index: Int, _ length: Int) -> SourceRange {
        let col = index < t.stringColumns.count ? t.stringColumns[index] : t.range.column
        let line = index < t.stringLines.count ? t.stringLines[index] : t.range.line
        return SourceRange(file: file, line: line, column: col, length: length)
    }

    mutating func parseHole(_ text: String, token: Token, startIndex: Int) -> Expr? {
        let lexer = Lexer.lex(file: file, source: text)
        let columns = token.stringColumns, lines = token.stringLines, file = self.file, fallback = token.range
        let remap: (SourceRange) -> SourceRange = { r in
            let index = startIndex + r.column - 1
            let col = index < columns.count ? columns[index] : fallback.column
            let line = index < lines.count ? lines[index] : fallback.line
            return SourceRange(file: file, line: line, column: col, length: r.length)
        }
        for d in lexer.diagnostics {
            diagnostics.append(Diagnostic(.error, d.message, at: remap(SourceRange(file: file, line: d.line, column: d.column, length: d.length))))
        }
        var sub = Parser(tokens: lexer.tokens.map { tok in
            var t = tok; t.range = remap(tok.range); t.atLineStart = false; return t
        }, file: file)
        let e = sub.parseExpr()
        if e != nil && !sub.at(.end) { sub.error("unexpected \(Self.describe(sub.current)) in this {…} hole", sub.current.range) }
        // Inside a hole, "the end" is the closing brace, not the end of the file.
        for var d in sub.diagnostics {
            d.message = d.message.replacingOccurrences(of: "the end of the file", with: "the '}' that closes this {…} hole")
            diagnostics.append(d)
        }
        return e
    }
}
