/// A1-style cell addresses: columns as letters, rows from 1 (stored 0-based here).
public enum CellAddress {
    /// Rows in a sheet (1,048,576).
    public static let maxRows = 1_048_576
    /// Columns in a sheet (16,384, column XFD).
    public static let maxColumns = 16_384

    /// "A" for 0, "Z" for 25, "AA" for 26.
    public static func columnName(_ col: Int) -> String {
        guard col >= 0 else { return "?" }
        var n = col + 1
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// "C14" for row 13, column 2.
    public static func string(row: Int, col: Int) -> String {
        columnName(col) + String(row + 1)
    }

    /// The 0-based column of letters such as "AB" (case-insensitive), or nil if not a column within XFD.
    public static func column(_ letters: Substring) -> Int? {
        guard !letters.isEmpty, letters.utf8.count <= 3 else { return nil }
        var n = 0
        for c in letters.utf8 {
            switch c {
            case 65 ... 90: n = n * 26 + Int(c - 64)
            case 97 ... 122: n = n * 26 + Int(c - 96)
            default: return nil
            }
        }
        return n <= maxColumns ? n - 1 : nil
    }

    /// Parses "C14" or "$C$14" into a 0-based (row, col), or nil if it is not a cell address on the sheet.
    public static func parse(_ text: Substring) -> (row: Int, col: Int)? {
        guard let ref = parseReference(text) else { return nil }
        return (ref.row, ref.col)
    }

    /// Parses "C14" or "$C$14" into a 0-based (row, col), or nil if it is not a cell address on the sheet.
    public static func parse(_ text: String) -> (row: Int, col: Int)? { parse(text[...]) }

    /// A cell reference with its absolute markers.
    struct Reference {
        var row: Int
        var col: Int
        var rowAbsolute: Bool
        var colAbsolute: Bool
    }

    static func parseReference(_ text: Substring) -> Reference? {
        let u = Array(text.utf8)
        var i = 0
        var colAbs = false, rowAbs = false
        if i < u.count && u[i] == 0x24 { colAbs = true; i += 1 }
        let letterStart = i
        while i < u.count, (65 ... 90).contains(u[i]) || (97 ... 122).contains(u[i]) { i += 1 }
        guard i > letterStart, i - letterStart <= 3 else { return nil }
        guard let col = column(Substring(String(decoding: u[letterStart ..< i], as: UTF8.self))) else { return nil }
        if i < u.count && u[i] == 0x24 { rowAbs = true; i += 1 }
        let digitStart = i
        var row = 0
        while i < u.count, (48 ... 57).contains(u[i]) {
            row = row * 10 + Int(u[i] - 48)
            if row > maxRows { return nil }
            i += 1
        }
        guard i == u.count, i > digitStart, row >= 1 else { return nil }
        return Reference(row: row - 1, col: col, rowAbsolute: rowAbs, colAbsolute: colAbs)
    }

    /// Parses a cell reference from raw bytes (the `r` attribute of a cell); nil if malformed.
    @inline(__always)
    static func parse(bytes buf: UnsafePointer<UInt8>, from: Int, to: Int) -> (row: Int, col: Int)? {
        var i = from
        var col = 0
        var letters = 0
        if i < to && buf[i] == 0x24 { i += 1 }
        while i < to {
            let c = buf[i]
            if c >= 65 && c <= 90 { col = col * 26 + Int(c - 64) }
            else if c >= 97 && c <= 122 { col = col * 26 + Int(c - 96) }
            else { break }
            letters += 1
            if letters > 3 { return nil }
            i += 1
        }
        guard letters > 0, col <= maxColumns else { return nil }
        if i < to && buf[i] == 0x24 { i += 1 }
        var row = 0
        let digitStart = i
        while i < to {
            let c = buf[i]
            guard c >= 48 && c <= 57 else { return nil }
            row = row * 10 + Int(c - 48)
            if row > maxRows { return nil }
            i += 1
        }
        guard i > digitStart, row >= 1 else { return nil }
        return (row - 1, col - 1)
    }

    /// Parses "A1:C3", "A1" (a one-cell range), "A:C" (whole columns) or "1:3" (whole rows),
    /// with or without `$`, into 0-based inclusive bounds (normalised so first <= last).
    public static func parseRange(_ text: Substring) -> MergedRange? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1 {
            guard let a = parse(parts[0]) else { return nil }
            return MergedRange(firstRow: a.row, firstCol: a.col, lastRow: a.row, lastCol: a.col)
        }
        guard parts.count == 2 else { return nil }
        if let a = parse(parts[0]), let b = parse(parts[1]) {
            return MergedRange(firstRow: min(a.row, b.row), firstCol: min(a.col, b.col),
                               lastRow: max(a.row, b.row), lastCol: max(a.col, b.col))
        }
        func stripDollar(_ s: Substring) -> Substring { s.hasPrefix("$") ? s.dropFirst() : s }
        if let a = column(stripDollar(parts[0])), let b = column(stripDollar(parts[1])) {
            return MergedRange(firstRow: 0, firstCol: min(a, b), lastRow: maxRows - 1, lastCol: max(a, b))
        }
        if let a = Int(stripDollar(parts[0])), let b = Int(stripDollar(parts[1])),
           (1 ... maxRows).contains(a), (1 ... maxRows).contains(b) {
            return MergedRange(firstRow: min(a, b) - 1, firstCol: 0, lastRow: max(a, b) - 1, lastCol: maxColumns - 1)
        }
        return nil
    }

    /// Parses a defined name's formula when it is one area on one sheet, e.g. `'NE Planning'!$A$10:$H$23`
    /// or `Sheet1!$B$2`. A leading "=" is allowed. `defaultSheet` is used when there is no sheet prefix.
    public static func parseArea(_ formula: String, defaultSheet: String? = nil) -> Area? {
        var text = Substring(formula.trimmingSpaces())
        if text.hasPrefix("=") { text = text.dropFirst() }
        var sheet: String?
        if text.hasPrefix("'") {
            // Quoted sheet name, '' for a quote inside.
            var name = ""
            var i = text.index(after: text.startIndex)
            var closed = false
            while i < text.endIndex {
                let c = text[i]
                if c == "'" {
                    let n = text.index(after: i)
                    if n < text.endIndex && text[n] == "'" {
                        name.append("'")
                        i = text.index(after: n)
                        continue
                    }
                    closed = true
                    i = n
                    break
                }
                name.append(c)
                i = text.index(after: i)
            }
            guard closed, i < text.endIndex, text[i] == "!" else { return nil }
            sheet = name
            text = text[text.index(after: i)...]
        } else if let bang = text.lastIndex(of: "!") {
            let name = text[..<bang]
            guard !name.isEmpty, !name.contains(where: { " ()[]',;:*?/\\\"".contains($0) }) else { return nil }
            sheet = String(name)
            text = text[text.index(after: bang)...]
        }
        guard let sheetName = sheet ?? defaultSheet, !sheetName.isEmpty else { return nil }
        guard let range = parseRange(text) else { return nil }
        return Area(sheet: sheetName, firstRow: range.firstRow, firstCol: range.firstCol,
                    lastRow: range.lastRow, lastCol: range.lastCol)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first ... last])
    }
}
