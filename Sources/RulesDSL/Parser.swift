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
    public internal(set) var diagnostics: [Diagnostic] = []

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

}
