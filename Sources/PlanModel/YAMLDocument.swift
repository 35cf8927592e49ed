/// A composed YAML document held flat: every node in one array, children and scalar texts by
/// index. The loader composes and binds plans through it, which costs no object per node; the
/// public `YAMLNode` tree is made from it (or it from a tree) when a caller wants one.
///
/// As in `YAMLNode` trees, an alias is the very node its anchor named (its index appears twice
/// among the children), so `expandedSize` can be far larger than the node count.
struct YAMLDocument {
    enum Kind: UInt8 { case scalar, mapping, sequence }

    struct Node {
        var kind: Kind
        var style: YAMLNode.ScalarStyle
        /// 1-based; 0 for a node from a workbook cell.
        var line: Int32
        var column: Int32
        /// A scalar's index in `scalars`; a collection's first entry in `children`.
        var start: Int32
        /// A collection's entries in `children`: its items, or its keys and values in turn.
        var count: Int32
        /// Index in `tags`, or -1.
        var tag: Int32
        /// Index in `cells`, or -1.
        var cell: Int32
        var expandedSize: Int
    }

    var nodes: [Node] = []
    var children: [Int32] = []
    var scalars: [String] = []
    var tags: [String] = []
    var cells: [CellPlace] = []
    var root: Int32 = 0

    // MARK: - Reading nodes

    /// The scalar's text, or nil for a mapping or sequence.
    func scalar(_ n: Int32) -> String? {
        let node = nodes[Int(n)]
        return node.kind == .scalar ? scalars[Int(node.start)] : nil
    }

    /// `YAMLNode.isNull`: a plain scalar YAML reads as null.
    func isNull(_ n: Int32) -> Bool {
        let node = nodes[Int(n)]
        guard node.kind == .scalar, node.style == .plain else { return false }
        let s = scalars[Int(node.start)]
        switch s.utf8.count {   // only these lengths can be null: most scalars are ruled out without comparing
        case 0: return true
        case 1: return s == "~"
        case 4: return s == "null" || s == "Null" || s == "NULL"
        default: return false
        }
    }

    /// `YAMLNode.location`.
    func location(_ n: Int32) -> SourceLocation {
        let node = nodes[Int(n)]
        if node.cell >= 0 {
            let c = cells[Int(node.cell)]
            return .cell(sheet: c.sheet, cell: c.cell)
        }
        return .text(line: Int(node.line), column: Int(node.column))
    }

    /// Whether the node came from a workbook cell.
    func isCell(_ n: Int32) -> Bool { nodes[Int(n)].cell >= 0 }

    /// `YAMLNode.kindDescription`.
    func kindDescription(_ n: Int32) -> String {
        switch nodes[Int(n)].kind {
        case .scalar: return isNull(n) ? "nothing" : "a single value"
        case .mapping: return "a mapping of keys to values"
        case .sequence: return "a list"
        }
    }

    /// A mapping's keys and values in order (empty for other nodes).
    func pairs(_ n: Int32) -> [(key: Int32, value: Int32)] {
        let node = nodes[Int(n)]
        guard node.kind == .mapping else { return [] }
        let start = Int(node.start)
        return (0..<Int(node.count) / 2).map { (children[start + 2 * $0], children[start + 2 * $0 + 1]) }
    }

    /// A sequence's items (empty for other nodes).
    func items(_ n: Int32) -> ArraySlice<Int32> {
        let node = nodes[Int(n)]
        guard node.kind == .sequence else { return [] }
        return children[Int(node.start)..<Int(node.start + node.count)]
    }

    /// `<<`, the YAML merge key.
    func isMergeKey(_ n: Int32) -> Bool {
        let node = nodes[Int(n)]
        guard node.kind == .scalar, node.style == .plain else { return false }
        let s = scalars[Int(node.start)]
        return s.utf8.count == 2 && s == "<<"
    }

    // MARK: - Building

    /// Appends a scalar node; returns its index.
    mutating func addScalar(_ text: String, style: YAMLNode.ScalarStyle, line: Int, column: Int, tag: String?, cell: CellPlace? = nil) -> Int32 {
        scalars.append(text)
        return addNode(Node(kind: .scalar, style: style, line: Int32(clamping: line), column: Int32(clamping: column),
                            start: Int32(scalars.count - 1), count: 0, tag: -1, cell: -1, expandedSize: 1), tag: tag, cell: cell)
    }

    /// Appends a collection node whose children are `entries` (a mapping's keys and values in turn).
    mutating func addCollection(_ kind: Kind, entries: ArraySlice<Int32>, line: Int, column: Int, tag: String?,
                                expandedSize: Int, cell: CellPlace? = nil) -> Int32 {
        let start = Int32(children.count)
        children.append(contentsOf: entries)
        return addNode(Node(kind: kind, style: .plain, line: Int32(clamping: line), column: Int32(clamping: column),
                            start: start, count: Int32(entries.count), tag: -1, cell: -1, expandedSize: expandedSize), tag: tag, cell: cell)
    }

    private mutating func addNode(_ node: Node, tag: String?, cell: CellPlace?) -> Int32 {
        var node = node
        if let tag { tags.append(tag); node.tag = Int32(tags.count - 1) }
        if let cell { cells.append(cell); node.cell = Int32(cells.count - 1) }
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    // MARK: - Converting to and from `YAMLNode` trees

    /// The document as a `YAMLNode` tree (aliases still shared).
    func tree() -> YAMLNode {
        var made = [YAMLNode?](repeating: nil, count: nodes.count)
        return tree(root, &made)
    }

    private func tree(_ n: Int32, _ made: inout [YAMLNode?]) -> YAMLNode {
        if let done = made[Int(n)] { return done }
        let node = nodes[Int(n)]
        let content: YAMLNode.Content
        switch node.kind {
        case .scalar: content = .scalar(scalars[Int(node.start)], node.style)
        case .sequence: content = .sequence(items(n).map { tree($0, &made) })
        case .mapping: content = .mapping(pairs(n).map { (key: tree($0.key, &made), value: tree($0.value, &made)) })
        }
        let out: YAMLNode
        if node.cell >= 0 {
            out = YAMLNode(content: content, cell: cells[Int(node.cell)], expandedSize: node.expandedSize)
        } else {
            out = YAMLNode(content: content, line: Int(node.line), column: Int(node.column),
                           tag: node.tag >= 0 ? tags[Int(node.tag)] : nil, expandedSize: node.expandedSize)
        }
        made[Int(n)] = out
        return out
    }

    /// A document holding `root`'s tree (a node reached twice, through an alias, is stored once).
    init(_ root: YAMLNode) {
        var seen: [ObjectIdentifier: Int32] = [:]
        self.root = add(root, &seen)
    }

    init() {}

    private mutating func add(_ n: YAMLNode, _ seen: inout [ObjectIdentifier: Int32]) -> Int32 {
        if let done = seen[ObjectIdentifier(n)] { return done }
        let index: Int32
        switch n.content {
        case .scalar(let s, let style):
            index = addScalar(s, style: style, line: n.line, column: n.column, tag: n.tag, cell: n.cell)
        case .sequence(let items):
            let entries = items.map { add($0, &seen) }
            index = addCollection(.sequence, entries: entries[...], line: n.line, column: n.column, tag: n.tag,
                                  expandedSize: n.expandedSize, cell: n.cell)
        case .mapping(let pairs):
            var entries: [Int32] = []
            entries.reserveCapacity(2 * pairs.count)
            for (k, v) in pairs { entries.append(add(k, &seen)); entries.append(add(v, &seen)) }
            index = addCollection(.mapping, entries: entries[...], line: n.line, column: n.column, tag: n.tag,
                                  expandedSize: n.expandedSize, cell: n.cell)
        }
        seen[ObjectIdentifier(n)] = index
        return index
    }
}
