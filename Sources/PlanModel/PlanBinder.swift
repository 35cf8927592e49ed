/// Reads a composed YAML document against a record schema, producing typed values with origins and
/// `format` findings for everything that does not fit. Never throws: every problem is a finding.
///
/// It works on the flat `YAMLDocument` the loader composes; a `YAMLNode` tree given to it is
/// turned into one first.
public struct PlanBinder {
    public let file: String
    public private(set) var findings: [Finding] = []

    public init(file: String) { self.file = file }

    /// Binds `node` as a record of `schema` at subject path `path` (empty for the document root).
    public mutating func bindRecord(_ node: YAMLNode, schema: RecordSchema, path: String) -> Value? {
        bind(node, as: .record(schema), path: path)
    }

    /// Binds one node as `type`; nil when the node is null (the value is absent).
    /// `keyLocation` is where the key naming this value is, when there is one: findings about
    /// missing children of a mapping or list point there.
    public mutating func bind(_ node: YAMLNode, as type: FieldType, path: String, keyLocation: SourceLocation? = nil) -> Value? {
        let doc = YAMLDocument(node)
        return bind(doc, doc.root, as: type, path: path, keyLocation: keyLocation)
    }

    /// `bindRecord` for node `n` of a composed document.
    mutating func bindRecord(_ doc: YAMLDocument, _ n: Int32, schema: RecordSchema, path: String) -> Value? {
        bind(doc, n, as: .record(schema), path: path)
    }

    mutating func bind(_ doc: YAMLDocument, _ n: Int32, as type: FieldType, path: String, keyLocation: SourceLocation? = nil) -> Value? {
        if doc.isNull(n) { return nil }
        return bind(doc, n, as: type, origin: Origin(path: path, location: doc.location(n), childLocation: keyLocation))
    }

    /// Binds one node as `type` one step below `parent` (`step`: a field name or `[ID]`).
    mutating func bind(_ doc: YAMLDocument, _ n: Int32, as type: FieldType, parent: Origin, step: String,
                       keyLocation: SourceLocation? = nil) -> Value? {
        if doc.isNull(n) {
            // An empty workbook cell is absent, but findings about it point at the cell itself.
            guard doc.isCell(n) else { return nil }
            return .missing(Origin(parent: parent, step: step, location: doc.location(n)))
        }
        return bind(doc, n, as: type, origin: Origin(parent: parent, step: step, location: doc.location(n), childLocation: keyLocation))
    }

    mutating func bind(_ doc: YAMLDocument, _ n: Int32, as type: FieldType, origin: Origin) -> Value? {
        switch type {
        case .record(let schema): return bindMapping(doc, n, schema: schema, origin: origin)
        case .list(let element, let idKey): return bindList(doc, n, element: element, idKey: idKey, origin: origin)
        default: break
        }
        guard let raw = doc.scalar(n) else {
            report(.wrongType, origin, "\(PlainName.sentenceStart(origin.path)) should be \(type.phrase), but is \(doc.kindDescription(n))")
            return .invalid(origin)
        }
        let style = doc.nodes[Int(n)].style
        let quoted = style != .plain
        var path: String { origin.path }
        switch type {
        case .text:
            return .text(raw, origin)
        case .money:
            let plain = quoted ? nil : ScalarParsers.wholePounds(raw) ?? ScalarParsers.number(raw).flatMap(Money.init(pounds:))
            if let m = plain ?? ScalarParsers.money(raw) {
                return .money(m, origin)
            }
            report(.money, origin, "\(PlainName.sentenceStart(path)), '\(raw)', is not an amount of money; write pounds, such as 75000 or \"£75,000\"")
        case .date:
            if let d = ScalarParsers.date(raw) { return .date(d, origin) }
            report(.date, origin, "\(PlainName.sentenceStart(path)), '\(raw)', is not a date; write it as 2014-09-30, 2014-09, September 2014, Q2 2014/15 or 2014/15")
        case .email:
            let trimmed = raw.trimmingWhitespace
            if trimmed.isEmpty { return .text(raw, origin) }
            if ScalarParsers.isEmail(trimmed) { return .text(trimmed, origin) }
            report(.email, origin, "\(PlainName.sentenceStart(path)), '\(raw)', is not an email address; write one address, such as jane.smith@nhs.net")
        case .count, .number:
            if let n = ScalarParsers.count(raw) { return .number(n, origin) }
            report(.count, origin, "\(PlainName.sentenceStart(path)), '\(raw)', is not a number; write a number such as 3 or 0.5 (negative for a decrease)")
        case .boolean:
            switch raw.trimmingWhitespace.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default: report(.wrongType, origin, "\(PlainName.sentenceStart(path)), '\(raw)', is not true or false")
            }
        case .choice(let words):
            let trimmed = raw.trimmingWhitespace
            if trimmed.isEmpty { return .text(trimmed, origin) }
            if words.contains(trimmed) { return .text(trimmed, origin) }
            var message = "\(PlainName.sentenceStart(path)), '\(raw)', is not one of: \(words.joined(separator: ", "))"
            if let near = Suggest.closest(to: trimmed, among: words) { message += "; did you mean '\(near)'?" }
            report(.choice, origin, message)
        case .record, .list:
            break
        }
        return .invalid(origin)
    }

    /// `key` and `keyField`: the element's id in its keyed list, when it is an element of one.
    private mutating func bindMapping(_ doc: YAMLDocument, _ n: Int32, schema: RecordSchema, origin: Origin,
                                      key elementKey: String? = nil, keyField: String? = nil) -> Value {
        guard doc.nodes[Int(n)].kind == .mapping else {
            report(.wrongType, origin, "\(PlainName.sentenceStart(origin.path)) should be a mapping of keys to values (\(schema.name)), but is \(doc.kindDescription(n))")
            return .invalid(origin)
        }
        var values = [Value?](repeating: nil, count: schema.fields.count)
        var seen = FieldSet(count: schema.fields.count)
        var next = 0   // the field after the previous key: the likeliest one for this key
        let merged = Self.hasMergeKey(doc, n) ? Self.pairs(doc, n) : nil
        let start = Int(doc.nodes[Int(n)].start)
        for p in 0..<(merged?.count ?? Int(doc.nodes[Int(n)].count) / 2) {
            // The pairs as written, read straight from the document unless merge keys add some.
            let (keyNode, valueNode) = merged?[p] ?? (doc.children[start + 2 * p], doc.children[start + 2 * p + 1])
            guard let key = doc.scalar(keyNode) else {
                report(.wrongType, Origin(path: origin.path, location: doc.location(keyNode)),
                       "\(PlainName.sentenceStart(origin.path)) has a key that is not a word")
                continue
            }
            var childPath: String { origin.child(key) }
            guard let index = schema.index(of: key, guess: next) else {
                let owner = PlainName.of(origin.path)
                let place = origin.path.isEmpty ? "at the top of the plan"
                    : "in " + owner + (owner.hasSuffix(schema.name) ? "" : " (\(schema.name))")
                var message = "Unknown key '\(key)' \(place)"
                if let near = Suggest.closest(to: key, among: schema.fieldNames) { message += "; did you mean '\(near)'?" }
                else { message += "; its value is ignored" }
                report(.unknownKey, Origin(path: childPath, location: doc.location(keyNode)), message)
                continue
            }
            if seen.contains(index) {
                report(.duplicateKey, Origin(path: childPath, location: doc.location(keyNode)),
                       "'\(key)' appears twice in \(PlainName.of(origin.path)); the first one is used, so delete or merge the other")
                continue
            }
            seen.insert(index)
            next = index + 1
            values[index] = bind(doc, valueNode, as: schema.fields[index].type, parent: origin, step: key, keyLocation: doc.location(keyNode))
        }
        return .record(Record(schema: schema, values: values, key: elementKey, keyField: keyField), origin)
    }

    private mutating func bindList(_ doc: YAMLDocument, _ n: Int32, element: FieldType, idKey: String?, origin: Origin) -> Value {
        switch doc.nodes[Int(n)].kind {
        case .sequence:
            let items = doc.items(n)
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let key = idKey.flatMap { Self.elementKey(doc, item, idKey: $0) }
                let itemOrigin = Origin(parent: origin, step: "[" + (key ?? String(i)) + "]", location: doc.location(item))
                if doc.isNull(item) {
                    values.append(.missing(itemOrigin))
                } else if case .record(let schema) = element {
                    values.append(bindMapping(doc, item, schema: schema, origin: itemOrigin, key: key, keyField: key == nil ? nil : idKey))
                } else if let v = bind(doc, item, as: element, origin: itemOrigin) {
                    values.append(v)
                }
            }
            return .list(values, origin)
        case .scalar:
            if case .record = element {
                report(.wrongType, origin, "\(PlainName.sentenceStart(origin.path)) should be \(FieldType.list(element, idKey: idKey).phrase), but is \(doc.kindDescription(n))")
                return .invalid(origin)
            }
            // A single value where a list of values belongs is read as a list of one.
            let one = bind(doc, n, as: element, parent: origin, step: "[0]")
            return .list(one.map { [$0] } ?? [], origin)
        case .mapping:
            report(.wrongType, origin, "\(PlainName.sentenceStart(origin.path)) should be \(FieldType.list(element, idKey: idKey).phrase), but is \(doc.kindDescription(n))")
            return .invalid(origin)
        }
    }

    /// A mapping's keys and values, with YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`) expanded:
    /// the merged mappings' pairs come after the explicit ones, for keys the mapping does not set
    /// itself (earlier merged mappings win).
    static func pairs(_ doc: YAMLDocument, _ n: Int32) -> [(key: Int32, value: Int32)] {
        let pairs = doc.pairs(n)
        guard hasMergeKey(doc, n) else { return pairs }
        var out = pairs.filter { !doc.isMergeKey($0.key) }
        var present = Set(out.compactMap { doc.scalar($0.key) })
        for (k, v) in pairs where doc.isMergeKey(k) {
            let sources: [Int32]
            switch doc.nodes[Int(v)].kind {
            case .mapping: sources = [v]
            case .sequence: sources = Array(doc.items(v))
            case .scalar: sources = []
            }
            for source in sources where doc.nodes[Int(source)].kind == .mapping {
                for (ik, iv) in Self.pairs(doc, source) {
                    guard let name = doc.scalar(ik), !present.contains(name) else { continue }
                    present.insert(name)
                    out.append((ik, iv))
                }
            }
        }
        return out
    }

    /// Whether a mapping has a `<<` key.
    static func hasMergeKey(_ doc: YAMLDocument, _ n: Int32) -> Bool {
        let node = doc.nodes[Int(n)]
        guard node.kind == .mapping else { return false }
        return stride(from: Int(node.start), to: Int(node.start + node.count), by: 2).contains { doc.isMergeKey(doc.children[$0]) }
    }

    /// The id of a keyed list element (`requirement: NE07` → `NE07`), when it has a non-blank scalar one.
    public static func elementKey(_ item: YAMLNode, idKey: String) -> String? {
        let doc = YAMLDocument(item)
        return elementKey(doc, doc.root, idKey: idKey)
    }

    static func elementKey(_ doc: YAMLDocument, _ item: Int32, idKey: String) -> String? {
        let node = doc.nodes[Int(item)]
        guard node.kind == .mapping else { return nil }
        if !hasMergeKey(doc, item) {   // the common case, without making the pairs
            for k in stride(from: Int(node.start), to: Int(node.start + node.count), by: 2) where doc.scalar(doc.children[k]) == idKey {
                let v = doc.children[k + 1]
                guard !doc.isNull(v), let s = doc.scalar(v)?.trimmedIfNeeded, !s.isEmpty else { return nil }
                return s
            }
            return nil
        }
        for (k, v) in pairs(doc, item) where doc.scalar(k) == idKey {
            guard !doc.isNull(v), let s = doc.scalar(v)?.trimmedIfNeeded, !s.isEmpty else { return nil }
            return s
        }
        return nil
    }

    private mutating func report(_ rule: LoaderRule, _ origin: Origin, _ message: String) {
        findings.append(Finding(rule: rule.id, severity: rule.severity, category: rule.category, subject: origin.path,
                                message: message, citation: rule.citation, location: origin.location, file: file))
    }
}

/// Which fields of a record a mapping has given so far: bits in a word for up to 64 fields.
struct FieldSet {
    private var bits: UInt64 = 0
    private var more: [Bool]

    init(count: Int) { more = count > 64 ? [Bool](repeating: false, count: count) : [] }

    func contains(_ i: Int) -> Bool { more.isEmpty ? bits & (1 << UInt64(i)) != 0 : more[i] }

    mutating func insert(_ i: Int) {
        if more.isEmpty { bits |= 1 << UInt64(i) } else { more[i] = true }
    }
}

extension String {
    /// The string without leading and trailing whitespace (spaces, tabs, newlines).
    public var trimmingWhitespace: String {
        // Most text has an ASCII letter, digit or sign at each end: then there is nothing to trim
        // and no need to walk it by Character. (Only ASCII whitespace, 0x09-0x0D and space, or a
        // non-ASCII byte can start or end a whitespace Character.)
        if let (a, z) = utf8Ends, Self.isPlainASCII(a), Self.isPlainASCII(z) { return self }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }

    /// An ASCII byte that is not whitespace.
    private static func isPlainASCII(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && !(b >= 0x09 && b <= 0x0D) }
}
