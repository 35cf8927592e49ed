/// Reads a composed YAML tree against a record schema, producing typed values with origins and
/// `format` findings for everything that does not fit. Never throws: every problem is a finding.
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
        if node.isNull { return nil }
        return bind(node, as: type, origin: Origin(path: path, location: node.location, childLocation: keyLocation))
    }

    /// Binds one node as `type` one step below `parent` (`step`: a field name or `[ID]`).
    mutating func bind(_ node: YAMLNode, as type: FieldType, parent: Origin, step: String, keyLocation: SourceLocation? = nil) -> Value? {
        if node.isNull {
            // An empty workbook cell is absent, but findings about it point at the cell itself.
            guard node.cell != nil else { return nil }
            return .missing(Origin(parent: parent, step: step, location: node.location))
        }
        return bind(node, as: type, origin: Origin(parent: parent, step: step, location: node.location, childLocation: keyLocation))
    }

    mutating func bind(_ node: YAMLNode, as type: FieldType, origin: Origin) -> Value? {
        switch type {
        case .record(let schema): return bindMapping(node, schema: schema, origin: origin)
        case .list(let element, let idKey): return bindList(node, element: element, idKey: idKey, origin: origin)
        default: break
        }
        guard case .scalar(let raw, let style) = node.content else {
            report(.wrongType, origin, "\(PlainName.sentenceStart(origin.path)) should be \(type.phrase), but is \(node.kindDescription)")
            return .invalid(origin)
        }
        let quoted = style != .plain
        var path: String { origin.path }
        switch type {
        case .text:
            return .text(raw, origin)
        case .money:
            if let m = (quoted ? nil : ScalarParsers.number(raw).flatMap(Money.init(pounds:))) ?? ScalarParsers.money(raw) {
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
    private mutating func bindMapping(_ node: YAMLNode, schema: RecordSchema, origin: Origin,
                                      key elementKey: String? = nil, keyField: String? = nil) -> Value {
        guard case .mapping(let pairs) = node.content else {
            report(.wrongType, origin, "\(PlainName.sentenceStart(origin.path)) should be a mapping of keys to values (\(schema.name)), but is \(node.kindDescription)")
            return .invalid(origin)
        }
        var values = [Value?](repeating: nil, count: schema.fields.count)
        var seen = [Bool](repeating: false, count: schema.fields.count)
        for (keyNode, valueNode) in Self.expandingMergeKeys(pairs) {
            guard let key = keyNode.scalar else {
                report(.wrongType, Origin(path: origin.path, location: keyNode.location),
                       "\(PlainName.sentenceStart(origin.path)) has a key that is not a word")
                continue
            }
            var childPath: String { origin.child(key) }
            guard let index = schema.index(of: key) else {
                let owner = PlainName.of(origin.path)
                let place = origin.path.isEmpty ? "at the top of the plan"
                    : "in " + owner + (owner.hasSuffix(schema.name) ? "" : " (\(schema.name))")
                var message = "Unknown key '\(key)' \(place)"
                if let near = Suggest.closest(to: key, among: schema.fieldNames) { message += "; did you mean '\(near)'?" }
                else { message += "; its value is ignored" }
                report(.unknownKey, Origin(path: childPath, location: keyNode.location), message)
                continue
            }
            if seen[index] {
                report(.duplicateKey, Origin(path: childPath, location: keyNode.location),
                       "'\(key)' appears twice in \(PlainName.of(origin.path)); the first one is used, so delete or merge the other")
                continue
            }
            seen[index] = true
            values[index] = bind(valueNode, as: schema.fields[index].type, parent: origin, step: key, keyLocation: keyNode.location)
        }
        return .record(Record(schema: schema, values: values, key: elementKey, keyField: keyField), origin)
    }

    private mutating func bindList(_ node: YAMLNode, element: FieldType, idKey: String?, origin: Origin) -> Value {
        switch node.content {
        case .sequence(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let key = idKey.flatMap { Self.elementKey(item, idKey: $0) }
                let itemOrigin = Origin(parent: origin, step: "[" + (key ?? String(i)) + "]", location: item.location)
                if item.isNull {
                    values.append(.missing(itemOrigin))
                } else if case .record(let schema) = element {
                    values.append(bindMapping(item, schema: schema, origin: itemOrigin, key: key, keyField: key == nil ? nil : idKey))
                } else if let v = bind(item, as: element, origin: itemOrigin) {
                    values.append(v)
                }
            }
            return .list(values, origin)
        case .scalar:
            if case .record = element {
                report(.wrongType, origin, "\(PlainName.sentenceStart(origin.path)) should be \(FieldType.list(element, idKey: idKey).phrase), but is \(node.kindDescription)")
                return .invalid(origin)
            }
            // A single value where a list of values belongs is read as a list of one.
            let one = bind(node, as: element, parent: origin, step: "[0]")
            return .list(one.map { [$0] } ?? [], origin)
        case .mapping:
            report(.wrongType, origin, "\(PlainName.sentenceStart(origin.path)) should be \(FieldType.list(element, idKey: idKey).phrase), but is \(node.kindDescription)")
            return .invalid(origin)
        }
    }

    /// YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`): the merged mappings' pairs are added after
    /// the explicit ones, for keys the mapping does not set itself (earlier merged mappings win).
    static func expandingMergeKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) -> [(key: YAMLNode, value: YAMLNode)] {
        guard pairs.contains(where: { isMergeKey($0.key) }) else { return pairs }
        var out = pairs.filter { !isMergeKey($0.key) }
        var present = Set(out.compactMap { $0.key.scalar })
        for (k, v) in pairs where isMergeKey(k) {
            let sources: [YAMLNode]
            switch v.content {
            case .mapping: sources = [v]
            case .sequence(let items): sources = items
            case .scalar: sources = []
            }
            for source in sources {
                guard case .mapping(let inner) = source.content else { continue }
                for (ik, iv) in expandingMergeKeys(inner) {
                    guard let name = ik.scalar, !present.contains(name) else { continue }
                    present.insert(name)
                    out.append((ik, iv))
                }
            }
        }
        return out
    }

    static func isMergeKey(_ k: YAMLNode) -> Bool {
        if case .scalar("<<", .plain) = k.content { return true }
        return false
    }

    /// The id of a keyed list element (`requirement: NE07` → `NE07`), when it has a non-blank scalar one.
    public static func elementKey(_ item: YAMLNode, idKey: String) -> String? {
        guard case .mapping(let pairs) = item.content else { return nil }
        for (k, v) in expandingMergeKeys(pairs) where k.scalar == idKey {
            guard !v.isNull, let s = v.scalar?.trimmedIfNeeded, !s.isEmpty else { return nil }
            return s
        }
        return nil
    }

    private mutating func report(_ rule: LoaderRule, _ origin: Origin, _ message: String) {
        findings.append(Finding(rule: rule.id, severity: rule.severity, category: rule.category, subject: origin.path,
                                message: message, citation: rule.citation, location: origin.location, file: file))
    }
}

extension String {
    /// The string without leading and trailing whitespace (spaces, tabs, newlines).
    public var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
