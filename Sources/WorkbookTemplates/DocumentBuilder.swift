import PlanModel

/// Builds a plan document (a YAML node tree) out of values read from cells, so the plan binder
/// reads a workbook exactly as it reads YAML, and every value keeps its sheet and cell.
final class DocumentBuilder {
    /// A mapping under construction: keys in first-set order.
    final class Map {
        var keys: [String] = []
        var values: [String: Entry] = [:]
        let place: CellPlace

        init(place: CellPlace) { self.place = place }

        func map(_ key: String, place: CellPlace) -> Map {
            if case .map(let m)? = values[key] { return m }
            let m = Map(place: place)
            set(key, .map(m))
            return m
        }

        func set(_ key: String, _ entry: Entry) {
            if values[key] == nil { keys.append(key) }
            values[key] = entry
        }
    }

    enum Entry {
        case scalar(YAMLNode)
        case map(Map)
        case list([Entry], CellPlace)
    }

    let root: Map

    init(place: CellPlace) { root = Map(place: place) }

    /// The mapping at `path` below `map`, made where missing.
    static func map(at path: ArraySlice<String>, in map: Map, place: CellPlace) -> Map {
        var m = map
        for name in path { m = m.map(name, place: place) }
        return m
    }

    /// The finished document.
    func node() -> YAMLNode { Self.node(.map(root)) }

    static func node(_ entry: Entry) -> YAMLNode {
        switch entry {
        case .scalar(let n): return n
        case .map(let m):
            // A record or list with nothing in it is absent, as it would be left out of YAML; an
            // empty cell stays, as a null that points at its cell.
            let kept = m.keys.filter { key in
                switch m.values[key]! {
                case .scalar: return true
                case .map, .list: return m.values[key]!.hasContent
                }
            }
            let pairs = kept.map { key -> (key: YAMLNode, value: YAMLNode) in
                let value = node(m.values[key]!)
                return (YAMLNode(content: .scalar(key, .plain), cell: value.cell ?? m.place), value)
            }
            return YAMLNode(content: .mapping(pairs), cell: m.place)
        case .list(let items, let place):
            return YAMLNode(content: .sequence(items.map(node)), cell: place)
        }
    }
}

extension DocumentBuilder.Entry {
    /// True when the entry holds something: a non-empty scalar, or a mapping or list with such a thing.
    var hasContent: Bool {
        switch self {
        case .scalar(let n): return !n.isNull
        case .map(let m): return m.values.values.contains { $0.hasContent }
        case .list(let items, _): return items.contains { $0.hasContent }
        }
    }
}
