import PlanModel
import RulesDSL

/// A compiled expression: run it on a frame to get the expression's value.
///
/// A struct around the closure rather than the bare function type: a bare closure kept in an
/// `Optional` or an `Array` is stored at the generic calling convention and every call then goes
/// through two reabstraction thunks; inside a struct it keeps its own convention.
struct Evaluator {
    let run: (Frame) -> Value
    init(_ run: @escaping (Frame) -> Value) { self.run = run }
    func callAsFunction(_ frame: Frame) -> Value { run(frame) }
}

/// Turns checked expressions into closures over a frame: names are slot reads, operations fixed by type.
enum Compiler {
    static func compile(_ e: TExpr) -> Evaluator {
        switch e {
        case .constant(let v):
            return Evaluator { _ in v }
        case .slot(let i):
            return Evaluator { $0.slots[i] }
        case .field(.slot(let i), let name, project: false, let schemas):
            // `x.name` for a name bound to a record (the commonest read): the field, read from the
            // record where it sits in the frame, with no copy of the record's value on the way.
            let access = FieldAccess(name: name, schemas: schemas)
            return Evaluator { access.get(slot: i, of: $0) }
        case .field(let base, let name, let project, let schemas):
            let b = compile(base)
            let access = FieldAccess(name: name, schemas: schemas)
            if project { return Evaluator { access.project(b($0)) } }
            return Evaluator { access.get(b($0)) }
        case .dynamicField(.slot(let i), let key):
            let k = compile(key)
            return Evaluator { f in dynamicField(slot: i, of: f, k(f)) }
        case .dynamicField(let base, let key):
            let b = compile(base), k = compile(key)
            return Evaluator { f in dynamicField(b(f), k(f)) }
        case .lookup(let list, let key):
            let l = compile(list), k = compile(key)
            return Evaluator { Runtime.lookup(l($0), k($0)) }
        case .position(let list, let index):
            let l = compile(list), i = compile(index)
            return Evaluator { Runtime.position(l($0), i($0)) }
        case .call(.containsAny, let args) where args.count == 2:
            if case .slot(let i) = args[0], case .slot(let j) = args[1] { return Builtins.containsAny(slot: i, phrasesSlot: j) }
            if case .slot(let i) = args[0], case .constant(.list(let phrases, _)) = args[1] {
                return Builtins.containsAny(slot: i, phrases: TextSearch.PhraseSet.shared(phrases.compactMap(Runtime.text)))
            }
            return Builtins.compile(.containsAny, args.map(compile))
        case .call(.key, let args) where args.count == 1:
            if case .slot(let i) = args[0] { return Builtins.key(slot: i) }
            return Builtins.compile(.key, args.map(compile))
        case .call(let f, let args):
            return Builtins.compile(f, args.map(compile))
        case .not(let x):
            let c = compile(x)
            return Evaluator { f in Runtime.bool(Runtime.truth(c(f)).map { !$0 }) }
        case .negate(let x):
            let c = compile(x)
            return Evaluator { f in
                switch c(f) {
                case .number(let n, _): return .number(-n, nil)
                case .money(let m, _): return .money(Money(pence: -m.pence), nil)
                default: return Runtime.unknown
                }
            }
        case .and(let a, let b):
            let x = compile(a), y = compile(b)
            return Evaluator { f in
                let p = Runtime.truth(x(f))
                if p == false { return .bool(false) }
                let q = Runtime.truth(y(f))
                if q == false { return .bool(false) }
                if p == true && q == true { return .bool(true) }
                return Runtime.unknown
            }
        case .or(let a, let b):
            let x = compile(a), y = compile(b)
            return Evaluator { f in
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
            return Evaluator { f in Runtime.bool(Runtime.compare(x(f), y(f)).map(test)) }
        case .arithmetic(let op, let a, let b):
            let x = compile(a), y = compile(b)
            return Evaluator { f in arithmetic(op, x(f), y(f)) }
        case .concat(let a, let b):
            let x = compile(a), y = compile(b)
            return Evaluator { f in
                let p = x(f), q = y(f)
                switch (p, q) {
                case (.text(let s, _), .text(let t, _)): return .text(s + t, nil)
                case (.list(let s, _), .list(let t, _)):
                    var both: [Value] = []
                    both.reserveCapacity(s.count + t.count)   // one allocation (`s + t` grows a copy of s)
                    both.append(contentsOf: s)
                    both.append(contentsOf: t)
                    return .list(both, nil)
                case (.list(let s, _), .missing): return .list(s, nil)
                case (.missing, .list(let t, _)): return .list(t, nil)
                case (.missing, .missing): return .list([], nil)
                default: return Runtime.unknown
                }
            }
        case .member(let a, let b):
            let x = compile(a), y = compile(b)
            return Evaluator { f in member(x(f), y(f)) }
        case .matches(let a, .constant(.text(let pattern, _))):
            // A pattern known when compiling (a catalogue pattern) is compiled once, here.
            let x = compile(a), regex = RegexCache.shared.regex(pattern)
            return Evaluator { f in
                guard let s = Runtime.text(x(f)), let regex else { return Runtime.unknown }
                return .bool(regex.matches(s))
            }
        case .matches(let a, let b):
            let x = compile(a), y = compile(b)
            return Evaluator { f in
                guard let s = Runtime.text(x(f)), let p = Runtime.text(y(f)) else { return Runtime.unknown }
                return Runtime.bool(RegexCache.shared.matches(s, p))
            }
        case .contains(let a, .constant(.text(let needle, _)), inList: false):
            // A needle known when compiling (a catalogue phrase) is folded once, here.
            let x = compile(a), folded = TextSearch.Needle(needle)
            return Evaluator { f in
                guard let s = Runtime.text(x(f)) else { return Runtime.unknown }
                return .bool(folded.isIn(s, cache: f.foldCache))
            }
        case .contains(let a, let b, let inList):
            let x = compile(a), y = compile(b)
            if inList { return Evaluator { f in member(y(f), x(f)) } }
            return Evaluator { f in
                guard let s = Runtime.text(x(f)), let t = Runtime.text(y(f)) else { return Runtime.unknown }
                return .bool(TextSearch.containsIgnoringCase(s, t, cache: f.foldCache))
            }
        case .filled(.field(.slot(let i), let name, project: false, let schemas), let want):
            let access = FieldAccess(name: name, schemas: schemas)
            return Evaluator { f in .bool(access.isFilled(slot: i, of: f) == want) }
        case .filled(.dynamicField(.slot(let i), let key), let want):
            let k = compile(key)
            return Evaluator { f in .bool(dynamicFieldIsFilled(slot: i, of: f, k(f)) == want) }
        case .filled(.field(let base, let name, project: false, let schemas), let want):
            // `r.name exists`: test the field where it is, without making a missing value (and its origin) to test.
            let b = compile(base)
            let access = FieldAccess(name: name, schemas: schemas)
            return Evaluator { f in .bool(access.isFilled(b(f)) == want) }
        case .filled(.dynamicField(let base, let key), let want):
            let b = compile(base), k = compile(key)
            return Evaluator { f in .bool(dynamicFieldIsFilled(b(f), k(f)) == want) }
        case .filled(let a, let want):
            let x = compile(a)
            return Evaluator { f in .bool(x(f).isFilled == want) }
        case .quantifier(let q, let slot, let list, let filter, let body):
            let l = compile(list), w = filter.map(compile), b = compile(body)
            return Evaluator { f in
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
            return Evaluator { f in
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
            return Evaluator { f in .list(cs.map { $0(f) }, nil) }
        case .conditional(let c, let a, let b):
            let x = compile(c), y = compile(a), z = compile(b)
            return Evaluator { f in
                switch Runtime.truth(x(f)) {
                case true?: return y(f)
                case false?: return z(f)
                case nil: return Runtime.unknown
                }
            }
        }
    }

    /// `record[key]`: the field a text names.
    static func dynamicField(_ r: Value, _ key: Value) -> Value {
        guard let name = Runtime.text(key)?.trimmedIfNeeded else { return Runtime.unknown }
        if case .record(let rec, let o) = r {
            // A name the record does not have (a catalogue key for another template) is unknown.
            guard let i = rec.schema.index(of: name) else { return Runtime.unknown }
            return rec.field(at: i, origin: o)
        }
        return Runtime.field(r, name)
    }

    /// `dynamicField(r, key).isFilled`, without making a missing value for an absent field.
    static func dynamicFieldIsFilled(_ r: Value, _ key: Value) -> Bool {
        guard let name = Runtime.text(key)?.trimmedIfNeeded else { return false }
        if case .record(let rec, _) = r {
            guard let i = rec.schema.index(of: name) else { return false }
            return rec.values[i]?.isFilled ?? false
        }
        return Runtime.field(r, name).isFilled
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
