/// The type of one field in a schema: what the loader accepts there and what rules may do with it.
public indirect enum FieldType: Sendable {
    case text
    case money
    case date
    case email
    case count
    /// Plain numbers (catalogue data); plan documents use `money` or `count`.
    case number
    /// true or false (catalogue data only).
    case boolean
    /// One of a fixed list of words (e.g. a cohort or a member type).
    case choice([String])
    case record(RecordSchema)
    /// A list; `idKey` names the field that identifies an element in subject paths (`minimum[NE07]`).
    case list(FieldType, idKey: String?)

    /// A phrase for messages: "text", "an amount of money", "a list of text".
    public var phrase: String {
        switch self {
        case .text: return "text"
        case .money: return "an amount of money"
        case .date: return "a date"
        case .email: return "an email address"
        case .count: return "a number"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        case .record(let r): return "a mapping (\(r.name))"
        case .list(let element, _): return "a list of " + element.pluralPhrase
        }
    }

    var pluralPhrase: String {
        switch self {
        case .text: return "text"
        case .money: return "amounts of money"
        case .date: return "dates"
        case .email: return "email addresses"
        case .count, .number: return "numbers"
        case .boolean: return "true or false values"
        case .choice(let words): return "words from: " + words.joined(separator: ", ")
        case .record(let r): return "mappings (\(r.name))"
        case .list: return "lists"
        }
    }
}

/// One named field of a record schema.
public struct FieldSpec: Sendable {
    public let name: String
    public let type: FieldType
    /// A short note on what the field is for (shown by `planlint init` and in type errors).
    public let doc: String

    public init(_ name: String, _ type: FieldType, _ doc: String = "") {
        self.name = name; self.type = type; self.doc = doc
    }
}

/// A mapping with a fixed set of fields: the plan, its sections, a scheme, a catalogue entry.
public final class RecordSchema: @unchecked Sendable {
    public let name: String
    public let fields: [FieldSpec]
    private let indexByName: [String: Int]
    /// The same index for ASCII names, looked up by their bytes (nil when some field name is not ASCII).
    private let asciiIndex: FieldNameTable?
    /// For each field, whether it is the first with its name (the one `index(of:)` finds).
    private let isFirstOfName: [Bool]

    /// For a record type made of the fields two others share: the real schemas it stands for.
    public let leaves: [RecordSchema]

    public init(_ name: String, _ fields: [FieldSpec], standingFor sources: [RecordSchema] = []) {
        self.name = name
        self.fields = fields
        self.leaves = sources.flatMap { $0.leaves.isEmpty ? [$0] : $0.leaves }
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() where index[f.name] == nil { index[f.name] = i }
        self.indexByName = index
        self.asciiIndex = FieldNameTable(index)
        self.isFirstOfName = fields.indices.map { index[fields[$0].name] == $0 }
    }

    /// The position of a field, or nil when the record has no such field.
    public func index(of name: String) -> Int? {
        if let table = asciiIndex, let found = table.lookup(name) { return found }
        return indexByName[name]
    }

    /// `index(of:)`, trying `guess` first: mappings usually give their keys in schema order, so
    /// the field after the previous key is a comparison away, with no hashing.
    func index(of name: String, guess: Int) -> Int? {
        if guess < fields.count, isFirstOfName[guess], fields[guess].name == name { return guess }
        return index(of: name)
    }

    /// The field called `name`, if any.
    public func field(_ name: String) -> FieldSpec? { index(of: name).map { fields[$0] } }

    public var fieldNames: [String] { fields.map(\.name) }
}
