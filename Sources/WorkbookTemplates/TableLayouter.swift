import PlanModel

/// Lays out a table block: heading, column headings, one row (or block of rows) per element,
/// rows left blank for additions, and the total row.
struct TableLayouter {
    let table: TableBlock
    var sheet: SheetLayouter
    /// The numbers written in each column's data rows, for cached totals.
    private var columnSums: [Int: Double] = [:]
    /// The net cells of each element (address, value), for totals of the child money column.
    private var netCells: [(address: String, value: Double)] = []
    private var firstDataRow = 0

    init(table: TableBlock, sheet: SheetLayouter) { self.table = table; self.sheet = sheet }

    private var context: LayoutContext { sheet.context }
    private var listKey: String { table.list.description }

    /// The column holding the child list's labels and the one holding its amounts.
    private var childLabelColumn: Int? {
        table.columns.firstIndex { c in c.content.elementField.map { $0.inChild && !$0.type.isNumeric } ?? false }
    }
    private var childMoneyColumn: Int? {
        table.columns.firstIndex { c in
            guard let f = c.content.elementField, f.inChild, case .money = f.type else { return false }
            return true
        }
    }

    mutating func run() {
        let first = sheet.headingRows(heading: table.heading, note: table.note)
        headerRows()
        firstDataRow = sheet.row
        var placedAny = false
        let elements = context.value(table.list)?.elements ?? []
        var placed = context.placed[listKey] ?? []
        if let rows = table.catalogueRows {
            let leftOverGoesHere = !context.restTables.contains(listKey)
            for entry in context.catalogueEntries(rows) {
                guard case .text(let key, _)? = entry.at([rows.keyField]) else { continue }
                if let i = elements.indices.first(where: { !placed.contains($0) && elements[$0].key(table.keyField) == key }) {
                    placed.insert(i)
                    element(elements[i], index: i, fixedKey: key, entry: entry)
                    placedAny = true
                } else {
                    element(nil, index: nil, fixedKey: key, entry: entry)
                }
            }
            if leftOverGoesHere {
                for i in elements.indices where !placed.contains(i) { placed.insert(i); element(elements[i], index: i); placedAny = true }
            }
        } else {
            for i in elements.indices where !placed.contains(i) { placed.insert(i); element(elements[i], index: i); placedAny = true }
        }
        context.placed[listKey] = placed
        if !placedAny && table.catalogueRows == nil {
            for key in table.blankKeys { element(nil, index: nil, fixedKey: key, entry: nil, keyIsInput: true) }
        }
        for _ in 0..<table.blank { element(nil, index: nil) }
        let lastDataRow = sheet.row - 1
        validations(lastDataRow: lastDataRow)
        if let total = table.total { totalRow(total, lastDataRow: lastDataRow) }
        sheet.layout.names.append((table.name, first, 0, sheet.row - 1, table.columns.count - 1))
        let key = listKey, anchor = A1Address.of(row: first, col: 0)
        sheet.record(key, anchor)
    }

    private mutating func headerRows() {
        if table.columns.contains(where: { $0.group != nil }) {
            var c = 0
            while c < table.columns.count {
                let group = table.columns[c].group
                var end = c
                while end + 1 < table.columns.count, table.columns[end + 1].group == group, group != nil { end += 1 }
                if let group, end > c {
                    sheet.layout.merges.append(MergeOp(firstRow: sheet.row, firstCol: c, lastRow: sheet.row, lastCol: end, text: group, style: .groupHeader))
                } else {
                    sheet.layout.cells.append(CellOp(row: sheet.row, col: c, content: group.map { .text($0) } ?? .blank, style: .groupHeader))
                }
                c = end + 1
            }
            sheet.row += 1
        }
        var tallest = 15.0
        for (c, column) in table.columns.enumerated() {
            sheet.layout.cells.append(CellOp(row: sheet.row, col: c, content: .text(column.header), style: .header))
            let width = c < sheet.layout.spec.widths.count ? sheet.layout.spec.widths[c] : 10
            tallest = max(tallest, SheetLayouter.height(forText: column.header, width: width * 0.85, minimum: 15))
        }
        sheet.layout.heights[sheet.row] = tallest
        if case .table(let first)? = sheet.layout.spec.blocks.first, first.name == table.name { sheet.layout.firstTableHeader = sheet.row }
        sheet.row += 1
    }

    /// Writes one element's rows; nil element: an empty row (its key prefilled when `fixedKey` is given).
    private mutating func element(_ value: Value?, index: Int?, fixedKey: String? = nil, entry: Value? = nil, keyIsInput: Bool = false) {
        let startRow = sheet.row
        let key = value?.key(table.keyField) ?? fixedKey
        let path = index.map { listKey + "[" + (value?.key(table.keyField) ?? String($0)) + "]" }
        let items = table.child.flatMap { value?.at([$0.field])?.elements } ?? []
        let itemRows = max(1, items.count)
        var tallest = 15.0
        for (c, column) in table.columns.enumerated() {
            let width = c < sheet.layout.spec.widths.count ? sheet.layout.spec.widths[c] : 10
            switch column.content {
            case .catalogue(let field):
                var text = ""
                if case .text(let s, _)? = entry?.at([field]) { text = s }
                sheet.layout.cells.append(CellOp(row: startRow, col: c, content: text.isEmpty ? .blank : .text(text), style: .catalogueText))
                tallest = max(tallest, SheetLayouter.height(forText: text, width: width, minimum: 15))
                fillBelow(c, from: startRow + 1, rows: itemRows - 1)
            case .lookup(let list, let field):
                var text = ""
                if let key, let other = context.value(list)?.elements.first(where: { $0.key(nil) == key || $0.key("id") == key }),
                   case .text(let s, _)? = other.at([field]) { text = s }
                sheet.layout.cells.append(CellOp(row: startRow, col: c, content: text.isEmpty ? .blank : .text(text), style: .catalogueText))
                tallest = max(tallest, SheetLayouter.height(forText: text, width: width, minimum: 15))
                fillBelow(c, from: startRow + 1, rows: itemRows - 1)
            case .field(let f) where f.inChild:
                for r in 0..<itemRows {
                    let item: Value? = r < items.count ? items[r] : nil
                    let v = item?.at(f.path)
                    var (content, style) = CellCodec.content(v, type: f.type, raw: context.raw)
                    if let format = column.format, style == .inputNumber { style = .inputFormatted(format) }
                    sheet.layout.cells.append(CellOp(row: startRow + r, col: c, content: content, style: style))
                    if let path, r < items.count { sheet.record(path + "." + (table.child?.field ?? "") + "[\(r)]." + f.path.joined(separator: "."), A1Address.of(row: startRow + r, col: c)) }
                    if case .text(let s) = content { tallest = max(tallest, SheetLayouter.height(forText: s, width: width, minimum: 15)) }
                    if !(table.net != nil && f.type.isMoney), let n = CellCodec.numeric(v) { columnSums[c, default: 0] += n }
                }
            case .field(let f):
                let isKey = f.spelling == table.keyField
                let v = value?.at(f.path)
                var (content, style) = CellCodec.content(v, type: f.type, raw: context.raw)
                if isKey, value == nil, let fixedKey { content = .text(fixedKey) }
                if isKey && table.catalogueRows != nil && !keyIsInput { style = .keyInput }
                if let format = column.format, style == .inputNumber { style = .inputFormatted(format) }
                sheet.layout.cells.append(CellOp(row: startRow, col: c, content: content, style: style))
                if let path { sheet.record(path + "." + f.path.joined(separator: "."), A1Address.of(row: startRow, col: c)) }
                if case .text(let s) = content { tallest = max(tallest, SheetLayouter.height(forText: s, width: width, minimum: 15)) }
                if let n = CellCodec.numeric(v) { columnSums[c, default: 0] += n }
                fillBelow(c, from: startRow + 1, rows: itemRows - 1)
            }
        }
        // Rows left empty for additions are tall enough to type into.
        sheet.layout.heights[startRow] = value == nil && entry == nil ? max(tallest, 30) : tallest
        if let path { sheet.record(path, A1Address.of(row: startRow, col: 0)) }
        sheet.row += itemRows
        if let net = table.net { netRow(net, value: value, items: items, path: path, firstItemRow: startRow, itemRows: itemRows, empty: value == nil) }
        if entry != nil, let key {
            sheet.layout.names.append((table.name + "_" + Self.nameSafe(key), startRow, 0, sheet.row - 1, table.columns.count - 1))
        }
    }

    /// Cells of element columns on an element's extra child rows: part of the element, not inputs.
    private mutating func fillBelow(_ col: Int, from row: Int, rows: Int) {
        guard rows > 0 else { return }
        for r in row..<(row + rows) { sheet.layout.cells.append(CellOp(row: r, col: col, content: .blank, style: .blankLocked)) }
    }

    private mutating func netRow(_ net: NetSpec, value: Value?, items: [Value], path: String?, firstItemRow: Int, itemRows: Int, empty: Bool) {
        let r = sheet.row
        guard let moneyCol = childMoneyColumn else { return }
        let labelCol = childLabelColumn ?? max(moneyCol - 1, 0)
        for c in table.columns.indices where c != labelCol && c != moneyCol {
            sheet.layout.cells.append(CellOp(row: r, col: c, content: .blank, style: .blankLocked))
        }
        sheet.layout.cells.append(CellOp(row: r, col: labelCol, content: .text(net.label), style: .labelTotal))
        guard let f = table.columns[moneyCol].content.elementField else { return }
        let sum = items.compactMap { CellCodec.numeric($0.at(f.path)) }.reduce(0, +)
        let stated = value?.at([net.field])
        let column = A1Address.column(moneyCol)
        let formula = "SUM(\(column)\(firstItemRow + 1):\(column)\(firstItemRow + itemRows))"
        // A net stated with nothing itemised is a typed figure, not the sum of no items.
        let shown = sheet.total(r, moneyCol, formula: formula, computed: sum, stated: stated,
                                style: empty ? .totalMoneyQuiet : .totalMoney, typed: items.isEmpty)
        if let path { sheet.record(path + "." + net.field, A1Address.of(row: r, col: moneyCol)) }
        netCells.append((A1Address.of(row: r, col: moneyCol), shown))
        sheet.row += 1
    }

    private mutating func validations(lastDataRow: Int) {
        guard lastDataRow >= firstDataRow else { return }
        for (c, column) in table.columns.enumerated() {
            if let f = column.content.elementField, case .choice(let words) = f.type {
                sheet.layout.validations.append(ListValidationOp(firstRow: firstDataRow, col: c, lastRow: lastDataRow, words: words, prompt: column.header))
            }
        }
    }

    private mutating func totalRow(_ total: TotalSpec, lastDataRow: Int) {
        let r = sheet.row
        let columns = total.sums.compactMap { s in table.columns.firstIndex { $0.content.elementField?.spelling == s } }
        guard let firstSum = columns.min() else { return }
        if firstSum > 0 {
            sheet.layout.merges.append(MergeOp(firstRow: r, firstCol: 0, lastRow: r, lastCol: firstSum - 1, text: total.label, style: .labelTotal))
        }
        for c in firstSum..<table.columns.count where !columns.contains(c) {
            sheet.layout.cells.append(CellOp(row: r, col: c, content: .blank, style: .labelTotal))
        }
        for (spelling, c) in zip(total.sums, columns) {
            let f = table.columns[c].content.elementField!
            let letter = A1Address.column(c)
            let formula: String
            let sum: Double
            if f.inChild, table.net != nil, f.type.isMoney {
                formula = netCells.isEmpty ? "0" : Self.sumFormula(netCells.map(\.address))
                sum = netCells.reduce(0) { $0 + $1.value }
            } else {
                formula = lastDataRow >= firstDataRow ? "SUM(\(letter)\(firstDataRow + 1):\(letter)\(lastDataRow + 1))" : "0"
                sum = columnSums[c] ?? 0
            }
            let stated = total.binds[spelling].flatMap { context.value($0) }
            let shown = sheet.total(r, c, formula: formula, computed: sum, stated: stated,
                                    style: f.type.isMoney ? .totalMoney : .totalNumber)
            if let bind = total.binds[spelling] { sheet.record(bind.description, A1Address.of(row: r, col: c)) }
            if c == columns.first, let id = total.id { sheet.idCells[id] = (A1Address.of(row: r, col: c), shown) }
        }
        if let id = total.id { sheet.layout.names.append((table.name + "_" + id, r, firstSum, r, firstSum)) }
        sheet.row += 1
    }

    /// SUM over many cells, nested so no call has more than 255 arguments.
    static func sumFormula(_ addresses: [String]) -> String {
        if addresses.count <= 255 { return "SUM(" + addresses.joined(separator: ",") + ")" }
        var parts: [String] = []
        var i = 0
        while i < addresses.count {
            parts.append(sumFormula(Array(addresses[i..<min(i + 255, addresses.count)])))
            i += 255
        }
        return sumFormula(parts)
    }

    /// A catalogue key usable inside a defined name (`NE05`; other characters become `_`).
    static func nameSafe(_ key: String) -> String {
        String(key.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}

extension FieldType {
    var isMoney: Bool { if case .money = self { return true } else { return false } }
}
