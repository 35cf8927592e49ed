import PlanModel
import XLSXReader

/// Reading a table block: the header row by its headings, then one element per row (or block of
/// rows), however many rows were inserted or deleted, up to the total row or the next section.
extension ExtractionRun {
    /// One element being read: its rows' cells by spec column, and its child rows.
    private struct ElementRows {
        var firstRow: Int
        var main: [Int: Cell] = [:]
        var children: [(row: Int, cells: [Int: Cell])] = []
        var net: Cell?
        var netRow: Int?
    }

    mutating func readTable(_ table: TableBlock, reader: SheetReader, rows: Range<Int>) {
        let sheet = reader.sheet
        let subject = table.list.description
        guard let header = reader.headerRow(for: table.columns, in: rows) else {
            report(.workbookSection, subject, sheet.name, A1Address.of(row: rows.lowerBound, col: 0),
                   "The column headings of '\(table.heading ?? table.name)' on \(sheet.name) were not found, so \(PlainName.of(subject)) could not be read")
            return
        }
        for (i, column) in table.columns.enumerated() where header.positions[i] == nil && column.content.elementField != nil {
            report(.workbookColumn, subject, sheet.name, A1Address.of(row: header.row, col: 0),
                   "The column '\(column.header)' of '\(table.heading ?? table.name)' on \(sheet.name) was not found, so its values could not be read")
        }
        let positions = header.positions
        let known = Set(positions.compactMap { $0 })
        let labelCols = Set(SheetReader.labelColumns)
        let totalRow = table.total.flatMap { t in reader.labelledRow(t.label, in: (header.row + 1)..<rows.upperBound)?.row }
        let dataEnd = totalRow ?? rows.upperBound
        let keyIndex = table.columns.firstIndex { $0.content.elementField?.spelling == table.keyField }
        let childLabel = table.columns.firstIndex { c in c.content.elementField.map { $0.inChild && !$0.type.isNumeric } ?? false }
        let childMoney = table.columns.firstIndex { c in c.content.elementField.map { $0.inChild && $0.type.isMoney } ?? false }
        let netLabel = table.net.map { Label.normal($0.label) }

        var elements: [ElementRows] = []
        for r in sheet.rows where r > header.row && r < dataEnd {
            var cells: [Int: Cell] = [:]
            for (i, p) in positions.enumerated() { if let p, let c = sheet.cell(r, p) { cells[i] = c } }
            // Values outside the template's columns are reported, not silently dropped.
            for c in sheet.cells(inRow: r) where !known.contains(c.col) && SheetReader.isFilled(c) {
                if let m = sheet.mergedRange(containing: r, c.col), known.contains(m.firstCol) { continue }
                if labelCols.contains(c.col), reader.normal(r, c.col) == netLabel { continue }
                report(.workbookUnexpected, subject, sheet.name, c.address,
                       "\(sheet.name)!\(c.address) holds '\(c.displayText ?? "")' outside the columns of '\(table.heading ?? table.name)'; it is not read")
            }
            if let netLabel, let l = childLabel, let p = positions[l], reader.normal(r, p) == netLabel {
                // The first net row after an element's items closes it; the net rows of the
                // template's empty groups that follow belong to no element.
                if let last = elements.indices.last, elements[last].netRow == nil, let m = childMoney {
                    elements[last].net = cells[m]; elements[last].netRow = r
                }
                continue
            }
            func filled(_ pick: (ColumnSpec) -> Bool) -> Bool {
                table.columns.indices.contains { i in pick(table.columns[i]) && SheetReader.isFilled(cells[i]) }
            }
            let hasKey = keyIndex.map { SheetReader.isFilled(cells[$0]) } ?? false
            let hasMain = filled { c in c.content.elementField.map { !$0.inChild && $0.spelling != table.keyField } ?? false }
            let hasChild = filled { c in c.content.elementField?.inChild ?? false }
            if !hasKey && !hasMain && !hasChild { continue }
            var mainCells: [Int: Cell] = [:]
            var childCells: [Int: Cell] = [:]
            for (i, c) in cells {
                if table.columns[i].content.elementField?.inChild == true { childCells[i] = c } else { mainCells[i] = c }
            }
            if hasKey || hasMain || elements.isEmpty || table.child == nil || elements[elements.count - 1].netRow != nil {
                var e = ElementRows(firstRow: r, main: mainCells)
                if table.child != nil { e.children.append((r, childCells)) }
                elements.append(e)
            } else {
                elements[elements.count - 1].children.append((r, childCells))
            }
        }
        var columnTotals: [Int: Double] = [:]
        let list = DocumentBuilder.map(at: table.list.segments.dropLast()[...], in: builder.root,
                                       place: CellPlace(sheet: sheet.name, cell: A1Address.of(row: header.row, col: 0)))
        var entries: [DocumentBuilder.Entry] = []
        if case .list(let existing, _)? = list.values[table.list.segments.last!] { entries = existing }
        for e in elements {
            if let entry = element(e, table: table, positions: positions, sheet: sheet, columnTotals: &columnTotals) { entries.append(entry) }
        }
        let listPlace = CellPlace(sheet: sheet.name, cell: A1Address.of(row: header.row, col: 0))
        if !entries.isEmpty || list.values[table.list.segments.last!] == nil {
            list.set(table.list.segments.last!, .list(entries, listPlace))
        }
        if let total = table.total, let totalRow { readTotals(total, table: table, row: totalRow, positions: positions, sheet: sheet, computed: columnTotals) }
    }

    /// The document entry for one element, or nil when its rows hold nothing but the key.
    private mutating func element(_ e: ElementRows, table: TableBlock, positions: [Int?], sheet: XLSXSheet,
                                  columnTotals: inout [Int: Double]) -> DocumentBuilder.Entry? {
        let place = CellPlace(sheet: sheet.name, cell: A1Address.of(row: e.firstRow, col: positions.compactMap { $0 }.min() ?? 0))
        let map = DocumentBuilder.Map(place: place)
        var key: String?
        if let keyField = table.keyField, let i = table.columns.firstIndex(where: { $0.content.elementField?.spelling == keyField }),
           case .text(let s)? = e.main[i]?.value ?? e.main[i].flatMap({ c in c.value.map { _ in CellValue.text(c.displayText ?? "") } }) {
            key = s.trimmingWhitespace
        }
        let elementPath = table.list.description + "[" + (key ?? "?") + "]"
        var hasData = false
        for (i, column) in table.columns.enumerated() {
            guard let f = column.content.elementField, !f.inChild, let p = positions[i] else { continue }
            let cell = e.main[i]
            let cellPlace = CellPlace(sheet: sheet.name, cell: cell?.address ?? A1Address.of(row: e.firstRow, col: p))
            let entry = self.entry(cell, type: f.type, place: cellPlace, subject: elementPath + "." + f.spelling)
            if entry.hasContent && f.spelling != table.keyField { hasData = true }
            if f.type.isNumeric, let n = Self.numeric(cell) { columnTotals[i, default: 0] += n }
            set(f.path, in: map, entry: entry, place: cellPlace, subject: elementPath + "." + f.spelling, copies: false)
        }
        if let child = table.child {
            var items: [DocumentBuilder.Entry] = []
            var itemSum = 0.0
            for (row, cells) in e.children {
                let itemPlace = CellPlace(sheet: sheet.name, cell: A1Address.of(row: row, col: positions.compactMap { $0 }.min() ?? 0))
                let item = DocumentBuilder.Map(place: itemPlace)
                for (i, column) in table.columns.enumerated() {
                    guard let f = column.content.elementField, f.inChild, let p = positions[i] else { continue }
                    let cell = cells[i]
                    let cellPlace = CellPlace(sheet: sheet.name, cell: cell?.address ?? A1Address.of(row: row, col: p))
                    let entry = self.entry(cell, type: f.type, place: cellPlace, subject: elementPath + "." + child.field)
                    if f.type.isMoney, let n = Self.numeric(cell) { itemSum += n }
                    else if f.type.isNumeric, let n = Self.numeric(cell) { columnTotals[i, default: 0] += n }
                    set(f.path, in: item, entry: entry, place: cellPlace, subject: elementPath + "." + child.field + "." + f.spelling, copies: false)
                }
                if DocumentBuilder.Entry.map(item).hasContent { items.append(.map(item)) }
            }
            if !items.isEmpty {
                hasData = true
                map.set(child.field, .list(items, CellPlace(sheet: sheet.name, cell: items.first.map { DocumentBuilder.node($0).cell?.cell ?? place.cell } ?? place.cell)))
            }
            if let net = table.net, let netRow = e.netRow, let moneyIndex = table.columns.firstIndex(where: { c in c.content.elementField.map { $0.inChild && $0.type.isMoney } ?? false }),
               let p = positions[moneyIndex] {
                let cell = e.net
                let netPlace = CellPlace(sheet: sheet.name, cell: cell?.address ?? A1Address.of(row: netRow, col: p))
                var stated = cell?.formula == nil ? Self.numeric(cell) : nil
                if cell?.formula != nil {
                    // The template's own net total: the sum of the items read.
                    if !items.isEmpty { map.set(net.field, .scalar(YAMLNode(content: .scalar(CellCodec.number(itemSum), .plain), cell: netPlace))) }
                    stated = items.isEmpty ? nil : itemSum
                } else if SheetReader.isFilled(cell) {
                    hasData = true
                    map.set(net.field, entry(cell, type: .money, place: netPlace, subject: elementPath + "." + net.field))
                }
                columnTotals[moneyIndex, default: 0] += stated ?? 0
            }
        }
        return hasData ? .map(map) : nil
    }

    /// A total row's stated totals: a formula still in place is the template's calculation over
    /// the values read; a typed figure is what the plan states.
    private mutating func readTotals(_ total: TotalSpec, table: TableBlock, row: Int, positions: [Int?], sheet: XLSXSheet, computed: [Int: Double]) {
        for (spelling, path) in total.binds {
            guard let i = table.columns.firstIndex(where: { $0.content.elementField?.spelling == spelling }), let p = positions[i] else { continue }
            let cell = sheet.cell(row, p)
            let place = CellPlace(sheet: sheet.name, cell: A1Address.of(row: row, col: p))
            let entry: DocumentBuilder.Entry
            if cell?.formula != nil {
                entry = .scalar(YAMLNode(content: .scalar(CellCodec.number(computed[i] ?? 0), .plain), cell: place))
            } else {
                entry = self.entry(cell, type: path.type, place: place, subject: path.description)
            }
            set(path.segments, in: builder.root, entry: entry, place: place, subject: path.description)
        }
    }
}
