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

/// Field names to positions, for names that are all ASCII: hashed and compared as bytes, several
/// times cheaper than a `[String: Int]` lookup (the rule engine looks fields up by name all the time).
///
/// Two ASCII strings are equal as `String`s exactly when their bytes are, so for an ASCII name the
/// answer is the dictionary's; a name that is not ASCII is left to the dictionary (`lookup` gives nil).
struct FieldNameTable: Sendable {
    /// Open addressing, a power of two at least twice the names: 1 + an index into `entries`, 0 for empty.
    private let slots: [Int32]
    /// Each name's bytes in `bytes`, and its field's position.
    private let entries: [(start: Int, count: Int, index: Int)]
    private let bytes: [UInt8]

    /// Nil when a name is not ASCII.
    init?(_ index: [String: Int]) {
        var size = 8
        while size < 2 * index.count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        var entries: [(start: Int, count: Int, index: Int)] = [], bytes: [UInt8] = []
        for (name, i) in index {
            let b = Array(name.utf8)
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            var s = Int(Self.hash(b) & UInt64(size - 1))
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            entries.append((bytes.count, b.count, i))
            bytes += b
            slots[s] = Int32(entries.count)
        }
        self.slots = slots
        self.entries = entries
        self.bytes = bytes
    }

    /// `.some(position)`, or `.some(nil)` when there is no such field, for an ASCII name; nil when
    /// `name` is not ASCII (or not stored contiguously), for the dictionary to answer.
    func lookup(_ name: String) -> Int?? {
        name.utf8.withContiguousStorageIfAvailable { b -> Int?? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            let mask = slots.count - 1
            var s = Int(Self.hash(b) & UInt64(mask))
            while true {
                let k = Int(slots[s])
                if k == 0 { return .some(nil) }
                let e = entries[k - 1]
                if e.count == b.count, (0..<e.count).allSatisfy({ bytes[e.start + $0] == b[$0] }) { return .some(e.index) }
                s = (s + 1) & mask
            }
        } ?? nil
    }

    /// FNV-1a: a few instructions a byte, and field names are short.
    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
