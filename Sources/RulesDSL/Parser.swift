import Foundation
import PlanModel

/// Parses a rule file into declarations, recovering after each error at the next clause so that
/// every syntax error in a file is reported in one run.
public struct Parser {
    public static let ruleClauses = ["title", "severity", "category", "cite", "cohort", "for", "let", "when",
                                     "expect", "subject", "message", "passes", "fails"]
    public static let profileClauses = ["title", "severity", "disable"]
    static let topLevel = ["rule", "profile"]
    static let reserved: Set<String> = ["and", "or", "not", "in", "is", "missing", "filled", "exists", "all", "any", "no",
                                        "where", "for", "matches", "contains", "true", "false", "each", "if", "then", "else"]

    var tokens: [Token]
    var pos = 0
    let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    init(tokens: [Token], file: String) { self.tokens = tokens; self.file = file }

    /// Lexes and parses one file; diagnostics from both stages are returned with the result.
    public static func parse(file: String, source: String) -> (RuleFile, [Diagnostic]) {
        let lexer = Lexer.lex(file: file, source: source)
        var p = Parser(tokens: lexer.tokens, file: file)
        var rules: [RuleDecl] = []
        var profiles: [ProfileDecl] = []
        var order: [RuleFile.Item] = []
        while !p.at(.end) {
            let t = p.current
            if t.isWord("rule") {
                if let r = p.parseRule() { order.append(.rule(rules.count)); rules.append(r) }
            } else if t.isWord("profile") {
                if let pr = p.parseProfile() { order.append(.profile(profiles.count)); profiles.append(pr) }
            } else {
                var message = "expected 'rule' or 'profile' here, found \(describe(t))"
                if t.kind == .word, let near = Suggest.closest(to: t.text, among: topLevel) { message += "; did you mean '\(near)'?" }
                p.error(message, t.range)
                p.advance()
                p.synchronize(topLevelOnly: true)
            }
        }
        let diags = lexer.diagnostics + p.diagnostics
        return (RuleFile(path: file, source: source, rules: rules, profiles: profiles, comments: lexer.comments, order: order), diags)
    }

    // MARK: token helpers

    var current: Token { tokens[pos] }
    func peekToken(_ k: Int = 1) -> Token { tokens[min(pos + k, tokens.count - 1)] }
    func at(_ kind: Token.Kind) -> Bool { current.kind == kind }
    mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }

    mutating func error(_ message: String, _ range: SourceRange, notes: [String] = []) {
        diagnostics.append(Diagnostic(.error, message, at: range, notes: notes))
    }

    static func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "the end of the file"
        case .string, .blockString: return "text"
        case .word: return "'\(t.text)'"
        default: return "'\(t.text)'"
        }
    }

    func isClauseStart(_ t: Token) -> Bool {
        t.kind == .end || (t.atLineStart && t.kind == .word && (Self.ruleClauses.contains(t.text) || Self.topLevel.contains(t.text)))
    }

    /// Skips to the next clause (or, with `topLevelOnly`, the next rule or profile).
    mutating func synchronize(topLevelOnly: Bool = false) {
        while !at(.end) {
            let t = current
            if t.atLineStart && t.kind == .word {
                if Self.topLevel.contains(t.text) { return }
                if !topLevelOnly && (Self.ruleClauses.contains(t.text) || Self.profileClauses.contains(t.text)) { return }
            }
            advance()
        }
    }

    /// Reads a hyphenated name written without spaces: `NE-MIN-PRESENT`, `missing-item`, `high-risk`.
    mutating func parseHyphenated(what: String) -> (String, SourceRange)? {
        let first = current
        guard first.kind == .word || first.kind == .number else {
            error("expected \(what) here, found \(Self.describe(first))", first.range)
            return nil
        }
        var text = first.text
        var end = first.offset + first.sourceLength
        var range = first.range
        advance()
        while current.isSymbol("-"), current.offset == end,
              peekToken().kind == .word || peekToken().kind == .number, peekToken().offset == end + 1 {
            advance()
            text += "-" + current.text
            end = current.offset + current.sourceLength
            range = range.through(current.range)
            advance()
        }
        return (text, range)
    }

    mutating func expectString(_ clause: String) -> Token? {
        guard current.kind == .string else {
            error("'\(clause)' takes text in double quotes, found \(Self.describe(current))", current.range)
            return nil
        }
        let t = current
        advance()
        return t
    }

    /// After a clause, anything left on its line is an error.
    mutating func endClause(_ clause: String) {
        if !isClauseStart(current) && !current.atLineStart {
            error("unexpected \(Self.describe(current)) after the '\(clause)' clause", current.range)
            synchronize()
        }
    }

    // MARK: rules

    mutating func parseRule() -> RuleDecl? {
        let ruleToken = current
        advance()
        guard let (id, idRange) = parseHyphenated(what: "a rule id such as NE-MIN-PRESENT") else {
            synchronize(); return nil
        }
        var rule = RuleDecl(id: id, idRange: idRange, range: ruleToken.range.through(idRange))
        if !isClauseStart(current) { error("unexpected \(Self.describe(current)) after the rule id", current.range); synchronize() }
        while !at(.end) && !(current.atLineStart && current.kind == .word && Self.topLevel.contains(current.text)) {
            let kw = current
            guard kw.kind == .word, Self.ruleClauses.contains(kw.text) else {
                var message = "expected a rule clause (\(Self.ruleClauses.joined(separator: ", "))), found \(Self.describe(kw))"
                if kw.kind == .word, let near = Suggest.closest(to: kw.text, among: Self.ruleClauses) {
                    message = "unknown clause '\(kw.text)'; did you mean '\(near)'?"
                }
                error(message, kw.range)
                advance(); synchronize(); continue
            }
            let singular = ["title", "severity", "category", "cite", "cohort", "expect", "subject", "message"]
            if singular.contains(kw.text), let first = rule.clauseLines[kw.text] {
                error("the rule already has a '\(kw.text)' clause", kw.range, notes: ["the first is at \(first)"])
            }
            if rule.clauseLines[kw.text] == nil { rule.clauseLines[kw.text] = kw.range }
            advance()
            let before = diagnostics.count
            parseRuleClause(kw, into: &rule)
            if diagnostics.count > before { rule.brokenClauses.insert(kw.text) }
        }
        return rule
    }

    mutating func parseRuleClause(_ kw: Token, into rule: inout RuleDecl) {
        switch kw.text {
        case "title":
            if let t = expectString("title") { rule.title = t.text }
        case "cite":
            if let t = expectString("cite") { rule.citation = t.text }
        case "severity":
            guard let (word, range) = parseHyphenated(what: "error, warning or info") else { synchronize(); return }
            if let s = Severity(rawValue: word) { rule.severity = s }
            else { error(unknownWord(word, "severity", Severity.allCases.map(\.rawValue).reversed()), range) }
        case "category":
            guard let (word, range) = parseHyphenated(what: "a category") else { synchronize(); return }
            if let c = Category(rawValue: word) { rule.category = c }
            else { error(unknownWord(word, "category", Category.allCases.map(\.rawValue)), range) }
        case "cohort":
            repeat {
                if current.isSymbol(",") { advance() }
                guard let (word, range) = parseHyphenated(what: "a cohort") else { synchronize(); return }
                if PlanSchema.cohorts.contains(word) { rule.cohorts.append(word) }
                else { error(unknownWord(word, "cohort", PlanSchema.cohorts), range) }
            } while current.isSymbol(",")
        case "for":
            guard current.isWord("each") else { error("write 'for each NAME in LIST'", current.range); synchronize(); return }
            advance()
            guard let (name, nameRange) = parseBinderName() else { synchronize(); return }
            guard current.isWord("in") else {
                error("expected 'in' after 'for each \(name)'", current.range)
                rule.brokenNames.append(name); synchronize(); return
            }
            advance()
            guard let list = parseExpr() else { rule.brokenNames.append(name); synchronize(); return }
            var filter: Expr?
            if current.isWord("where") { advance(); filter = parseExpr() }
            rule.bindings.append(.forEach(name: name, nameRange: nameRange, list: list, filter: filter))
        case "let":
            guard let (name, nameRange) = parseBinderName() else { synchronize(); return }
            guard current.isSymbol("=") else {
                error("expected '=' after 'let \(name)'", current.range)
                rule.brokenNames.append(name); synchronize(); return
            }
            advance()
            guard let value = parseExpr() else { rule.brokenNames.append(name); synchronize(); return }
            rule.bindings.append(.letBinding(name: name, nameRange: nameRange, value: value))
        case "when":
            guard let e = parseExpr() else { synchronize(); return }
            rule.bindings.append(.when(e))
        case "expect":
            guard let e = parseExpr() else { synchronize(); return }
            rule.expect = e
        case "subject":
            guard let e = parseExpr() else { synchronize(); return }
            rule.subject = e
        case "message":
            guard let t = expectString("message") else { synchronize(); return }
            rule.message = parseTemplate(t)
        case "passes":
            guard current.kind == .blockString else {
                error("'passes' takes an example plan fragment in a \"\"\" block", current.range); synchronize(); return
            }
            rule.examples.append(RuleExample(expectation: .passes, yaml: current.text, line: current.range.line + 1, range: kw.range))
            advance()
        case "fails":
            guard current.isWord("at") else {
                error("write 'fails at \"subject.path\"' and then the example in a \"\"\" block", current.range); synchronize(); return
            }
            advance()
            var subjects: [String] = []
            repeat {
                if current.isSymbol(",") { advance() }
                guard let t = expectString("fails at") else { synchronize(); return }
                subjects.append(t.text)
            } while current.isSymbol(",")
            guard current.kind == .blockString else {
                error("'fails at' takes an example plan fragment in a \"\"\" block", current.range); synchronize(); return
            }
            rule.examples.append(RuleExample(expectation: .fails(subjects: subjects), yaml: current.text, line: current.range.line + 1, range: kw.range))
            advance()
        default:
            break
        }
        endClause(kw.text)
    }

    func unknownWord(_ word: String, _ what: String, _ options: [String]) -> String {
        var m = "'\(word)' is not a \(what); use one of: \(options.joined(separator: ", "))"
        if let near = Suggest.closest(to: word, among: options) { m += "; did you mean '\(near)'?" }
        return m
    }

    mutating func parseBinderName() -> (String, SourceRange)? {
        let t = current
        guard t.kind == .word, !Self.reserved.contains(t.text), t.text != "plan", t.text != "catalogue" else {
            if t.kind == .word {
                error("'\(t.text)' is a word of the rules language and cannot name a value; choose another name", t.range)
            } else {
                error("expected a name for the value here, found \(Self.describe(t))", t.range)
            }
            return nil
        }
        advance()
        return (t.text, t.range)
    }

    // MARK: profiles

    mutating func parseProfile() -> ProfileDecl? {
        let kw = current
        advance()
        guard let (name, nameRange) = parseHyphenated(what: "a profile name such as earned-autonomy") else { synchronize(); return nil }
        var profile = ProfileDecl(name: name, nameRange: nameRange, range: kw.range.through(nameRange))
        while !at(.end) && !(current.atLineStart && current.kind == .word && Self.topLevel.contains(current.text)) {
            let c = current
            guard c.kind == .word, Self.profileClauses.contains(c.text) else {
                var message = "expected a profile clause (title, severity, disable), found \(Self.describe(c))"
                if c.kind == .word, let near = Suggest.closest(to: c.text, among: Self.profileClauses) {
                    message = "unknown profile clause '\(c.text)'; did you mean '\(near)'?"
                }
                error(message, c.range)
                advance(); synchronize(); continue
            }
            advance()
            switch c.text {
            case "title":
                if let t = expectString("title") { profile.title = t.text }
            case "severity":
                guard let (rule, range) = parseHyphenated(what: "a rule id") else { synchronize(); continue }
                guard let (word, wr) = parseHyphenated(what: "error, warning or info") else { synchronize(); continue }
                if let s = Severity(rawValue: word) { profile.overrides.append((rule, s, range)) }
                else { error(unknownWord(word, "severity", ["error", "warning", "info"]), wr) }
            default: // disable
                guard let (rule, range) = parseHyphenated(what: "a rule id") else { synchronize(); continue }
                profile.disabled.append((rule, range))
            }
            endClause(c.text)
        }
        return profile
    }

    // MARK: expressions

    mutating func parseExpr() -> Expr? {
        let before = diagnostics.count
        let e = parseOr()
        if e == nil && diagnostics.count == before { error("expected an expression here, found \(Self.describe(current))", current.range) }
        return e
    }

    func continues(_ t: Token) -> Bool { !(t.atLineStart && isClauseStart(t)) }

    mutating func parseOr() -> Expr? {
        guard var left = parseAnd() else { return nil }
        while current.isWord("or"), continues(current) {
            let op = current; advance()
            guard let right = parseAnd() else { return nil }
            left = .binary("or", left, right, op.range)
        }
        return left
    }

    mutating func parseAnd() -> Expr? {
        guard var left = parseNot() else { return nil }
        while current.isWord("and"), continues(current) {
            let op = current; advance()
            guard let right = parseNot() else { return nil }
            left = .binary("and", left, right, op.range)
        }
        return left
    }

    mutating func parseNot() -> Expr? {
        if current.isWord("not") {
            let op = current; advance()
            guard let e = parseNot() else { return nil }
            return .unary("not", e, op.range)
        }
        return parseComparison()
    }

    mutating func parseComparison() -> Expr? {
        guard let left = parseAdditive() else { return nil }
        let t = current
        guard continues(t) else { return left }
        if t.kind == .symbol, ["==", "!=", "<", "<=", ">", ">="].contains(t.text) {
            advance()
            guard let right = parseAdditive() else { return nil }
            return .binary(t.text, left, right, t.range)
        }
        if t.kind == .word {
            switch t.text {
            case "in", "matches", "contains":
                advance()
                guard let right = parseAdditive() else { return nil }
                return .binary(t.text, left, right, t.range)
            case "not" where peekToken().isWord("in"):
                advance(); let inTok = current; advance()
                guard let right = parseAdditive() else { return nil }
                return .unary("not", .binary("in", left, right, inTok.range), t.range)
            case "exists":
                advance()
                return .predicate("filled", left, t.range)
            case "is":
                advance()
                var negate = false
                if current.isWord("not") { negate = true; advance() }
                let w = current
                guard w.isWord("missing") || w.isWord("filled") else {
                    error("expected 'missing' or 'filled' after 'is'", w.range)
                    return nil
                }
                advance()
                let word = (w.text == "missing") != negate ? "missing" : "filled"
                return .predicate(word, left, t.range.through(w.range))
            default:
                break
            }
        }
        return left
    }

    mutating func parseAdditive() -> Expr? {
        guard var left = parseMultiplicative() else { return nil }
        while (current.isSymbol("+") || current.isSymbol("-")), continues(current) {
            let op = current; advance()
            guard let right = parseMultiplicative() else { return nil }
            left = .binary(op.text, left, right, op.range)
        }
        return left
    }

    mutating func parseMultiplicative() -> Expr? {
        guard var left = parseUnary() else { return nil }
        while (current.isSymbol("*") || current.isSymbol("/")), continues(current) {
            let op = current; advance()
            guard let right = parseUnary() else { return nil }
            left = .binary(op.text, left, right, op.range)
        }
        return left
    }

    mutating func parseUnary() -> Expr? {
        if current.isSymbol("-") {
            let op = current; advance()
            guard let e = parseUnary() else { return nil }
            return .unary("-", e, op.range)
        }
        return parsePostfix()
    }

    mutating func parsePostfix() -> Expr? {
        guard var e = parsePrimary() else { return nil }
        while true {
            if current.isSymbol("."), continues(current) {
                advance()
                let name = current
                guard name.kind == .word else { error("expected a field name after '.', found \(Self.describe(name))", name.range); return nil }
                advance()
                e = .field(e, name.text, name.range)
            } else if current.isSymbol("["), !current.atLineStart {
                let open = current; advance()
                guard let k = parseOr() else { return nil }
                guard current.isSymbol("]") else { error("expected ']' to close the '[' at \(open.range)", current.range); return nil }
                let close = current; advance()
                e = .index(e, k, open.range.through(close.range))
            } else {
                return e
            }
        }
    }

    mutating func parsePrimary() -> Expr? {
        let t = current
        if t.atLineStart && t.kind == .word && (Self.ruleClauses.contains(t.text) || Self.topLevel.contains(t.text)) {
            error("the expression ends too early: a value is missing before the '\(t.text)' on this line", t.range)
            return nil
        }
        switch t.kind {
        case .number:
            advance(); return .number(Double(t.text) ?? 0, t.range)
        case .money:
            advance(); return .money(ScalarParsers.money(t.text) ?? .zero, t.text, t.range)
        case .date:
            advance(); return .date(ScalarParsers.date(t.text) ?? Day(ordinal: 0), t.text, t.range)
        case .string:
            advance()
            // Braces are literal outside messages (regular expressions use them): undo the lexer's escapes.
            return .text(t.text.replacingOccurrences(of: "\\{", with: "{").replacingOccurrences(of: "\\}", with: "}"), t.range)
        case .blockString:
            error("a \"\"\" block is only for examples ('passes' and 'fails at')", t.range)
            advance(); return nil
        case .symbol:
            if t.text == "(" {
                advance()
                guard let e = parseOr() else { return nil }
                guard current.isSymbol(")") else { error("expected ')' to close the '(' at \(t.range)", current.range); return nil }
                advance()
                return e
            }
            if t.text == "[" {
                advance()
                let items = parseArguments(close: "]", opener: t)
                guard let items else { return nil }
                if items.count == 1, case .generator = items[0] { return items[0] }
                return .list(items, t.range)
            }
            error("expected a value here, found \(Self.describe(t))", t.range)
            return nil
        case .word:
            if t.text == "true" || t.text == "false" { advance(); return .bool(t.text == "true", t.range) }
            if t.text == "if" {
                advance()
                guard let c = parseOr() else { return nil }
                guard current.isWord("then") else { error("expected 'then' after the condition of 'if'", current.range); return nil }
                advance()
                guard let a = parseOr() else { return nil }
                guard current.isWord("else") else { error("expected 'else': an 'if' expression needs both branches", current.range); return nil }
                advance()
                guard let b = parseOr() else { return nil }
                return .conditional(c, a, b, t.range)
            }
            if ["all", "any", "no"].contains(t.text), peekToken().kind == .word, peekToken(2).isWord("in") {
                advance()
                let v = current; advance(); advance()   // name, 'in'
                guard let list = parseAdditive() else { return nil }
                var filter: Expr?
                if current.isWord("where") { advance(); filter = parseOr(); if filter == nil { return nil } }
                guard current.isSymbol(":") else {
                    error("expected ':' before the condition of '\(t.text) \(v.text) in …'", current.range); return nil
                }
                advance()
                guard let body = parseOr() else { return nil }
                return .quantifier(t.text, v.text, list, filter, body, t.range)
            }
            if Self.reserved.contains(t.text) {
                error("expected a value here, found \(Self.describe(t))", t.range)
                return nil
            }
            advance()
            if current.isSymbol("("), current.offset == t.offset + t.sourceLength {
                let open = current; advance()
                guard let args = parseArguments(close: ")", opener: open) else { return nil }
                return .call(t.text, args, t.range)
            }
            return .name(t.text, t.range)
        case .end:
            error("expected a value, found the end of the file", t.range)
            return nil
        }
    }

    /// Comma-separated arguments up to `close`; an argument may be a generator (`x.amount for x in L where C`,
    /// or the shorthand `x in L where C`).
    mutating func parseArguments(close: String, opener: Token) -> [Expr]? {
        var items: [Expr] = []
        if current.isSymbol(close) { advance(); return items }
        while true {
            guard let e = parseOr() else { return nil }
            if current.isWord("for") {
                let forTok = current; advance()
                guard let (name, _) = parseBinderName() else { return nil }
                guard current.isWord("in") else { error("expected 'in' after 'for \(name)'", current.range); return nil }
                advance()
                guard let list = parseAdditive() else { return nil }
                var filter: Expr?
                if current.isWord("where") { advance(); filter = parseOr(); if filter == nil { return nil } }
                items.append(.generator(e, name, list, filter, forTok.range))
            } else if current.isWord("where"), case .binary("in", .name(let name, let nr), let list, _) = e {
                advance()
                guard let filter = parseOr() else { return nil }
                items.append(.generator(.name(name, nr), name, list, filter, nr))
            } else {
                items.append(e)
            }
            if current.isSymbol(",") { advance(); continue }
            if current.isSymbol(close) { advance(); return items }
            error("expected ',' or '\(close)' to close the '\(opener.text)' at \(opener.range), found \(Self.describe(current))", current.range)
            return nil
        }
    }

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
