/// One sheet of a workbook, read in full and immutable (safe to share between threads).
public final class XLSXSheet: @unchecked Sendable {
    /// What kind of sheet the workbook lists.
    public enum Kind: String, Sendable {
        case worksheet, chartsheet, dialogsheet, macrosheet
    }

    /// The sheet's name, as on its tab.
    public let name: String
    /// Whether the tab is hidden (`hidden` or `veryHidden`).
    public let hidden: Bool
    /// Whether the tab is "very hidden" (only code can show it).
    public let veryHidden: Bool
    /// Worksheet, or a chart/dialog/macro sheet (which have no cells here).
    public let kind: Kind
    /// The part the sheet was read from, e.g. "xl/worksheets/sheet1.xml".
    public let part: String
    /// Merged ranges in file order; the value of each sits in its top-left cell.
    public let merged: [MergedRange]

    private let packed: [PackedCell]
    private let strings: [String]
    private let formulas: [String]
    private let sharedStrings: [String]
    /// Sorted rows that have cells, and where each starts in `packed`.
    private let rowNumbers: [Int]
    private let rowStarts: [Int]
    private let maxColumn: Int?

    init(name: String, state: String, kind: Kind, part: String, content: SheetContent, sharedStrings: [String]) {
        self.name = name
        self.hidden = state == "hidden" || state == "veryHidden"
        self.veryHidden = state == "veryHidden"
        self.kind = kind
        self.part = part
        self.merged = content.merged
        self.packed = content.cells
        self.strings = content.strings
        self.formulas = content.formulas
        self.sharedStrings = sharedStrings
        var rows: [Int] = []
        var starts: [Int] = []
        var maxCol: Int32 = -1
        content.cells.withUnsafeBufferPointer { cells in
            guard let p = cells.baseAddress else { return }
            var lastRow: Int32 = -1
            for i in 0 ..< cells.count {
                let row = p[i].row
                if row != lastRow {
                    rows.append(Int(row))
                    starts.append(i)
                    lastRow = row
                }
                if p[i].col > maxCol { maxCol = p[i].col }
            }
        }
        starts.append(content.cells.count)
        self.rowNumbers = rows
        self.rowStarts = starts
        self.maxColumn = maxCol >= 0 ? Int(maxCol) : nil
    }

    // MARK: - Cells

    /// The cell at a 0-based row and column, or nil when the file has none there.
    public func cell(_ row: Int, _ col: Int) -> Cell? {
        guard let r = rowSlot(row) else { return nil }
        var lo = rowStarts[r], hi = rowStarts[r + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = Int(packed[mid].col)
            if c == col { return make(packed[mid]) }
            if c < col { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The cell at an A1-style address such as "C14" or "$C$14", or nil.
    public func cell(_ address: String) -> Cell? {
        guard let rc = CellAddress.parse(address) else { return nil }
        return cell(rc.row, rc.col)
    }

    /// Sorted 0-based indexes of the rows that have cells.
    public var rows: [Int] { rowNumbers }

    /// The cells of a 0-based row, sorted by column.
    public func cells(inRow row: Int) -> [Cell] {
        guard let r = rowSlot(row) else { return [] }
        return (rowStarts[r] ..< rowStarts[r + 1]).map { make(packed[$0]) }
    }

    /// The last row with a cell (0-based), nil for an empty sheet.
    public var maxRow: Int? { rowNumbers.last }

    /// The last column with a cell (0-based), nil for an empty sheet.
    public var maxCol: Int? { maxColumn }

    /// How many cells the sheet has (with content or a style).
    public var cellCount: Int { packed.count }

    /// Every cell in row-major order.
    public var allCells: [Cell] { packed.map(make) }

    /// Calls `body` with every cell in row-major order.
    public func forEachCell(_ body: (Cell) throws -> Void) rethrows {
        for c in packed { try body(make(c)) }
    }

    /// The cells, in row-major order, for which `predicate` is true.
    public func cells(where predicate: (Cell) throws -> Bool) rethrows -> [Cell] {
        var out: [Cell] = []
        for c in packed {
            let cell = make(c)
            if try predicate(cell) { out.append(cell) }
        }
        return out
    }

    /// The text cells, in row-major order, whose text satisfies `predicate` (e.g. a section label).
    public func cells(withText predicate: (String) throws -> Bool) rethrows -> [Cell] {
        var out: [Cell] = []
        for c in packed where c.kind == .sharedText || c.kind == .text {
            let text = c.kind == .sharedText ? sharedStrings[Int(c.index)] : strings[Int(c.index)]
            if try predicate(text) { out.append(make(c)) }
        }
        return out
    }

    /// The first text cell, row-major, whose text trimmed of spaces equals `text` ignoring case.
    public func firstCell(withText text: String) -> Cell? {
        let wanted = text.trimmingSpaces().lowercased()
        for c in packed where c.kind == .sharedText || c.kind == .text {
            let s = c.kind == .sharedText ? sharedStrings[Int(c.index)] : strings[Int(c.index)]
            if s.utf8.count <= wanted.utf8.count + 256 && s.trimmingSpaces().lowercased() == wanted { return make(c) }
        }
        return nil
    }

    /// The cells inside 0-based inclusive bounds, row-major.
    public func cells(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) -> [Cell] {
        var out: [Cell] = []
        guard firstRow <= lastRow, firstCol <= lastCol else { return out }
        var lo = 0, hi = rowNumbers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rowNumbers[mid] < firstRow { lo = mid + 1 } else { hi = mid }
        }
        var r = lo
        while r < rowNumbers.count && rowNumbers[r] <= lastRow {
            for i in rowStarts[r] ..< rowStarts[r + 1] {
                let col = Int(packed[i].col)
                if col > lastCol { break }
                if col >= firstCol { out.append(make(packed[i])) }
            }
            r += 1
        }
        return out
    }

    /// The cells inside an area (its sheet name is not checked), row-major.
    public func cells(in area: Area) -> [Cell] {
        cells(firstRow: area.firstRow, firstCol: area.firstCol, lastRow: area.lastRow, lastCol: area.lastCol)
    }

    /// The merged range covering a 0-based cell, if any.
    public func mergedRange(containing row: Int, _ col: Int) -> MergedRange? {
        merged.first { $0.contains(row: row, col: col) }
    }

    // MARK: - Internals

    private func rowSlot(_ row: Int) -> Int? {
        var lo = 0, hi = rowNumbers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let r = rowNumbers[mid]
            if r == row { return mid }
            if r < row { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    private func make(_ c: PackedCell) -> Cell {
        let value: CellValue?
        switch c.kind {
        case .empty: value = nil
        case .number: value = .number(c.number)
        case .sharedText: value = .text(sharedStrings[Int(c.index)])
        case .text: value = .text(strings[Int(c.index)])
        case .bool: value = .bool(c.number != 0)
        case .error: value = .error(strings[Int(c.index)])
        }
        return Cell(row: Int(c.row), col: Int(c.col), value: value,
                    formula: c.formula >= 0 ? formulas[Int(c.formula)] : nil, isDate: c.isDate)
    }
}
