import PlanModel
import RulesDSL

/// What the layout of every sheet shares: the plan (nil for a blank template), the catalogue,
/// and which list elements earlier tables have placed.
final class LayoutContext {
    let plan: Value?
    let catalogue: Catalogue?
    let raw: RawText
    /// Element indexes already placed, by list path.
    var placed: [String: Set<Int>] = [:]
    /// Lists that a `rest` table collects the leftovers of.
    var restTables: Set<String> = []
    /// Whether to note where each subject path is written (for findings links and `places`).
    var recordPlaces = true

    init(plan: Value?, catalogue: Catalogue?, raw: RawText) { self.plan = plan; self.catalogue = catalogue; self.raw = raw }

    func value(_ path: PlanPath) -> Value? { plan?.at(path.segments) }

    /// The entries of catalogue table `rows.table` that pass its filter.
    func catalogueEntries(_ rows: CatalogueRows) -> [Value] {
        guard case .record(let r, let o)? = catalogue?.value, let table = r.field(rows.table, origin: o) else { return [] }
        return table.elements.filter { entry in
            rows.filter.allSatisfy { f in
                if case .text(let s, _)? = entry.at([f.field]) { return s == f.value }
                return false
            }
        }
    }
}

/// Lays out one sheet from its spec: rows top to bottom, every cell's content and style.
struct SheetLayouter {
    let context: LayoutContext
    var layout: SheetLayout
    var row = 0
    /// Cells formulas refer to by id: the address and the value the cell shows.
    var idCells: [String: (address: String, value: Double)] = [:]
    /// Formula cells waiting for ids defined further down the sheet.
    var pending: [(row: Int, col: Int, formula: Formula, bindValue: Value?, style: StyleKey, id: String?)] = []

    init(spec: SheetSpec, context: LayoutContext) {
        self.context = context
        self.layout = SheetLayout(spec: spec)
    }

    static func layout(_ spec: SheetSpec, context: LayoutContext) -> SheetLayout {
        var l = SheetLayouter(spec: spec, context: context)
        l.run()
        return l.layout
    }

    mutating func run() {
        let last = layout.lastColumn
        layout.merges.append(MergeOp(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: last, text: layout.spec.title, style: .title))
        layout.heights[0] = 26
        if let subtitle = layout.spec.subtitle {
            layout.merges.append(MergeOp(firstRow: 1, firstCol: 0, lastRow: 1, lastCol: last, text: subtitle, style: .subtitle))
        }
        row = 3
        for block in layout.spec.blocks {
            switch block {
            case .fields(let f): fields(f)
            case .table(let t):
                var tl = TableLayouter(table: t, sheet: self)
                tl.run()
                self = tl.sheet
            }
            row += 1
        }
        resolvePending()
    }

    /// A block's heading and note rows; returns the first row of the block.
    mutating func headingRows(heading: String?, note: String?) -> Int {
        let first = row
        let last = layout.lastColumn
        if let heading {
            layout.merges.append(MergeOp(firstRow: row, firstCol: 0, lastRow: row, lastCol: last, text: heading, style: .heading))
            layout.heights[row] = 20
            row += 1
        }
        if let note {
            layout.merges.append(MergeOp(firstRow: row, firstCol: 0, lastRow: row, lastCol: last, text: note, style: .note))
            layout.heights[row] = Self.height(forText: note, width: layout.spec.widths.reduce(0, +), minimum: 15)
            row += 1
        }
        return first
    }

    /// The columns a field row's label takes: two on wide sheets, one on narrow ones.
    func labelColumns(_ block: FieldsBlock) -> Int { block.labelColumns ?? (layout.spec.widths.count > 4 ? 2 : 1) }

    mutating func fields(_ block: FieldsBlock) {
        let first = headingRows(heading: block.heading, note: block.note)
        let valueCol = labelColumns(block)
        for r in block.rows {
            if valueCol > 1 {
                layout.merges.append(MergeOp(firstRow: row, firstCol: 0, lastRow: row, lastCol: valueCol - 1, text: r.label, style: r.formula == nil ? .label : .labelTotal))
            } else {
                layout.cells.append(CellOp(row: row, col: 0, content: .text(r.label), style: r.formula == nil ? .label : .labelTotal))
            }
            let address = A1Address.of(row: row, col: valueCol)
            let value = r.bind.flatMap { context.value($0) }
            if let bind = r.bind { record(bind.description, address) }
            if let formula = r.formula {
                pending.append((row, valueCol, formula, value, .totalMoney, r.id))
            } else if let bind = r.bind {
                var (content, style) = CellCodec.content(value, type: bind.type, raw: context.raw)
                if let format = r.format, bind.type.isNumeric && !bind.type.isMoney { style = .inputFormatted(format) }
                put(row, valueCol, content, style, span: r.span)
                if case .choice(let words) = bind.type {
                    layout.validations.append(ListValidationOp(firstRow: row, col: valueCol, lastRow: row, words: words, prompt: r.label))
                }
                if let id = r.id { idCells[id] = (address, CellCodec.numeric(value) ?? 0) }
            }
            // Filled rows fit their text; empty ones keep the spec's height, room to type in.
            let labelWidth = layout.spec.widths.prefix(valueCol).reduce(0, +)
            var height = Self.height(forText: r.label, width: labelWidth * 0.9, minimum: 15)
            if let bind = r.bind, case .text(let s) = CellCodec.content(value, type: bind.type, raw: context.raw).0 {
                let width = r.span ? layout.spec.widths.dropFirst(valueCol).reduce(0, +)
                    : (valueCol < layout.spec.widths.count ? layout.spec.widths[valueCol] : 10)
                height = max(height, Self.height(forText: s, width: width, minimum: 15))
            } else if let h = r.height {
                height = max(height, h)
            }
            layout.heights[row] = height
            if let id = r.id { layout.names.append((block.name + "_" + id, row, valueCol, row, valueCol)) }
            row += 1
        }
        layout.names.append((block.name, first, 0, row - 1, layout.lastColumn))
    }

    /// Writes a value cell, merged to the sheet's last column when it spans.
    mutating func put(_ r: Int, _ c: Int, _ content: CellContent, _ style: StyleKey, span: Bool = false) {
        if span && c < layout.lastColumn, case .text(let text) = content {
            layout.merges.append(MergeOp(firstRow: r, firstCol: c, lastRow: r, lastCol: layout.lastColumn, text: text, style: style))
        } else if span && c < layout.lastColumn, content == .blank {
            layout.merges.append(MergeOp(firstRow: r, firstCol: c, lastRow: r, lastCol: layout.lastColumn, text: "", style: style))
        } else {
            layout.cells.append(CellOp(row: r, col: c, content: content, style: style))
        }
    }

    /// Notes where a subject path was written (the first place wins: later ones are copies).
    mutating func record(_ path: @autoclosure () -> String, _ address: @autoclosure () -> String) {
        guard context.recordPlaces else { return }
        let path = path()
        if layout.places[path] == nil { layout.places[path] = address() }
    }

    /// Writes calculated field rows once every id they use is known. A row that binds a plan field
    /// whose stated figure differs from the calculation shows the stated figure, as a person who
    /// typed over the formula would have left it; the rules report the difference.
    mutating func resolvePending() {
        var waiting = pending
        while !waiting.isEmpty {
            let before = waiting.count
            waiting = waiting.filter { !resolve($0) }
            if waiting.count == before { break }   // a cycle or an unknown id: the spec loader reports those
        }
    }

    /// Writes one calculated cell if every id it uses is known; false when it must wait.
    private mutating func resolve(_ p: (row: Int, col: Int, formula: Formula, bindValue: Value?, style: StyleKey, id: String?)) -> Bool {
        let refs = p.formula.operands.compactMap { idCells[$0] }
        guard refs.count == p.formula.operands.count else { return false }
        let result: Double
        let text: String
        switch p.formula {
        case .sum: result = refs.reduce(0) { $0 + $1.value }; text = "SUM(" + refs.map(\.address).joined(separator: ",") + ")"
        case .minus: result = refs[0].value - refs[1].value; text = refs[0].address + "-" + refs[1].address
        }
        let shown = total(p.row, p.col, formula: text, computed: result, stated: p.bindValue, style: p.style)
        if let id = p.id { idCells[id] = (A1Address.of(row: p.row, col: p.col), shown) }
        return true
    }

    /// Writes a total cell: the formula with its result cached, unless the plan states another
    /// figure (or one the loader could not read), which is written as the plan has it, as a person
    /// who typed over the formula would have left it; the rules report the difference.
    /// `typed`: the stated figure is written even when it equals the calculation. Returns the figure shown.
    mutating func total(_ row: Int, _ col: Int, formula: String, computed: Double, stated: Value?,
                        style: StyleKey, typed: Bool = false) -> Double {
        if let s = CellCodec.numeric(stated), abs(s - computed) > 0.004 || typed {
            let (content, st) = CellCodec.content(stated, type: .money, raw: context.raw)
            layout.cells.append(CellOp(row: row, col: col, content: content, style: st))
            return s
        }
        if case .invalid? = stated {
            let (content, st) = CellCodec.content(stated, type: .money, raw: context.raw)
            layout.cells.append(CellOp(row: row, col: col, content: content, style: st))
        } else {
            layout.cells.append(CellOp(row: row, col: col, content: .formula(formula, cached: computed), style: style))
        }
        return computed
    }

    /// A row height that shows `text` wrapped in a cell `width` characters wide.
    static func height(forText text: String, width: Double, minimum: Double) -> Double {
        // About 1.1 characters of body text fit per unit of column width (units are the width of "0"):
        // a little under what fits, since a row cut short hides text and one a line too tall does not.
        let perLine = max(width * 1.1, 10)
        var lines = 0.0, current = 0
        for u in text.unicodeScalars {
            if u == "\n" { lines += max(1, (Double(current) / perLine).rounded(.up)); current = 0 } else { current += 1 }
        }
        lines += max(1, (Double(current) / perLine).rounded(.up))
        return min(max(minimum, lines * 15 + 3), 400)
    }
}

/// A1-style addresses.
enum A1Address {
    static func column(_ col: Int) -> String {
        var n = col + 1
        var s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }
    static func of(row: Int, col: Int) -> String { column(col) + String(row + 1) }
    static func absolute(row: Int, col: Int) -> String { "$" + column(col) + "$" + String(row + 1) }
}
