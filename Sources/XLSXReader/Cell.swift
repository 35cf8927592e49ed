/// The value a cell holds (its cached value when it has a formula).
public enum CellValue: Equatable, Sendable {
    /// Text: shared, inline or a formula's string result, rich-text runs joined.
    case text(String)
    /// A number; dates are numbers too (see `Cell.isDate`).
    case number(Double)
    /// TRUE or FALSE.
    case bool(Bool)
    /// An error value such as "#REF!" or "#N/A".
    case error(String)
}

/// One cell of a sheet: position, value, formula and whether its number is a date.
public struct Cell: Sendable, Equatable {
    /// The 0-based row.
    public let row: Int
    /// The 0-based column.
    public let col: Int
    /// The value, or nil for an empty cell that only carries a style, or a formula without a cached value.
    public let value: CellValue?
    /// The formula without the leading "="; shared formulas are expanded to each cell (relative references shifted).
    public let formula: String?
    /// Whether the value is a number shown under a date format (or a `t="d"` cell); see `XLSXDocument.date(fromSerial:date1904:)`.
    public let isDate: Bool

    /// A cell; mostly for tests, the reader makes them.
    public init(row: Int, col: Int, value: CellValue?, formula: String? = nil, isDate: Bool = false) {
        self.row = row
        self.col = col
        self.value = value
        self.formula = formula
        self.isDate = isDate
    }

    /// The A1-style address, e.g. "C14".
    public var address: String { CellAddress.string(row: row, col: col) }

    /// The text when the value is text, else nil.
    public var text: String? {
        if case .text(let s)? = value { return s }
        return nil
    }

    /// The number when the value is a number, else nil.
    public var number: Double? {
        if case .number(let n)? = value { return n }
        return nil
    }

    /// The value as a person would type it: text as is, numbers plainly (no exponent for whole
    /// numbers under 10^15), TRUE/FALSE, the error code; nil when empty.
    public var displayText: String? {
        switch value {
        case .text(let s)?: return s
        case .number(let n)?: return formatPlainNumber(n)
        case .bool(let b)?: return b ? "TRUE" : "FALSE"
        case .error(let e)?: return e
        case nil: return nil
        }
    }
}

/// "12", "3.5", "-0.25": a Double without a needless ".0" or exponent.
func formatPlainNumber(_ n: Double) -> String {
    if n.isFinite && n == n.rounded() && abs(n) < 1e15 { return String(Int64(n)) }
    return "\(n)"
}
