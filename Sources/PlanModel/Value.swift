/// Where a value came from: its subject path and its place in the input.
///
/// The path is built only when asked for (findings are rare, values many): an origin keeps its
/// parent and its own step, `name` or `[ID]`.
public final class Origin: @unchecked Sendable {
    private let parent: Origin?
    /// This origin's step of the path: a field name, `[NE07]`, or (without a parent) a whole path.
    private let step: String
    /// The value's own location; for a missing value, the location of its parent.
    public let location: SourceLocation
    /// Where findings about a *missing* child of this value point: for a mapping or list that is the
    /// value of a key, the key's line (the "parent key"); otherwise the value's own location.
    public let childLocation: SourceLocation

    public init(path: String, location: SourceLocation, childLocation: SourceLocation? = nil) {
        self.parent = nil; self.step = path; self.location = location; self.childLocation = childLocation ?? location
    }

    /// An origin one step below `parent`: `step` is a field name or a bracketed id such as `[NE07]`.
    public init(parent: Origin, step: String, location: SourceLocation, childLocation: SourceLocation? = nil) {
        self.parent = parent; self.step = step; self.location = location; self.childLocation = childLocation ?? location
    }

    /// The subject path, e.g. `non_elective.minimum[NE07].lead.email`.
    public var path: String {
        guard parent != nil else { return step }
        // The steps from here up, then joined once from the top (each origin's `path` built from its
        // parent's would copy the prefix at every level).
        var steps: [String] = []
        var o: Origin? = self
        while let current = o { steps.append(current.step); o = current.parent }
        var out = ""
        out.reserveCapacity(steps.reduce(steps.count) { $0 + $1.utf8.count })
        for step in steps.reversed() {
            if !out.isEmpty && !step.hasPrefix("[") { out += "." }
            out += step
        }
        return out
    }

    /// The path of a field below this one.
    public func child(_ name: String) -> String { path.isEmpty ? name : path + "." + name }
}

/// A value from a plan, a catalogue, or computed by a rule.
///
/// Plan and catalogue values carry an `Origin`; computed values carry none. A value that is
/// absent from the input is `.missing` (it still knows the path it would have had), and a value
/// that is present but could not be read (a `format` finding was reported) is `.invalid`.
public enum Value: @unchecked Sendable {
    case missing(Origin)
    case invalid(Origin)
    case text(String, Origin?)
    case number(Double, Origin?)
    case money(Money, Origin?)
    case date(Day, Origin?)
    case bool(Bool)
    case record(Record, Origin?)
    case list([Value], Origin?)

    public var origin: Origin? {
        switch self {
        case .missing(let o), .invalid(let o): return o
        case .text(_, let o), .number(_, let o), .money(_, let o), .date(_, let o), .record(_, let o), .list(_, let o): return o
        case .bool: return nil
        }
    }

    /// True when the value is there and not blank: not absent, not whitespace-only text, not an empty list.
    /// A value that failed to parse counts as filled (its format finding says what is wrong).
    public var isFilled: Bool {
        switch self {
        case .missing: return false
        case .text(let s, _): return !s.isBlank
        case .list(let items, _): return !items.isEmpty
        case .record(let r, _): return r.values.contains { $0?.isFilled == true }
        default: return true
        }
    }
}

/// The fields of one mapping, in schema order; absent fields are nil.
public final class Record: @unchecked Sendable {
    public let schema: RecordSchema
    public let values: [Value?]
    /// The element's id in its list (`NE07`, `CAP-01`), when the list is keyed and the element has one.
    public let key: String?
    /// The field the key comes from (`requirement`, `id`…), when the element is in a keyed list.
    public let keyField: String?

    public init(schema: RecordSchema, values: [Value?], key: String?, keyField: String? = nil) {
        self.schema = schema; self.values = values; self.key = key; self.keyField = keyField
    }

    /// How many fields are filled, not counting the key field.
    public var filledFieldCount: Int {
        var n = 0
        for i in values.indices where values[i]?.isFilled == true {   // by index: no copy of each value
            if keyField == nil || schema.fields[i].name != keyField { n += 1 }
        }
        return n
    }

    /// The value of field `name`; `.missing` (with the path it would have) when absent.
    public func field(_ name: String, origin: Origin?) -> Value? {
        guard let i = schema.index(of: name) else { return nil }
        return field(at: i, origin: origin)
    }

    /// The value of the field at `index`; `.missing` when absent.
    public func field(at index: Int, origin: Origin?) -> Value {
        if let v = values[index] { return v }
        let name = schema.fields[index].name
        let o = origin ?? Origin(path: "", location: .text(line: 1, column: 1))
        return .missing(Origin(parent: o, step: name, location: o.childLocation))
    }
}

extension String {
    /// True for empty or whitespace-only text (fast for ASCII, exact for any Unicode space).
    public var isBlank: Bool {
        for b in utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            if b < 0x80 { return false }
            return allSatisfy(\.isWhitespace)
        }
        return true
    }

    /// The text without surrounding whitespace, without copying when there is none.
    public var trimmedIfNeeded: String {
        guard let (first, last) = utf8Ends else { return self }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b >= 0x80 }
        return isSpace(first) || isSpace(last) ? trimmingWhitespace : self
    }

    /// The first and last UTF-8 bytes (nil for empty text), read directly: `utf8.last` walks the
    /// generic collection path, several times the cost.
    var utf8Ends: (UInt8, UInt8)? {
        if let ends = utf8.withContiguousStorageIfAvailable({ b in b.isEmpty ? nil : (b[0], b[b.count - 1]) }) { return ends }
        guard let first = utf8.first, let last = utf8.last else { return nil }
        return (first, last)
    }
}
