import PlanModel

/// Merges a rule example's YAML fragment onto the base plan, guided by the plan schema.
///
/// - Mappings merge key by key; a key whose value is `~` (null) becomes absent.
/// - Lists with ids (`minimum`, `local`, `costings`, `sign_off`, `capacity_plan`) merge element by
///   element, matched on the id; unmatched elements are appended. Tags on an element steer it:
///   `!delete` removes the matching element, `!replace` replaces it whole, `!append` adds it even
///   when an element with that id exists.
/// - Lists without ids, and scalars, are replaced by the fragment's value.
/// - `!replace` on any value replaces the base value whole.
public enum ExampleMerger {
    /// The base tree with `fragment` merged onto it.
    public static func merge(base: YAMLNode, fragment: YAMLNode) -> YAMLNode {
        merge(base, fragment, .record(PlanSchema.plan))
    }

    static func merge(_ base: YAMLNode?, _ fragment: YAMLNode, _ type: FieldType?) -> YAMLNode {
        if fragment.tag == "!replace" || base == nil || base!.isNull { return stripped(fragment) }
        let base = base!
        switch (base.content, fragment.content) {
        case (.mapping(let bPairs), .mapping(let fPairs)):
            let schema: RecordSchema? = { if case .record(let r)? = type { return r } else { return nil } }()
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var used = Set<Int>()
            for (k, v) in bPairs {
                guard let name = k.scalar else { pairs.append((k, v)); continue }
                if let i = fPairs.firstIndex(where: { $0.key.scalar == name }) {
                    used.insert(i)
                    if fPairs[i].value.tag == "!delete" { continue }
                    pairs.append((k, merge(v, fPairs[i].value, schema?.field(name)?.type)))
                } else {
                    pairs.append((k, v))
                }
            }
            for (i, p) in fPairs.enumerated() where !used.contains(i) && p.value.tag != "!delete" {
                pairs.append((p.key, stripped(p.value)))
            }
            return node(.mapping(pairs), like: base)
        case (.sequence(let bItems), .sequence(let fItems)):
            guard case .list(let element, let idKey?)? = type else { return stripped(fragment) }
            var items = bItems
            for f in fItems {
                let key = PlanBinder.elementKey(f, idKey: idKey)
                let match = key.flatMap { k in items.firstIndex(where: { PlanBinder.elementKey($0, idKey: idKey) == k }) }
                switch f.tag {
                case "!delete":
                    if let k = key { items.removeAll { PlanBinder.elementKey($0, idKey: idKey) == k } }
                case "!append":
                    items.append(stripped(f))
                case "!replace":
                    if let m = match { items[m] = stripped(f) } else { items.append(stripped(f)) }
                default:
                    if let m = match { items[m] = merge(items[m], f, element) } else { items.append(stripped(f)) }
                }
            }
            return node(.sequence(items), like: base)
        default:
            return stripped(fragment)
        }
    }

    /// The node without the merge tags (`!replace`, `!delete`, `!append`), all the way down.
    static func stripped(_ n: YAMLNode) -> YAMLNode {
        let tag = ["!replace", "!delete", "!append"].contains(n.tag ?? "") ? nil : n.tag
        switch n.content {
        case .scalar:
            return YAMLNode(content: n.content, line: n.line, column: n.column, tag: tag, expandedSize: 1)
        case .mapping(let pairs):
            return node(.mapping(pairs.map { ($0.key, stripped($0.value)) }), like: n, tag: tag)
        case .sequence(let items):
            return node(.sequence(items.map(stripped)), like: n, tag: tag)
        }
    }

    static func node(_ content: YAMLNode.Content, like n: YAMLNode, tag: String? = nil) -> YAMLNode {
        var size = 1
        switch content {
        case .scalar: break
        case .mapping(let pairs): for p in pairs { size += p.key.expandedSize + p.value.expandedSize }
        case .sequence(let items): for i in items { size += i.expandedSize }
        }
        return YAMLNode(content: content, line: n.line, column: n.column, tag: tag ?? n.tag, expandedSize: size)
    }
}
