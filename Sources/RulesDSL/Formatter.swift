import Foundation
import PlanModel

/// Prints parsed rule files in the one canonical layout of the house style, keeping every comment.
///
/// Layout: `rule ID` / `profile NAME` at column 0; one clause a line, indented two spaces, its keyword
/// padded to eight characters (`  expect   …`); rule clauses in the order title, severity, category,
/// cite, cohort, the bindings as written (a `for each` filter on its own `where` line), expect,
/// subject, message, then the examples as written; one blank line between items; no trailing
/// whitespace; one final newline. Expressions are printed from the AST with the parentheses the
/// grammar needs, plus parentheses around a quantifier or `if` used as the operand of an operator or
/// as the list after `in`; `let name = value` with single spaces; a generator whose element is its own
/// name and that has a filter as the shorthand `x in L where c` (bare as an argument), any other in
/// brackets `[e for x in L where c]`. Money, dates and message templates keep their source spelling.
public enum RuleFormatter {
    /// The syntax errors that stop a rule file from being formatted.
    public struct SyntaxErrors: Error, Sendable {
        /// Every lexer and parser error of the file, in source order.
        public var diagnostics: [Diagnostic]

        /// Wraps the diagnostics of a file that does not parse.
        public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    }

    /// The canonical text of a parsed rule file, with its comments.
    public static func format(_ file: RuleFile) -> String {
        var layout = FileLayout(file: file)
        return layout.render()
    }

    /// Parses `source` and returns its canonical text, or the syntax errors when it does not parse
    /// (a file with errors is never formatted: its AST may be missing pieces of the text).
    public static func format(source: String, file: String) -> Result<String, SyntaxErrors> {
        let (parsed, diagnostics) = Parser.parse(file: file, source: source)
        let errors = diagnostics.filter { $0.level == .error }.sorted(by: diagnosticOrder)
        if !errors.isEmpty { return .failure(SyntaxErrors(diagnostics: errors)) }
        return .success(format(parsed))
    }

    /// The canonical text of one expression, as it is printed in a clause.
    public static func format(_ expr: Expr) -> String {
        ExprPrinter.top(expr)
    }

    /// A string literal (quotes included) that the lexer reads back as a string token whose text is `text`
    /// (the token text of titles, citations and `fails at` subjects: decoded, with `\{` `\}` kept).
    public static func tokenLiteral(_ text: String) -> String {
        let natural = Literals.mirrorLexer(text)
        if Literals.lexesTo(natural, text, undoBraces: false) { return natural }
        return Literals.escapeAll(text)
    }

    /// A string literal (quotes included) that parses back to the plain string expression `value`.
    public static func textLiteral(_ value: String) -> String {
        let natural = Literals.mirrorLexer(value)
        if Literals.lexesTo(natural, value, undoBraces: true) { return natural }
        return Literals.escapeAll(value)
    }

    /// The source of a message template (quotes included): its own text when that reads back
    /// exactly, else rebuilt from its parts (literal braces escaped, holes printed canonically).
    public static func templateLiteral(_ template: Template) -> String {
        let natural = Literals.mirrorLexer(template.raw)
        if Literals.lexesTo(natural, template.raw, undoBraces: false) { return natural }
        var out = "\""
        for part in template.parts {
            switch part {
            case .literal(let text): out += String(Literals.escapeAll(text).dropFirst().dropLast())
            case .hole(let e, _): out += "{" + ExprPrinter.top(e) + "}"
            }
        }
        return out + "\""
    }
}

// MARK: - string literals

extension RuleFormatter {
    /// Spelling string values as literals the lexer reads back unchanged.
    fileprivate enum Literals {
        /// The inverse of `Lexer.lexString`: escapes `"`, `\`, newline and tab outside `{…}` regions, keeps
        /// `\{` and `\}` as written, and copies the inside of a `{…}` region verbatim (as the lexer keeps it).
        static func mirrorLexer(_ text: String) -> String {
            let chars = Array(text)
            var out = "\""
            var depth = 0
            var k = 0
            while k < chars.count {
                let ch = chars[k]
                if depth > 0 {
                    if ch == "\"" {
                        out.append(ch); k += 1
                        while k < chars.count, chars[k] != "\"", chars[k] != "\n" {
                            if chars[k] == "\\", k + 1 < chars.count { out.append(chars[k]); k += 1 }
                            out.append(chars[k]); k += 1
                        }
                        if k < chars.count, chars[k] == "\"" { out.append("\""); k += 1 }
                        continue
                    }
                    if ch == "}" { depth -= 1 }
                    if ch == "{" { depth += 1 }
                    out.append(ch); k += 1
                    continue
                }
                switch ch {
                case "\\":
                    if k + 1 < chars.count, chars[k + 1] == "{" || chars[k + 1] == "}" {
                        out.append("\\"); out.append(chars[k + 1]); k += 2; continue
                    }
                    out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "{": depth += 1; out.append(ch)
                default: out.append(ch)
                }
                k += 1
            }
            return out + "\""
        }

        /// Every special character escaped, braces included: always reads back (braces undone) as `text`.
        static func escapeAll(_ text: String) -> String {
            var out = "\""
            for ch in text {
                switch ch {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "{": out += "\\{"
                case "}": out += "\\}"
                default: out.append(ch)
                }
            }
            return out + "\""
        }

        /// True when `literal` lexes as exactly one clean string token whose text is `expected`
        /// (after the parser's `\{` → `{` for plain string expressions when `undoBraces`). It is lexed
        /// with another string after it on the line, as the lexer reads a quote inside an unclosed `{`
        /// differently when a later quote follows: the literal must end where it ends in any context.
        static func lexesTo(_ literal: String, _ expected: String, undoBraces: Bool) -> Bool {
            let lexer = Lexer.lex(file: "", source: literal + " \"\"")
            guard lexer.diagnostics.isEmpty, lexer.tokens.count == 3, lexer.tokens[0].kind == .string,
                  lexer.tokens[1].kind == .string, lexer.tokens[1].text.isEmpty else { return false }
            var text = lexer.tokens[0].text
            if undoBraces {
                text = text.replacingOccurrences(of: "\\{", with: "{").replacingOccurrences(of: "\\}", with: "}")
            }
            return text == expected
        }
    }
}

// MARK: - expressions

extension RuleFormatter {
    /// Prints expressions with the fewest parentheses that keep the tree, plus parentheses around a
    /// quantifier or `if` that is an operand of an operator (their bodies would swallow what follows).
    fileprivate enum ExprPrinter {
        // Binding strength, loosest first, as in the parser's descent.
        static let orLevel = 1, andLevel = 2, notLevel = 3, comparisonLevel = 4, additiveLevel = 5
        static let multiplicativeLevel = 6, unaryLevel = 7, postfixLevel = 8, primaryLevel = 9

        static func top(_ e: Expr) -> String { sub(e, orLevel, followed: false, operand: false) }

        static func level(_ e: Expr) -> Int {
            switch e {
            case .binary(let op, _, _, _):
                switch op {
                case "or": return orLevel
                case "and": return andLevel
                case "+", "-": return additiveLevel
                case "*", "/": return multiplicativeLevel
                default: return comparisonLevel
                }
            case .unary("not", .binary("in", _, _, _), _): return comparisonLevel
            case .unary("not", _, _): return notLevel
            case .unary: return unaryLevel
            case .predicate: return comparisonLevel
            case .field, .index: return postfixLevel
            default: return primaryLevel
            }
        }

        /// A quantifier or `if`: its last part is a full expression that takes in any operator after it.
        static func isOpenEnded(_ e: Expr) -> Bool {
            switch e {
            case .quantifier, .conditional: return true
            default: return false
            }
        }

        /// `e` where the grammar wants at least `minLevel`. `followed`: an operator, postfix or predicate
        /// comes right after it in the output. `operand`: it is an operand of an operator (or the list after `in`).
        static func sub(_ e: Expr, _ minLevel: Int, followed: Bool, operand: Bool) -> String {
            if level(e) < minLevel || (isOpenEnded(e) && (followed || operand)) {
                return "(" + bare(e, followed: false) + ")"
            }
            return bare(e, followed: followed)
        }

        static func bare(_ e: Expr, followed: Bool) -> String {
            switch e {
            case .number(let n, _): return number(n)
            case .money(_, let written, _): return written
            case .date(_, let written, _): return written
            case .text(let s, _): return RuleFormatter.textLiteral(s)
            case .bool(let b, _): return b ? "true" : "false"
            case .name(let n, _): return n
            case .field(let base, let name, _):
                let baseText = sub(base, postfixLevel, followed: true, operand: false)
                // The lexer reads `£80,000.` as one amount: keep the dot off an amount's last digit.
                return (endsWithMoney(baseText) ? "(" + baseText + ")" : baseText) + "." + name
            case .index(let base, let key, _):
                return sub(base, postfixLevel, followed: true, operand: false) + "[" + top(key) + "]"
            case .call(let name, let args, _):
                return name + "(" + items(args) + ")"
            case .list(let elements, _):
                return "[" + items(elements) + "]"
            case .generator:
                return "[" + generator(e) + "]"
            case .unary("not", .binary("in", let l, let r, _), _):
                return sub(l, additiveLevel, followed: true, operand: true) + " not in "
                    + sub(r, additiveLevel, followed: followed, operand: true)
            case .unary(let op, let x, _):
                // `not (a == b)` reads better than `not a == b`: comparisons under `not` keep their brackets.
                if op == "not" {
                    switch x {
                    case .binary(let o, _, _, _) where !["and", "or", "+", "-", "*", "/"].contains(o):
                        return "not (" + bare(x, followed: false) + ")"
                    case .predicate, .unary("not", .binary("in", _, _, _), _):
                        return "not (" + bare(x, followed: false) + ")"
                    default:
                        return "not " + sub(x, notLevel, followed: followed, operand: false)
                    }
                }
                return op + sub(x, unaryLevel, followed: followed, operand: false)
            case .binary(let op, let l, let r, _):
                let (leftLevel, rightLevel): (Int, Int)
                switch level(e) {
                case orLevel: (leftLevel, rightLevel) = (orLevel, andLevel)
                case andLevel: (leftLevel, rightLevel) = (andLevel, notLevel)
                case additiveLevel: (leftLevel, rightLevel) = (additiveLevel, multiplicativeLevel)
                case multiplicativeLevel: (leftLevel, rightLevel) = (multiplicativeLevel, unaryLevel)
                default: (leftLevel, rightLevel) = (additiveLevel, additiveLevel)   // comparisons do not chain
                }
                // An `and` inside an `or` keeps its brackets, so the grouping is plain to a reader.
                func side(_ x: Expr, _ min: Int, _ f: Bool) -> String {
                    if op == "or", case .binary("and", _, _, _) = x { return "(" + bare(x, followed: false) + ")" }
                    return sub(x, min, followed: f, operand: true)
                }
                return side(l, leftLevel, true) + " \(op) " + side(r, rightLevel, followed)
            case .predicate(let word, let x, _):
                return sub(x, additiveLevel, followed: true, operand: false) + (word == "missing" ? " is missing" : " exists")
            case .quantifier(let q, let v, let list, let filter, let body, _):
                var s = "\(q) \(v) in " + sub(list, additiveLevel, followed: false, operand: true)
                if let filter { s += " where " + top(filter) }
                return s + ": " + sub(body, orLevel, followed: followed, operand: false)
            case .conditional(let c, let a, let b, _):
                return "if " + top(c) + " then " + top(a) + " else " + sub(b, orLevel, followed: followed, operand: false)
            }
        }

        /// Arguments of a call or items of a list: a generator written `x in L where c` stays bare,
        /// a full generator `e for x in L` is printed in brackets.
        static func items(_ xs: [Expr]) -> String {
            xs.enumerated().map { k, x -> String in
                let shorthand: Bool
                if case .generator = x, isShorthand(x) { shorthand = true } else { shorthand = false }
                let text = shorthand ? generator(x) : top(x)
                // The lexer reads `£80,` as one amount: keep a comma off an amount's last digit
                // (a bare generator cannot be parenthesised, but it can be bracketed).
                if k < xs.count - 1, endsWithMoney(text) { return shorthand ? "[" + text + "]" : "(" + text + ")" }
                return text
            }.joined(separator: ", ")
        }

        /// True when a generator is printed as the shorthand `x in L where c`: its element is the bound name
        /// and it has a filter (without one, `x in L` would read as a membership test).
        static func isShorthand(_ g: Expr) -> Bool {
            guard case .generator(.name(let n, _), let v, _, _?, _) = g else { return false }
            return n == v
        }

        /// A generator without its brackets.
        static func generator(_ g: Expr) -> String {
            guard case .generator(let element, let v, let list, let filter, _) = g else { return top(g) }
            let listText = sub(list, additiveLevel, followed: false, operand: true)
            if isShorthand(g), let filter { return "\(v) in \(listText) where " + top(filter) }
            var s = top(element) + " for \(v) in " + listText
            if let filter { s += " where " + top(filter) }
            return s
        }

        static func endsWithMoney(_ text: String) -> Bool {
            guard let last = text.last, last.isNumber || "kKmM.".contains(last) else { return false }
            for ch in text.reversed() {
                if ch == "£" { return true }
                if !(ch.isNumber || ch == "," || ch == "." || "kKmM".contains(ch)) { return false }
            }
            return false
        }

        /// Integers without a fraction; other numbers in the shortest fixed-point form that reads back.
        static func number(_ n: Double) -> String {
            guard n.isFinite else { return "0" }
            if n == n.rounded() { return String(format: "%.0f", n) }
            let plain = "\(n)"
            if !plain.contains("e"), Double(plain) == n { return plain }
            for digits in 1...40 {
                let s = String(format: "%.\(digits)f", n)
                if Double(s) == n { return s }
            }
            return String(format: "%.40f", n)
        }
    }
}

// MARK: - layout and comments

extension RuleFormatter {
    /// Where a printed line came from in the source, for attaching comments.
    fileprivate struct Position: Comparable {
        var line: Int
        var column: Int
        static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
        init(_ r: SourceRange) { line = r.line; column = r.column }
    }

    /// One printed clause (or header): its text, the lines under it (an example's YAML and closing quotes),
    /// and the comments attached to it.
    fileprivate struct Line {
        var text: String
        var indent: Int
        var position: Position?
        /// The last source line of the clause's expression, when it spans lines.
        var lastLine: Int? = nil
        var body: [String] = []
        var leading: [Comment] = []
        var trailing: Comment?
    }

    /// One rule or profile: its header line, then its clauses in canonical order.
    fileprivate struct ItemLayout {
        var lines: [Line]
    }

    /// A whole file being laid out: its items, then the comments attached to their lines.
    fileprivate struct FileLayout {
        let file: RuleFile
        var items: [ItemLayout] = []
        var endComments: [Comment] = []
        let sourceLines: [Substring]
        var tokens: [Token]?

        init(file: RuleFile) {
            self.file = file
            self.sourceLines = file.source.split(separator: "\n", omittingEmptySubsequences: false)
        }

        mutating func render() -> String {
            items = file.order.map { item in
                switch item {
                case .rule(let i): return ruleLayout(file.rules[i])
                case .profile(let i): return profileLayout(file.profiles[i])
                }
            }
            attachComments()

            var out: [String] = []
            for (n, item) in items.enumerated() {
                if n > 0 { out.append("") }
                for line in item.lines {
                    let pad = String(repeating: " ", count: line.indent)
                    for c in line.leading {
                        out.append(pad + c.text)
                        if line.indent == 0 && isBlank(c.line + 1) { out.append("") }
                    }
                    var text = pad + line.text
                    if line.body.isEmpty, let t = line.trailing { text += " " + t.text }
                    out.append(text)
                    for (k, b) in line.body.enumerated() {
                        if k == line.body.count - 1, let t = line.trailing { out.append(b + " " + t.text) } else { out.append(b) }
                    }
                }
            }
            if !endComments.isEmpty {
                if !items.isEmpty { out.append("") }
                for (k, c) in endComments.enumerated() {
                    out.append(c.text)
                    if k < endComments.count - 1 && isBlank(c.line + 1) { out.append("") }
                }
            }
            if out.isEmpty { return "" }
            return out.joined(separator: "\n") + "\n"
        }

        /// True when line `n` (1-based) of the source exists and holds only whitespace.
        func isBlank(_ n: Int) -> Bool {
            guard n >= 1, n <= sourceLines.count else { return false }
            return sourceLines[n - 1].allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
        }

        static func clause(_ keyword: String, _ value: String) -> String {
            keyword.padding(toLength: max(8, keyword.count), withPad: " ", startingAt: 0) + " " + value
        }

        func ruleLayout(_ r: RuleDecl) -> ItemLayout {
            var lines = [Line(text: "rule \(r.id)", indent: 0, position: Position(r.range))]
            func add(_ keyword: String, _ value: String?, _ e: Expr? = nil) {
                guard let value else { return }
                lines.append(Line(text: Self.clause(keyword, value), indent: 2, position: r.clauseLines[keyword].map(Position.init),
                                  lastLine: e.map(Self.lastLine)))
            }
            add("title", r.title.map(RuleFormatter.tokenLiteral))
            add("severity", r.severity?.rawValue)
            add("category", r.category?.rawValue)
            add("cite", r.citation.map(RuleFormatter.tokenLiteral))
            add("cohort", r.cohorts.isEmpty ? nil : r.cohorts.joined(separator: ", "))
            for b in r.bindings {
                switch b {
                case .forEach(let name, let nameRange, let list, let filter):
                    let listText = ExprPrinter.sub(list, ExprPrinter.orLevel, followed: false, operand: true)
                    lines.append(Line(text: "for each \(name) in \(listText)", indent: 2, position: Position(nameRange),
                                      lastLine: Self.lastLine(list)))
                    if let filter {
                        lines.append(Line(text: Self.clause("where", ExprPrinter.top(filter)), indent: 2,
                                          position: Position(filter.startRange), lastLine: Self.lastLine(filter)))
                    }
                case .letBinding(let name, let nameRange, let value):
                    lines.append(Line(text: "let \(name) = " + ExprPrinter.top(value), indent: 2, position: Position(nameRange),
                                      lastLine: Self.lastLine(value)))
                case .when(let e):
                    lines.append(Line(text: Self.clause("when", ExprPrinter.top(e)), indent: 2, position: Position(e.startRange),
                                      lastLine: Self.lastLine(e)))
                }
            }
            add("expect", r.expect.map(ExprPrinter.top), r.expect)
            add("subject", r.subject.map(ExprPrinter.top), r.subject)
            add("message", r.message.map(RuleFormatter.templateLiteral))
            for ex in r.examples {
                let head: String
                switch ex.expectation {
                case .passes: head = "passes \"\"\""
                case .fails(let subjects): head = "fails at " + subjects.map(RuleFormatter.tokenLiteral).joined(separator: ", ") + " \"\"\""
                }
                var yaml = ex.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if yaml.last == "" { yaml.removeLast() }
                var body = yaml.map { line -> String in
                    let content = Self.trimmingTrailingWhitespace(line)
                    return content.isEmpty ? "" : "    " + content
                }
                body.append("    \"\"\"")
                lines.append(Line(text: head, indent: 2, position: Position(ex.range), body: body))
            }
            return ItemLayout(lines: lines)
        }

        mutating func profileLayout(_ p: ProfileDecl) -> ItemLayout {
            var lines = [Line(text: "profile \(p.name)", indent: 0, position: Position(p.range))]
            if let title = p.title {
                lines.append(Line(text: Self.clause("title", RuleFormatter.tokenLiteral(title)), indent: 2,
                                  position: profileTitlePosition(p)))
            }
            var entries: [(Position, String)] = []
            for o in p.overrides { entries.append((Position(o.range), Self.clause("severity", "\(o.rule) \(o.severity.rawValue)"))) }
            for d in p.disabled { entries.append((Position(d.range), Self.clause("disable", d.rule))) }
            for (position, text) in entries.enumerated().sorted(by: { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }).map(\.element) {
                lines.append(Line(text: text, indent: 2, position: position))
            }
            return ItemLayout(lines: lines)
        }

        /// The AST keeps no position for a profile's title: find the `title` keyword that starts a line
        /// after the profile's header and before the next item.
        mutating func profileTitlePosition(_ p: ProfileDecl) -> Position? {
            if tokens == nil { tokens = Lexer.lex(file: file.path, source: file.source).tokens }
            let header = Position(p.range)
            for t in tokens! where Position(t.range) > header {
                if t.atLineStart && t.kind == .word && (t.text == "rule" || t.text == "profile") { break }
                if t.atLineStart && t.isWord("title") { return Position(t.range) }
            }
            return nil
        }

        /// The last source line any part of `e` is on (a clause may continue over several lines).
        static func lastLine(_ e: Expr) -> Int {
            var children: [Expr] = []
            switch e {
            case .number, .money, .date, .text, .bool, .name: break
            case .field(let b, _, _): children = [b]
            case .index(let b, let k, _): children = [b, k]
            case .call(_, let args, _): children = args
            case .unary(_, let x, _), .predicate(_, let x, _): children = [x]
            case .binary(_, let l, let r, _): children = [l, r]
            case .quantifier(_, _, let l, let f, let b, _): children = [l, b] + (f.map { [$0] } ?? [])
            case .generator(let el, _, let l, let f, _): children = [el, l] + (f.map { [$0] } ?? [])
            case .list(let xs, _): children = xs
            case .conditional(let c, let a, let b, _): children = [c, a, b]
            }
            return children.map(lastLine).reduce(e.range.line, max)
        }

        /// Full-line comments go with the clause or item after them, or above the clause they sit inside
        /// when it spans lines; trailing comments stay on the line of the clause they end (a second one on a
        /// clause that spanned lines goes above it); comments after the last clause stay at the end of the file.
        mutating func attachComments() {
            var anchors: [(position: Position, item: Int, line: Int)] = []
            for (i, item) in items.enumerated() {
                for (k, line) in item.lines.enumerated() {
                    if let p = line.position { anchors.append((p, i, k)) }
                }
            }
            anchors = anchors.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
            for c in file.comments.sorted(by: { $0.line < $1.line }) {
                if c.trailing, let a = anchors.last(where: { $0.position.line <= c.line }) {
                    if items[a.item].lines[a.line].trailing == nil {
                        items[a.item].lines[a.line].trailing = c
                    } else {
                        items[a.item].lines[a.line].leading.append(c)
                    }
                    continue
                }
                let inside = anchors.last { a in
                    a.position.line < c.line && (items[a.item].lines[a.line].lastLine ?? 0) >= c.line
                }
                if let a = inside ?? anchors.first(where: { $0.position.line > c.line }) {
                    items[a.item].lines[a.line].leading.append(c)
                } else {
                    endComments.append(c)
                }
            }
        }

        /// `line` without trailing spaces, tabs and carriage returns.
        static func trimmingTrailingWhitespace(_ line: String) -> String {
            var s = Substring(line)
            while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
            return String(s)
        }
    }
}
