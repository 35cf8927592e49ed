/// Excel A1-style addresses for 0-based rows and columns, and sheet-name quoting.
public enum A1 {
    /// The largest row count of a worksheet (rows are 0..<maxRows).
    public static let maxRows = 1_048_576
    /// The largest column count of a worksheet (columns are 0..<maxColumns).
    public static let maxColumns = 16_384

    /// Column letters for a 0-based column: 0 → "A", 26 → "AA". Negative columns give "?".
    public static func column(_ col: Int) -> String {
        guard col >= 0 else { return "?" }
        var n = col + 1
        var letters: [UInt8] = []
        letters.reserveCapacity(3)
        while n > 0 {
            letters.append(UInt8(65 + (n - 1) % 26))
            n = (n - 1) / 26
        }
        letters.reverse()
        return String(decoding: letters, as: UTF8.self)
    }

    /// The A1 address of a 0-based cell: (13, 2) → "C14"; `absolute` gives "$C$14".
    /// Out-of-grid cells still get a readable address (for error messages).
    public static func address(row: Int, col: Int, absolute: Bool = false) -> String {
        let d = absolute ? "$" : ""
        let rowText = row >= 0 ? String(row + 1) : "?"
        return d + column(col) + d + rowText
    }

    /// An A1 range "A1:C3"; a single cell gives just its address.
    public static func range(_ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int, absolute: Bool = false) -> String {
        let first = address(row: firstRow, col: firstCol, absolute: absolute)
        if firstRow == lastRow && firstCol == lastCol { return first }
        return first + ":" + address(row: lastRow, col: lastCol, absolute: absolute)
    }

    /// A sheet-qualified absolute reference for formulas and defined names: "'NE Planning'!$C$14".
    public static func reference(sheet: String, row: Int, col: Int) -> String {
        quotedSheet(sheet) + "!" + address(row: row, col: col, absolute: true)
    }

    /// A sheet-qualified absolute range reference: "Lists!$A$1:$A$10".
    public static func reference(sheet: String, _ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int) -> String {
        quotedSheet(sheet) + "!" + range(firstRow, firstCol, lastRow, lastCol, absolute: true)
    }

    /// A sheet name as formulas need it: "Summary" stays bare, "NE Planning" → "'NE Planning'",
    /// "O'Brien" → "'O''Brien'". Names that could read as a cell reference or a number are quoted too.
    public static func quotedSheet(_ name: String) -> String {
        if isBareSheetName(name) { return name }
        return "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func isBareSheetName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        guard first.properties.isAlphabetic || first == "_" else { return false }
        for s in name.unicodeScalars where !(s.properties.isAlphabetic || s.properties.numericType != nil || s == "_" || s == ".") {
            return false
        }
        return !looksLikeCellReference(name)
    }

    /// True for text Excel could read as an A1 or R1C1 reference ("A1", "xfd99", "R", "C3", "R1C1", "RC").
    static func looksLikeCellReference(_ text: String) -> Bool {
        let u = Array(text.uppercased().unicodeScalars)
        // A1: 1–3 letters then digits.
        var i = 0
        while i < u.count, i < 4, ("A"..."Z").contains(u[i]) { i += 1 }
        if i >= 1, i <= 3, i < u.count, u[i...].allSatisfy({ ("0"..."9").contains($0) }) { return true }
        // R1C1: R[digits][C[digits]] or C[digits].
        var j = 0
        func digits() { while j < u.count, ("0"..."9").contains(u[j]) { j += 1 } }
        if j < u.count, u[j] == "R" {
            j += 1; digits()
            if j == u.count { return true }
            if u[j] == "C" { j += 1; digits(); return j == u.count }
            return false
        }
        if j < u.count, u[j] == "C" { j += 1; digits(); return j == u.count }
        return false
    }

    /// Parses "B7" or "$B$7" into a 0-based (row, col), or nil if it is not an in-grid A1 address.
    static func parse(_ text: String) -> (row: Int, col: Int)? {
        var u = Substring(text.uppercased()).unicodeScalars[...]
        if u.first == "$" { u = u.dropFirst() }
        var col = 0, letters = 0
        while let c = u.first, ("A"..."Z").contains(c) {
            col = col * 26 + Int(c.value - 64); letters += 1; u = u.dropFirst()
            if letters > 3 { return nil }
        }
        guard letters > 0 else { return nil }
        if u.first == "$" { u = u.dropFirst() }
        guard !u.isEmpty, u.count <= 7, u.allSatisfy({ ("0"..."9").contains($0) }), u.first != "0",
              let row = Int(String(String.UnicodeScalarView(u))) else { return nil }
        guard col <= maxColumns, row <= maxRows else { return nil }
        return (row - 1, col - 1)
    }
}
