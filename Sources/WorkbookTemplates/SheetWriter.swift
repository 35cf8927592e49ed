import PlanModel
import XLSXWriter

/// Writes a laid-out sheet with libxlsxwriter: widths, merges, cells, heights, validation, panes,
/// print set-up and protection.
struct SheetWriter {
    let worksheet: XLSXWorksheet
    let styles: StyleCache
    /// The SRG's name and the template version, for the printed header.
    let header: String
    let version: String

    func write(_ layout: SheetLayout) throws {
        let ws = worksheet
        for (c, w) in layout.spec.widths.enumerated() { try ws.setColumn(c, c, width: w) }
        for m in layout.merges {
            try ws.merge(m.firstRow, m.firstCol, m.lastRow, m.lastCol, m.text, styles(m.style))
        }
        for cell in layout.cells { try write(cell) }
        for (row, height) in layout.heights { try ws.setRow(row, height: height) }
        for v in layout.validations {
            try ws.validate(v.firstRow, v.col, v.lastRow, v.col,
                            .list(v.words, inputTitle: String(v.prompt.prefix(32)), inputMessage: "Choose from the list.",
                                  errorTitle: "Not one of the choices", errorMessage: "Choose one of: " + v.words.joined(separator: ", ")))
        }
        // Tables that start a sheet keep their column headings in view; other sheets their title.
        let freezeRow = layout.firstTableHeader.map { $0 + 1 } ?? 2
        try ws.freezePanes(row: freezeRow, col: 0)
        // Landscape, one page wide; the widest templates (Annex C) go over two pages so they stay readable.
        let pagesWide = layout.spec.widths.reduce(0, +) > 300 ? 2 : 1
        try ws.setup(PrintSetup(landscape: true, paperA4: true, fitToWidth: pagesWide, fitToHeight: 0,
                                repeatRows: 0...(freezeRow - 1),
                                header: "&L" + Self.escape(String(header.prefix(80))) + "&C&A&R" + Self.escape(version),
                                footer: "&CPage &P of &N"))
        ws.setTabColor(layout.spec.isTemplate ? Styles.nhsBlue : 0x768692)
        try ws.protect(ProtectionOptions())
    }

    private func write(_ cell: CellOp) throws {
        let f = styles(cell.style)
        switch cell.content {
        case .blank: try worksheet.writeBlank(cell.row, cell.col, f)
        case .text(let s): try worksheet.write(cell.row, cell.col, s, f)
        case .number(let d): try worksheet.write(cell.row, cell.col, number: d, f)
        case .date(let d): try worksheet.write(cell.row, cell.col, year: d.year, month: d.month, day: d.day, f)
        case .formula(let text, let cached): try worksheet.write(cell.row, cell.col, formula: "=" + text, cached: cached, f)
        }
    }

    /// Header/footer text with '&' doubled so Excel prints it literally.
    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&&") }
}
