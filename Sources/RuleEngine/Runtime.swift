import Foundation
import PlanModel

/// The values a rule's names are bound to while it runs: slot 0 `plan`, slot 1 `catalogue`, then its own.
///
/// One frame serves every rule of one `RuleSet.check` (so one thread): each rule's run starts by
/// `reset`, and the text caches, keyed by content, last for the whole plan.
final class Frame {
    /// Read or written at nearly every step of every rule. A frame is used by one evaluation at a
    /// time and its slots are never passed `inout`, so the runtime exclusivity check on each access
    /// (a class's `var` gets one) can only cost time; it is switched off for this property.
    @exclusivity(unchecked) var slots: [Value]
    let foldCache = TextSearch.FoldCache()
    /// The phrase list `contains_any` last used (kept, so its storage is not reused by another list) and its set.
    var phraseSet: (phrases: [Value], set: TextSearch.PhraseSet)?
    let measures = TextMeasures.MeasureCache()
    /// `filled_fields` of the records asked about so far (several rules ask it of the same schemes).
    /// Keyed by the record object, which the plan keeps alive for as long as the frame is used.
    var filledFields: [ObjectIdentifier: Int] = [:]

    init(count: Int, plan: Value, catalogue: Value) {
        slots = [Value](repeating: .bool(false), count: max(count, 2))
        slots[0] = plan
        slots[1] = catalogue
    }

    /// Ready for the next rule: the rules' own slots are written before they are read, so only
    /// the phrase cache, keyed by a list's storage, is dropped.
    func reset() { phraseSet = nil }
}

/// A field read resolved ahead of time: for the record schemas the checker expects, the field's
/// position is known, so reading it is a pointer comparison and an array index, not a hash lookup.
final class FieldAccess: @unchecked Sendable {
    let name: String
    let known: [(schema: ObjectIdentifier, index: Int)]

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

    /// `get(v).isFilled`, without making a missing value for an absent field.
    func isFilled(_ v: Value) -> Bool {
        if case .record(let r, _) = v {
            let id = ObjectIdentifier(r.schema)
            for k in known where k.schema == id { return r.values[k.index]?.isFilled ?? false }
        }
        return Runtime.field(v, name).isFilled
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

    /// True when two lists share their storage (one was copied from the other): the same list, without comparing elements.
    static func sameStorage(_ a: [Value], _ b: [Value]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
    }

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
    /// (One switch per side, not a switch over the pair: a tuple of the two would copy both values.)
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch a {
        case .text(let x, _):
            guard case .text(let y, _) = b else { return nil }
            let p = x.trimmedIfNeeded, q = y.trimmedIfNeeded
            return p == q ? 0 : (p < q ? -1 : 1)
        case .number(let x, _):
            switch b {
            case .number(let y, _): return x == y ? 0 : (x < y ? -1 : 1)
            case .money(let y, _): return compare(money: y, number: x).map { -$0 }
            default: return nil
            }
        case .money(let x, _):
            switch b {
            case .money(let y, _): return x == y ? 0 : (x < y ? -1 : 1)
            case .number(let y, _): return compare(money: x, number: y)
            default: return nil
            }
        case .date(let x, _):
            guard case .date(let y, _) = b else { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        case .bool(let x):
            guard case .bool(let y) = b else { return nil }
            return x == y ? 0 : (!x ? -1 : 1)
        default:
            return nil
        }
    }

    /// Money against a plain number of pounds.
    private static func compare(money x: Money, number y: Double) -> Int? {
        guard let m = Money(pounds: y) else { return nil }
        return x == m ? 0 : (x < m ? -1 : 1)
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

/// A case-insensitive regular expression as ICU reads it, matched by `ASCIIRegex` when the pattern
/// is in its subset and the text is ASCII, else by `NSRegularExpression` (ICU itself).
final class PatternMatcher: @unchecked Sendable {
    let icu: NSRegularExpression
    let ascii: ASCIIRegex?

    /// nil when ICU refuses the pattern.
    init?(_ pattern: String) {
        guard let icu = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        self.icu = icu
        ascii = ASCIIRegex.compile(pattern)
    }

    func matches(_ text: String) -> Bool {
        if let ascii {
            var copy = text
            if let found = copy.withUTF8({ TextSearch.isASCII($0) ? ascii.matches($0) : nil }) { return found }
        }
        return icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// Compiled regular expressions, shared across threads; patterns are case-insensitive.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private var cache: [String: PatternMatcher] = [:]
    private let lock = NSLock()

    func regex(_ pattern: String) -> PatternMatcher? {
        lock.lock(); defer { lock.unlock() }
        if let r = cache[pattern] { return r }
        guard let r = PatternMatcher(pattern) else { return nil }
        cache[pattern] = r
        return r
    }

    func matches(_ text: String, _ pattern: String) -> Bool? {
        regex(pattern)?.matches(text)
    }
}
