import XLSXWriter

/// The workbook's look: NHS blue headings, pale yellow input cells, totals in bold.
enum Styles {
    static let nhsBlue: UInt32 = 0x005EB8
    static let darkBlue: UInt32 = 0x003087
    static let paleBlue: UInt32 = 0xE8EDF4
    static let inputYellow: UInt32 = 0xFFFBE6
    static let keyGrey: UInt32 = 0xF0F4F5
    static let border: UInt32 = 0xAEB7BD
    static let money = "£#,##0;-£#,##0"
    static let moneyPence = "£#,##0.00;-£#,##0.00"
    static let date = "d mmm yyyy"

    static func style(_ key: StyleKey) -> CellStyle {
        switch key {
        case .title: return CellStyle(bold: true, fontSize: 16, fontColor: darkBlue, vertical: .center)
        case .subtitle: return CellStyle(italic: true, fontColor: 0x425563, vertical: .center)
        case .heading: return CellStyle(bold: true, fontSize: 12, fontColor: 0xFFFFFF, fill: nhsBlue, vertical: .center, indent: 0)
        case .note: return CellStyle(italic: true, fontColor: 0x425563, wrap: true, vertical: .top)
        case .groupHeader: return CellStyle(bold: true, fill: paleBlue, wrap: true, horizontal: .center, vertical: .center, border: .thin, borderColor: border)
        case .header: return CellStyle(bold: true, fill: paleBlue, wrap: true, vertical: .top, border: .thin, borderColor: border)
        case .label: return CellStyle(bold: true, wrap: true, vertical: .top, border: .thin, borderColor: border)
        case .labelTotal: return CellStyle(bold: true, fill: paleBlue, wrap: true, vertical: .top, border: .thin, borderColor: border)
        case .catalogueText: return CellStyle(fill: keyGrey, wrap: true, vertical: .top, border: .thin, borderColor: border)
        case .keyInput: return CellStyle(bold: true, fill: keyGrey, vertical: .top, border: .thin, borderColor: border)
        case .inputText: return input(CellStyle(wrap: true))
        case .inputMoney: return input(CellStyle(numberFormat: money))
        case .inputMoneyPence: return input(CellStyle(numberFormat: moneyPence))
        case .inputNumber: return input(CellStyle(numberFormat: "General", horizontal: .center))
        case .inputFormatted(let format): return input(CellStyle(numberFormat: format, horizontal: .center))
        case .inputDate: return input(CellStyle(numberFormat: date, horizontal: .left))
        case .totalMoney: return CellStyle(bold: true, fill: paleBlue, numberFormat: money, border: .thin, borderColor: border)
        case .totalNumber: return CellStyle(bold: true, fill: paleBlue, numberFormat: "General", horizontal: .center, border: .thin, borderColor: border)
        case .totalMoneyQuiet: return CellStyle(bold: true, fontColor: 0x768692, fill: paleBlue, numberFormat: "£#,##0;-£#,##0;\"\"", border: .thin, borderColor: border)
        case .blankLocked: return CellStyle(border: .thin, borderColor: border)
        case .statusRed: return CellStyle(bold: true, fontSize: 13, fontColor: 0xFFFFFF, fill: 0xD5281B, vertical: .center)
        case .statusAmber: return CellStyle(bold: true, fontSize: 13, fontColor: 0x212B32, fill: 0xFFB81C, vertical: .center)
        case .statusGreen: return CellStyle(bold: true, fontSize: 13, fontColor: 0xFFFFFF, fill: 0x007F3B, vertical: .center)
        case .findingText: return CellStyle(wrap: true, vertical: .top, border: .thin, borderColor: border)
        case .findingError: return CellStyle(bold: true, fontColor: 0xD5281B, vertical: .top, border: .thin, borderColor: border)
        case .findingWarning: return CellStyle(bold: true, fontColor: 0xB35C00, vertical: .top, border: .thin, borderColor: border)
        case .findingInfo: return CellStyle(fontColor: 0x425563, vertical: .top, border: .thin, borderColor: border)
        case .link: return CellStyle(underline: true, fontColor: nhsBlue, vertical: .top, border: .thin, borderColor: border)
        }
    }

    private static func input(_ s: CellStyle) -> CellStyle {
        var s = s
        s.fill = inputYellow; s.locked = false; s.border = .thin; s.borderColor = border; s.vertical = .top
        return s
    }
}
