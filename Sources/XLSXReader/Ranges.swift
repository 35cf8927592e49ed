/// A rectangle of cells on a named sheet, 0-based and inclusive.
public struct Area: Sendable, Equatable {
    /// The sheet's name, as written in the reference (quotes removed).
    public let sheet: String
    /// 0-based inclusive bounds.
    public let firstRow, firstCol, lastRow, lastCol: Int

    /// An area; first <= last is expected.
    public init(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstCol = firstCol
        self.lastRow = lastRow
        self.lastCol = lastCol
    }

    /// Whether the area covers the 0-based cell.
    public func contains(row: Int, col: Int) -> Bool {
        (firstRow ... lastRow).contains(row) && (firstCol ... lastCol).contains(col)
    }
}

/// A rectangle of merged cells on one sheet, 0-based and inclusive; the value sits in the top-left cell.
public struct MergedRange: Sendable, Equatable {
    /// 0-based inclusive bounds.
    public let firstRow, firstCol, lastRow, lastCol: Int

    /// A range; first <= last is expected.
    public init(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.firstRow = firstRow
        self.firstCol = firstCol
        self.lastRow = lastRow
        self.lastCol = lastCol
    }

    /// Whether the range covers the 0-based cell.
    public func contains(row: Int, col: Int) -> Bool {
        (firstRow ... lastRow).contains(row) && (firstCol ... lastCol).contains(col)
    }

    /// "A1:C3".
    public var reference: String {
        CellAddress.string(row: firstRow, col: firstCol) + ":" + CellAddress.string(row: lastRow, col: lastCol)
    }
}

/// A defined name from the workbook part (`<definedName>`).
public struct DefinedName: Sendable, Equatable {
    /// The name, e.g. "NE_Planning" or "_xlnm.Print_Area".
    public let name: String
    /// The sheet a sheet-scoped name belongs to (from `localSheetId`); nil for a workbook-wide name.
    public let localSheet: String?
    /// The formula as stored, e.g. `'NE Planning'!$A$10:$H$23`.
    public let formula: String
    /// The formula parsed as a single area, nil when it is anything else (several areas, a constant, #REF!).
    public let area: Area?
    /// Whether the name is hidden from Excel's name manager.
    public let hidden: Bool

    /// A defined name; the reader makes these.
    public init(name: String, localSheet: String?, formula: String, area: Area?, hidden: Bool = false) {
        self.name = name
        self.localSheet = localSheet
        self.formula = formula
        self.area = area
        self.hidden = hidden
    }
}
