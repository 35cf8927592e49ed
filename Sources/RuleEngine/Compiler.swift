import PlanModel
import RulesDSL

typealias Evaluator = (Frame) -> Value

/// Turns checked expressions into closures over a frame: names are slot reads, operations fixed by type.
enum Compiler {
    static func compile(_ e: TExpr) -> Evaluator {
        switch e {
        case .constant(let v):
            return { _ in v }
        case .slot(let i):
            return { $0.slots[i] }
        case .field(let base, let name, let project, let schemas):
            let b = compile(base)
            let access = FieldAccess(name: name, schemas: schemas)
            if project { return { access.project(b($0)) } }
            return { access.get(b($0)) }
        case .dynamicField(let base, let key):
            let b = compile(base), k = compile(key)
            return { f in
                guard let name = Runtime.text(k(f))?.trimmedIfNeeded else { return Runtime.unknown }
                let r = b(f)
                if case .record(let rec, let o) = r {
                    // A name the record does not have (a catalogue key for another template) is unknown.
                    guard let i = rec.schema.index(of: name) else { return Runtime.unknown }
                    return rec.field(at: i, origin: o)
                }
                return Runtime.field(r, name)
            }
        case .lookup(let list, let key):
            let l = compile(list), k = compile(key)
            return { Runtime.lookup(l($0), k($0)) }
        case .position(let list, let index):
            let l = compile(list), i = compile(index)
            return { Runtime.position(l($0), i($0)) }
        case .call(let f, let args):
            return Builtins.compile(f, args.map(compile))
        case .not(let x):
            let c = compile(x)
            return { f in Runtime.bool(Runtime.truth(c(f)).map { !$0 }) }
        case .negate(let x):
            let c = compile(x)
            return { f in
                switch c(f) {
                case .number(let n, _): return .number(-n, nil)
                case .money(let m, _): return .money(Money(pence: -m.pence), nil)
                default: return Runtime.unknown
                }
            }
        case .and(let a, let b):
            let x = compile(a), y = compile(b)
            return { f in
                let p = Runtime.truth(x(f))
                if p == false { return .bool(false) }
                let q = Runtime.truth(y(f))
                if q == false { return .bool(false) }
                if p == true && q == true { return .bool(true) }
                return Runtime.unknown
            }
        case .or(let a, let b):
            let x = compile(a), y = compile(b)
            return { f in
                let p = Runtime.truth(x(f))
                if p == true { return .bool(true) }
                let q = Runtime.truth(y(f))
                if q == true { return .bool(true) }
                if p == false && q == false { return .bool(false) }
                return Runtime.unknown
            }
        case .compare(let op, let a, let b):
            let x = compile(a), y = compile(b)
            let test: (Int) -> Bool
            switch op {
            case "==": test = { $0 == 0 }
            case "!=": test = { $0 != 0 }
            case "<": test = { $0 < 0 }
            case "<=": test = { $0 <= 0 }
            case ">": test = { $0 > 0 }
            default: test = { $0 >= 0 }
            }
            return { f in Runtime.bool(Runtime.compare(x(f), y(f)).map(test)) }
        case .arithmetic(let op, let a, let b):
            let x = compile(a), y = compile(b)
            return { f in arithmetic(op, x(f), y(f)) }
        case .concat(let a, let b):
            let x = compile(a), y = compile(b)
            return { f in
                let p = x(f), q = y(f)
                switch (p, q) {
                case (.text(let s, _), .text(let t, _)): return .text(s + t, nil)
                case (.list(let s, _), .list(let t, _)): return .list(s + t, nil)
                case (.list(let s, _), .missing): return .list(s, nil)
                case (.missing, .list(let t, _)): return .list(t, nil)
                case (.missing, .missing): return .list([], nil)
                default: return Runtime.unknown
                }
            }
        case .member(let a, let b):
            let x = compile(a), y = compile(b)
            return { f in member(x(f), y(f)) }
        case .matches(let a, let b):
            let x = compile(a), y = compile(b)
            return { f in
                guard let s = Runtime.text(x(f)), let p = Runtime.text(y(f)) else { return Runtime.unknown }
                return Runtime.bool(RegexCache.shared.matches(s, p))
            }
        case .contains(let a, let b, let inList):
            let x = compile(a), y = compile(b)
            if inList { return { f in member(y(f), x(f)) } }
            return { f in
                guard let s = Runtime.text(x(f)), let t = Runtime.text(y(f)) else { return Runtime.unknown }
                return .bool(TextMeasures.containsIgnoringCase(s, t, cache: f.foldCache))
            }
        case .filled(let a, let want):
            let x = compile(a)
            return { f in .bool(x(f).isFilled == want) }
        case .quantifier(let q, let slot, let list, let filter, let body):
            let l = compile(list), w = filter.map(compile), b = compile(body)
            return { f in
                let items: [Value]
                switch l(f) {
                case .list(let xs, _): items = xs
                case .missing: items = []
                default: return Runtime.unknown
                }
                var sawUnknown = false
                for item in items {
                    f.slots[slot] = item
                    if let w, Runtime.truth(w(f)) != true { continue }
                    switch Runtime.truth(b(f)) {
                    case true?: if q == .any { return .bool(true) }; if q == .no { return .bool(false) }
                    case false?: if q == .all { return .bool(false) }
                    case nil: sawUnknown = true
                    }
                }
                if sawUnknown { return Runtime.unknown }
                return .bool(q != .any)
            }
        case .generator(let element, let slot, let list, let filter):
            let l = compile(list), w = filter.map(compile), el = compile(element)
            return { f in
                let items: [Value]
                switch l(f) {
                case .list(let xs, _): items = xs
                case .missing: items = []
                default: return Runtime.unknown
                }
                var out: [Value] = []
                for item in items {
                    f.slots[slot] = item
                    if let w, Runtime.truth(w(f)) != true { continue }
                    out.append(el(f))
                }
                return .list(out, nil)
            }
        case .list(let items):
            let cs = items.map(compile)
            return { f in .list(cs.map { $0(f) }, nil) }
        case .conditional(let c, let a, let b):
            let x = compile(c), y = compile(a), z = compile(b)
            return { f in
                switch Runtime.truth(x(f)) {
                case true?: return y(f)
                case false?: return z(f)
                case nil: return Runtime.unknown
                }
            }
        }
    }

    static func member(_ x: Value, _ list: Value) -> Value {
        if Runtime.isUnknown(x) { return Runtime.unknown }
        let items: [Value]
        switch list {
        case .list(let xs, _): items = xs
        case .missing: return .bool(false)
        default: return Runtime.unknown
        }
        var sawUnknown = false
        for item in items {
            switch Runtime.compare(x, item) {
            case 0?: return .bool(true)
            case nil: sawUnknown = true
            default: break
            }
        }
        return sawUnknown ? Runtime.unknown : .bool(false)
    }

    static func arithmetic(_ op: String, _ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.number(let x, _), .number(let y, _)):
            switch op {
            case "+": return .number(x + y, nil)
            case "-": return .number(x - y, nil)
            case "*": return .number(x * y, nil)
            default: return y == 0 ? Runtime.unknown : .number(x / y, nil)
            }
        case (.money(let x, _), .money(let y, _)):
            switch op {
            case "+": return .money(x + y, nil)
            case "-": return .money(x - y, nil)
            default: return y.pence == 0 ? Runtime.unknown : .number(Double(x.pence) / Double(y.pence), nil)
            }
        case (.money(let x, _), .number(let y, _)):
            let r = op == "*" ? Double(x.pence) * y : (y == 0 ? .nan : Double(x.pence) / y)
            guard r.isFinite, abs(r) < 9e17 else { return Runtime.unknown }
            return .money(Money(pence: Int64(r.rounded())), nil)
        default:
            return Runtime.unknown
        }
    }
}
