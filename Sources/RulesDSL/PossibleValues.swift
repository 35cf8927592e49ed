import Foundation
import PlanModel

/// What the checker can know of values before any plan is read: literals and catalogue data.
extension Checker {
    /// The values an expression can take, when they are known while checking: literals and catalogue
    /// data reached through `catalogue` or names bound over it. Used to check `record[key]` keys.
    func possibleValues(_ e: Expr) -> [Value]? {
        switch e {
        case .text(let s, _): return [.text(s, nil)]
        case .number(let n, _): return [.number(n, nil)]
        case .name(let n, _): return scope.possible(n)
        case .list(let items, _):
            var values: [Value] = []
            for i in items {
                guard let p = possibleValues(i), p.count == 1 else { return nil }
                values.append(p[0])
            }
            return [.list(values, nil)]
        case .field(let base, let name, _):
            guard let bases = possibleValues(base) else { return nil }
            var out: [Value] = []
            for b in bases {
                switch b {
                case .record(let r, let o): if let v = r.field(name, origin: o) { out.append(v) }
                case .list(let items, _):
                    var projected: [Value] = []
                    for case .record(let r, let o) in items { if let v = r.field(name, origin: o) { projected.append(v) } }
                    out.append(.list(projected, nil))
                default: return nil
                }
            }
            return out
        default: return nil
        }
    }

    /// The elements a loop over `e` can bind, when known while checking.
    func possibleElements(_ e: Expr) -> [Value]? {
        guard let lists = possibleValues(e) else { return nil }
        var out: [Value] = []
        for l in lists {
            switch l {
            case .list(let items, _): out += items
            case .missing: continue
            default: return nil
            }
        }
        return out
    }
}
