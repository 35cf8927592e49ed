import Foundation
import PlanModel

/// The values a rule's names are bound to while it runs: slot 0 `plan`, slot 1 `catalogue`, then its own.
final class Frame {
    var slots: [Value]
    let foldCache = TextMeasures.FoldCache()
    /// The phrase set `contains_any` last used, and the list storage it came from.
    var phraseSet: (storage: UnsafeRawPointer?, count: Int, set: TextMeasures.PhraseSet)?
    let measures = TextMeasures.MeasureCache()
    init(count: Int, plan: Value, catalogue: Value) {
        slots = [Value](repeating: .bool(false), count: max(count, 2))
        slots[0] = plan
        slots[1] = catalogue
    }
}

/// A field read resolved ahead of time: for the record schemas the checker expects, the field's
/// position is known, so reading it is a pointer comparison and an array index, not a hash lookup.
final class FieldAccess: @unchecked Sendable {
    let name: String
    private let known: [(schema: ObjectIdentifier, index: Int)]

    init(name: String, schemas: [RecordSchema]) {
        self.name = name
        self.known = schemas.compactMap { s in s.index(of: name).map { (ObjectIdentifier(s), $0) } }
    }

    func get(_ v: Value) -> Value {
        if case .record(let r, let o) = v {
            let id = ObjectIdentifier(r.schema)
            for k in known where k.schema == id { return r.field(at: k.index, origin: o) }
        }
        return Runtime.field(v, name)
    }

    func project(_ v: Value) -> Value {
        guard case .list(let items, _) = v else { return Runtime.unknown }
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for item in items {
            let f = get(item)
            if case .list(let inner, _) = f { out.append(contentsOf: inner) }
            else if case .missing = f, case .record(let r, _) = item, r.schema.field(name).map({ if case .list = $0.type { return true } else { return false } }) == true {
                continue   // an absent list field contributes no elements
            } else { out.append(f) }
        }
        return .list(out, nil)
    }
}

/// Three-valued logic helpers: a comparison involving a missing or unreadable value is *unknown*,
/// and an unknown expectation yields no finding (another rule reports the missing value).
enum Runtime {
    static let unknownOrigin = Origin(path: "", location: .text(line: 1, column: 1))
    static let unknown = Value.missing(unknownOrigin)

    static func truth(_ v: Value) -> Bool? {
        if case .bool(let b) = v { return b }
        return nil
    }

    static func bool(_ b: Bool?) -> Value { b.map { .bool($0) } ?? unknown }

    static func field(_ v: Value, _ name: String) -> Value {
        switch v {
        case .record(let r, let o): return r.field(name, origin: o) ?? unknown
        case .missing(let o): return o === unknownOrigin ? unknown : .missing(Origin(parent: o, step: name, location: o.childLocation))
        case .invalid(let o): return .invalid(Origin(parent: o, step: name, location: o.childLocation))
        default: return unknown
        }
    }

    static func lookup(_ list: Value, _ key: Value) -> Value {
        guard let k = text(key)?.trimmingWhitespace else { return unknown }
        switch list {
        case .list(let items, let o):
            for item in items {
                if case .record(let r, _) = item, r.key == k { return item }
            }
            let origin = o ?? unknownOrigin
            return .missing(Origin(parent: origin, step: "[" + k + "]", location: origin.childLocation))
        case .missing(let o):
            return .missing(Origin(parent: o, step: "[" + k + "]", location: o.childLocation))
        default:
            return unknown
        }
    }

    static func position(_ list: Value, _ index: Value) -> Value {
        guard case .list(let items, let o) = list, case .number(let n, _) = index else { return unknown }
        let i = Int(n)
        if i >= 0 && i < items.count && Double(i) == n { return items[i] }
        let origin = o ?? unknownOrigin
        return .missing(Origin(parent: origin, step: "[\(i)]", location: origin.childLocation))
    }

    static func text(_ v: Value) -> String? {
        if case .text(let s, _) = v { return s }
        return nil
    }

    static func isUnknown(_ v: Value) -> Bool {
        switch v {
        case .missing, .invalid: return true
        default: return false
        }
    }

    /// Equality and order; nil when either side is missing, unreadable or of another kind.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.text(let x, _), .text(let y, _)):
            let p = x.trimmedIfNeeded, q = y.trimmedIfNeeded
            return p == q ? 0 : (p < q ? -1 : 1)
        case (.number(let x, _), .number(let y, _)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.money(let x, _), .money(let y, _)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.money(let x, _), .number(let y, _)):
            guard let m = Money(pounds: y) else { return nil }
            return x == m ? 0 : (x < m ? -1 : 1)
        case (.number, .money): return compare(b, a).map { -$0 }
        case (.date(let x, _), .date(let y, _)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        default: return nil
        }
    }

    /// Formats a value for a message: money as £75,000, dates as 30 September 2014, lists joined.
    static func display(_ v: Value) -> String {
        switch v {
        case .text(let s, _): return s.trimmingWhitespace
        case .number(let n, _): return formatNumber(n)
        case .money(let m, _): return m.description
        case .date(let d, _): return d.longDescription
        case .bool(let b): return b ? "yes" : "no"
        case .list(let items, _): return items.isEmpty ? "none" : items.map(display).joined(separator: ", ")
        case .record(let r, _): return r.key ?? "(entry)"
        case .missing: return "(missing)"
        case .invalid: return "(unreadable)"
        }
    }

    static func formatNumber(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        var s = String(format: "%.2f", n)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

/// Compiled regular expressions, shared across threads; patterns are case-insensitive.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private var cache: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock(); defer { lock.unlock() }
        if let r = cache[pattern] { return r }
        guard let r = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        cache[pattern] = r
        return r
    }

    func matches(_ text: String, _ pattern: String) -> Bool? {
        guard let r = regex(pattern) else { return nil }
        return r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
