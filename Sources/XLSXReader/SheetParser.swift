/// A cell as stored inside a sheet: 32 bytes, strings kept once in tables.
struct PackedCell {
    enum Kind: UInt8 {
        case empty, number, sharedText, text, bool, error
    }
    var row: Int32
    var col: Int32
    var kind: Kind
    var isDate: Bool
    /// Index into the sheet's formulas, -1 for none.
    var formula: Int32
    /// Index into the shared strings (`sharedText`) or the sheet's own strings (`text`, `error`).
    var index: Int32
    /// The number, or 1/0 for a bool.
    var number: Double
}

/// What a worksheet part holds, ready for `XLSXSheet`.
struct SheetContent {
    var cells: [PackedCell] = []
    var strings: [String] = []
    var formulas: [String] = []
    var merged: [MergedRange] = []
}

/// Reads one worksheet part (`<worksheet>`): `sheetData` rows and cells, formulas, merged cells.
///
/// Cell types: `n` or none (number), `s` (shared string, index checked), `inlineStr`, `str`
/// (formula text result), `b`, `e`, `d` (ISO 8601 date, kept as a date serial number); an
/// unknown type is read as text. Rows and cells without `r` follow on from the previous one.
/// Empty cells are kept when they carry a style other than 0. Shared formulas are expanded to
/// every cell sharing them (see `FormulaShift`); an array formula stays on its top-left cell.
struct SheetParser {
    let part: String
    let sharedStrings: [String]
    /// The shared-string part, nil when the workbook has none.
    let sharedStringsPart: String?
    let styles: Styles
    let date1904: Bool
    let limits: XLSXReadLimits
    /// Cells stored so far over the workbook, against `limits.maxCells`.
    var cellBudget: Int
    /// Bytes of formula text made by expanding shared formulas so far over the workbook, against
    /// `limits.maxTotalBytes` (a long master shared by millions of cells would otherwise cost
    /// gigabytes and minutes).
    var expandedFormulaBytes = 0

    private enum CellType { case number, shared, inline, str, bool, error, date, other }
    private enum Collecting { case none, value, formula, inlineText }

    mutating func parse(_ bytes: [UInt8]) throws -> SheetContent {
        try withXMLScanner(bytes, part: part) { sc in try self.run(&sc) }
    }

    private mutating func run(_ sc: inout XMLScanner) throws -> SheetContent {
        var out = SheetContent()
        var sheetDataDepth = 0, rowDepth = 0, cellDepth = 0, mergeDepth = 0
        var isDepth = 0, phoneticDepth = 0
        var currentRow = -1, lastCol = -1
        var collecting = Collecting.none
        var value: [UInt8] = [], formula: [UInt8] = [], inline: [UInt8] = []
        var sawValue = false, sawFormula = false, sawInline = false
        var cellRow = 0, cellCol = 0, cellStyle = 0
        var cellType = CellType.number
        var formulaShared = false
        var formulaSI: Int?
        var sorted = true
        var lastKey = -1
        // Shared formulas: masters by si, and dependants waiting for them.
        var masters: [Int: (text: String, row: Int, col: Int)] = [:]
        var dependants: [(cell: Int, si: Int)] = []
        let byteCap = maxEncodedBytes(limits.maxStringLength)

        while true {
            switch try sc.next() {
            case .start:
                let depth = sc.depth
                if cellDepth > 0 {
                    if depth == cellDepth + 1 {
                        if sc.nameIs("v") {
                            collecting = .value; sawValue = true; value.removeAll(keepingCapacity: true)
                        } else if sc.nameIs("f") {
                            collecting = .formula; sawFormula = true; formula.removeAll(keepingCapacity: true)
                            formulaShared = false; formulaSI = nil
                            if let t = sc.attribute("t") {
                                let a = sc.attribute(at: t)
                                formulaShared = a.valueEnd - a.valueStart == 6 && sc.matches("shared", at: a.valueStart)
                            }
                            if let si = sc.attribute("si") { formulaSI = sc.intValue(of: si) }
                        } else if sc.nameIs("is") {
                            isDepth = depth; sawInline = true; inline.removeAll(keepingCapacity: true)
                        }
                    } else if isDepth > 0 && phoneticDepth == 0 {
                        if sc.nameIs("rPh") { phoneticDepth = depth }
                        else if sc.nameIs("t") { collecting = .inlineText }
                    }
                } else if rowDepth > 0 {
                    if depth == rowDepth + 1 && sc.nameIs("c") {
                        cellDepth = depth
                        sawValue = false; sawFormula = false; sawInline = false
                        let start = try cellStart(&sc, currentRow: currentRow, lastCol: lastCol)
                        cellRow = start.row
                        cellCol = start.col
                        cellStyle = start.style
                        cellType = start.type
                        lastCol = cellCol
                    }
                } else if sheetDataDepth > 0 {
                    if depth == sheetDataDepth + 1 && sc.nameIs("row") {
                        rowDepth = depth
                        if let r = sc.attribute("r") {
                            guard let n = sc.intValue(of: r), n >= 1, n <= CellAddress.maxRows else {
                                throw sc.error("a row with a malformed or out-of-range number r=\"\(try sc.value(of: r))\"")
                            }
                            currentRow = n - 1
                        } else {
                            currentRow += 1
                            guard currentRow < CellAddress.maxRows else { throw sc.error("more than 1,048,576 rows") }
                        }
                        lastCol = -1
                    }
                } else if depth == 2 && sc.nameIs("sheetData") {
                    sheetDataDepth = 2
                } else if depth == 2 && sc.nameIs("mergeCells") {
                    mergeDepth = 2
                } else if mergeDepth > 0 && depth == 3 && sc.nameIs("mergeCell") {
                    guard let ref = try sc.attributeValue("ref"), let range = CellAddress.parseRange(ref[...]) else {
                        throw sc.error("a merged-cell range with a malformed ref")
                    }
                    guard out.merged.count < limits.maxCells else {
                        throw sc.error("more than \(grouped(limits.maxCells)) merged ranges (limit)")
                    }
                    out.merged.append(range)
                }

            case .end:
                let depth = sc.depth   // the parent's depth
                if cellDepth > 0 {
                    if depth == cellDepth - 1 {
                        // </c>
                        cellDepth = 0
                        collecting = .none
                        var cell = try finishCell(
                            out: &out, row: cellRow, col: cellCol, style: cellStyle, type: cellType,
                            value: sawValue ? value : nil, inline: sawInline ? inline : nil)
                        var dependantOf: Int?
                        if sawFormula {
                            if !formula.isEmpty {
                                if TextEscapes.exceedsLength(formula, limit: limits.maxStringLength) {
                                    throw formulaTooLong(cellRow, cellCol)
                                }
                                let text = String(decoding: formula, as: UTF8.self)
                                if formulaShared, let si = formulaSI, masters[si] == nil {
                                    masters[si] = (text, cellRow, cellCol)
                                }
                                cell.formula = add(text, to: &out.formulas)
                            } else if formulaShared, let si = formulaSI {
                                dependantOf = si
                            }
                        }
                        if cell.kind == .empty && cell.formula < 0 && cellStyle == 0 && dependantOf == nil {
                            continue
                        }
                        guard cellBudget < limits.maxCells else {
                            throw sc.error("more than \(grouped(limits.maxCells)) cells in the workbook (limit)")
                        }
                        cellBudget += 1
                        let key = cellRow &* CellAddress.maxColumns &+ cellCol
                        if key <= lastKey { sorted = false }
                        lastKey = key
                        if let si = dependantOf { dependants.append((out.cells.count, si)) }
                        out.cells.append(cell)
                    } else if depth == cellDepth {
                        if collecting == .value || collecting == .formula { collecting = .none }
                        if sc.nameIs("is") { isDepth = 0 }
                    } else if phoneticDepth > 0 && depth == phoneticDepth - 1 && sc.nameIs("rPh") {
                        phoneticDepth = 0
                    } else if collecting == .inlineText && sc.nameIs("t") {
                        collecting = .none
                    }
                } else if rowDepth > 0 && depth == rowDepth - 1 {
                    rowDepth = 0
                } else if sheetDataDepth > 0 && depth == 1 {
                    sheetDataDepth = 0
                } else if mergeDepth > 0 && depth == 1 {
                    mergeDepth = 0
                }

            case .text:
                switch collecting {
                case .none: break
                case .value:
                    try sc.appendText(to: &value)
                    if value.count > byteCap { throw tooLong(cellRow, cellCol) }
                case .formula:
                    try sc.appendText(to: &formula)
                    if formula.count > byteCap { throw formulaTooLong(cellRow, cellCol) }
                case .inlineText:
                    try sc.appendText(to: &inline)
                    if inline.count > byteCap { throw tooLong(cellRow, cellCol) }
                }

            case .endOfDocument:
                // Expand shared formulas onto their dependants, once the cost is known to be bounded.
                for (_, si) in dependants {
                    expandedFormulaBytes += masters[si]?.text.utf8.count ?? 0
                    if expandedFormulaBytes > limits.maxTotalBytes {
                        throw sc.error("shared formulas expand to more than \(byteSize(limits.maxTotalBytes)) of formula text (limit)")
                    }
                }
                for (index, si) in dependants {
                    guard let master = masters[si] else { continue }
                    let c = out.cells[index]
                    let text = FormulaShift.shift(master.text, rows: Int(c.row) - master.row, cols: Int(c.col) - master.col)
                    out.cells[index].formula = add(text, to: &out.formulas)
                }
                if !sorted { out.cells = SheetParser.sortedUnique(out.cells) }
                return out
            }
        }
    }

    private struct CellStart {
        var row: Int, col: Int, style: Int
        var type: CellType
    }

    /// Position, style and type of a `<c>` start tag, its attributes read in one pass.
    private func cellStart(_ sc: inout XMLScanner, currentRow: Int, lastCol: Int) throws -> CellStart {
        var cell = CellStart(row: currentRow, col: lastCol + 1, style: 0, type: .number)
        var ref = -1, style = -1, type = -1
        var i = 0
        while i < sc.attributeCount {
            let a = sc.attribute(at: i)
            if a.nameEnd - a.localStart == 1 {
                switch sc.base[a.localStart] {
                case 0x72: ref = i
                case 0x73: style = i
                case 0x74: type = i
                default: break
                }
            }
            i += 1
        }
        if ref >= 0 {
            let a = sc.attribute(at: ref)
            guard let rc = CellAddress.parse(bytes: sc.base, from: a.valueStart, to: a.valueEnd) else {
                throw sc.error("a cell with a malformed reference r=\"\(try sc.value(of: ref))\"")
            }
            cell.row = rc.row
            cell.col = rc.col
        } else if cell.col >= CellAddress.maxColumns {
            throw sc.error("row \(grouped(currentRow + 1)) has cells past column XFD")
        }
        if style >= 0 {
            guard let n = sc.intValue(of: style) else {
                throw sc.error("cell \(CellAddress.string(row: cell.row, col: cell.col)) has a malformed style index")
            }
            cell.style = n
        }
        if type >= 0 {
            let a = sc.attribute(at: type)
            let len = a.valueEnd - a.valueStart
            let at = a.valueStart
            if len == 1 {
                switch sc.base[at] {
                case 0x73: cell.type = .shared
                case 0x6E: cell.type = .number
                case 0x62: cell.type = .bool
                case 0x65: cell.type = .error
                case 0x64: cell.type = .date
                default: cell.type = .other
                }
            } else if len == 3 && sc.matches("str", at: at) {
                cell.type = .str
            } else if len == 9 && sc.matches("inlineStr", at: at) {
                cell.type = .inline
            } else {
                cell.type = .other
            }
        }
        return cell
    }

    private func formulaTooLong(_ row: Int, _ col: Int) -> XLSXReadError {
        XLSXReadError(part: part, message: "cell \(CellAddress.string(row: row, col: col)) has a formula longer than \(grouped(limits.maxStringLength)) characters (limit)")
    }

    private func tooLong(_ row: Int, _ col: Int) -> XLSXReadError {
        XLSXReadError(part: part, message: "cell \(CellAddress.string(row: row, col: col)) holds text longer than \(grouped(limits.maxStringLength)) characters (limit)")
    }

    private func add(_ text: String, to table: inout [String]) -> Int32 {
        table.append(text)
        return Int32(table.count - 1)
    }

    /// Builds the stored cell from what `<c>` held (its formula is added by the caller).
    private func finishCell(out: inout SheetContent, row: Int, col: Int, style: Int,
                            type: CellType, value: [UInt8]?, inline: [UInt8]?) throws -> PackedCell {
        var cell = PackedCell(row: Int32(row), col: Int32(col), kind: .empty, isDate: false,
                              formula: -1, index: -1, number: 0)
        func address() -> String { CellAddress.string(row: row, col: col) }
        func fail(_ message: String) -> XLSXReadError { XLSXReadError(part: part, message: message) }
        func text(_ bytes: [UInt8], escapes: Bool) throws -> Int32 {
            var b = bytes
            if escapes { TextEscapes.decode(&b) }
            if TextEscapes.exceedsLength(b, limit: limits.maxStringLength) { throw tooLong(row, col) }
            out.strings.append(String(decoding: b, as: UTF8.self))
            return Int32(out.strings.count - 1)
        }
        if type == .inline || (inline != nil && value == nil) {
            if let inline {
                cell.kind = .text
                cell.index = try text(inline, escapes: true)
            } else if let value, !value.isEmpty {
                cell.kind = .text
                cell.index = try text(value, escapes: true)
            }
            return cell
        }
        guard let value else { return cell }
        switch type {
        case .number:
            if value.allSatisfy({ $0 == 0x20 }) { return cell }
            guard let n = SheetParser.parseNumber(value) else {
                throw fail("cell \(address()) holds \"\(String(decoding: value.prefix(40), as: UTF8.self))\", which is not a number")
            }
            cell.kind = .number
            cell.number = n
            cell.isDate = styles.isDate(style)
        case .shared:
            guard let n = SheetParser.parseNumber(value), n >= 0, n == n.rounded(), n < Double(Int32.max) else {
                throw fail("cell \(address()) has a malformed shared-string index \"\(String(decoding: value.prefix(40), as: UTF8.self))\"")
            }
            let i = Int(n)
            guard i < sharedStrings.count else {
                guard let sharedStringsPart else {
                    throw fail("cell \(address()) refers to shared string \(grouped(i)), but the workbook has no shared strings")
                }
                throw fail("cell \(address()) refers to shared string \(grouped(i)), but \(sharedStringsPart) has only \(grouped(sharedStrings.count))")
            }
            cell.kind = .sharedText
            cell.index = Int32(i)
        case .bool:
            let s = String(decoding: value, as: UTF8.self).trimmingSpaces()
            switch s {
            case "1", "true", "TRUE": cell.number = 1
            case "0", "false", "FALSE": cell.number = 0
            default: throw fail("cell \(address()) holds \"\(s.prefix(40))\", which is not a boolean")
            }
            cell.kind = .bool
        case .error:
            cell.kind = .error
            cell.index = try text(value, escapes: false)
        case .str, .inline, .other:
            cell.kind = .text
            cell.index = try text(value, escapes: true)
        case .date:
            let s = String(decoding: value, as: UTF8.self).trimmingSpaces()
            if s.isEmpty { return cell }
            if let serial = DateSerial.serial(fromISO: s, date1904: date1904) {
                cell.kind = .number
                cell.number = serial
                cell.isDate = true
            } else {
                cell.kind = .text
                cell.index = try text(value, escapes: false)
            }
        }
        return cell
    }

    /// A number in XML Schema double form ("12", "-3.5", "1.2E-3"); nil for anything else,
    /// including NaN and infinities.
    static func parseNumber(_ bytes: [UInt8]) -> Double? {
        var lo = 0, hi = bytes.count
        while lo < hi && bytes[lo] == 0x20 { lo += 1 }
        while hi > lo && bytes[hi - 1] == 0x20 { hi -= 1 }
        guard lo < hi else { return nil }
        // Fast path: a plain integer of up to 15 digits.
        var i = lo
        var negative = false
        if bytes[i] == 0x2D { negative = true; i += 1 }
        var v = 0
        var digits = 0
        while i < hi, bytes[i] >= 0x30 && bytes[i] <= 0x39, digits < 15 {
            v = v * 10 + Int(bytes[i] - 0x30)
            digits += 1
            i += 1
        }
        if i == hi && digits > 0 { return Double(negative ? -v : v) }
        for k in lo ..< hi {
            let c = bytes[k]
            guard (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x45 || c == 0x65 else { return nil }
        }
        guard hi - lo <= 64, let d = Double(String(decoding: bytes[lo ..< hi], as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    /// Cells sorted row-major; of cells at the same place the last written wins.
    static func sortedUnique(_ cells: [PackedCell]) -> [PackedCell] {
        let order = cells.indices.sorted { a, b in
            let x = cells[a], y = cells[b]
            if x.row != y.row { return x.row < y.row }
            if x.col != y.col { return x.col < y.col }
            return a < b
        }
        var out: [PackedCell] = []
        out.reserveCapacity(cells.count)
        for i in order {
            let c = cells[i]
            if let last = out.last, last.row == c.row, last.col == c.col {
                out[out.count - 1] = c
            } else {
                out.append(c)
            }
        }
        return out
    }
}
