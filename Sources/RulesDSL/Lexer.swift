import PlanModel

/// Splits a rule file into tokens and comments, reporting malformed tokens as diagnostics.
public struct Lexer {
    let file: String
    let chars: [Character]
    var i = 0
    var line = 1
    var column = 1
    var lineHasToken = false
    public private(set) var tokens: [Token] = []
    public private(set) var comments: [Comment] = []
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String, source: String) {
        self.file = file
        // Windows and old Mac line endings count as one line break (Swift treats "\r\n" as one Character).
        self.chars = Array(source.normalisingLineEndings)
    }

    /// Lexes the whole source.
    public static func lex(file: String, source: String) -> Lexer {
        var l = Lexer(file: file, source: source)
        l.run()
        return l
    }

    mutating func run() {
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { advance(); line += 1; column = 1; lineHasToken = false; continue }
            if c == " " || c == "\t" || c == "\r" { advance(); continue }
            if c == "#" { lexComment(); continue }
            let startOffset = i, startLine = line, startColumn = column
            if c == "\"" {
                if peek(1) == "\"" && peek(2) == "\"" { lexBlockString(startOffset, startLine, startColumn) }
                else { lexString(startOffset, startLine, startColumn) }
            } else if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { advance() }
                emit(.word, String(chars[startOffset..<i]), startOffset, startLine, startColumn)
            } else if c.isASCII && c.isNumber {
                lexNumberOrDate(startOffset, startLine, startColumn)
            } else if c == "£" {
                advance()
                // Digits, with ',' and '.' only when a digit follows: `[£80, £90]` is two amounts, and
                // a malformed one such as `£1,00` is still read whole and reported.
                while i < chars.count {
                    if chars[i].isASCII && chars[i].isNumber { advance(); continue }
                    if chars[i] == "," || chars[i] == ".", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber { advance(); continue }
                    break
                }
                if i < chars.count, "kKmM".contains(chars[i]) { advance() }
                let text = String(chars[startOffset..<i])
                if ScalarParsers.money(text) == nil {
                    diagnose("'\(text)' is not an amount of money; write it like £75,000 or £80k", startLine, startColumn, i - startOffset)
                }
                emit(.money, text, startOffset, startLine, startColumn)
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i+1]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    advance(); advance()
                    emit(.symbol, two, startOffset, startLine, startColumn)
                } else if "<>+-*/()[],.:=".contains(c) {
                    advance()
                    emit(.symbol, String(c), startOffset, startLine, startColumn)
                } else {
                    advance()
                    diagnose("unexpected character '\(c)'", startLine, startColumn, 1)
                }
            }
        }
        tokens.append(Token(kind: .end, text: "", range: SourceRange(file: file, line: line, column: column, length: 1),
                            offset: i, sourceLength: 0, atLineStart: true))
    }

    func peek(_ k: Int) -> Character? { i + k < chars.count ? chars[i + k] : nil }

    func hasQuoteLaterOnLine(after index: Int) -> Bool {
        var k = index + 1
        while k < chars.count, chars[k] != "\n" {
            if chars[k] == "\"" { return true }
            k += 1
        }
        return false
    }

    mutating func advance() { i += 1; column += 1 }

    mutating func emit(_ kind: Token.Kind, _ text: String, _ offset: Int, _ l: Int, _ c: Int,
                       columns: [Int] = [], lines: [Int] = []) {
        let length = (l == line) ? (i - offset) : 1
        var t = Token(kind: kind, text: text, range: SourceRange(file: file, line: l, column: c, length: length),
                      offset: offset, sourceLength: i - offset, atLineStart: !lineHasToken)
        t.stringColumns = columns
        t.stringLines = lines
        tokens.append(t)
        lineHasToken = true
    }

    mutating func diagnose(_ message: String, _ l: Int, _ c: Int, _ length: Int) {
        diagnostics.append(Diagnostic(.error, message, file: file, line: l, column: c, length: length))
    }

    mutating func lexComment() {
        let start = i
        while i < chars.count, chars[i] != "\n" { advance() }
        comments.append(Comment(text: String(chars[start..<i]).trimmingWhitespace, line: line, trailing: lineHasToken))
    }

    mutating func lexNumberOrDate(_ start: Int, _ l: Int, _ c: Int) {
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { advance() }
        // A date literal: 2014-09-30
        if i - start == 4, peek(0) == "-", let a = peek(1), let b = peek(2), a.isNumber, b.isNumber, peek(3) == "-",
           let d1 = peek(4), let d2 = peek(5), d1.isNumber, d2.isNumber {
            for _ in 0..<6 { advance() }
            let text = String(chars[start..<i])
            if ScalarParsers.date(text) == nil { diagnose("'\(text)' is not a valid date", l, c, i - start) }
            emit(.date, text, start, l, c)
            return
        }
        if peek(0) == ".", let d = peek(1), d.isASCII, d.isNumber {
            advance()
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { advance() }
        }
        emit(.number, String(chars[start..<i]), start, l, c)
    }

    mutating func lexString(_ start: Int, _ l: Int, _ c: Int) {
        advance() // opening quote
        var text = ""
        var columns: [Int] = []
        var lines: [Int] = []
        var depth = 0   // inside a {…} hole, text (nested strings included) is kept as written
        while true {
            guard i < chars.count, chars[i] != "\n" else {
                diagnose("this text has no closing quote (\") on its line", l, c, 1)
                emit(.string, text, start, l, c, columns: columns, lines: lines)
                return
            }
            let ch = chars[i]
            if depth > 0 {
                if ch == "}" { depth -= 1 }
                if ch == "{" { depth += 1 }
                if ch == "\"" && !hasQuoteLaterOnLine(after: i) {
                    // No string can start here (nothing closes it): this quote closes the text, and
                    // the unclosed '{' is reported when the message is parsed.
                    advance(); break
                }
                if ch == "\"" {
                    // A string inside a hole: copy it through its closing quote.
                    text.append(ch); columns.append(column); lines.append(line); advance()
                    while i < chars.count, chars[i] != "\"", chars[i] != "\n" {
                        if chars[i] == "\\", i + 1 < chars.count { text.append(chars[i]); columns.append(column); lines.append(line); advance() }
                        text.append(chars[i]); columns.append(column); lines.append(line); advance()
                    }
                    if i < chars.count, chars[i] == "\"" { text.append("\""); columns.append(column); lines.append(line); advance() }
                    continue
                }
                text.append(ch); columns.append(column); lines.append(line)
                advance()
                continue
            }
            if ch == "{" { depth += 1 }
            if ch == "\"" { advance(); break }
            if ch == "\\" {
                let col = column
                advance()
                guard i < chars.count else { continue }
                let e = chars[i]
                advance()
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "\"", "\\": text.append(e)
                case "{": text.append("\\{")   // kept escaped: a literal brace in a template
                case "}": text.append("\\}")
                default:
                    diagnose("unknown escape '\\\(e)'; write \\\" for a quote, \\\\ for a backslash, \\{ for a brace", line, col, 2)
                }
                columns.append(col); lines.append(line)
                if e == "{" || e == "}" { columns.append(col); lines.append(line) }
                continue
            }
            text.append(ch); columns.append(column); lines.append(line)
            advance()
        }
        emit(.string, text, start, l, c, columns: columns, lines: lines)
    }

    /// `"""` block strings: the content lines, with the indentation of the closing `"""` removed.
    mutating func lexBlockString(_ start: Int, _ l: Int, _ c: Int) {
        advance(); advance(); advance()
        // The opening delimiter ends its line.
        while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\r" { advance() }
        if i < chars.count, chars[i] != "\n" {
            diagnose("a \"\"\" block starts on the line after its opening quotes", line, column, 1)
        }
        var rawLines: [String] = []
        var current = ""
        var closed = false
        while i < chars.count {
            let ch = chars[i]
            if ch == "\n" {
                rawLines.append(current)
                current = ""
                advance(); line += 1; column = 1
                continue
            }
            if ch == "\"" && peek(1) == "\"" && peek(2) == "\"" && current.allSatisfy({ $0 == " " || $0 == "\t" }) {
                advance(); advance(); advance()
                closed = true
                break
            }
            current.append(ch)
            advance()
        }
        if !closed {
            diagnose("this \"\"\" block is never closed", l, c, 3)
        }
        // rawLines[0] is the rest of the opening line (blank); content follows.
        var content = Array(rawLines.dropFirst())
        let indent = current.count
        for (n, text) in content.enumerated() {
            let blank = text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if blank { content[n] = ""; continue }
            let lead = text.prefix(while: { $0 == " " })
            if lead.count < indent {
                diagnose("this line of the \"\"\" block is indented less than its closing quotes", l + n + 1, 1, max(1, lead.count))
                content[n] = String(text.drop(while: { $0 == " " }))
            } else {
                content[n] = String(text.dropFirst(indent))
            }
        }
        let text = content.isEmpty ? "" : content.joined(separator: "\n") + "\n"
        emit(.blockString, text, start, l, c)
    }
}
