import PlanModel
import RulesDSL

/// Reads one sheet spec file into a `SheetSpec`, checking every binding against the plan schema.
struct SheetSpecReader {
    var nodes: SpecNodes
    let catalogue: Catalogue?
    /// Ids of field rows and totals on this sheet, for checking formulas.
    private var ids: [String: YAMLNode] = [:]
    private var formulaUses: [(String, YAMLNode)] = []

    init(nodes: SpecNodes, catalogue: Catalogue?) { self.nodes = nodes; self.catalogue = catalogue }

    mutating func sheet(_ root: YAMLNode) -> SheetSpec? {
        let m = nodes.mapping(root, allowed: ["sheet", "file", "kind", "title", "subtitle", "columns", "blocks"], what: "a sheet spec")
        guard let name = nodes.string(m["sheet"], "'sheet' (the sheet's name)", in: root) else { return nil }
        if name.count > 31 || name.contains(where: { "[]:*?/\\".contains($0) }) {
            nodes.fail(m["sheet"]!, "'\(name)' cannot be a sheet name: at most 31 characters, none of [ ] : * ? / \\")
        }
        let stem = nodes.string(m["file"], "'file'", in: root) ?? name
        var isTemplate = true
        if let kindNode = m["kind"] {
            switch kindNode.scalar {
            case "template"?: isTemplate = true
            case "supplementary"?: isTemplate = false
            default: nodes.fail(kindNode, "'kind' is template or supplementary")
            }
        }
        let title = nodes.string(m["title"], "'title'", in: root) ?? name
        let subtitle = nodes.string(m["subtitle"], "'subtitle'", in: root, required: false)
        let widths = nodes.list(m["columns"], "'columns' (column widths)").compactMap { nodes.number($0, "a column width") }
        var blocks: [BlockSpec] = []
        for item in nodes.list(m["blocks"], "'blocks'") {
            guard case .mapping(let pairs) = item.content, pairs.count == 1, let kind = pairs[0].key.scalar else {
                nodes.fail(item, "a block is a mapping with one key, 'fields' or 'table'"); continue
            }
            switch kind {
            case "fields": if let b = fieldsBlock(pairs[0].value) { blocks.append(.fields(b)) }
            case "table": if let b = tableBlock(pairs[0].value) { blocks.append(.table(b)) }
            default: nodes.fail(pairs[0].key, "unknown block kind '\(kind)'; blocks are 'fields' or 'table'")
            }
        }
        for (id, node) in formulaUses where ids[id] == nil {
            var message = "no row or total on this sheet has the id '\(id)'"
            if let near = Suggest.closest(to: id, among: Array(ids.keys)) { message += "; did you mean '\(near)'?" }
            nodes.fail(node, message)
        }
        return SheetSpec(name: name, fileStem: stem, isTemplate: isTemplate, title: title, subtitle: subtitle,
                         widths: widths, blocks: blocks, source: nodes.file)
    }

    private mutating func blockName(_ node: YAMLNode?, in parent: YAMLNode) -> String {
        let name = nodes.string(node, "'name' (the block's defined name)", in: parent) ?? "_"
        if let node, !TemplateSpecLoader.isValidName(name) {
            nodes.fail(node, "'\(name)' is not a valid defined name: start with a letter, then letters, digits or _, and not like a cell (AB12)")
        }
        return name
    }

    private mutating func declare(_ id: String?, _ node: YAMLNode) {
        guard let id else { return }
        if ids[id] != nil { nodes.fail(node, "the id '\(id)' is used twice on this sheet") }
        ids[id] = node
    }

    private mutating func fieldsBlock(_ node: YAMLNode) -> FieldsBlock? {
        let m = nodes.mapping(node, allowed: ["name", "heading", "note", "rows", "label_columns"], what: "a fields block")
        let name = blockName(m["name"], in: node)
        var rows: [FieldRow] = []
        for item in nodes.list(m["rows"], "'rows'") {
            let r = nodes.mapping(item, allowed: ["id", "label", "bind", "sum", "minus", "span", "height", "format"], what: "a field row")
            let label = nodes.string(r["label"], "'label'", in: item) ?? ""
            let id = nodes.string(r["id"], "'id'", in: item, required: false)
            declare(id, item)
            var bind: PlanPath?
            if let b = r["bind"], let spelling = nodes.string(b, "'bind'", in: item) {
                bind = rootPath(spelling, at: b)
                if let t = bind?.type, !t.fitsOneCell { nodes.fail(b, "'\(spelling)' is \(t.phrase); a field row holds one value (bind a table to a list of mappings)") }
            }
            var formula: Formula?
            if let s = r["sum"] {
                let operands = nodes.strings(s, "'sum'")
                operands.forEach { formulaUses.append(($0, s)) }
                formula = .sum(operands)
            }
            if let s = r["minus"] {
                let operands = nodes.strings(s, "'minus'")
                operands.forEach { formulaUses.append(($0, s)) }
                if operands.count == 2 { formula = .minus(operands[0], operands[1]) } else { nodes.fail(s, "'minus' takes two ids: [a, b] is a - b") }
            }
            if formula != nil, let b = bind, !b.type.isNumeric { nodes.fail(item, "a calculated row binds a number or amount of money, not \(b.type.phrase)") }
            if r["bind"] == nil && formula == nil { nodes.fail(item, "a field row needs 'bind' (a plan field) or a calculation ('sum' or 'minus')") }
            rows.append(FieldRow(id: id, label: label, bind: bind, formula: formula, span: nodes.bool(r["span"], "'span'"),
                                 height: nodes.number(r["height"], "'height'"), format: numberFormat(r["format"], in: item)))
        }
        return FieldsBlock(name: name, heading: nodes.string(m["heading"], "'heading'", in: node, required: false),
                           note: nodes.string(m["note"], "'note'", in: node, required: false), rows: rows,
                           labelColumns: nodes.number(m["label_columns"], "'label_columns'").map { max(1, Int($0)) })
    }

    private mutating func rootPath(_ spelling: String, at node: YAMLNode) -> PlanPath? {
        switch PlanPath.resolve(spelling, in: PlanSchema.plan) {
        case .success(let r): return PlanPath(segments: r.segments, type: r.type)
        case .failure(let e): nodes.fail(node, "'\(spelling)' is not a plan field: \(e.message)"); return nil
        }
    }

    private mutating func tableBlock(_ node: YAMLNode) -> TableBlock? {
        let m = nodes.mapping(node, allowed: ["name", "heading", "note", "list", "rows", "rest", "blank", "blank_keys", "columns", "net", "total"],
                              what: "a table block")
        let name = blockName(m["name"], in: node)
        guard let listNode = m["list"], let listSpelling = nodes.string(listNode, "'list'", in: node),
              let list = rootPath(listSpelling, at: listNode) else {
            if m["list"] == nil { nodes.fail(node, "a table needs 'list': the plan list its rows hold") }
            return nil
        }
        guard case .list(.record(let element), let idKey) = list.type else {
            nodes.fail(listNode, "'\(listSpelling)' is \(list.type.phrase), not a list of mappings"); return nil
        }
        var reader = ColumnReader(element: element)
        var columns: [ColumnSpec] = []
        var catalogueRows: CatalogueRows?
        if let r = m["rows"] { catalogueRows = self.catalogueRows(r, keyed: idKey, at: listNode) }
        for item in nodes.list(m["columns"], "'columns'") {
            if let c = column(item, reader: &reader, catalogueRows: catalogueRows) { columns.append(c) }
        }
        let headers = columns.map { ($0.group ?? "") + "\u{1}" + $0.header.lowercased() }
        if Set(headers).count != headers.count { nodes.fail(node, "two columns of this table have the same heading") }
        if let idKey, !columns.contains(where: { $0.content.elementField?.spelling == idKey }) {
            nodes.fail(node, "no column binds '\(idKey)', the id of \(listSpelling)'s entries")
        }
        var net: NetSpec?
        if let n = m["net"] { net = netSpec(n, element: element, child: reader.child) }
        var total: TotalSpec?
        if let t = m["total"] { total = totalSpec(t, columns: columns) }
        let blankKeys = nodes.strings(m["blank_keys"], "'blank_keys'")
        if !blankKeys.isEmpty, idKey == nil { nodes.fail(m["blank_keys"]!, "'blank_keys' needs a list whose entries have ids") }
        return TableBlock(name: name, heading: nodes.string(m["heading"], "'heading'", in: node, required: false),
                          note: nodes.string(m["note"], "'note'", in: node, required: false),
                          list: list, element: element, keyField: idKey, catalogueRows: catalogueRows,
                          rest: nodes.bool(m["rest"], "'rest'"), blank: Int(nodes.number(m["blank"], "'blank'") ?? 0),
                          blankKeys: blankKeys, columns: columns, child: reader.child, net: net, total: total)
    }

    private mutating func catalogueRows(_ node: YAMLNode, keyed idKey: String?, at listNode: YAMLNode) -> CatalogueRows? {
        let m = nodes.mapping(node, allowed: ["catalogue", "where", "key"], what: "'rows'")
        guard let table = nodes.string(m["catalogue"], "'catalogue' (a catalogue table)", in: node) else { return nil }
        if idKey == nil { nodes.fail(listNode, "catalogue rows need a list whose entries have ids") }
        var filter: [(String, String)] = []
        if let w = m["where"], case .mapping(let pairs) = w.content {
            for (k, v) in pairs { if let k = k.scalar, let v = v.scalar { filter.append((k, v)) } else { nodes.fail(k, "'where' maps field names to values") } }
        }
        let keyField = nodes.string(m["key"], "'key'", in: node, required: false) ?? "id"
        if let catalogue {
            guard case .record(let r, _) = catalogue.value, let index = r.schema.index(of: table) else {
                nodes.fail(m["catalogue"]!, "the catalogue has no table '\(table)'"); return nil
            }
            if case .list(.record(let entry), _) = r.schema.fields[index].type {
                for name in filter.map(\.0) + [keyField] where entry.index(of: name) == nil {
                    nodes.fail(node, "the catalogue table '\(table)' has no field '\(name)'")
                }
            }
        }
        return CatalogueRows(table: table, filter: filter, keyField: keyField)
    }

    private mutating func column(_ node: YAMLNode, reader: inout ColumnReader, catalogueRows: CatalogueRows?) -> ColumnSpec? {
        let m = nodes.mapping(node, allowed: ["header", "group", "bind", "catalogue", "lookup", "format"], what: "a column")
        let format = numberFormat(m["format"], in: node)
        let header = nodes.string(m["header"], "'header'", in: node) ?? ""
        let group = nodes.string(m["group"], "'group'", in: node, required: false)
        if let b = m["bind"], let spelling = nodes.string(b, "'bind'", in: node) {
            switch reader.field(spelling) {
            case .success(let f):
                if format != nil && !f.type.isNumeric { nodes.fail(m["format"]!, "'format' is for columns of numbers or money; '\(spelling)' is \(f.type.phrase)") }
                return ColumnSpec(header: header, group: group, content: .field(f), format: format)
            case .failure(let e): nodes.fail(b, e.message); return nil
            }
        }
        if let c = m["catalogue"], let field = nodes.string(c, "'catalogue'", in: node) {
            if catalogueRows == nil { nodes.fail(c, "a catalogue column needs the table's 'rows' to come from a catalogue") }
            return ColumnSpec(header: header, group: group, content: .catalogue(field), format: nil)
        }
        if let l = m["lookup"] {
            let lm = nodes.mapping(l, allowed: ["list", "field"], what: "'lookup'")
            guard let listSpelling = nodes.string(lm["list"], "'list'", in: l), let list = rootPath(listSpelling, at: lm["list"] ?? l),
                  let field = nodes.string(lm["field"], "'field'", in: l) else { return nil }
            guard case .list(.record(let e), let idKey) = list.type, idKey != nil else {
                nodes.fail(l, "'\(listSpelling)' is not a list of entries with ids"); return nil
            }
            if e.index(of: field) == nil { nodes.fail(lm["field"]!, "\(listSpelling) entries have no field '\(field)'") }
            return ColumnSpec(header: header, group: group, content: .lookup(list: list, field: field), format: nil)
        }
        nodes.fail(node, "a column needs 'bind', 'catalogue' or 'lookup'")
        return nil
    }

    /// A number format: Excel's codes, at most 127 bytes (libxlsxwriter's limit).
    private mutating func numberFormat(_ node: YAMLNode?, in parent: YAMLNode) -> String? {
        guard let node, let f = nodes.string(node, "'format'", in: parent, required: false) else { return nil }
        if f.utf8.count > 127 { nodes.fail(node, "'format' is at most 127 bytes") }
        return f
    }

    private mutating func netSpec(_ node: YAMLNode, element: RecordSchema, child: ChildList?) -> NetSpec? {
        let m = nodes.mapping(node, allowed: ["label", "bind"], what: "'net'")
        guard let label = nodes.string(m["label"], "'label'", in: node), let field = nodes.string(m["bind"], "'bind'", in: node) else { return nil }
        guard let i = element.index(of: field), case .money = element.fields[i].type else {
            nodes.fail(m["bind"]!, "'\(field)' is not an amount of money in \(element.name)"); return nil
        }
        guard let child, child.element.fields.contains(where: { if case .money = $0.type { return true } else { return false } }) else {
            nodes.fail(node, "a net row needs a child list column holding amounts of money"); return nil
        }
        return NetSpec(label: label, field: field)
    }

    private mutating func totalSpec(_ node: YAMLNode, columns: [ColumnSpec]) -> TotalSpec? {
        let m = nodes.mapping(node, allowed: ["id", "label", "sum", "bind"], what: "'total'")
        let id = nodes.string(m["id"], "'id'", in: node, required: false)
        declare(id, node)
        let label = nodes.string(m["label"], "'label'", in: node) ?? ""
        let sums = nodes.strings(m["sum"], "'sum'")
        for s in sums {
            guard let c = columns.first(where: { $0.content.elementField?.spelling == s }) else {
                nodes.fail(m["sum"]!, "no column of this table binds '\(s)'"); continue
            }
            if let f = c.content.elementField, !f.type.isNumeric { nodes.fail(m["sum"]!, "'\(s)' is \(f.type.phrase); only numbers add up") }
        }
        var binds: [String: PlanPath] = [:]
        if let b = m["bind"], case .mapping(let pairs) = b.content {
            for (k, v) in pairs {
                guard let column = k.scalar, let spelling = v.scalar else { continue }
                if !sums.contains(column) { nodes.fail(k, "'\(column)' is not one of the summed columns") }
                if let p = rootPath(spelling, at: v) {
                    if case .money = p.type { binds[column] = p } else { nodes.fail(v, "'\(spelling)' is \(p.type.phrase), not an amount of money") }
                }
            }
        }
        return TotalSpec(id: id, label: label, sums: sums, binds: binds)
    }
}

/// Resolves column bindings inside a table's element, allowing one child list (`items[].amount`).
struct ColumnReader {
    let element: RecordSchema
    var child: ChildList?

    mutating func field(_ spelling: String) -> Result<ElementField, PlanPath.PathError> {
        if let bracket = spelling.range(of: "[].") {
            let listName = String(spelling[..<bracket.lowerBound])
            let rest = String(spelling[bracket.upperBound...])
            guard let i = element.index(of: listName), case .list(.record(let childSchema), _) = element.fields[i].type else {
                return .failure(.init(message: "'\(listName)' is not a list of mappings in \(element.name)"))
            }
            if let child, child.field != listName {
                return .failure(.init(message: "a table spreads one child list over rows; it already has '\(child.field)'"))
            }
            child = ChildList(field: listName, element: childSchema)
            return Self.resolve(rest, in: childSchema, spelling: spelling, inChild: true)
        }
        return Self.resolve(spelling, in: element, spelling: spelling, inChild: false)
    }

    private static func resolve(_ path: String, in schema: RecordSchema, spelling: String, inChild: Bool) -> Result<ElementField, PlanPath.PathError> {
        switch PlanPath.resolve(path, in: schema) {
        case .failure(let e): return .failure(e)
        case .success(let r):
            guard r.type.fitsOneCell else {
                return .failure(.init(message: "'\(spelling)' is \(r.type.phrase); a column holds one value per row"))
            }
            return .success(ElementField(path: r.segments, inChild: inChild, type: r.type, spelling: spelling))
        }
    }
}

extension FieldType {
    var isNumeric: Bool {
        switch self {
        case .money, .count, .number: return true
        default: return false
        }
    }
}
