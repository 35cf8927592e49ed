import Foundation
import PlanModel

/// Type-checking expressions: names, fields, lookups, functions and operators.
extension Checker {
    // MARK: expressions

    mutating func check(_ e: Expr) -> (DType, TExpr, Provenance) {
        switch e {
        case .number(let n, _): return (.number, .constant(.number(n, nil)), .none)
        case .money(let m, _, _): return (.money, .constant(.money(m, nil)), .none)
        case .date(let d, _, _): return (.date, .constant(.date(d, nil)), .none)
        case .text(let s, _): return (.plainText, .constant(.text(s, nil)), .none)
        case .bool(let b, _): return (.bool, .constant(.bool(b)), .none)
        case .list(let items, let range):
            var elementType: DType = .poison
            var typed: [TExpr] = []
            for item in items {
                let (t, te, _) = check(item)
                if let c = DType.common(elementType, t) { elementType = c }
                else { error("a list's items must be of one type; this is \(t), the others \(elementType)", item.startRange) }
                typed.append(te)
            }
            if items.isEmpty { error("an empty list literal has no use here", range) }
            let allPlan = !items.isEmpty && items.allSatisfy { provenance(of: $0) == .planValue }
            return (.list(elementType, key: nil), .list(typed), allPlan ? .planElements : .none)
        case .conditional(let c, let a, let b, let range):
            let tc = checkBool(c, "'if'")
            let (at, ae, ap) = check(a)
            let (bt, be, bp) = check(b)
            guard let t = DType.common(at, bt) else {
                error("the two branches of 'if' must be of one type, but 'then' is \(at) and 'else' is \(bt)", range)
                return (.poison, .conditional(tc, ae, be), .none)
            }
            return (t, .conditional(tc, ae, be), (ap == .planValue && bp == .planValue) ? .planValue : .none)
        case .name(let name, let range):
            if let v = scope.lookup(name) { return (v.type, .slot(v.slot), v.provenance) }
            var m = "unknown name '\(name)'"
            let candidates = scope.names.map(\.name) + Builtin.allCases.map(\.rawValue)
            if let near = Suggest.closest(to: name, among: candidates) { m += "; did you mean '\(near)'?" }
            else { m += "; names come from 'plan', 'catalogue', 'for each' and 'let'" }
            error(m, range)
            return (.poison, .constant(.bool(false)), .none)
        case .field(let base, let name, let range):
            return checkField(base, name, range)
        case .index(let base, let key, let range):
            return checkIndex(base, key, range)
        case .call(let name, let args, let range):
            return checkCall(name, args, range)
        case .unary(let op, let operand, _):
            if op == "not" { return (.bool, .not(checkBool(operand, "'not'")), .none) }
            let (t, te, _) = check(operand)
            if !(t.isNumber || t.isMoney) { error("'-' needs a number or money, but this is \(t)", operand.startRange) }
            return (t, .negate(te), .none)
        case .binary(let op, let l, let r, let range):
            return checkBinary(op, l, r, range)
        case .predicate(let word, let operand, _):
            let (_, te, _) = check(operand)
            return (.bool, .filled(te, word == "filled"), .none)
        case .quantifier(let q, let name, let listExpr, let filter, let body, _):
            let saved = scope.names
            defer { scope.names = saved }
            let (slot, le, tf) = bindLoop(name, over: listExpr, filter: filter, what: "'\(q) \(name) in …'")
            let tb = checkBool(body, "the condition after ':'")
            return (.bool, .quantifier(TExpr.Quantifier(rawValue: q)!, slot: slot, list: le, filter: tf, body: tb), .none)
        case .generator(let element, let name, let listExpr, let filter, _):
            let saved = scope.names
            defer { scope.names = saved }
            let (slot, le, tf) = bindLoop(name, over: listExpr, filter: filter, what: "'for \(name) in …'")
            let (et, ee, ep) = check(element)
            return (.list(et, key: nil), .generator(element: ee, slot: slot, list: le, filter: tf), ep == .none ? .none : .planElements)
        }
    }

    /// Checks a loop's list, binds `name` to its elements (their possible values too, when known) and
    /// checks the optional `where` filter; shared by `for each`, quantifiers and generators.
    mutating func bindLoop(_ name: String, over listExpr: Expr, filter: Expr?, what: String) -> (slot: Int, list: TExpr, filter: TExpr?) {
        let (lt, le, lp) = check(listExpr)
        if !lt.isList { error("\(what) needs a list, but this is \(lt)", listExpr.startRange) }
        let slot = scope.bind(name, lt.isList ? lt.element : .poison, lp == .none ? .none : .planValue, possible: possibleElements(listExpr))
        maxSlot = max(maxSlot, scope.nextSlot)
        return (slot, le, filter.map { checkBool($0, "the 'where' condition") })
    }

    /// Provenance of an expression without reporting anything (used for list literals).
    func provenance(of e: Expr) -> Provenance {
        var copy = self
        copy.diagnostics = []
        return copy.check(e).2
    }

    mutating func checkField(_ base: Expr, _ name: String, _ range: SourceRange) -> (DType, TExpr, Provenance) {
        let (bt, be, bp) = check(base)
        switch bt {
        case .poison: return (.poison, be, .none)
        case .record(let schema):
            guard let f = schema.field(name) else {
                unknownField(base, schema, name, range)
                return (.poison, be, .none)
            }
            return (DType(f.type), .field(be, name, project: false, schemas: schema.leaves.isEmpty ? [schema] : schema.leaves), bp)
        case .list(.record(let schema), _):
            guard let f = schema.field(name) else {
                unknownField(base, schema, name, range)
                return (.poison, be, .none)
            }
            var t = DType(f.type)
            if case .list(let inner, _) = t { t = inner }
            return (.list(t, key: nil), .field(be, name, project: true, schemas: schema.leaves.isEmpty ? [schema] : schema.leaves),
                    bp == .none ? .none : .planElements)
        default:
            error("\(describe(base)) is \(bt), which has no fields; '.\(name)' needs a mapping", range)
            return (.poison, be, .none)
        }
    }

    mutating func unknownField(_ base: Expr, _ schema: RecordSchema, _ name: String, _ range: SourceRange) {
        var m = "\(describe(base)) has no field '\(name)'"
        if let near = Suggest.closest(to: name, among: schema.fieldNames) { m += "; did you mean '\(near)'?" }
        else { m += "; its fields are: \(schema.fieldNames.joined(separator: ", "))" }
        error(m, range)
    }

    /// A readable name for an expression in messages: `plan.non_elective.minimum`, `s.lead`.
    func describe(_ e: Expr) -> String {
        switch e {
        case .name(let n, _): return n
        case .field(let b, let n, _): return describe(b) + "." + n
        case .index(let b, _, _): return describe(b) + "[…]"
        case .call(let f, _, _): return f + "(…)"
        default: return "this value"
        }
    }

    mutating func checkIndex(_ base: Expr, _ key: Expr, _ range: SourceRange) -> (DType, TExpr, Provenance) {
        let (bt, be, bp) = check(base)
        let (kt, ke, _) = check(key)
        switch bt {
        case .poison: return (.poison, be, .none)
        case .list(let element, let idKey):
            if kt.isNumber && !kt.isPoison { return (element, .position(be, ke), bp == .none ? .none : .planValue) }
            guard kt.isText else { error("a list is indexed by an id (text) or a position (number), not \(kt)", key.startRange); return (.poison, be, .none) }
            if idKey == nil && !kt.isPoison {
                error("\(describe(base)) is not a list with ids, so it cannot be looked up by id; use 'first(x in … where …)'", range)
                return (.poison, be, .none)
            }
            return (element, .lookup(be, ke), bp == .none ? .none : .planValue)
        case .record(let schema):
            guard kt.isText else { error("a mapping is indexed by a field name (text), not \(kt)", key.startRange); return (.poison, be, .none) }
            var fields = schema.fields
            if let possible = possibleValues(key) {
                // The keys are known now (literals or catalogue data): each must be a field of the mapping.
                fields = []
                for v in possible {
                    guard case .text(let name, let origin) = v else { continue }
                    if let f = schema.field(name.trimmingWhitespace) { fields.append(f); continue }
                    var m = "\(describe(base)) has no field '\(name)'"
                    if let near = Suggest.closest(to: name, among: schema.fieldNames) { m += "; did you mean '\(near)'?" }
                    var notes: [String] = []
                    if let origin { notes.append("'\(name)' comes from \(origin.path) at line \(origin.location.line ?? 0) of the catalogue") }
                    error(m, key.startRange, notes: notes)
                }
            }
            var t: DType?
            for f in fields {
                let ft = DType(f.type)
                if t == nil { t = ft } else if let c = DType.common(t!, ft) { t = c } else { t = .mixed; break }
            }
            return (t ?? .poison, .dynamicField(be, ke), bp)
        default:
            error("\(describe(base)) is \(bt) and cannot be indexed with [...]", range)
            return (.poison, be, .none)
        }
    }

    mutating func checkCall(_ name: String, _ args: [Expr], _ range: SourceRange) -> (DType, TExpr, Provenance) {
        guard let f = Builtin(rawValue: name) else {
            var m = "there is no function '\(name)'"
            if let near = Suggest.closest(to: name, among: Builtin.allCases.map(\.rawValue)) { m += "; did you mean '\(near)'?" }
            else { m += "; the functions are: \(Builtin.allCases.map(\.rawValue).joined(separator: ", "))" }
            error(m, range)
            for a in args { _ = check(a) }
            return (.poison, .constant(.bool(false)), .none)
        }
        let typed = args.map { check($0) }
        let expected = [Builtin.days: 2, Builtin.containsAny: 2][f] ?? 1
        guard typed.count == expected else {
            error("\(name)(…) takes \(expected) argument\(expected == 1 ? "" : "s"), not \(typed.count)", range)
            return (.poison, .constant(.bool(false)), .none)
        }
        let t0 = typed[0].0
        let argRange = args[0].startRange
        let call = TExpr.call(f, typed.map(\.1))
        func need(_ ok: Bool, _ what: String) { if !ok { error("\(name)(…) needs \(what), but this is \(t0)", argRange) } }
        switch f {
        case .count:
            need(t0.isList, "a list"); return (.number, call, .none)
        case .sum:
            need(t0.isList && (t0.element.isNumber || t0.element.isMoney), "a list of numbers or money")
            // The zero of the element type rides along, so an empty list of money sums to £0, not 0.
            let zero: Value = t0.element.isMoney && !t0.element.isPoison ? .money(.zero, nil) : .number(0, nil)
            return (t0.isPoison ? .poison : t0.element, .call(f, [typed[0].1, .constant(zero)]), .none)
        case .min, .max:
            need(t0.isList && t0.element.isOrdered, "a list of numbers, money or dates")
            return (t0.isPoison ? .poison : t0.element, call, .none)
        case .duplicates:
            need(t0.isList && (t0.element.isText || t0.element.isNumber || t0.element.isDate || t0.element.isMoney), "a list of text, numbers, money or dates")
            return (t0.isPoison ? .poison : .list(t0.element, key: nil), call, .none)
        case .first:
            need(t0.isList, "a list")
            return (t0.isPoison ? .poison : t0.element, call, typed[0].2 == .none ? .none : .planValue)
        case .key:
            if case .record = t0 {} else { need(t0.isPoison, "an entry of a list with ids") }
            return (.plainText, call, .none)
        case .filledFields:
            if case .record = t0 {} else { need(t0.isPoison, "a mapping") }
            return (.number, call, .none)
        case .containsAny:
            need(t0.isText, "text")
            let t1 = typed[1].0
            if !(t1.isList && t1.element.isText) { error("contains_any(text, phrases) needs a list of text as phrases, but this is \(t1)", args[1].startRange) }
            return (.bool, call, .none)
        case .texts:
            var ok = t0.isPoison
            if case .record = t0 { ok = true }
            if case .list = t0 { ok = true }
            need(ok, "a mapping or a list")
            return (.list(.plainText, key: nil), call, typed[0].2 == .none ? .none : .planElements)
        case .join:
            need(t0.isList && t0.element.isText, "a list of text"); return (.plainText, call, .none)
        case .abs:
            need(t0.isNumber || t0.isMoney, "a number or money"); return (t0, call, .none)
        case .lower:
            need(t0.isText, "text"); return (.plainText, call, .none)
        case .hasQuantity, .hasTimescale:
            need(t0.isText, "text"); return (.bool, call, .none)
        case .days:
            need(t0.isDate, "a date")
            if !typed[1].0.isDate { error("days(from, to) needs two dates, but the second is \(typed[1].0)", args[1].startRange) }
            return (.number, call, .none)
        }
    }

    mutating func checkBinary(_ op: String, _ l: Expr, _ r: Expr, _ range: SourceRange) -> (DType, TExpr, Provenance) {
        if op == "and" || op == "or" {
            let a = checkBool(l, "'\(op)'"), b = checkBool(r, "'\(op)'")
            return (.bool, op == "and" ? .and(a, b) : .or(a, b), .none)
        }
        let (lt, le, lp) = check(l)
        let (rt, re, rp) = check(r)
        for (t, e) in [(lt, l), (rt, r)] {
            if case .mixed = t {
                error("this field is chosen at run time from fields of different types; only 'exists', 'is missing' and 'is filled' can test it", e.startRange)
                return (.poison, .compare("==", le, re), .none)
            }
        }
        if lt.isPoison || rt.isPoison {
            let result: DType = ["==", "!=", "<", "<=", ">", ">=", "in", "matches", "contains"].contains(op) ? .bool : .poison
            return (result, .compare("==", le, re), .none)
        }
        switch op {
        case "==", "!=", "<", "<=", ">", ">=":
            let ordered = !(op == "==" || op == "!=")
            let ok: Bool
            switch (lt, rt) {
            case (.text, .text): ok = !ordered
            case (.number, .number), (.money, .money), (.money, .number), (.number, .money), (.date, .date): ok = true
            case (.bool, .bool): ok = !ordered
            default: ok = false
            }
            if !ok {
                error("cannot compare \(lt) with \(rt) using '\(op)'", range)
                return (.bool, .compare(op, le, re), .none)
            }
            checkChoiceLiteral(lt, r); checkChoiceLiteral(rt, l)
            return (.bool, .compare(op, le, re), .none)
        case "+":
            switch (lt, rt) {
            case (.number, .number): return (.number, .arithmetic("+", le, re), .none)
            case (.money, .money): return (.money, .arithmetic("+", le, re), .none)
            case (.text, .text): return (.plainText, .concat(le, re), .none)
            case (.list, .list):
                guard let c = DType.common(lt, rt) else {
                    error("cannot join \(lt) and \(rt) into one list", range)
                    return (.poison, .concat(le, re), .none)
                }
                let p: Provenance = (lp != .none && rp != .none) ? .planElements : .none
                return (c, .concat(le, re), p)
            default:
                error("cannot add \(lt) and \(rt)", range)
                return (.poison, .arithmetic("+", le, re), .none)
            }
        case "-":
            switch (lt, rt) {
            case (.number, .number): return (.number, .arithmetic("-", le, re), .none)
            case (.money, .money): return (.money, .arithmetic("-", le, re), .none)
            default:
                error("cannot subtract \(rt) from \(lt)\(lt.isDate ? "; use days(from, to) for dates" : "")", range)
                return (.poison, .arithmetic("-", le, re), .none)
            }
        case "*", "/":
            switch (lt, rt) {
            case (.number, .number): return (.number, .arithmetic(op, le, re), .none)
            case (.money, .number): return (.money, .arithmetic(op, le, re), .none)
            case (.number, .money) where op == "*": return (.money, .arithmetic(op, re, le), .none)
            case (.money, .money) where op == "/": return (.number, .arithmetic(op, le, re), .none)
            default:
                error("cannot use '\(op)' on \(lt) and \(rt)", range)
                return (.poison, .arithmetic(op, le, re), .none)
            }
        case "in":
            guard case .list(let element, _) = rt else {
                error("'in' needs a list on its right, but this is \(rt)", r.startRange)
                return (.bool, .member(le, re), .none)
            }
            if DType.common(lt, element) == nil && !(lt.isNumber && element.isMoney) {
                error("cannot look for \(lt) in \(rt)", range)
            }
            checkChoiceLiteral(element, l)
            if case .list(let items, _) = r { for item in items { checkChoiceLiteral(lt, item) } }
            return (.bool, .member(le, re), .none)
        case "matches":
            if !lt.isText { error("'matches' needs text on its left, but this is \(lt)", l.startRange) }
            if !rt.isText { error("'matches' needs a pattern (text) on its right, but this is \(rt)", r.startRange) }
            if case .text(let pattern, let pr) = r {
                do { _ = try NSRegularExpression(pattern: pattern) }
                catch { self.error("'\(pattern)' is not a valid regular expression", pr) }
            }
            return (.bool, .matches(le, re), .none)
        case "contains":
            if case .list(let element, _) = lt {
                if DType.common(element, rt) == nil { error("cannot look for \(rt) in \(lt)", range) }
                checkChoiceLiteral(element, r)
                return (.bool, .contains(le, re, inList: true), .none)
            }
            if !lt.isText || !rt.isText { error("'contains' needs text (or a list) on its left and text on its right", range) }
            return (.bool, .contains(le, re, inList: false), .none)
        default:
            error("unknown operator '\(op)'", range)
            return (.poison, .constant(.bool(false)), .none)
        }
    }

    /// Comparing a fixed-vocabulary field with a literal word: the word must be one of the vocabulary.
    mutating func checkChoiceLiteral(_ t: DType, _ other: Expr) {
        guard case .text(let choices?) = t, case .text(let word, let range) = other, !choices.contains(word) else { return }
        var m = "'\(word)' can never match: the value is one of \(choices.joined(separator: ", "))"
        if let near = Suggest.closest(to: word, among: choices) { m += "; did you mean '\(near)'?" }
        error(m, range)
    }
}
