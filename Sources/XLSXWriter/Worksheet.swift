import CXlsxWriter
#if canImport(Glibc)
import Glibc
#endif

/// One worksheet of an `XLSXWorkbook`. Rows and columns are 0-based, as in libxlsxwriter.
///
/// The worksheet keeps its workbook alive; once the workbook is closed every call throws
/// "workbook already closed" (the non-throwing calls do nothing).
public final class XLSXWorksheet {
    /// The sheet's name as shown on its tab.
    public let name: String
    /// The workbook this sheet belongs to.
    public let workbook: XLSXWorkbook
    private let handle: UnsafeMutablePointer<lxw_worksheet>
    private var merges: [(r0: Int, c0: Int, r1: Int, c1: Int)] = []

    init(name: String, handle: UnsafeMutablePointer<lxw_worksheet>, workbook: XLSXWorkbook) {
        self.name = name
        self.handle = handle
        self.workbook = workbook
    }

    // MARK: Cells

    /// Writes text (at most 32,767 characters; "" writes a blank cell when a format is given).
    public func write(_ row: Int, _ col: Int, _ text: String, _ format: XLSXFormat? = nil) throws {
        let cell = try checkCell(row, col)
        try checkText(text, "text", cell)
        let f = try cFormat(format, cell)
        try call(cell) { worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(col), text, f) }
    }

    /// Writes a number; NaN and infinities throw.
    public func write(_ row: Int, _ col: Int, number: Double, _ format: XLSXFormat? = nil) throws {
        let cell = try checkCell(row, col)
        guard number.isFinite else { throw error("\(number) is not a finite number", cell) }
        let f = try cFormat(format, cell)
        try call(cell) { worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(col), number, f) }
    }

    /// Writes a formula ("=SUM(C2:C9)") with its computed result, which readers that do not recalculate show.
    public func write(_ row: Int, _ col: Int, formula: String, cached: Double, _ format: XLSXFormat? = nil) throws {
        let cell = try checkCell(row, col)
        try checkFormula(formula, cell)
        guard cached.isFinite else { throw error("cached result \(cached) is not a finite number", cell) }
        let f = try cFormat(format, cell)
        try call(cell) { worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(col), formula, f, cached) }
    }

    /// Writes a formula with a text result ("" for formulas that show nothing).
    public func write(_ row: Int, _ col: Int, formula: String, cachedText: String, _ format: XLSXFormat? = nil) throws {
        let cell = try checkCell(row, col)
        try checkFormula(formula, cell)
        try checkText(cachedText, "cached text", cell)
        let f = try cFormat(format, cell)
        try call(cell) { worksheet_write_formula_str(handle, lxw_row_t(row), lxw_col_t(col), formula, f, cachedText) }
    }

    /// Writes TRUE or FALSE.
    public func write(_ row: Int, _ col: Int, bool: Bool, _ format: XLSXFormat? = nil) throws {
        let cell = try checkCell(row, col)
        let f = try cFormat(format, cell)
        try call(cell) { worksheet_write_boolean(handle, lxw_row_t(row), lxw_col_t(col), bool ? 1 : 0, f) }
    }

    /// Writes a date (1900-03-01...9999-12-31). Without a format it gets "dd/mm/yyyy" so it reads as a date.
    public func write(_ row: Int, _ col: Int, year: Int, month: Int, day: Int, _ format: XLSXFormat? = nil) throws {
        try write(row, col, date: CalendarDate(year: year, month: month, day: day), format)
    }

    /// Writes a date; see `write(_:_:year:month:day:_:)`.
    public func write(_ row: Int, _ col: Int, date: CalendarDate, _ format: XLSXFormat? = nil) throws {
        let cell = try checkCell(row, col)
        if let problem = date.problem { throw error("invalid date: " + problem, cell) }
        let f = try cFormat(format ?? workbook.format(CellStyle(numberFormat: "dd/mm/yyyy")), cell)
        var dt = date.lxw
        try call(cell) { worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(col), &dt, f) }
    }

    /// Writes an empty cell that carries a format (e.g. an unlocked input cell). Without a format it does nothing.
    public func writeBlank(_ row: Int, _ col: Int, _ format: XLSXFormat?) throws {
        let cell = try checkCell(row, col)
        let f = try cFormat(format, cell)
        try call(cell) { worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(col), f) }
    }

    /// Writes a hyperlink to a cell or range ("B7", "A1:C3") of a sheet in this workbook.
    public func writeLink(_ row: Int, _ col: Int, toSheet sheet: String, cell target: String, text: String,
                          _ format: XLSXFormat? = nil) throws {
        let cell = try checkCell(row, col)
        if let problem = Names.sheetNameProblem(sheet) { throw error("link target sheet: " + problem, cell) }
        let parts = target.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ A1.parse(String($0)) != nil }) else {
            throw error("link target \(target) is not an A1 cell or range", cell)
        }
        try checkText(text, "link text", cell)
        let f = try cFormat(format, cell)
        let url = "internal:" + A1.quotedSheet(sheet) + "!" + target
        try call(cell) { worksheet_write_url_opt(handle, lxw_row_t(row), lxw_col_t(col), url, f, text, nil) }
    }

    /// Merges a range of at least two cells and writes `text` in it; merges may not overlap.
    public func merge(_ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int, _ text: String,
                      _ format: XLSXFormat? = nil) throws {
        let range = try checkRange(firstRow, firstCol, lastRow, lastCol)
        guard firstRow != lastRow || firstCol != lastCol else { throw error("a merge needs at least two cells", range) }
        if let other = merges.first(where: { firstRow <= $0.r1 && $0.r0 <= lastRow && firstCol <= $0.c1 && $0.c0 <= lastCol }) {
            throw error("merge overlaps the merged range \(A1.range(other.r0, other.c0, other.r1, other.c1))", range)
        }
        try checkText(text, "text", range)
        let f = try cFormat(format, range)
        try call(range) {
            worksheet_merge_range(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow),
                                  lxw_col_t(lastCol), text, f)
        }
        merges.append((firstRow, firstCol, lastRow, lastCol))
    }

    // MARK: Layout

    /// Sets the width (in characters, 0...255) and optional format of columns `first...last`.
    public func setColumn(_ first: Int, _ last: Int, width: Double, _ format: XLSXFormat? = nil, hidden: Bool = false) throws {
        let cols = A1.column(first) + ":" + A1.column(last)
        try checkColumns(first, last, cols)
        guard width.isFinite, (0...255).contains(width) else { throw error("column width \(width) is outside 0...255", cols) }
        let f = try cFormat(format, cols)
        var options = lxw_row_col_options(hidden: hidden ? 1 : 0, level: 0, collapsed: 0)
        try call(cols) { worksheet_set_column_opt(handle, lxw_col_t(first), lxw_col_t(last), width, f, &options) }
    }

    /// Sets the height (in points, 0...409) and optional format of a row.
    public func setRow(_ row: Int, height: Double, _ format: XLSXFormat? = nil) throws {
        let cell = try checkCell(row, 0)
        guard height.isFinite, (0...409).contains(height) else { throw error("row height \(height) is outside 0...409", cell) }
        let f = try cFormat(format, cell)
        try call(cell) { worksheet_set_row(handle, lxw_row_t(row), height, f) }
    }

    /// Freezes the rows above `row` and the columns left of `col` (0, 0 unfreezes).
    public func freezePanes(row: Int, col: Int) throws {
        let cell = try checkCell(row, col)
        _ = try live(cell.a1)
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(col))
    }

    // MARK: Validation, comments, protection, printing

    /// Adds a data validation to a range. Lists libxlsxwriter 1.1.4 would crash or hang on are refused first.
    public func validate(_ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int, _ rule: Validation) throws {
        let range = try checkRange(firstRow, firstCol, lastRow, lastCol)
        if let problem = rule.problem { throw error(problem, range) }
        let strings = CStrings()
        defer { strings.free() }
        var v = lxw_data_validation()
        v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        defer { list?.deallocate() }
        switch rule.kind {
        case .list(let values):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_NONE.rawValue)
            let items = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: values.count + 1)
            for (i, value) in values.enumerated() { items[i] = try strings.dup(value, "list item") }
            items[values.count] = nil
            list = items
            v.value_list = items
        case .listSource(let formula):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_NONE.rawValue)
            v.value_formula = try strings.dup(formula, "list formula")
        case .custom(let formula):
            v.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_NONE.rawValue)
            v.value_formula = try strings.dup(formula, "validation formula")
        case .integer(let lo, let hi):
            v.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            v.minimum_number = Double(lo)
            v.maximum_number = Double(hi)
        case .decimal(let lo, let hi):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            v.minimum_number = lo
            v.maximum_number = hi
        case .textLength(let lo, let hi):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LENGTH.rawValue)
            v.minimum_number = Double(lo)
            v.maximum_number = Double(hi)
        case .date(let lo, let hi):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DATE.rawValue)
            v.minimum_datetime = lo.lxw
            v.maximum_datetime = hi.lxw
        }
        v.ignore_blank = UInt8((rule.ignoreBlank ? LXW_VALIDATION_ON : LXW_VALIDATION_OFF).rawValue)
        if !rule.dropdown { v.dropdown = UInt8(LXW_VALIDATION_OFF.rawValue) }
        switch rule.errorStyle {
        case .stop: v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        case .warning: v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        case .information: v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_INFORMATION.rawValue)
        }
        v.input_title = try strings.dup(rule.inputTitle, "input title")
        v.input_message = try strings.dup(rule.inputMessage, "input message")
        v.error_title = try strings.dup(rule.errorTitle, "error title")
        v.error_message = try strings.dup(rule.errorMessage, "error message")
        try call(range) {
            worksheet_data_validation_range(handle, lxw_row_t(firstRow), lxw_col_t(firstCol),
                                            lxw_row_t(lastRow), lxw_col_t(lastCol), &v)
        }
    }

    /// Adds a note (comment) to a cell, optionally with an author.
    public func comment(_ row: Int, _ col: Int, _ text: String, author: String? = nil) throws {
        let cell = try checkCell(row, col)
        guard !text.isEmpty else { throw error("comment text is empty", cell) }
        try checkText(text, "comment", cell)
        let strings = CStrings()
        defer { strings.free() }
        var options = lxw_comment_options()
        options.author = try strings.dup(author, "comment author")
        try call(cell) { worksheet_write_comment_opt(handle, lxw_row_t(row), lxw_col_t(col), text, &options) }
    }

    /// Protects the sheet without a password; cells styled `locked: false` stay editable.
    public func protect(_ options: ProtectionOptions = .init()) throws {
        _ = try live(nil)
        var p = lxw_protection()
        p.no_select_locked_cells = options.selectLockedCells ? 0 : 1
        p.no_select_unlocked_cells = options.selectUnlockedCells ? 0 : 1
        p.format_cells = options.formatCells ? 1 : 0
        p.format_columns = options.formatColumns ? 1 : 0
        p.format_rows = options.formatRows ? 1 : 0
        p.insert_columns = options.insertColumns ? 1 : 0
        p.insert_rows = options.insertRows ? 1 : 0
        p.insert_hyperlinks = options.insertHyperlinks ? 1 : 0
        p.delete_columns = options.deleteColumns ? 1 : 0
        p.delete_rows = options.deleteRows ? 1 : 0
        p.sort = options.sort ? 1 : 0
        p.autofilter = options.autofilter ? 1 : 0
        p.pivot_tables = options.pivotTables ? 1 : 0
        worksheet_protect(handle, nil, &p)
    }

    /// Applies a print set-up (orientation, paper, fit to pages, title rows, header, footer, margins).
    public func setup(_ print: PrintSetup) throws {
        _ = try live(nil)
        if let w = print.fitToWidth, !(0...32767).contains(w) { throw error("fit to width \(w) is outside 0...32767", nil) }
        guard (0...32767).contains(print.fitToHeight) else { throw error("fit to height \(print.fitToHeight) is outside 0...32767", nil) }
        var rows: String?
        if let r = print.repeatRows {
            rows = "rows \(r.lowerBound + 1):\(r.upperBound + 1)"
            _ = try checkRange(r.lowerBound, 0, r.upperBound, 0)
        }
        for (label, text) in [("header", print.header), ("footer", print.footer)] {
            if let text, text.unicodeScalars.count > 255 || text.utf8.contains(0) {
                throw error("\(label) must be at most 255 characters", nil)
            }
        }
        if let m = print.margins {
            guard [m.left, m.right, m.top, m.bottom, m.header, m.footer].allSatisfy({ $0.isFinite && $0 >= 0 && $0 < 50 }) else {
                throw error("margins must be between 0 and 50 inches", nil)
            }
        }
        try CRuntime.cLocale {
            if print.landscape { worksheet_set_landscape(handle) } else { worksheet_set_portrait(handle) }
            if print.paperA4 { worksheet_set_paper(handle, 9) }
            if let w = print.fitToWidth { worksheet_fit_to_pages(handle, UInt16(w), UInt16(print.fitToHeight)) }
            if let r = print.repeatRows {
                let err = worksheet_repeat_rows(handle, lxw_row_t(r.lowerBound), lxw_row_t(r.upperBound))
                if err != LXW_NO_ERROR { throw XLSXError.lxw(err, sheet: name, cell: rows) }
            }
            let m = print.margins
            var hf = lxw_header_footer_options()
            if let header = print.header {
                hf.margin = m?.header ?? 0.3
                let err = worksheet_set_header_opt(handle, header, &hf)
                if err != LXW_NO_ERROR { throw XLSXError.lxw(err, sheet: name) }
            }
            if let footer = print.footer {
                hf.margin = m?.footer ?? 0.3
                let err = worksheet_set_footer_opt(handle, footer, &hf)
                if err != LXW_NO_ERROR { throw XLSXError.lxw(err, sheet: name) }
            }
            if let m { worksheet_set_margins(handle, m.left, m.right, m.top, m.bottom) }
            if print.centerHorizontally { worksheet_center_horizontally(handle) }
        }
    }

    // MARK: Appearance (no-ops once the workbook is closed)

    /// Colours the sheet's tab (0xRRGGBB).
    public func setTabColor(_ rgb: UInt32) {
        guard !workbook.isClosed, rgb <= 0xFF_FFFF else { return }
        worksheet_set_tab_color(handle, XLSXFormat.color(rgb))
    }

    /// Hides the gridlines on screen and in print.
    public func hideGridlines() {
        guard !workbook.isClosed else { return }
        worksheet_gridlines(handle, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    /// Makes this the sheet shown when the workbook opens.
    public func activate() {
        guard !workbook.isClosed else { return }
        worksheet_activate(handle)
    }

    /// Selects a cell (ignored if outside the sheet).
    public func setSelection(row: Int, col: Int) {
        guard !workbook.isClosed, (0..<A1.maxRows).contains(row), (0..<A1.maxColumns).contains(col) else { return }
        worksheet_set_selection(handle, lxw_row_t(row), lxw_col_t(col), lxw_row_t(row), lxw_col_t(col))
    }

    // MARK: Checks

    private func error(_ message: String, _ cell: String?) -> XLSXError {
        XLSXError(message: message, sheet: name, cell: cell)
    }

    private func live(_ cell: String?) throws -> UnsafeMutablePointer<lxw_worksheet> {
        guard !workbook.isClosed else { throw XLSXError(message: "workbook already closed", sheet: name, cell: cell) }
        return handle
    }

    /// A cell being written: its A1 address is made only when an error needs it (writing a cell is
    /// the hot path of filling a workbook).
    struct At {
        let row: Int, col: Int
        var a1: String { A1.address(row: row, col: col) }
    }

    /// Checks the workbook is open and the cell is on the sheet.
    private func checkCell(_ row: Int, _ col: Int) throws -> At {
        let at = At(row: row, col: col)
        if workbook.isClosed { _ = try live(at.a1) }
        guard (0..<A1.maxRows).contains(row) else { throw error("row \(row) is outside 0..<\(A1.maxRows)", at.a1) }
        guard (0..<A1.maxColumns).contains(col) else { throw error("column \(col) is outside 0..<\(A1.maxColumns)", at.a1) }
        return at
    }

    private func error(_ message: String, _ at: At) -> XLSXError { error(message, at.a1) }

    private func checkText(_ text: String, _ label: String, _ at: At) throws {
        if text.utf16.count > 32_767 || text.utf8.contains(0) { try checkText(text, label, at.a1) }
    }

    private func checkFormula(_ formula: String, _ at: At) throws {
        if formula.utf16.count > 8192 || formula.utf8.contains(0) || formula.isEmpty || formula == "=" { try checkFormula(formula, at.a1) }
    }

    private func cFormat(_ format: XLSXFormat?, _ at: At) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.owner === workbook, format.problem == nil else { return try cFormat(format, at.a1) }
        return format.handle
    }

    private func call(_ at: At, _ body: () -> lxw_error) throws {
        let err = CRuntime.cLocale(body)
        if err != LXW_NO_ERROR { throw XLSXError.lxw(err, sheet: name, cell: at.a1) }
    }

    private func checkRange(_ r0: Int, _ c0: Int, _ r1: Int, _ c1: Int) throws -> String {
        let range = A1.range(r0, c0, r1, c1)
        _ = try live(range)
        guard [r0, r1].allSatisfy({ (0..<A1.maxRows).contains($0) }),
              [c0, c1].allSatisfy({ (0..<A1.maxColumns).contains($0) }) else {
            throw error("range is outside the sheet", range)
        }
        guard r0 <= r1, c0 <= c1 else { throw error("range's first cell is below or right of its last", range) }
        return range
    }

    private func checkColumns(_ first: Int, _ last: Int, _ label: String) throws {
        _ = try live(label)
        guard (0..<A1.maxColumns).contains(first), (0..<A1.maxColumns).contains(last) else {
            throw error("columns must be in 0..<\(A1.maxColumns)", label)
        }
        guard first <= last else { throw error("first column is after last column", label) }
    }

    private func checkText(_ text: String, _ label: String, _ cell: String) throws {
        if text.utf16.count > 32_767 { throw error("\(label) is longer than 32,767 characters", cell) }
        if text.utf8.contains(0) { throw error("\(label) contains a NUL character", cell) }
    }

    private func checkFormula(_ formula: String, _ cell: String) throws {
        let body = formula.hasPrefix("=") ? formula.dropFirst() : Substring(formula)
        if body.isEmpty { throw error("formula is empty", cell) }
        if formula.utf16.count > 8192 { throw error("formula is longer than 8,192 characters", cell) }
        if formula.utf8.contains(0) { throw error("formula contains a NUL character", cell) }
    }

    /// The C format for a write: nil, or one made by this sheet's workbook and valid.
    private func cFormat(_ format: XLSXFormat?, _ cell: String?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.owner === workbook else { throw error("format belongs to another workbook", cell) }
        if let problem = format.problem { throw error(problem, cell) }
        return format.handle
    }

    /// Runs one C call in the C numeric locale and turns its lxw_error into an XLSXError.
    private func call(_ cell: String?, _ body: () -> lxw_error) throws {
        let err = CRuntime.cLocale(body)
        if err != LXW_NO_ERROR { throw XLSXError.lxw(err, sheet: name, cell: cell) }
    }
}
