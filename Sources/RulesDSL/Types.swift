import PlanModel

/// The static type of a rules-language expression.
public indirect enum DType: CustomStringConvertible {
    /// Text; `choices` lists the allowed words when the field has a fixed vocabulary.
    case text(choices: [String]?)
    case number
    case money
    case date
    case bool
    case record(RecordSchema)
    /// A list; `key` is the field that identifies elements (`requirement`, `id`, `scheme`…), when keyed.
    case list(DType, key: String?)
    /// A value of a mapping field chosen at run time from fields of different types: only `exists`,
    /// `is missing`, `is filled` and messages may use it.
    case mixed
    /// The type of an expression that already has an error: it matches anything, so one mistake is reported once.
    case poison

    public static let plainText = DType.text(choices: nil)

    /// The rules-language type of a schema field.
    public init(_ t: FieldType) {
        switch t {
        case .text, .email: self = .text(choices: nil)
        case .choice(let words): self = .text(choices: words)
        case .money: self = .money
        case .date: self = .date
        case .count, .number: self = .number
        case .boolean: self = .bool
        case .record(let r): self = .record(r)
        case .list(let e, let key): self = .list(DType(e), key: key)
        }
    }

    public var description: String {
        switch self {
        case .text(let choices): return choices == nil ? "text" : "text (one of \(choices!.joined(separator: ", ")))"
        case .number: return "a number"
        case .money: return "money"
        case .date: return "a date"
        case .bool: return "true/false"
        case .record(let r): return "a \(r.name)"
        case .list(let e, _): return "a list of \(e.elementName)"
        case .mixed: return "a value of mixed type"
        case .poison: return "(error)"
        }
    }

    var elementName: String {
        switch self {
        case .text: return "text"
        case .number: return "numbers"
        case .money: return "amounts of money"
        case .date: return "dates"
        case .bool: return "true/false values"
        case .record(let r): return r.name + " entries"
        case .list(let e, _): return "lists of \(e.elementName)"
        case .mixed: return "values of mixed type"
        case .poison: return "(error)"
        }
    }

    var isPoison: Bool { if case .poison = self { return true } else { return false } }
    var isText: Bool { if case .text = self { return true }; return isPoison }
    var isBool: Bool { if case .bool = self { return true }; return isPoison }
    var isNumber: Bool { if case .number = self { return true }; return isPoison }
    var isMoney: Bool { if case .money = self { return true }; return isPoison }
    var isDate: Bool { if case .date = self { return true }; return isPoison }
    var isList: Bool { if case .list = self { return true }; return isPoison }
    var isOrdered: Bool { isNumber || isMoney || isDate }
    var element: DType { if case .list(let e, _) = self { return e }; return .poison }

    /// The type both `a` and `b` can be used as, if any: records keep the fields they share.
    static func common(_ a: DType, _ b: DType) -> DType? {
        switch (a, b) {
        case (.poison, _): return b
        case (_, .poison): return a
        case (.text(let c1), .text(let c2)):
            if let c1, let c2 { return .text(choices: c1 + c2.filter { !c1.contains($0) }) }
            return .text(choices: nil)
        case (.number, .number): return .number
        case (.money, .money): return .money
        case (.date, .date): return .date
        case (.bool, .bool): return .bool
        case (.list(let e1, let k1), .list(let e2, let k2)):
            guard let e = common(e1, e2) else { return nil }
            return .list(e, key: k1 == k2 ? k1 : nil)
        case (.record(let r1), .record(let r2)):
            if r1 === r2 { return a }
            var fields: [FieldSpec] = []
            for f in r1.fields {
                guard let g = r2.field(f.name), let t = commonField(f.type, g.type) else { continue }
                fields.append(FieldSpec(f.name, t, f.doc))
            }
            return .record(RecordSchema("\(r1.name) or \(r2.name)", fields, standingFor: [r1, r2]))
        default: return nil
        }
    }

    static func commonField(_ a: FieldType, _ b: FieldType) -> FieldType? {
        switch (a, b) {
        case (.text, .text), (.email, .email), (.money, .money), (.date, .date), (.count, .count), (.number, .number), (.boolean, .boolean):
            return a
        case (.text, .email), (.email, .text): return .text
        case (.count, .number), (.number, .count): return .number
        case (.choice(let x), .choice(let y)): return .choice(x + y.filter { !x.contains($0) })
        case (.choice, .text), (.text, .choice), (.choice, .email), (.email, .choice): return .text
        case (.record(let r1), .record(let r2)):
            if r1 === r2 { return a }
            guard case .record(let r)? = common(.record(r1), .record(r2)) else { return nil }
            return .record(r)
        case (.list(let e1, let k1), .list(let e2, let k2)):
            guard let e = commonField(e1, e2) else { return nil }
            return .list(e, idKey: k1 == k2 ? k1 : nil)
        default: return nil
        }
    }
}

/// Whether an expression's value points back into the plan (and so can be a finding's subject).
public enum Provenance: Sendable {
    /// The value itself has a plan path and location.
    case planValue
    /// A computed list whose elements each have a plan path.
    case planElements
    /// A literal, a catalogue value or a computed value.
    case none
}
