/// A position in an input: a line and column in a YAML/JSON file (1-based), or a sheet and cell in a workbook.
public enum SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    case text(line: Int, column: Int)
    case cell(sheet: String, cell: String)

    public var line: Int? { if case .text(let l, _) = self { return l } else { return nil } }
    public var column: Int? { if case .text(_, let c) = self { return c } else { return nil } }

    public var description: String {
        switch self {
        case .text(let line, let column): return "\(line):\(column)"
        case .cell(let sheet, let cell): return "'\(sheet)'!\(cell)"
        }
    }

    /// Orders text positions by line then column; workbook positions by sheet then cell (row, then column).
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        switch (a, b) {
        case (.text(let l1, let c1), .text(let l2, let c2)): return (l1, c1) < (l2, c2)
        case (.text, .cell): return true
        case (.cell, .text): return false
        case (.cell(let s1, let c1), .cell(let s2, let c2)):
            if s1 != s2 { return s1 < s2 }
            return CellAddress.sortKey(c1) < CellAddress.sortKey(c2)
        }
    }
}

/// Helpers for A1-style cell addresses.
public enum CellAddress {
    /// (row, column) for an address like "C14"; unparseable addresses sort last.
    public static func sortKey(_ address: String) -> (row: Int, column: Int) {
        var col = 0, row = 0, sawDigit = false
        for ch in address.uppercased().unicodeScalars {
            if ch.value >= 65 && ch.value <= 90 && !sawDigit { col = col * 26 + Int(ch.value - 64) }
            else if ch.value >= 48 && ch.value <= 57 { sawDigit = true; row = row * 10 + Int(ch.value - 48) }
            else { return (Int.max, Int.max) }
        }
        return (row, col)
    }
}
