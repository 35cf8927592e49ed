import Foundation
import PlanModel

/// Parsing expressions, by precedence: or, and, not, comparisons, + -, * /, unary minus, postfix, primaries.
extension Parser {
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
}
