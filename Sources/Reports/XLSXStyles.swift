import PlanModel
import XLSXWriter

/// The cell formats of the assurance workbook (NHS identity colours), made once per workbook.
struct XLSXStyles {
    let title, subtitle, note, header, subheader, text, wrapped, link, code: XLSXFormat
    private let red, amber, green, grey, zero, errorCount, warningCount, infoCount: XLSXFormat
    private let severityFormats: [Severity: XLSXFormat]

    init(_ book: XLSXWorkbook) {
        let blue: UInt32 = 0x005EB8, dark: UInt32 = 0x212B32, muted: UInt32 = 0x4C6272, rule: UInt32 = 0xD8DDE0
        title = book.format(CellStyle(bold: true, fontSize: 16, fontColor: blue))
        subtitle = book.format(CellStyle(fontSize: 11, fontColor: dark))
        note = book.format(CellStyle(italic: true, fontColor: muted))
        header = book.format(CellStyle(bold: true, fontColor: 0xFFFFFF, fill: blue, wrap: true, horizontal: .center,
                                       vertical: .center, border: .thin, borderColor: 0xFFFFFF))
        subheader = book.format(CellStyle(bold: true, fontSize: 9, fontColor: dark, fill: 0xE8EDEE, horizontal: .center,
                                          border: .thin, borderColor: rule))
        text = book.format(CellStyle(border: .thin, borderColor: rule))
        wrapped = book.format(CellStyle(wrap: true, border: .thin, borderColor: rule))
        link = book.format(CellStyle(underline: true, fontColor: blue, border: .thin, borderColor: rule))
        code = book.format(CellStyle(fontSize: 10, fontName: "Consolas", wrap: true, border: .thin, borderColor: rule))
        func badge(_ fill: UInt32, _ font: UInt32) -> XLSXFormat {
            book.format(CellStyle(bold: true, fontColor: font, fill: fill, horizontal: .center, border: .thin, borderColor: rule))
        }
        red = badge(0xD5281B, 0xFFFFFF); amber = badge(0xFFB81C, dark); green = badge(0x007F3B, 0xFFFFFF); grey = badge(rule, dark)
        zero = book.format(CellStyle(fontColor: 0xAEB7BD, horizontal: .right, border: .thin, borderColor: rule))
        errorCount = book.format(CellStyle(bold: true, fontColor: 0xA51E12, horizontal: .right, border: .thin, borderColor: rule))
        warningCount = book.format(CellStyle(bold: true, fontColor: 0x8A6100, horizontal: .right, border: .thin, borderColor: rule))
        infoCount = book.format(CellStyle(fontColor: dark, horizontal: .right, border: .thin, borderColor: rule))
        severityFormats = [
            .error: book.format(CellStyle(bold: true, fontColor: 0xA51E12, fill: 0xF7E1DF, border: .thin, borderColor: rule)),
            .warning: book.format(CellStyle(bold: true, fontColor: 0x6B4D00, fill: 0xFFF4D6, border: .thin, borderColor: rule)),
            .info: book.format(CellStyle(bold: true, fontColor: 0x003087, fill: 0xE3EEF8, border: .thin, borderColor: rule)),
        ]
    }

    /// The RAG badge's format; nil is "not read".
    func rag(_ s: RAGStatus?) -> XLSXFormat {
        switch s {
        case .red?: return red
        case .amber?: return amber
        case .green?: return green
        case nil: return grey
        }
    }

    /// A count's format: muted when zero, coloured by severity otherwise.
    func count(_ n: Int, _ s: Severity) -> XLSXFormat {
        if n == 0 { return zero }
        switch s {
        case .error: return errorCount
        case .warning: return warningCount
        case .info: return infoCount
        }
    }

    func severity(_ s: Severity) -> XLSXFormat { severityFormats[s] ?? text }
}
