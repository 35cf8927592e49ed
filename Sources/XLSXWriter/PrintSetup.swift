/// Page margins in inches.
public struct Margins: Hashable, Sendable {
    /// Left margin (Excel default 0.7).
    public var left: Double
    /// Right margin (Excel default 0.7).
    public var right: Double
    /// Top margin (Excel default 0.75).
    public var top: Double
    /// Bottom margin (Excel default 0.75).
    public var bottom: Double
    /// Header margin (Excel default 0.3).
    public var header: Double
    /// Footer margin (Excel default 0.3).
    public var footer: Double

    /// Creates margins; the defaults are Excel's.
    public init(left: Double = 0.7, right: Double = 0.7, top: Double = 0.75, bottom: Double = 0.75,
                header: Double = 0.3, footer: Double = 0.3) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
        self.header = header
        self.footer = footer
    }
}

/// How a worksheet prints.
public struct PrintSetup: Sendable {
    /// Landscape rather than portrait.
    public var landscape: Bool
    /// A4 paper (otherwise the printer default).
    public var paperA4: Bool
    /// Fit the sheet to this many pages wide; nil prints at 100 %.
    public var fitToWidth: Int?
    /// With `fitToWidth`: pages tall, 0 = as many as needed.
    public var fitToHeight: Int
    /// 0-based rows printed at the top of every page.
    public var repeatRows: ClosedRange<Int>?
    /// Header text with Excel's &L/&C/&R codes (at most 255 characters).
    public var header: String?
    /// Footer text, e.g. "&CPage &P of &N" (at most 255 characters).
    public var footer: String?
    /// Page margins; nil keeps Excel's.
    public var margins: Margins?
    /// Centre the printout horizontally on the page.
    public var centerHorizontally: Bool

    /// Creates a print set-up; the defaults are portrait A4, one page wide.
    public init(landscape: Bool = false, paperA4: Bool = true, fitToWidth: Int? = 1, fitToHeight: Int = 0,
                repeatRows: ClosedRange<Int>? = nil, header: String? = nil, footer: String? = nil,
                margins: Margins? = nil, centerHorizontally: Bool = false) {
        self.landscape = landscape
        self.paperA4 = paperA4
        self.fitToWidth = fitToWidth
        self.fitToHeight = fitToHeight
        self.repeatRows = repeatRows
        self.header = header
        self.footer = footer
        self.margins = margins
        self.centerHorizontally = centerHorizontally
    }
}

/// What users may still do on a protected sheet (no password: protection guards against accidents only).
public struct ProtectionOptions: Hashable, Sendable {
    /// Select locked cells.
    public var selectLockedCells: Bool
    /// Select unlocked (input) cells.
    public var selectUnlockedCells: Bool
    /// Format cells.
    public var formatCells: Bool
    /// Change column widths and formats.
    public var formatColumns: Bool
    /// Change row heights and formats.
    public var formatRows: Bool
    /// Insert columns.
    public var insertColumns: Bool
    /// Insert rows.
    public var insertRows: Bool
    /// Insert hyperlinks.
    public var insertHyperlinks: Bool
    /// Delete columns.
    public var deleteColumns: Bool
    /// Delete rows.
    public var deleteRows: Bool
    /// Sort.
    public var sort: Bool
    /// Use autofilters.
    public var autofilter: Bool
    /// Use pivot tables.
    public var pivotTables: Bool

    /// Creates options; by default users may select, resize and insert or delete rows, nothing more.
    public init(formatColumns: Bool = true, formatRows: Bool = true, insertRows: Bool = true, deleteRows: Bool = true,
                selectUnlockedCells: Bool = true, selectLockedCells: Bool = true, sort: Bool = false,
                autofilter: Bool = false, insertHyperlinks: Bool = false, formatCells: Bool = false,
                insertColumns: Bool = false, deleteColumns: Bool = false, pivotTables: Bool = false) {
        self.selectLockedCells = selectLockedCells
        self.selectUnlockedCells = selectUnlockedCells
        self.formatCells = formatCells
        self.formatColumns = formatColumns
        self.formatRows = formatRows
        self.insertColumns = insertColumns
        self.insertRows = insertRows
        self.insertHyperlinks = insertHyperlinks
        self.deleteColumns = deleteColumns
        self.deleteRows = deleteRows
        self.sort = sort
        self.autofilter = autofilter
        self.pivotTables = pivotTables
    }
}
