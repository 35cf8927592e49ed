/// Moves the relative references of a formula, as Excel does when it expands a shared formula
/// (`<f t="shared">`) from its master cell to the cells that share it.
///
/// References found: cells (`B2`, `$B$2`, `Sheet1!B2`, `'My Sheet'!B2`), cell ranges (`B2:C3`),
/// whole columns (`B:C`) and whole rows (`2:3`). Left untouched: string literals, quoted sheet
/// names, structured and external references in brackets, function names (a word followed by
/// "("), sheet names (a word followed by "!") and anything that is not a reference within the
/// sheet (a defined name cannot look like a cell reference in Excel). Absolute parts (`$`) stay.
/// A reference moved off the sheet becomes `#REF!`, as in Excel.
enum FormulaShift {
    static func shift(_ formula: String, rows dRow: Int, cols dCol: Int) -> String {
        if dRow == 0 && dCol == 0 { return formula }
        let u = Array(formula.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count + 8)
        var i = 0
        let n = u.count
        while i < n {
            let c = u[i]
            if c == 0x22 || c == 0x27 {  // "string" or 'sheet name', doubled quote inside
                let start = i
                i += 1
                while i < n {
                    if u[i] == c {
                        if i + 1 < n && u[i + 1] == c { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i = min(i + 1, n)
                out.append(contentsOf: u[start ..< i])
                continue
            }
            if c == 0x5B {  // [structured] or [external] reference: copy to the matching bracket
                let start = i
                var depth = 0
                while i < n {
                    if u[i] == 0x5B { depth += 1 }
                    else if u[i] == 0x5D { depth -= 1; if depth == 0 { i += 1; break } }
                    else if u[i] == 0x27 && i + 1 < n { i += 1 }  // ' escapes the next character
                    i += 1
                }
                i = min(i, n)
                out.append(contentsOf: u[start ..< i])
                continue
            }
            if isWordByte(c) {
                let start = i
                while i < n && isWordByte(u[i]) { i += 1 }
                let word = u[start ..< i]
                let next: UInt8? = i < n ? u[i] : nil
                if next == 0x28 || next == 0x21 || next == 0x5B {  // function(, Sheet!, Table[...]
                    out.append(contentsOf: word)
                    continue
                }
                // Range with a colon: cell:cell, col:col, row:row.
                if next == 0x3A, i + 1 < n, isWordByte(u[i + 1]) {
                    var j = i + 1
                    while j < n && isWordByte(u[j]) { j += 1 }
                    let other = u[(i + 1) ..< j]
                    let after: UInt8? = j < n ? u[j] : nil
                    if after != 0x28 && after != 0x21 && after != 0x5B {
                        if let a = cellRef(word), let b = cellRef(other) {
                            if let sa = moved(a, dRow, dCol), let sb = moved(b, dRow, dCol) {
                                out.append(contentsOf: sa); out.append(0x3A); out.append(contentsOf: sb)
                            } else {
                                out.append(contentsOf: Array("#REF!".utf8))
                            }
                            i = j
                            continue
                        }
                        if let a = columnRef(word), let b = columnRef(other) {
                            if let sa = movedColumn(a, dCol), let sb = movedColumn(b, dCol) {
                                out.append(contentsOf: sa); out.append(0x3A); out.append(contentsOf: sb)
                            } else {
                                out.append(contentsOf: Array("#REF!".utf8))
                            }
                            i = j
                            continue
                        }
                        if let a = rowRef(word), let b = rowRef(other) {
                            if let sa = movedRow(a, dRow), let sb = movedRow(b, dRow) {
                                out.append(contentsOf: sa); out.append(0x3A); out.append(contentsOf: sb)
                            } else {
                                out.append(contentsOf: Array("#REF!".utf8))
                            }
                            i = j
                            continue
                        }
                    }
                }
                if let a = cellRef(word) {
                    if let s = moved(a, dRow, dCol) { out.append(contentsOf: s) }
                    else { out.append(contentsOf: Array("#REF!".utf8)) }
                } else {
                    out.append(contentsOf: word)
                }
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Letters, digits, `_`, `.`, `$`, `\`, `?` and any non-ASCII byte: the bytes of names and references.
    @inline(__always) private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == 0x5F || c == 0x2E || c == 0x24 || c == 0x5C || c == 0x3F || c >= 0x80
    }

    private struct Ref {
        var col: Int, row: Int
        var colAbs: Bool, rowAbs: Bool
    }

    private static func cellRef(_ w: ArraySlice<UInt8>) -> Ref? {
        var i = w.startIndex
        var r = Ref(col: 0, row: 0, colAbs: false, rowAbs: false)
        if i < w.endIndex && w[i] == 0x24 { r.colAbs = true; i += 1 }
        var letters = 0
        while i < w.endIndex, let v = letterValue(w[i]) {
            r.col = r.col * 26 + v
            letters += 1
            if letters > 3 { return nil }
            i += 1
        }
        guard letters > 0, r.col <= CellAddress.maxColumns else { return nil }
        if i < w.endIndex && w[i] == 0x24 { r.rowAbs = true; i += 1 }
        var digits = 0
        while i < w.endIndex, w[i] >= 0x30 && w[i] <= 0x39 {
            r.row = r.row * 10 + Int(w[i] - 0x30)
            digits += 1
            if r.row > CellAddress.maxRows { return nil }
            i += 1
        }
        guard digits > 0, i == w.endIndex, r.row >= 1 else { return nil }
        r.col -= 1
        r.row -= 1
        return r
    }

    private static func columnRef(_ w: ArraySlice<UInt8>) -> (col: Int, abs: Bool)? {
        var i = w.startIndex
        var abs = false
        if i < w.endIndex && w[i] == 0x24 { abs = true; i += 1 }
        var col = 0, letters = 0
        while i < w.endIndex, let v = letterValue(w[i]) {
            col = col * 26 + v
            letters += 1
            if letters > 3 { return nil }
            i += 1
        }
        guard letters > 0, i == w.endIndex, col <= CellAddress.maxColumns else { return nil }
        return (col - 1, abs)
    }

    private static func rowRef(_ w: ArraySlice<UInt8>) -> (row: Int, abs: Bool)? {
        var i = w.startIndex
        var abs = false
        if i < w.endIndex && w[i] == 0x24 { abs = true; i += 1 }
        var row = 0, digits = 0
        while i < w.endIndex, w[i] >= 0x30 && w[i] <= 0x39 {
            row = row * 10 + Int(w[i] - 0x30)
            digits += 1
            if row > CellAddress.maxRows { return nil }
            i += 1
        }
        guard digits > 0, i == w.endIndex, row >= 1 else { return nil }
        return (row - 1, abs)
    }

    @inline(__always) private static func letterValue(_ c: UInt8) -> Int? {
        if c >= 0x41 && c <= 0x5A { return Int(c - 0x40) }
        if c >= 0x61 && c <= 0x7A { return Int(c - 0x60) }
        return nil
    }

    private static func moved(_ r: Ref, _ dRow: Int, _ dCol: Int) -> [UInt8]? {
        let col = r.colAbs ? r.col : r.col + dCol
        let row = r.rowAbs ? r.row : r.row + dRow
        guard (0 ..< CellAddress.maxColumns).contains(col), (0 ..< CellAddress.maxRows).contains(row) else { return nil }
        return Array(((r.colAbs ? "$" : "") + CellAddress.columnName(col) + (r.rowAbs ? "$" : "") + String(row + 1)).utf8)
    }

    private static func movedColumn(_ c: (col: Int, abs: Bool), _ dCol: Int) -> [UInt8]? {
        let col = c.abs ? c.col : c.col + dCol
        guard (0 ..< CellAddress.maxColumns).contains(col) else { return nil }
        return Array(((c.abs ? "$" : "") + CellAddress.columnName(col)).utf8)
    }

    private static func movedRow(_ r: (row: Int, abs: Bool), _ dRow: Int) -> [UInt8]? {
        let row = r.abs ? r.row : r.row + dRow
        guard (0 ..< CellAddress.maxRows).contains(row) else { return nil }
        return Array(((r.abs ? "$" : "") + String(row + 1)).utf8)
    }
}
