import PlanModel
import XLSXReader

/// Finding things on one sheet of a workbook: section anchors, labelled rows, header rows.
struct SheetReader {
    let sheet: XLSXSheet
    let workbook: XLSXDocument
    /// Every text cell's normalised text, made once: labels are looked up, never rescanned.
    private let normalText: [Int: String]
    /// The rows each normalised text appears on in the label columns, in row order.
    private let labelRows: [String: [(row: Int, col: Int)]]

    init(sheet: XLSXSheet, workbook: XLSXDocument) {
        self.sheet = sheet; self.workbook = workbook
        var normal: [Int: String] = [:]
        var labels: [String: [(row: Int, col: Int)]] = [:]
        sheet.forEachCell { c in
            guard let t = c.text, t.utf8.count <= Label.maxLength, !t.isBlank else { return }
            let n = Label.normal(t)
            normal[Self.key(c.row, c.col)] = n
            if Self.labelColumns.contains(c.col) { labels[n, default: []].append((c.row, c.col)) }
        }
        for (k, v) in labels { labels[k] = v.sorted { ($0.row, $0.col) < ($1.row, $1.col) } }
        normalText = normal; labelRows = labels
    }

    private static func key(_ row: Int, _ col: Int) -> Int { row << 16 | col }

    /// The normalised text of a cell, or nil when it holds no text.
    func normal(_ row: Int, _ col: Int) -> String? { normalText[Self.key(row, col)] }
    /// How many columns from the left a label or heading may have moved to.
    static let labelColumns = 0...3

    /// The row each block starts on, or nil when it cannot be found: first the defined name fill
    /// wrote (if its first rows still show the block's heading or first label), else a search for
    /// the heading or label below the previous block, else anywhere on the sheet.
    func anchors(for blocks: [BlockSpec]) -> [Int?] {
        var cursor = 0
        var out: [Int?] = []
        for block in blocks {
            let expected = Label.normal(Self.anchorText(block))
            var found: Int?
            if let name = workbook.definedName(block.name), let area = name.area,
               area.sheet.lowercased() == sheet.name.lowercased(),
               let r = (area.firstRow..<(area.firstRow + 3)).first(where: { rowHasLabel($0, expected) }) {
                found = r
            }
            let candidates = labelRows[expected] ?? []
            if found == nil { found = candidates.first { $0.row >= cursor }?.row }
            if found == nil { found = candidates.first?.row }
            out.append(found)
            if let f = found { cursor = f + 1 }
        }
        return out
    }

    /// The text a block is found by: its heading, else its first label or column heading.
    static func anchorText(_ block: BlockSpec) -> String {
        switch block {
        case .fields(let f): return f.heading ?? f.rows.first?.label ?? f.name
        case .table(let t): return t.heading ?? t.columns.first?.header ?? t.name
        }
    }

    func rowHasLabel(_ row: Int, _ normal: String) -> Bool {
        Self.labelColumns.contains { c in normalText[Self.key(row, c)] == normal }
    }

    /// The row in `rows` labelled `label`, and the label's cell.
    func labelledRow(_ label: String, in rows: Range<Int>) -> (row: Int, col: Int)? {
        labelRows[Label.normal(label)]?.first { rows.contains($0.row) }
    }

    /// The last column a cell's merged range covers (the cell's own column when it is not merged).
    func mergeEnd(_ row: Int, _ col: Int) -> Int {
        sheet.mergedRange(containing: row, col)?.lastCol ?? col
    }

    /// The header row of a table in `rows` and each column's position in it (nil: not found).
    func headerRow(for columns: [ColumnSpec], in rows: Range<Int>) -> (row: Int, positions: [Int?])? {
        var best: (row: Int, positions: [Int?], score: Int)?
        let headers = columns.map { Label.normal($0.header) }
        for r in sheet.rows where rows.contains(r) {
            let cells = sheet.cells(inRow: r).compactMap { c in normal(c.row, c.col).map { (col: c.col, text: $0) } }
            if !cells.contains(where: { headers.contains($0.text) }) { continue }
            var used = Set<Int>()
            var positions: [Int?] = []
            for normal in headers {
                let hit = cells.first { !used.contains($0.col) && $0.text == normal }
                if let hit { used.insert(hit.col) }
                positions.append(hit?.col)
            }
            let score = positions.compactMap { $0 }.count
            if score > (best?.score ?? 0) { best = (r, positions, score) }
            if score == columns.count { break }
        }
        guard let best, best.score * 2 >= columns.count else { return nil }
        return (best.row, best.positions)
    }

    /// True when the cell holds anything: a value, or a formula.
    static func isFilled(_ cell: Cell?) -> Bool {
        guard let cell else { return false }
        if cell.formula != nil { return true }
        switch cell.value {
        case .text(let s)?: return !s.isBlank
        case nil: return false
        default: return true
        }
    }
}
