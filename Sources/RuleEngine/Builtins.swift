import PlanModel
import RulesDSL

/// The fixed function library, evaluated.
enum Builtins {
    static func compile(_ f: Builtin, _ args: [Evaluator]) -> Evaluator {
        let a = args[0]
        switch f {
        case .count:
            return Evaluator { frame in
                switch a(frame) {
                case .list(let xs, _): return .number(Double(xs.count), nil)
                case .missing: return .number(0, nil)
                default: return Runtime.unknown
                }
            }
        case .sum:
            let zero = args.count > 1 ? args[1] : nil
            return Evaluator { frame in
                let v = a(frame)
                if case .list(let xs, _) = v, xs.isEmpty, let zero { return zero(frame) }
                return sum(v)
            }
        case .min, .max:
            let wantMax = f == .max
            return Evaluator { frame in
                guard case .list(let xs, _) = a(frame), var best = xs.first else { return Runtime.unknown }
                for x in xs {
                    guard let c = Runtime.compare(x, best) else { return Runtime.unknown }
                    if (wantMax && c > 0) || (!wantMax && c < 0) { best = x }
                }
                return best
            }
        case .first:
            return Evaluator { frame in
                switch a(frame) {
                case .list(let xs, let o):
                    if let x = xs.first { return x }
                    let origin = o ?? Runtime.unknownOrigin
                    return .missing(Origin(parent: origin, step: "[0]", location: origin.childLocation))
                default: return Runtime.unknown
                }
            }
        case .key:
            return Evaluator { frame in
                if case .record(let r, _) = a(frame), let k = r.key { return .text(k, nil) }
                return Runtime.unknown
            }
        case .join:
            return Evaluator { frame in
                guard case .list(let xs, _) = a(frame) else { return .text("", nil) }
                return .text(xs.compactMap(Runtime.text).joined(separator: "; "), nil)
            }
        case .abs:
            return Evaluator { frame in
                switch a(frame) {
                case .number(let n, _): return .number(Swift.abs(n), nil)
                case .money(let m, _): return .money(Money(pence: Swift.abs(m.pence)), nil)
                default: return Runtime.unknown
                }
            }
        case .filledFields:
            return Evaluator { frame in
                switch a(frame) {
                case .record(let r, _):
                    let id = ObjectIdentifier(r)
                    if let n = frame.filledFields[id] { return .number(Double(n), nil) }
                    let n = r.filledFieldCount
                    frame.filledFields[id] = n
                    return .number(Double(n), nil)
                case .missing: return .number(0, nil)
                default: return Runtime.unknown
                }
            }
        case .containsAny:
            let b = args[1]
            return Evaluator { frame in
                guard let text = Runtime.text(a(frame)), case .list(let phrases, _) = b(frame) else { return Runtime.unknown }
                return .bool(phraseSet(phrases, in: frame).matches(text))
            }
        case .duplicates:
            return Evaluator { frame in
                guard case .list(let xs, _) = a(frame) else { return Runtime.unknown }
                var seen: [String: Int] = [:]
                var out: [Value] = []
                for x in xs {
                    guard let k = hashKey(x) else { continue }
                    seen[k, default: 0] += 1
                    if seen[k] == 2 { out.append(x) }
                }
                return .list(out, nil)
            }
        case .texts:
            return Evaluator { frame in
                var out: [Value] = []
                collectTexts(a(frame), into: &out)
                return .list(out, nil)
            }
        case .lower:
            return Evaluator { frame in Runtime.text(a(frame)).map { .text($0.lowercased(), nil) } ?? Runtime.unknown }
        case .hasQuantity:
            return Evaluator { frame in Runtime.text(a(frame)).map { .bool(frame.measures.measure($0).quantity) } ?? Runtime.unknown }
        case .hasTimescale:
            return Evaluator { frame in Runtime.text(a(frame)).map { .bool(frame.measures.measure($0).timescale) } ?? Runtime.unknown }
        case .days:
            let b = args[1]
            return Evaluator { frame in
                guard case .date(let x, _) = a(frame), case .date(let y, _) = b(frame) else { return Runtime.unknown }
                return .number(Double(y.ordinal - x.ordinal), nil)
            }
        }
    }

    /// The phrase set for a list of phrases: the frame's, when it was made from this very list.
    static func phraseSet(_ phrases: [Value], in frame: Frame) -> TextSearch.PhraseSet {
        if let cached = frame.phraseSet, Runtime.sameStorage(cached.phrases, phrases) { return cached.set }
        let set = TextSearch.PhraseSet.shared(phrases.compactMap(Runtime.text))
        frame.phraseSet = (phrases, set)
        return set
    }

    /// A key under which equal values (as `==` compares them) collide; nil for missing values.
    static func hashKey(_ v: Value) -> String? {
        switch v {
        case .text(let s, _): return "t" + s.trimmedIfNeeded
        case .number(let n, _): return Money(pounds: n).map { "m\($0.pence)" } ?? "n\(n)"
        case .money(let m, _): return "m\(m.pence)"
        case .date(let d, _): return "d\(d.ordinal)"
        case .bool(let b): return b ? "b1" : "b0"
        default: return nil
        }
    }

    static func collectTexts(_ v: Value, into out: inout [Value]) {
        switch v {
        case .text: out.append(v)
        case .list(let items, _): for i in items { collectTexts(i, into: &out) }
        case .record(let r, _): for case let x? in r.values { collectTexts(x, into: &out) }
        default: break
        }
    }

    static func sum(_ v: Value) -> Value {
        guard case .list(let xs, _) = v else { return Runtime.unknown }
        var pence: Int64 = 0
        var number = 0.0
        var sawMoney = false
        for x in xs {
            switch x {
            case .money(let m, _): pence += m.pence; sawMoney = true
            case .number(let n, _): number += n
            default: return Runtime.unknown
            }
        }
        if sawMoney { return .money(Money(pence: pence), nil) }
        return .number(number, nil)
    }
}
