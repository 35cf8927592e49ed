import PlanModel
import RulesDSL

/// Partial evaluation of checked expressions for one rule set. The catalogue is fixed when the
/// rules are compiled, so whatever depends only on it, and on the elements of lists taken from it
/// (a `for each` over a catalogue list is unrolled, see `CompiledRule`), is worked out once rather
/// than for every plan: `catalogue.scheme_fields` becomes the list itself, `f.key` the text
/// "summary", `s[f.key]` the field read `s.summary`, found by position.
///
/// Every result is the value the expression has at run time: a folded expression is evaluated by
/// the same compiled code, on a frame whose other slots it does not read.
struct Specializer {
    let catalogue: Value
    /// Frame size for folding (the rule's).
    let slotCount: Int
    /// The record schemas plan and catalogue values can have, for field reads by position.
    let schemas: [RecordSchema]

    /// When false, `specialize` gives every expression back as it is (the rules compiled as written).
    let enabled: Bool

    init(catalogue: Catalogue, slotCount: Int, enabled: Bool = true) {
        self.catalogue = catalogue.value
        self.slotCount = slotCount
        self.enabled = enabled
        schemas = enabled ? Self.reachable(from: [PlanSchema.plan, catalogue.schema]) : []
    }

    /// `e` with the slots in `env` (and the catalogue's) replaced by their values, and every
    /// part that then reads no slot evaluated.
    func specialize(_ e: TExpr, _ env: [Int: Value]) -> TExpr {
        guard enabled else { return e }
        let s = substitute(e, env)
        if case .constant = s { return s }
        guard Self.freeSlots(s).isEmpty else { return s }
        let frame = Frame(count: slotCount, plan: Runtime.unknown, catalogue: catalogue)
        return .constant(Compiler.compile(s)(frame))
    }

    /// Substitutes `env` and folds from the leaves up.
    private func substitute(_ e: TExpr, _ env: [Int: Value]) -> TExpr {
        func s(_ x: TExpr) -> TExpr { specialize(x, env) }
        switch e {
        case .constant:
            return e
        case .slot(let i):
            if i == 1 { return .constant(catalogue) }
            return env[i].map { .constant($0) } ?? e
        case .field(let b, let name, let project, let schemas):
            return .field(s(b), name, project: project, schemas: schemas)
        case .dynamicField(let b, let k):
            let key = s(k)
            // A field named by a constant text reads like `b.name` (the same value, also for a name
            // the record lacks: unknown either way), and by position for the schemas known here.
            if case .constant(.text(let name, _)) = key {
                let trimmed = name.trimmedIfNeeded
                return .field(s(b), trimmed, project: false, schemas: schemas.filter { $0.index(of: trimmed) != nil })
            }
            return .dynamicField(s(b), key)
        case .lookup(let l, let k): return .lookup(s(l), s(k))
        case .position(let l, let i): return .position(s(l), s(i))
        case .call(let f, let args): return .call(f, args.map(s))
        case .not(let x): return .not(s(x))
        case .negate(let x): return .negate(s(x))
        case .and(let a, let b): return .and(s(a), s(b))
        case .or(let a, let b): return .or(s(a), s(b))
        case .compare(let op, let a, let b): return .compare(op, s(a), s(b))
        case .arithmetic(let op, let a, let b): return .arithmetic(op, s(a), s(b))
        case .concat(let a, let b): return .concat(s(a), s(b))
        case .member(let a, let b): return .member(s(a), s(b))
        case .matches(let a, let b): return .matches(s(a), s(b))
        case .contains(let a, let b, let inList): return .contains(s(a), s(b), inList: inList)
        case .filled(let x, let want): return .filled(s(x), want)
        case .quantifier(let q, let slot, let list, let filter, let body):
            return .quantifier(q, slot: slot, list: s(list), filter: filter.map(s), body: s(body))
        case .generator(let element, let slot, let list, let filter):
            return .generator(element: s(element), slot: slot, list: s(list), filter: filter.map(s))
        case .list(let items): return .list(items.map(s))
        case .conditional(let c, let a, let b):
            // A condition known now picks its branch (an unknown one gives unknown, as at run time).
            let cond = s(c)
            if case .constant(let v) = cond {
                switch Runtime.truth(v) {
                case true?: return s(a)
                case false?: return s(b)
                case nil: return .constant(Runtime.unknown)
                }
            }
            return .conditional(cond, s(a), s(b))
        }
    }

    /// The slots `e` reads that it does not bind itself (quantifiers and generators bind one each).
    static func freeSlots(_ e: TExpr) -> Set<Int> {
        switch e {
        case .constant: return []
        case .slot(let i): return [i]
        case .field(let b, _, _, _), .not(let b), .negate(let b), .filled(let b, _): return freeSlots(b)
        case .dynamicField(let a, let b), .lookup(let a, let b), .position(let a, let b), .and(let a, let b), .or(let a, let b),
             .compare(_, let a, let b), .arithmetic(_, let a, let b), .concat(let a, let b), .member(let a, let b),
             .matches(let a, let b), .contains(let a, let b, _):
            return freeSlots(a).union(freeSlots(b))
        case .call(_, let args), .list(let args):
            return args.reduce(into: Set<Int>()) { $0.formUnion(freeSlots($1)) }
        case .quantifier(_, let slot, let list, let filter, let body):
            return freeSlots(list).union(freeSlots(body).union(filter.map(freeSlots) ?? []).subtracting([slot]))
        case .generator(let element, let slot, let list, let filter):
            return freeSlots(list).union(freeSlots(element).union(filter.map(freeSlots) ?? []).subtracting([slot]))
        case .conditional(let c, let a, let b):
            return freeSlots(c).union(freeSlots(a)).union(freeSlots(b))
        }
    }

    /// Every record schema reachable from `roots` through record and list fields (and the
    /// schemas a combined record type stands for).
    static func reachable(from roots: [RecordSchema]) -> [RecordSchema] {
        var seen = Set<ObjectIdentifier>(), out: [RecordSchema] = []
        func visit(_ s: RecordSchema) {
            guard seen.insert(ObjectIdentifier(s)).inserted else { return }
            out.append(s)
            s.leaves.forEach(visit)
            for f in s.fields { visit(type: f.type) }
        }
        func visit(type: FieldType) {
            switch type {
            case .record(let r): visit(r)
            case .list(let element, _): visit(type: element)
            default: break
            }
        }
        roots.forEach(visit)
        return out
    }
}
